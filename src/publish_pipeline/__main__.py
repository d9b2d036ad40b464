"""``publish-pipeline`` / ``python -m publish_pipeline``: the Invoke tasks as a program of their own."""

import os
import sys

KEPT_OPTIONS = ("help", "list", "version")
"""Invoke's own options that mean something here; the rest (--pty, --echo, -T, …) run shell commands, which no task does."""


def main() -> None:
    root = _extract_root(sys.argv[1:])
    if root is not None:
        from .plumbing.freshness import answer

        if answer(root):
            return  # a no-op extract, answered before Invoke and the parsers are loaded (0.05 s instead of 0.2 s)
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

    program = Pipeline(namespace=Collection.from_module(tasks), name="publish-pipeline", binary="publish-pipeline", version=__version__)
    try:
        program.run()
    except BrokenPipeError:  # the reader went away (`publish-pipeline status | head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


def _extract_root(arguments: list[str]) -> str | None:
    """The site folder of an ``extract [--root FOLDER]`` command line; None for any other."""
    match arguments:
        case ["extract"]:
            return "."
        case ["extract", "--root" | "-r", root]:
            return root
        case ["extract", option] if option.startswith("--root="):
            return option.removeprefix("--root=")
    return None


if __name__ == "__main__":
    main()
