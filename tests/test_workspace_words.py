"""What the workspace says she did and where to go (session 37's trials): its name as she types it, and each key's
answer in words."""

from __future__ import annotations

import ast
from pathlib import Path

import publish_pipeline
from test_workspace import FRICTIE, browser_test, chromium, entries, entry, running, watched, workspace_site
from test_workspace_saves import reword
from test_workspace_translator import opened

SOURCES = Path(publish_pipeline.__file__).parent
APPROVED = "Frictie is een bron van energie voor elk team."


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


@browser_test
def test_ctrl_u_and_ctrl_enter_say_what_they_did_not_only_saved(browser: object, tmp_path: Path) -> None:
    """The trial: Ctrl+U (back to needs review) said only "saved", as every save did. Each says what it did: marked
    needs review, approved; and Ctrl+U on an entry that needs review already says that nothing changed."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE))
        approved = entry(page, APPROVED)
        approved.locator(".box").press("Control+u")
        page.locator("#message.saved", has_text="marked needs review").wait_for()
        assert page.locator("#message").inner_text() == "saved: marked needs review — Ctrl+Enter approves it"
        assert entries(path)[(None, APPROVED)][:2] == ("Friction is a source of energy for every team.", True)
        entry(page, APPROVED).locator(".box").press("Control+u")
        page.locator("#message", has_text="needs review already").wait_for()
        assert page.locator("#message").inner_text() == "nothing to save: this entry needs review already"
        entry(page, APPROVED).locator(".box").press("Control+Enter")
        page.locator("#message.saved", has_text="approved").wait_for()
        assert page.locator("#message").inner_text() in ("saved: approved", "no more entries to review here")
        assert entries(path)[(None, APPROVED)][:2] == ("Friction is a source of energy for every team.", False)


LACKING_TERM = "That is why I call friction a *source of energy* in [The function of friction](https://www.managementboek.nl/boek/de-functie-van-frictie)."


@browser_test
def test_english_typed_for_reworded_dutch_with_a_glossary_error_is_approved_at_the_second_ctrl_enter_one_question(browser: object, tmp_path: Path) -> None:
    """The trial: English the page put back in an entry whose Dutch changed since she typed it, with a glossary
    error, took three Ctrl+Enter: the first said it was typed for the Dutch before, the second named the error, the
    third approved ("together they feel like the key is broken"). One question names both; the second Ctrl+Enter
    approves, as it does of an error alone."""
    site = workspace_site(tmp_path)
    path = site.catalog_path(FRICTIE)
    reword(site, ("een *bron van energie*", "een echte *bron van energie*"))
    with running(site) as address, chromium(browser) as page, watched(page):
        page.goto(opened(address, FRICTIE))
        entry(page, "een echte *bron van energie*").locator(".box").fill(LACKING_TERM)
        page.locator("article.entry.edited").wait_for()  # judged as she typed (the answer to its check came), before the reword
        assert entry(page, "een echte *bron van energie*").locator(".problem.error", has_text="glossary").count()
        reword(site, ("een echte *bron van energie*", "een heel echte *bron van energie*"))
        page.reload()
        page.locator("#message", has_text="typed for Dutch that has changed since").wait_for()
        successor = entry(page, "een heel echte *bron van energie*")
        successor.locator(".box").press("Control+Enter")
        question = page.locator("#message.error", has_text="typed for the Dutch before it changed")
        question.wait_for()
        said = question.inner_text()
        assert said.startswith("this English was typed for the Dutch before it changed: read it against the Dutch now, and this entry has an error (glossary"), said
        assert "Ctrl+Enter (or Approve) again to approve it anyway" in said
        source = next(key for key in entries(path) if "een heel echte" in key[1])
        assert entries(path)[source][:2] != (LACKING_TERM, False)  # a question: nothing written
        successor.locator(".box").press("Control+Enter")  # the second: approved, knowingly
        page.locator("article.entry.approved", has=page.locator(".dutch .text", has_text="een heel echte")).wait_for()
        assert entries(path)[source][:2] == (LACKING_TERM, False)
