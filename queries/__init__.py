"""Research questions over any `GraphStore`: one function per answer, store first, options keyword-only."""
from .lookup import find_entity, search_names

__all__ = ["find_entity", "search_names"]
