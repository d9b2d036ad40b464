"""One command at a time on a site: the commands that write take the site's lock.

A second ``extract``, ``draft``, ``export`` or ``publish`` on the same site while
one runs stops at once with a message naming the command that holds the lock.
The lock is an OS file lock (``flock``), so a killed process never leaves it behind.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import PipelineError
from ..site import Site

LOCK_FILE = ".cache/publish_pipeline/lock"


@contextmanager
def site_lock(site: Site, command: str) -> Iterator[None]:
    path = site.root / LOCK_FILE
    site.check_inside(path)  # the .cache folder leads nowhere else; the lock itself is no link (O_NOFOLLOW)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        raise PipelineError(LOCK_FILE, "is a link, and the lock would empty the file it leads to", hint="delete the link") from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 200, 0).decode("utf-8", "replace").strip() or "another command"
            raise PipelineError(
                str(site.root),
                f"{holder} is working on this site",
                hint="wait for it to finish, then run this command again",
            ) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"'{command}' (process {os.getpid()})".encode(), 0)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
