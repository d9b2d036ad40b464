"""The package's folders are its flow: no import runs against it (issue 18).

A module imports only from the ground floor (the top-level ``errors``, ``wording``,
``config``, ``site`` and ``plumbing/``), from its own stage and from the stages before
it; nothing but ``__main__`` imports the commands. Imports are read with ``ast``, so
an import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import publish_pipeline

ORDER = (
    ("__init__", "errors", "wording", "config", "jekyll_config", "site", "plumbing"),  # the ground floor
    ("text",),
    ("catalogs",),
    ("drafts",),
    ("quality",),
    ("output",),
    ("workspace",),
    ("__main__", "tasks"),  # the commands
)
"""The flow, ground floor first: a module may import only from its own rank and the ranks before it."""
RANK = {place: rank for rank, places in enumerate(ORDER) for place in places}
COMMANDS = ("__main__", "tasks")
STAGES = ("plumbing", "text", "catalogs", "drafts", "quality", "output", "workspace")


def place(module: str) -> str:
    """``text`` for ``publish_pipeline.text.document``, ``site`` for ``publish_pipeline.site``, ``__init__`` for the package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path, package_dir: Path) -> list[tuple[int, str]]:
    """``(line, module)`` for every import of the package in one file, at any depth."""
    parts = path.relative_to(package_dir.parent).with_suffix("").parts
    package = parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1] if node.level else ()) + (node.module.split(".") if node.module else [])
            if not base or base[0] != package_dir.name:
                continue
            for alias in node.names:  # ``from . import markdown`` imports a module, ``from . import build_id`` a name
                inner = package_dir.parent.joinpath(*base, alias.name)
                found.append((node.lineno, ".".join(base + [alias.name] if inner.is_dir() or inner.with_suffix(".py").is_file() else base)))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == package_dir.name]
    return found


def violations(package_dir: Path) -> list[str]:
    """``file:line: what is wrong`` for every import against the flow, and every module with no place in it."""
    found = []
    for path in sorted(package_dir.rglob("*.py")):
        name = path.relative_to(package_dir.parent).as_posix()
        here = place(".".join(path.relative_to(package_dir.parent).with_suffix("").parts))
        if here not in RANK:
            found.append(f"{name}: {here} has no place in the flow (ORDER in tests/test_layout.py)")
            continue
        for line, module in imports(path, package_dir):
            there = place(module)
            if there in COMMANDS and here != "__main__":
                found.append(f"{name}:{line}: imports {module}: nothing but __main__ imports the commands")
            elif there in RANK and RANK[there] > RANK[here]:
                found.append(f"{name}:{line}: imports {module}: {here} comes before {there} in the flow")
    return found


def test_no_import_runs_against_the_flow() -> None:
    assert violations(Path(publish_pipeline.__file__).parent) == []


def test_every_stage_says_what_it_takes_gives_and_never_imports() -> None:
    package_dir = Path(publish_pipeline.__file__).parent
    assert sorted(path.name for path in package_dir.iterdir() if (path / "__init__.py").exists()) == sorted(STAGES)
    for stage in STAGES:
        docstring = ast.get_docstring(ast.parse((package_dir / stage / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "Never imports" in docstring.split("\n")[2], stage


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root / "pkg"


def test_an_import_against_the_flow_is_caught_even_inside_a_function(tmp_path: Path) -> None:
    package_dir = write(tmp_path, {
        "pkg/__init__.py": "def build_id(): ...\n",
        "pkg/site.py": "from . import build_id\n",
        "pkg/tasks.py": "",
        "pkg/__main__.py": "from . import tasks\n",
        "pkg/plumbing/__init__.py": "",
        "pkg/plumbing/files.py": "from ..site import build_id\n",
        "pkg/text/__init__.py": "",
        "pkg/text/document.py": "import os\n\n\ndef read():\n    from ..output import pages\n",
        "pkg/catalogs/__init__.py": "",
        "pkg/catalogs/catalog.py": "from ..text import document\nfrom ..plumbing.files import build_id\n",
        "pkg/output/__init__.py": "",
        "pkg/output/pages.py": "from .. import tasks\nimport pkg.workspace.app\n",
        "pkg/workspace/__init__.py": "",
        "pkg/workspace/app.py": "from pkg.catalogs import catalog\n",
        "pkg/later/thing.py": "",
    })
    assert violations(package_dir) == [
        "pkg/later/thing.py: later has no place in the flow (ORDER in tests/test_layout.py)",
        "pkg/output/pages.py:1: imports pkg.tasks: nothing but __main__ imports the commands",
        "pkg/output/pages.py:2: imports pkg.workspace.app: output comes before workspace in the flow",
        "pkg/text/document.py:5: imports pkg.output.pages: text comes before output in the flow",
    ]


def test_the_ground_floor_imports_no_stage(tmp_path: Path) -> None:
    package_dir = write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/site.py": "from .text.document import slugify\n",
        "pkg/text/__init__.py": "",
        "pkg/text/document.py": "from ..site import Site\n",
    })
    assert violations(package_dir) == ["pkg/site.py:1: imports pkg.text.document: site comes before text in the flow"]
