"""Commands: curation (registered on the main group)."""
