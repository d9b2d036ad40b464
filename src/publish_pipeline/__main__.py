"""``publish-pipeline`` / ``python -m publish_pipeline``: the Invoke tasks as a program of their own."""

import os
import sys

KEPT_OPTIONS = ("help", "list", "version")
"""Invoke's own options that mean something here; the rest (--pty, --echo, -T, …) run shell commands, which no task does."""
PLAIN = {"extract": (), "publish": (), "export": ("out",), "status": ("format",), "check": ("format",)}
"""The commands a plain command line runs without Invoke, and the options with a value each takes besides ``--root``:
CI runs ``status`` or ``check`` on every push, a translator after each save (Invoke is a fifth of a warm one)."""
FLAGS = {"extract": ("pre-commit",), "status": ("json", "all"), "check": ("list", "silenced")}
"""The options without a value a plain command line may give: the pre-commit hook runs ``extract --pre-commit``."""
POSITIONAL = {"merge-po": ("base", "ours", "theirs", "name")}
"""The commands a plain command line of these arguments (none an option) runs without Invoke (to Invoke they are
options, so that ``--help`` works: ``tasks.merge_po``): git runs ``merge-po`` for each PO file both sides changed
(Invoke's imports were a sixth of its instructions). It runs without ``tasks`` too (``_merge_po``), whose imports
(the settings' YAML, the site) a merge of three files needs none of."""
LABELS = {"merge-po": ("ours_label", "theirs_label")}
"""What may follow a ``POSITIONAL`` command's arguments: git's names of the sides (``%X %Y``), which git 2.44 and later
give (an empty one where it has none), an older git as they are."""


def main() -> None:
    sys.unraisablehook = _interrupted_where_it_cannot_be_raised
    try:
        if answer(sys.argv[1:]):  # a no-op extract, publish or export is answered before Invoke and the parsers load
            return
        plain = _plain(sys.argv[1:])
        if plain is None:
            _program().run()
        else:  # as Invoke would run it, without Invoke
            _run(*plain)
    except BrokenPipeError:  # the reader went away (`publish-pipeline status | head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except KeyboardInterrupt:  # Ctrl-C: the shell's code for it, and no traceback
        print(_interrupted(), file=sys.stderr)
        sys.exit(130)


INTERRUPTED = dict.fromkeys(("status", "check"), "interrupted — nothing was written (but caches in .cache/, each whole)")
"""What Ctrl-C leaves, by command: ``status`` and ``check`` write only caches, each replaced in one step
(``freshness.write_cache``); the others may have written some of their files."""


def _interrupted() -> str:
    return "\n" + INTERRUPTED.get((sys.argv[1:] or [""])[0], "interrupted")


def _interrupted_where_it_cannot_be_raised(unraisable) -> None:  # type: ignore[no-untyped-def]
    """Ctrl-C while Python runs a callback whose exception it cannot raise (the collector's: ``memory.long_lived``):
    Python would print a traceback and go on as if no key were pressed, so stop here."""
    if not issubclass(unraisable.exc_type, KeyboardInterrupt):
        return sys.__unraisablehook__(unraisable)
    print(_interrupted(), file=sys.stderr, flush=True)
    os._exit(130)


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


def _plain(arguments: list[str]) -> tuple[str, dict[str, str | bool]] | None:
    """A plain command line of one of ``PLAIN`` as Invoke reads it (each of the task's options given at most once, as
    ``--name VALUE`` or ``--name=VALUE``, each flag as ``--name``), or of one of ``POSITIONAL`` (its arguments, none
    an option): the command and its options; else None."""
    if arguments[:1] and arguments[0] in POSITIONAL:
        command, *values = arguments
        names, more = POSITIONAL[command], LABELS.get(command, ())
        if any(value.startswith("-") for value in values[: len(names)]):
            return None  # --help, or the task's options: Invoke's
        whole = len(values) in (len(names), len(names) + len(more)) and all(values[: len(names)])
        return command, dict(zip((*names, *more), values)) if whole else {}  # {}: not as git runs it (``_run`` says how it does)
    command = _command(arguments, PLAIN)
    if command is None or any(word.startswith("-") and not word.startswith("--") for word in arguments):
        return None  # ``-r``: the quick answer takes it for ``--root``, Invoke does not
    if any(isinstance(value, str) and (not value or value.startswith("-")) for value in command[1].values()):
        return None  # Invoke's own parser says what is wrong with an empty value, or a flag in place of one
    return command


