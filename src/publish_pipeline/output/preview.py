"""``serve``: the built site on 127.0.0.1, as its host will serve it.

A site published at ``https://<user>.github.io/<repository>`` links to
``/<repository>/style.css``, so the preview serves the folder under that same
path (and sends ``/`` there); a page that does not exist gets the site's own
``404.html`` with status 404, as GitHub Pages and most hosts do.
"""

from __future__ import annotations

import errno
import functools
import http.server
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import PipelineError

HOST = "127.0.0.1"


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Files of one folder under a path prefix (``""`` for none); the folder's 404.html for what is missing."""

    def __init__(self, *args: object, directory: str, prefix: str, **kwargs: object) -> None:
        self.prefix = prefix
        super().__init__(*args, directory=directory, **kwargs)  # type: ignore[arg-type]

    def send_head(self):  # type: ignore[no-untyped-def]
        path = urlsplit(self.path).path
        if self.prefix and path in ("/", self.prefix):
            self.send_response(301)
            self.send_header("Location", self.prefix + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if self.prefix and not path.startswith(self.prefix + "/"):
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        return super().translate_path(path[len(self.prefix):] if path.startswith(self.prefix + "/") else path)

    def list_directory(self, path: str) -> None:  # type: ignore[override]
        self.send_error(404)  # a folder without index.html: a host shows no listing either
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(str(self.directory)) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # a preview for one person: the requests are not news


def preview_server(folder: Path, base_url: str, port: int) -> http.server.ThreadingHTTPServer:
    """A server for ``folder`` on 127.0.0.1:``port``, under ``base_url``'s path; refuses a port in use in one line."""
    prefix = urlsplit(base_url).path.rstrip("/")
    handler = functools.partial(PreviewHandler, directory=str(folder), prefix=prefix)
    try:
        return http.server.ThreadingHTTPServer((HOST, port), handler)
    except (OSError, OverflowError) as error:
        raise refused_port(error, port) from None


def refused_port(error: OSError | OverflowError, port: int) -> Exception:
    """The one-line problem for a port that cannot be bound (in use, privileged, no number); any other error as it is."""
    if isinstance(error, OverflowError):
        return PipelineError(f"{HOST}:{port}", "not a port number", hint="use a number from 1 to 65535, e.g. --port 8000")
    if error.errno == errno.EADDRINUSE:
        return PipelineError(f"{HOST}:{port}", "the port is in use", hint=f"stop what uses it, or try --port {port + 1}")
    if error.errno == errno.EACCES:
        return PipelineError(f"{HOST}:{port}", "not allowed to use this port", hint="try a port above 1024, e.g. --port 8000")
    return error


def address(server: http.server.ThreadingHTTPServer, base_url: str) -> str:
    """The preview's address of the home page."""
    return f"http://{HOST}:{server.server_address[1]}{urlsplit(base_url).path.rstrip('/')}/"
