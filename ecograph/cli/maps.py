"""Commands: maps (registered on the main group)."""
