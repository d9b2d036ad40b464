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


def answer(arguments: list[str]) -> bool:
    """Answer a plain ``extract``, ``publish`` or ``export`` command line (``--root FOLDER``, and export's ``--out
    FOLDER``) if nothing changed since its last clean run, as the command would; False for any other command line
    (another option: the real task runs)."""
    from .plumbing.freshness import OPTIONS, answer as answer_quickly

    command, *rest = arguments or [""]
    given = _options(rest, ("root", *OPTIONS[command])) if command in OPTIONS else None
    if given is None:
        return False
    return answer_quickly(command, given.pop("root", "."), {name: given.get(name, "") for name in OPTIONS[command]})


def _options(arguments: list[str], names: tuple[str, ...]) -> dict[str, str] | None:
    """Each of ``names`` given once as ``--name VALUE`` or ``--name=VALUE`` (``-r``: ``--root``); None for anything else."""
    given: dict[str, str] = {}
    while arguments:
        word, *arguments = arguments
        option, equals, value = word.partition("=")
        name = {"-r": "--root"}.get(option, option).removeprefix("--")
        if not option.startswith("-") or name not in names or name in given or not (equals or arguments):
            return None
        if not equals:
            value, *arguments = arguments
        given[name] = value
    return given


if __name__ == "__main__":
    main()
