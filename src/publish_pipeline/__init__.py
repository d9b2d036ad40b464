"""publish_pipeline: a Dutch author's Markdown, reviewed English translations in PO files, one bilingual site."""

from __future__ import annotations

from functools import cache
from typing import Any

__version__ = "0.1.0"
__all__ = ["PipelineError", "Site", "__version__", "build_id"]


@cache
def build_id() -> str:
    """``__version__`` and a digest of this package's own code: what every cache in ``.cache/`` is keyed by.

    A kept parse, verdict or extract record is only valid for the code that made
    it; between releases (a ``git pull`` of the tool, an editable install) the
    version alone does not change, so the code itself is hashed (about a
    millisecond for the whole package).
    """
    import hashlib
    import os

    digest = hashlib.sha256(__version__.encode())
    package = os.path.dirname(__file__)
    for folder, folders, files in sorted(os.walk(package)):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                with open(path, "rb") as stream:  # a module's place is part of the code: moved, it is another module
                    digest.update(os.path.relpath(path, package).encode() + b"\0" + stream.read())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def __getattr__(name: str) -> Any:
    # loaded on first use: a quick command (a no-op extract) must not pay for the YAML and Markdown parsers
    if name == "PipelineError":
        from .errors import PipelineError

        return PipelineError
    if name == "Site":
        from .site import Site

        return Site
    raise AttributeError(name)
