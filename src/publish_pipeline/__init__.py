"""publish_pipeline: a Dutch author's Markdown, reviewed English translations in PO files, one bilingual site."""

from .errors import PipelineError
from .site import Site

__version__ = "0.1.0"
__all__ = ["PipelineError", "Site", "__version__"]
