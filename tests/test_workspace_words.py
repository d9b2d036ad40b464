"""What the workspace says she did and where to go (session 37's trials): its name as she types it, and each key's
answer in words."""

from __future__ import annotations

import ast
from pathlib import Path

import publish_pipeline

SOURCES = Path(publish_pipeline.__file__).parent


def said_strings(path: Path) -> list[str]:
    """The string literals of a module that a person may read (a message, a hint, a lock's holder): every one but the
    docstrings (statements of a string alone), which a developer reads."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_no_message_names_the_workspace_review_serve_it_is_invoke_workspace() -> None:
    """The trial: the workspace named itself ``review --serve`` in its messages (a server not answering, a refused page,
    the lock another command waits for), and notes of other modules said "approve the update (invoke review --serve)".
    README and ``invoke --list`` call it ``invoke workspace``: so does every message (``review --serve`` still serves it)."""
    found = [
        f"{path.relative_to(SOURCES)}: {text[:80]!r}"
        for path in sorted(SOURCES.rglob("*.py")) for text in said_strings(path) if "review --serve" in text
    ]
    found += [
        f"{path.relative_to(SOURCES)}" for path in sorted([*SOURCES.rglob("*.js"), *SOURCES.rglob("*.j2")])
        if "review --serve" in path.read_text(encoding="utf-8")
    ]
    assert found == []
