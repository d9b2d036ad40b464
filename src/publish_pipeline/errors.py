"""The errors the library raises for bad input.

Every error knows where it happened (a site-relative path, optionally with a line),
what is wrong, and what the user can do about it. The library never prints; the
command line turns an error into one line: ``location: problem`` plus a hint.
"""

from __future__ import annotations

import errno


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
    """``pipeline.yaml`` is malformed or has a value that is not allowed, or the generator's own configuration lacks
    what export relies on (see ``output.hugo_config``)."""


class SourceError(PipelineError):
    """A Dutch source document cannot be read or understood."""


class CatalogError(PipelineError):
    """A PO file cannot be read, or would not be safe to overwrite."""


class SitePathError(PipelineError):
    """A path leads outside the site folder (through ``..`` or a symbolic link)."""


class ReassemblyError(PipelineError):
    """A translation would change the structure of the document it belongs to.

    ``segments``: every segment whose translation does it alone (none when only several together do);
    ``causes``: for each of them, what in its translation does it and what to do.
    """

    def __init__(
        self, location: str, problem: str, *, line: int | None = None, hint: str = "", segments: tuple[object, ...] = (),
        causes: tuple[str, ...] = (),
    ) -> None:
        super().__init__(location, problem, line=line, hint=hint)
        self.segments = segments
        self.causes = causes


class FileSystemError(PipelineError):
    """The operating system refused a read or a write: a full disk, a read-only folder, a name too long."""


_FILE_SYSTEM_PROBLEMS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("the disk is full", "free some disk space, then run the command again"),
    errno.EDQUOT: ("the disk quota is used up", "free some disk space, then run the command again"),
    errno.EROFS: ("the file system is read-only", "run the command where the site can be written, or mount it read-write"),
    errno.EACCES: ("not allowed: the file or its folder is read-only or someone else's",
                   "make it writable (chmod u+w), then run the command again"),
    errno.EPERM: ("not allowed: the file or its folder is read-only or locked",
                  "make it writable (chmod u+w; chattr -i if it was made immutable), then run the command again"),
    errno.ENAMETOOLONG: ("the name is too long for the file system", "use a shorter file name or slug"),
    errno.EISDIR: ("a folder stands where a file is expected", "rename or remove that folder"),
    errno.ENOTDIR: ("a file stands where a folder is expected", "rename or remove that file"),
}


def file_system_error(error: OSError, location: str) -> FileSystemError:
    """``error`` worded for a person: where (``location``), what went wrong in words, and what to do.

    Whatever the operation was, nothing it left is half-written (writes go to a
    temporary file first), so the hint only needs to say how to get going again.
    """
    problem, hint = _FILE_SYSTEM_PROBLEMS.get(
        error.errno or 0, (f"the operating system refused: {error.strerror or error}", "fix that, then run the command again")
    )
    return FileSystemError(location, problem, hint=hint)


class OutputError(PipelineError):
    """An output (``--out``) holds files that the command did not make, so it may not write there."""


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
