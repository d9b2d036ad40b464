"""The errors the library raises for bad input.

Every error knows where it happened (a site-relative path, optionally with a line),
what is wrong, and what the user can do about it. The library never prints; the
command line turns an error into one line: ``location: problem`` plus a hint.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Bad input or a refused operation, with its location first.

    ``location`` is a site-relative path such as ``source_nl/blog/x.md`` and
    ``line`` (1-based) narrows it down; ``hint`` says what to do next.
    """

    def __init__(self, location: str, problem: str, *, line: int | None = None, hint: str = "") -> None:
        self.location = location
        self.line = line
        self.problem = problem
        self.hint = hint
        super().__init__(self.message)

    @property
    def where(self) -> str:
        return f"{self.location}:{self.line}" if self.line else self.location

    @property
    def message(self) -> str:
        return f"{self.where}: {self.problem}"

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[object, ...]:
        # keyword arguments survive pickling (errors travel back from worker processes)
        return (type(self), (self.location, self.problem), dict(self.__dict__))


class ConfigError(PipelineError):
    """``pipeline.yaml`` is malformed or has a value that is not allowed."""


class SourceError(PipelineError):
    """A Dutch source document cannot be read or understood."""


class CatalogError(PipelineError):
    """A PO file cannot be read, or would not be safe to overwrite."""


class SitePathError(PipelineError):
    """A path leads outside the site folder (through ``..`` or a symbolic link)."""


class ReassemblyError(PipelineError):
    """A translation would change the structure of the document it belongs to.

    ``segment``: the segment whose translation does it, when one alone does.
    """

    def __init__(self, location: str, problem: str, *, line: int | None = None, hint: str = "", segment: object | None = None) -> None:
        super().__init__(location, problem, line=line, hint=hint)
        self.segment = segment


EXCERPT = 60
"""Characters of a value that a message shows: enough to find it, never a flood (a value can be megabytes)."""


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """A value as a message shows it: its ``repr`` (control characters escaped), cut to ``limit`` characters with "…"."""
    if isinstance(value, str):
        cut = value[:limit]
        return repr(cut) + ("…" if len(value) > limit else "")
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # an integer too long to write in decimal; a deeply nested list
        return f"a {type(value).__name__} too large to show"
    return text if len(text) <= limit else text[:limit] + "…"
