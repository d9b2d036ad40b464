"""publish_pipeline: a Dutch author's Markdown, reviewed English translations in PO files, one bilingual site."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["PipelineError", "Site", "__version__"]


def __getattr__(name: str) -> Any:
    # loaded on first use: a quick command (a no-op extract) must not pay for the YAML and Markdown parsers
    if name == "PipelineError":
        from .errors import PipelineError

        return PipelineError
    if name == "Site":
        from .site import Site

        return Site
    raise AttributeError(name)
