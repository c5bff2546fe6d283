"""Commands: query (registered on the main group)."""
