"""``publish-pipeline`` / ``python -m publish_pipeline``: the Invoke tasks as a program of their own."""

import os
import sys

KEPT_OPTIONS = ("help", "list", "version")
"""Invoke's own options that mean something here; the rest (--pty, --echo, -T, …) run shell commands, which no task does."""


def main() -> None:
    try:
        if not answer(sys.argv[1:]):  # a no-op extract or publish is answered before Invoke and the parsers are loaded
            _program().run()
    except BrokenPipeError:  # the reader went away (`publish-pipeline status | head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


def _program():  # type: ignore[no-untyped-def]
    """Invoke's program of the tasks, with only the options that apply."""
    from invoke import Collection, Program
    from invoke.util import Lexicon

    from . import __version__, tasks

    class Pipeline(Program):
        """Invoke's program with only the options that apply (``invoke`` itself, through tasks.py, keeps them all)."""

        def core_args(self) -> list:  # type: ignore[type-arg]
            return [argument for argument in super().core_args() if argument.name in KEPT_OPTIONS]

        @property
        def args(self) -> Lexicon:
            # Invoke reads its other options' values while it runs: they keep their defaults
            return Lexicon({**{argument.name: argument for argument in super().core_args()}, **super().args})

    return Pipeline(namespace=Collection.from_module(tasks), name="publish-pipeline", binary="publish-pipeline", version=__version__)


QUICK = ("extract", "publish")
"""The commands answered before Invoke loads when nothing they depend on changed (``plumbing.freshness``)."""


def answer(arguments: list[str]) -> bool:
    """Answer a plain ``extract`` or ``publish [--root FOLDER]`` command line if nothing changed since its last
    clean run, as the command would; False for any other command line (another option: the real task runs)."""
    match arguments:
        case [command] if command in QUICK:
            root = "."
        case [command, "--root" | "-r", root] if command in QUICK:
            pass
        case [command, option] if command in QUICK and option.startswith("--root="):
            root = option.removeprefix("--root=")
        case _:
            return False
    from .plumbing.freshness import answer as answer_quickly

    return answer_quickly(command, root)


if __name__ == "__main__":
    main()