def _run(command: str, options: dict[str, str | bool]) -> None:
    """Run a plain command's task as Invoke's program runs it, without loading Invoke: a task that ends with
    Invoke's ``Exit`` (Invoke is loaded then) says its message on stderr and exits with its code."""
    if command == "merge-po":
        if not options:
            from .tasks import MERGE_PO_USAGE

            print(MERGE_PO_USAGE, file=sys.stderr)
            sys.exit(2)
        _merge_po(**{name: str(value) for name, value in options.items()})
        return
    from . import tasks

    try:
        getattr(tasks, command.replace("-", "_"))(None, **{name.replace("-", "_"): value for name, value in options.items()})
    except Exception as stop:
        from invoke import Exit

        if not isinstance(stop, Exit):
            raise
        if stop.message:
            print(stop.message, file=sys.stderr)
        sys.exit(stop.code)


def _merge_po(base: str, ours: str, theirs: str, name: str, ours_label: str = "", theirs_label: str = "") -> None:
    """The ``merge-po`` task (``tasks.merge_po``) as git runs it, once for each PO file both sides changed: its line
    on stderr and its exit code (1: conflicts left in the file), without loading the tasks or Invoke."""
    from pathlib import Path

    from .catalogs.po_merge import merge_driver

    code, said = merge_driver(Path(base), Path(ours), Path(theirs), name, named=(ours_label, theirs_label))
    if said:
        print(said, file=sys.stderr)
    sys.exit(code)


def answer(arguments: list[str]) -> bool:
    """Answer a plain ``extract``, ``publish`` or ``export`` command line (``--root FOLDER``, and export's ``--out
    FOLDER``) if nothing changed since its last clean run, as the command would; False for any other command line
    (another option: the real task runs)."""
    if arguments[:1] and arguments[0] in POSITIONAL:
        return False  # git's merge driver: never answered so, and not worth loading what the answer reads
    from .plumbing.freshness import OPTIONS, answer as answer_quickly

    given = _command(arguments)
    if given is None:
        return False
    command, options = given
    root = str(options.pop("root", "."))
    if options.get("pre-commit"):
        from pathlib import Path

        from .plumbing.commit_hook import PO_ALONE, committed, of_po_files_alone, tagged

        files = committed(Path(root), hand_on=True)  # the commit being made: asked of git once, here or for the task
        if of_po_files_alone(Path(root), files):
            print(PO_ALONE, flush=True)
            return True
        from .plumbing.git_exclude import exported

        if (tagged_files := tagged(Path(root), files)) is None or tagged_files or exported(Path(root), files or ()) or _untracked_catalogs(root):
            return False  # the task checks its template links, the PO files it deletes the Dutch of and export's files, or marks new ones (see plumbing.commit_hook)
    return answer_quickly(command, root, {name: str(options.get(name, "")) for name in OPTIONS[command]})


def _untracked_catalogs(root: str) -> bool:
    """Whether the site in ``root`` has files in translations/ that git neither tracks nor ignores."""
    from pathlib import Path

    from .plumbing.git import untracked

    return bool(untracked(Path(root), "translations"))


def _command(arguments: list[str], commands: dict[str, tuple[str, ...]] | None = None) -> tuple[str, dict[str, str | bool]] | None:
    """A command line of one of ``commands`` (each with its options that take a value; default: those the quick
    answer knows, ``freshness.OPTIONS``) with its options (``_options``); None for any other."""
    from .plumbing.freshness import OPTIONS

    commands = OPTIONS if commands is None else commands
    command, *rest = arguments or [""]
    given = _options(rest, ("root", *commands[command]), FLAGS.get(command, ())) if command in commands else None
    return None if given is None else (command, given)


def _options(arguments: list[str], names: tuple[str, ...], flags: tuple[str, ...] = ()) -> dict[str, str | bool] | None:
    """Each of ``names`` given once as ``--name VALUE`` or ``--name=VALUE`` (``-r``: ``--root``), and each of
    ``flags`` at most once as ``--flag`` (True); None for anything else."""
    given: dict[str, str | bool] = {}
    while arguments:
        word, *arguments = arguments
        option, equals, value = word.partition("=")
        name = {"-r": "--root"}.get(option, option).removeprefix("--")
        if option.startswith("--") and name in flags and name not in given and not equals:
            given[name] = True
            continue
        if not option.startswith("-") or name not in names or name in given or not (equals or arguments):
            return None
        if not equals:
            value, *arguments = arguments
        given[name] = value
    return given


if __name__ == "__main__":
    main()
