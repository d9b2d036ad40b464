"""Git told to merge PO files entry by entry (``catalogs.po_merge``) instead of line by line.

Two parts, as git asks of a custom merge driver: ``.gitattributes`` (committed, so every clone has it) names the
driver for the PO files (``*.po merge=po``), and each clone's own git config says what runs it
(``merge.po.driver``), which git never takes from a repository: ``setup`` writes both. Until a clone has the
config, git merges those files line by line as before; nothing breaks. The driver runs with the Python that ran
``setup`` (the one with publish_pipeline), so it needs nothing on PATH.

Git runs the driver for every three-way merge of a PO file: a pull's, a rebase's (``git pull --rebase``), which
replays each commit by one, and a stash pop's (``--autostash`` too), a cherry-pick's, a revert's and a
``checkout --merge``'s (``tests/test_merge_commands.py``). Not where a rebase applies a commit as a patch
(``rebase.backend apply``, not git's default since 2.26): where the patch applies, no merge runs, and the line it
changes lands on whatever Dutch is there; so ``setup`` sets this clone's ``rebase.backend`` back to ``merge`` where
git's config says ``apply``. Nor for ``git am`` or ``git apply`` (patches), nor a host's web merge (GitHub merges
on its servers, without a clone's config: ``line_merges`` finds what its merge commits crossed).
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from .git import COMMITTED, checkout_top, git_file_state, git_output, rebased
from .files import write_atomic

ATTRIBUTE = "merge=po"
NAME = "publish-pipeline: PO files merged entry by entry"


def attributes_line(catalogs: str) -> str:
    """The ``.gitattributes`` line for the PO files under ``catalogs`` (relative to the repository's top)."""
    return f"/{catalogs.strip('/')}/**/*.po {ATTRIBUTE}" if catalogs.strip("/") else f"*.po {ATTRIBUTE}"


def driver_command(python: str = sys.executable) -> str:
    """The command git runs, with a shell, for a merge (``%O`` base, ``%A`` ours and the result, ``%B`` theirs,
    ``%P`` its name; ``%X`` and ``%Y`` the names of the sides, which git 2.44 and later give, quoted for the shell,
    for the conflict's labels: an older git leaves them as they are, and the driver labels the sides without). When that Python is gone or no longer has publish_pipeline (a venv deleted or moved), git's own
    line merge runs instead, with its conflict markers: a driver that cannot run would leave git a conflict with
    our side alone in the file, unmarked, and the other side's work a careless commit away from lost."""
    q = shlex.quote(python)
    return (f"if {q} -c 'import publish_pipeline' 2>/dev/null; then {q} -m publish_pipeline merge-po %O %A %B %P %X %Y; "
            f"else git merge-file -L ours -L base -L theirs %A %O %B; echo %P{shlex.quote(GONE)} >&2; exit 1; fi")


GONE = ": merged line by line and left to you: the PO merge driver's Python is gone — run `invoke setup` again"
"""What git is told, after the file's name, when the driver cannot run: its line merge, with its markers where the
sides overlap, and a conflict always (exit 1), so the pull stops — merged cleanly, English could stand approved on
Dutch reworded meanwhile. The name (``%P``, which git quotes for the shell) stands outside the message's quotes: inside,
git's quotes would end them, and a name holding ``$(…)`` would run."""


PULL_MERGES = ("this clone's git config: pull.rebase false (git pull merges others' work into yours; no git config of yours said "
               "how, and git stops a pull of diverged branches until one does)")
"""Setup's phrase for the pull setting it makes where no config file of git's has one: without it, since git 2.27, a
pull of branches that diverged (the translator committed, the author pushed meanwhile: README's commit → pull → push)
stops at git's hint "Need to specify how to reconcile divergent branches" and pulls nothing (a trial)."""


def set_up(folder: Path, catalogs: str) -> list[str] | None:
    """Make git in the checkout holding ``folder`` merge the PO files under ``catalogs`` (relative to ``folder``) with
    the driver: the repository's ``.gitattributes`` and this clone's config; and pull by merging (``PULL_MERGES``) where
    no config of git's (this clone's, the user's global one, the system's) says how. What was changed, one phrase each
    (none when all were so already); None when ``folder`` is in no git checkout or git cannot be run."""
    found = git_output(folder, "rev-parse", "--show-toplevel", "--show-prefix")
    if found is None:
        return None
    top, prefix = (found.split("\n") + [""])[:2]
    changed = []
    if (git_output(folder, "config", "--get", "merge.po.driver") or "").strip() != driver_command():
        if git_output(folder, "config", "merge.po.name", NAME) is None or git_output(folder, "config", "merge.po.driver", driver_command()) is None:
            return None
        changed.append("this clone's git config: merge.po.driver")
    if (git_output(folder, "config", "--get", "rebase.backend") or "").strip() == "apply":  # replays a commit without a merge
        if git_output(folder, "config", "rebase.backend", "merge") is None:
            return None
        changed.append("this clone's git config: rebase.backend merge (the apply backend replays a commit without a merge: without the driver)")
    if git_output(folder, "config", "--get", "pull.rebase") is None:  # set in no config file: git would ask at the first divergent pull
        if git_output(folder, "config", "pull.rebase", "false") is None:
            return None
        changed.append(PULL_MERGES)
    attributes = Path(top) / ".gitattributes"
    line = attributes_line(prefix + catalogs)
    before = attributes.read_text(encoding="utf-8") if attributes.is_file() else ""
    if line not in before.splitlines():
        write_atomic(attributes, before + ("" if not before or before.endswith("\n") else "\n") + line + "\n")
        changed.append(f".gitattributes: {line}")
    return changed


def attributes_uncommitted(folder: Path) -> bool:
    """Whether the ``.gitattributes`` of the checkout holding ``folder`` differs from the last commit (or no commit has
    it): what ``setup`` leaves to do, as only a committed line reaches the other clones (and CI's)."""
    top = checkout_top(folder)
    return top is not None and (top / ".gitattributes").is_file() and git_file_state(top / ".gitattributes") != COMMITTED


def line_merged(folder: Path, merges: Sequence[str] = ()) -> str | None:
    """The warning for a clone whose ``.gitattributes`` asks for the driver while its git config has none (``setup``
    never ran in it): git merges its PO files line by line, which can put the translator's English on Dutch the
    author reworded meanwhile, approved, with nothing to show for it; where no ``.gitattributes`` asks for it, the
    warning once git's history holds such ``merges`` (a merge commit that merged a PO file from both sides' versions,
    which every clone then made line by line), or once the clone rebases (``rebasing``). A rebase is no merge
    commit: what its line merge crossed is in no history (``line_merges`` finds crossings in merge commits), so each
    warning says a rebase is not guarded either; the driver serves a rebase's merges as a pull's. Where the driver is
    set up, the warning of a config set back to the apply backend since (``APPLY_UNGUARDED``). None where setup
    ran, and in CI (``in_ci``: a fresh clone, which merges nothing); elsewhere each says that a CI job may ignore it
    (a runner ``in_ci`` does not know is told so in its log)."""
    if in_ci():
        return None
    said = _unset(folder, merges)
    return f"{said} ({IN_CI})" if said else None


CI_VARIABLES = (
    "CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "CIRCLECI", "JENKINS_URL", "TF_BUILD", "WOODPECKER", "DRONE",
    "TEAMCITY_VERSION", "BITBUCKET_BUILD_NUMBER", "CODEBUILD_BUILD_ID", "TRAVIS", "APPVEYOR",
)
"""What CI services set in every job: ``CI`` most of them (GitHub Actions, GitLab, Buildkite, CircleCI, Woodpecker,
Drone, Travis, AppVeyor, Bitbucket), and each its own name besides; Jenkins (``JENKINS_URL``), Azure Pipelines
(``TF_BUILD``), TeamCity and AWS CodeBuild set no ``CI`` at all."""

IN_CI = "a CI job, whose fresh clone merges nothing, may ignore this: set CI=true in its environment to silence it"
"""What a warning meant for a person's clone says to a CI log's reader where the runner is none ``in_ci`` knows."""


def in_ci(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether this runs in a CI job (``CI_VARIABLES``; ``CI=false`` or ``0`` says it does not): a fresh clone that
    pulls and merges nothing."""
    return any(environ.get(name, "").strip().lower() not in ("", "false", "0") for name in CI_VARIABLES)


def _unset(folder: Path, merges: Sequence[str]) -> str | None:
    """``line_merged``'s warning, wherever it runs."""
    top = checkout_top(folder)
    try:
        asked = top is not None and any(ATTRIBUTE in line.split() for line in (top / ".gitattributes").read_text(encoding="utf-8").splitlines())
    except UnicodeDecodeError:
        return None
    except OSError:
        asked = False
    if not asked and top is not None and (merges or (how := rebasing(folder))):
        said = f"git merge {merges[0][:10]}: warning: git merged a PO file line by line (no clone has run `invoke setup`)" if merges else (
            f"{top / '.git'}: warning: this clone {how} and git merges its PO files line by line (it has not run `invoke setup`)")
        return (f"{said}, which can put English on Dutch reworded meanwhile, or lose one side's English where a conflict is resolved "
                f"by taking the other's file, unnoticed; {REBASE_UNGUARDED}: run `invoke setup` once in "
                "this clone, and commit the .gitattributes it writes")
    if not asked:
        return None
    settings = git_output(folder, "config", "--get-regexp", r"^(merge\.po\.driver|rebase\.backend)$") or ""  # one git process for both
    said = dict(line.partition(" ")[::2] for line in settings.splitlines())
    driver, backend = said.get("merge.po.driver", "").strip(), said.get("rebase.backend", "").strip()
    if not driver:
        return (".gitattributes: warning: it asks git to merge the PO files entry by entry, but this clone has no merge.po.driver, so a pull "
                f"merges them line by line, which can put English on Dutch reworded meanwhile, unnoticed; {REBASE_UNGUARDED}: run "
                "`invoke setup` once in this clone")
    python = _python_of(driver)
    # the command of before %X %Y (git 2.44's names of the sides) merges as safely, its conflicts labelled plainly
    if python is None or (os.path.exists(python) and driver in (driver_command(python), driver_command(python).replace(" %X %Y;", ";"))):
        return APPLY_UNGUARDED if python is not None and backend == "apply" else None
    if os.path.exists(python):  # its fallback may be one that ran what a PO file's name held
        return ".gitattributes: warning: the PO merge driver is one an earlier version of setup wrote: run `invoke setup` again in this clone"
    return (f".gitattributes: warning: the PO merge driver's Python ({python}) is gone, so a pull stops at every PO file both sides "
            "changed: run `invoke setup` again in this clone")


APPLY_UNGUARDED = (".gitattributes: warning: this clone's git config rebases with rebase.backend apply, which replays a commit as a "
                   "patch: where it applies, no merge runs, so no PO merge driver, which can put English on Dutch reworded meanwhile, "
                   "unnoticed: run `invoke setup` again in this clone (it sets rebase.backend merge)")
"""What a clone whose driver is set up is told when its config was set back to the apply backend after ``setup``."""

REBASE_UNGUARDED = ("a `git pull --rebase` does so leaving no merge commit, which check never finds, and so do a stash pop, a "
                    "cherry-pick and a revert (setup's merge driver serves each of them too)")
"""What each warning of a clone without the driver says of a rebase: no history shows what it crossed (the rebased
commit has the new Dutch for parent; the version she translated is in no branch, and in no other clone)."""


def rebasing(folder: Path) -> str | None:
    """How the clone of ``folder`` takes in others' commits, said for the warning: it rebased (its reflog keeps a
    rebase), or its git config pulls so (``pull.rebase``, ``branch.<name>.rebase``, in any of git's config files), or it
    has a remote to pull from at all (the first merge of a PO file git makes line by line, or one a person resolves by
    taking her own side whole, drops or crosses the other side's English with nothing to show: better said before it);
    None where none of these (a clone on its own). One ``git config``."""
    if rebased(folder):
        return "rebased (its reflog keeps a rebase)"
    said = git_output(folder, "config", "--get-regexp", r"^(pull|branch\..*)\.rebase$|^remote\..*\.url$") or ""
    settings = [(name, value.strip()) for name, _, value in (line.partition(" ") for line in said.splitlines())]
    named = [name for name, value in settings if name.endswith(".rebase") and value.lower() not in ("false", "no", "off", "0")]
    remotes = [name.split(".")[1] for name, _ in settings if name.startswith("remote.")]
    return f"pulls with --rebase ({named[0]})" if named else f"pulls from a remote ({remotes[0]})" if remotes else None


def _python_of(driver: str) -> str | None:
    """The Python a driver command that ``setup`` wrote runs (``if <python> -c …``), or None for another command."""
    try:
        words = shlex.split(driver)
    except ValueError:
        return None
    return words[1] if len(words) > 2 and words[0] == "if" and words[2] == "-c" else None
