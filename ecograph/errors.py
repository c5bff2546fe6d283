"""The error types library code raises; the CLI turns them into messages at one point."""
from __future__ import annotations


class EcographError(Exception):
    """Base of every error ecograph reports to a user. `hint` says what to do next."""

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


class ReadError(EcographError):
    """A document could not be read (missing, unsupported, binary, corrupt). Names the file."""

    def __init__(self, path: str, problem: str, *, hint: str | None = None):
        super().__init__(f"{path}: {problem}", hint=hint)
        self.path = path
        self.problem = problem


class StoreError(EcographError):
    """The store is unreachable, refuses us, or holds data we cannot load."""


class NotFound(EcographError):
    """A name matched no entity. `suggestions` holds close names ("did you mean")."""

    def __init__(self, name: str, suggestions: list[str] | None = None):
        self.name = name
        self.suggestions = suggestions or []
        hint = ("did you mean: " + ", ".join(self.suggestions)) if self.suggestions else None
        super().__init__(f"no entity matches {name!r}", hint=hint)


class Ambiguous(EcographError):
    """A name matched several entities equally well."""

    def __init__(self, name: str, candidates: list[str]):
        self.name = name
        self.candidates = candidates
        super().__init__(f"{name!r} is ambiguous", hint="candidates: " + "; ".join(candidates))


class QueryRefused(EcographError):
    """A user Cypher statement would write, or is otherwise not allowed."""
