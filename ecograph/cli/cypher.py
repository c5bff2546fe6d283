"""Commands: cypher (registered on the main group)."""
