"""Real-world Markdown through the real command line: extract, a translator's English, check, export.

Each fixture in ``tests/fixtures/real/`` is a small document with the structure a public Hugo or Jekyll site writes
(Hugo's own docs, Docsy's, the themes' example posts), rewritten in Dutch words of our own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import yaml

from conftest import TESTS, msgfmt_check
from engine_server import EngineServer
from publish_pipeline.text import markdown
from test_tasks import run

REAL = TESTS / "fixtures" / "real"


def site_with(tmp_path: Path, *names: str) -> Path:
    root = tmp_path / "site"
    (root / "source_nl" / "blog").mkdir(parents=True)
    (root / "pipeline.yaml").write_text("base_url: https://example.nl\nsite_name: Test\n", encoding="utf-8")
    for name in names:
        shutil.copy(REAL / name, root / "source_nl" / "blog" / name)
    return root


def translate(root: Path, document: str, english: dict[str, str]) -> list[str]:
    """Every entry approved with its English from ``english`` (the slug kept); the Dutch texts the PO file holds."""
    path = root / "translations" / "en" / f"{document}.po"
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.msgstr, entry.flags = english.get(entry.msgid, entry.msgid), []
    po.save(str(path))
    msgfmt_check(path)
    return [entry.msgid for entry in po]


def test_code_in_hugo_shortcodes_is_no_entry_and_a_heading_anchor_stays_in_the_english(tmp_path: Path) -> None:
    """Hugo's docs show code in ``{{< highlight >}}`` and Docsy's in a ``tab`` given a ``lang``, with blank lines in it;
    Hugo headings carry their anchor (``{#instellingen}``), which links lead to. Before, each piece of code was an entry
    (sent to the engine, its TOML called Dutch left), and the anchor was the translator's to translate: a link to it broke."""
    root = site_with(tmp_path, "hugo-docs.md")
    result = run("publish_pipeline", "extract", "--root", str(root))
    assert result.returncode == 0, result.stderr
    english = {
        "Een site bouwen": "Building a site",
        "Zo ziet de [instelling](#instellingen) eruit:": "This is what the [setting](#instellingen) looks like:",
        "De instellingen": "The settings",
        "De versies staan in de instellingen.": "The versions are in the settings.",
    }
    assert translate(root, "blog/hugo-docs", english) == ["hugo-docs", *english]  # the slug, then the texts: no code
    result = run("publish_pipeline", "check", "--root", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    result = run("publish_pipeline", "export", "--out", str(tmp_path / "out"), "--root", str(root))
    assert result.returncode == 0, result.stderr
    dutch = (REAL / "hugo-docs.md").read_text(encoding="utf-8")
    assert (tmp_path / "out/nl/blog/hugo-docs.md").read_text(encoding="utf-8") == dutch
    expected = dutch.replace("---\n\n", "slug: hugo-docs\n---\n\n", 1).replace("\"Een site bouwen\"", "Een site bouwen")
    for nl, en in english.items():
        expected = expected.replace(nl, en)
    assert (tmp_path / "out/en/blog/hugo-docs.md").read_text(encoding="utf-8") == expected
    assert "## The settings {#instellingen}\n" in expected and 'titel = "Vertrouwen"' in expected


def test_kramdown_attributes_and_display_math_are_no_text(tmp_path: Path) -> None:
    """A Jekyll theme's post (Minimal Mistakes writes ``{: .notice--info}`` under a paragraph and ``{:toc}`` under a
    list) with display math, as the Stack theme's math page has it: the attributes and the formula are markup, kept
    where the Dutch has them; before, they were the translator's words (and the engine's), and 'int' Dutch left."""
    root = site_with(tmp_path, "jekyll-post.md")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    english = {
        "Wiskunde in een bericht": "Maths in a post",
        "Inhoud": "Contents",
        "**Let op:** de formule staat hieronder.": "**Note:** the formula is below.",
        "Tot de volgende keer.": "Until next time.",
    }
    assert translate(root, "blog/jekyll-post", english) == ["jekyll-post", *english]
    result = run("publish_pipeline", "export", "--out", str(tmp_path / "out"), "--root", str(root))
    assert result.returncode == 0, result.stderr
    dutch = (REAL / "jekyll-post.md").read_text(encoding="utf-8")
    assert (tmp_path / "out/nl/blog/jekyll-post.md").read_text(encoding="utf-8") == dutch
    written = (tmp_path / "out/en/blog/jekyll-post.md").read_text(encoding="utf-8")
    body = dutch.split("---\n", 2)[2]
    for nl, en in english.items():
        body = body.replace(nl, en)
    assert written.split("---\n", 2)[2] == body
    assert "* Contents\n{:toc}\n" in body and "**Note:** the formula is below.\n{: .notice--info}\n" in body


def test_a_sentence_with_code_in_an_html_block_is_one_entry_and_its_english_is_published(tmp_path: Path) -> None:
    """Docsy's release notes write ``<summary>`` with ``<code>`` in its sentence. Before, the sentence was cut at each
    ``<code>`` into three entries ('Lijst van', 'bestanden die naar', 'zijn verhuisd'), which no English word order fits;
    now it is one, its code kept byte for byte, and the translated block is published."""
    root = site_with(tmp_path, "html-details.md")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    sentence = "Lijst van <code>assets/scss/</code> bestanden die naar <code>td/</code> zijn verhuisd"
    english = {
        "Interne bestanden": "Internal files",
        sentence: "List of <code>assets/scss/</code> files moved to <code>td/</code>",
        "Druk op <kbd>Ctrl</kbd>+<kbd>C</kbd> om te stoppen.": "Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop.",
    }
    assert translate(root, "blog/html-details", english) == ["html-details", *english]
    result = run("publish_pipeline", "publish", "--root", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    page = (root / "public/en/blog/html-details/index.html").read_text(encoding="utf-8")
    assert "List of <code>assets/scss/</code> files moved to <code>td/</code>" in page
    assert "Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop." in page


def test_text_after_a_highlight_blocks_closer_on_its_line_is_translated(tmp_path: Path) -> None:
    """Jekyll's ``{% endhighlight %} Zo groet je.`` and Hugo's ``{{< /highlight >}} Daarna …`` after code with a blank
    line in it: the words after the closer are an entry, the closer and the code out of it. Before, they were no entry
    at all, and their Dutch stayed on the English page."""
    root = site_with(tmp_path, "highlight-closer.md")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    english = {
        "Code in een bericht": "Code in a post",
        "Zo groet je in Ruby.": "This is how you greet in Ruby.",
        "Daarna volgt\nde uitleg.": "Then follows\nthe explanation.",
    }
    assert translate(root, "blog/highlight-closer", english) == ["highlight-closer", *english]
    result = run("publish_pipeline", "check", "--root", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    result = run("publish_pipeline", "export", "--out", str(tmp_path / "out"), "--root", str(root))
    assert result.returncode == 0, result.stderr
    dutch = (REAL / "highlight-closer.md").read_text(encoding="utf-8")
    written = (tmp_path / "out/en/blog/highlight-closer.md").read_text(encoding="utf-8")
    body = dutch.split("---\n", 2)[2]
    for nl, en in english.items():
        body = body.replace(nl, en)
    assert written.split("---\n", 2)[2] == body
    assert "{% endhighlight %} This is how you greet in Ruby.\n" in body and "{{< /highlight >}} Then follows\n" in body


def test_an_admonitions_drafted_english_stays_in_its_box(tmp_path: Path) -> None:
    """MkDocs' (Python-Markdown's) ``!!! note "Titel"`` with its text indented below: the title is an entry, the box's
    paragraphs are entries of their own, and the drafted English keeps their indentation. Before, the opener and the
    indented lines were one entry whose draft came back on one line (the English text out of the box, on the opener's
    line), and the paragraph after a blank line was code, its Dutch on the English page."""
    root = site_with(tmp_path, "mkdocs-admonition.md")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    path = root / "translations/en/blog/mkdocs-admonition.po"
    assert [entry.msgid for entry in polib.pofile(str(path))][2:] == [
        "Lees dit.", "Het boek", "Lees het eerste boek.\nHet is goed.", "Een tweede alinea van de tekst.",
        "Waarom het boek goed is.", "Abonneer hier.",
    ]  # after the slug and the title; the kinds ("note", "tip") are markup
    with EngineServer() as server:
        result = run("publish_pipeline", "draft", "--url", server.url, "--root", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.flags = []  # the translator approves every draft as it is
    po.save(str(path))
    msgfmt_check(path)
    result = run("publish_pipeline", "export", "--out", str(tmp_path / "out"), "--root", str(root))
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "out/en/blog/mkdocs-admonition.md").read_text(encoding="utf-8")
    body = written.split("---\n", 2)[2]
    assert '\n!!! note "The book"\n    ' in body and "\n??? tip\n    " in body
    dutch = (REAL / "mkdocs-admonition.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert markdown.outline_of(body) == markdown.outline_of(dutch)
    assert markdown.render(body).count('<div class="admonition') == 2


def test_emoji_shortcodes_never_reach_the_engine_and_come_back_as_written(tmp_path: Path) -> None:
    """Hugo (``enableEmoji``) and GitHub show ``:smile:`` and ``:+1:`` as emoji, by their English names: markup, as a
    shortcode is. Before, the engine got them as words, to translate ("glimlach") or to space (": smile:")."""
    root = tmp_path / "site"
    (root / "source_nl" / "blog").mkdir(parents=True)
    (root / "source_nl" / "blog" / "emoji.md").write_text(
        "---\ntitle: Het boek\n---\n\nHet boek is goed :+1: en :smile:!\n", encoding="utf-8"
    )
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    with EngineServer() as server:
        result = run("publish_pipeline", "draft", "--url", server.url, "--root", str(root))
        sent = list(server.requests)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sent and not any(":" in text for text in sent), sent
    po = polib.pofile(str(root / "translations/en/blog/emoji.po"))
    assert po.find("Het boek is goed :+1: en :smile:!").msgstr == "The book is good :+1: and :smile:!"


def test_a_texts_edge_line_breaks_are_no_part_of_its_entry_and_an_approval_with_them_stays(tmp_path: Path) -> None:
    """Hugo sites write ``summary: |`` (its value ends with a line break) and link titles whose quote ends a line: the
    msgid held those line breaks, which Poedit shows as stray ones (and msgfmt wants the English to have them too).
    Now the entry is the text between, its English lands between them, and an English approved when the msgid held
    them stays approved (the same Dutch), without them."""
    root = tmp_path / "site"
    (root / "source_nl" / "blog").mkdir(parents=True)
    (root / "pipeline.yaml").write_text("base_url: https://example.nl\nsite_name: Test\n", encoding="utf-8")
    dutch = '---\ntitle: Het boek\nsummary: |\n  Lees het boek.\n---\n\nZie [het boek][b].\n\n[b]: /boek "\nHet eerste boek\n"\n'
    (root / "source_nl" / "blog" / "boek.md").write_text(dutch, encoding="utf-8")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    path = root / "translations/en/blog/boek.po"
    english = {"Het boek": "The book", "Lees het boek.": "Read the book.", "Zie [het boek][b].": "See [the book][b].",
               "Het eerste boek": "The first book"}
    assert translate(root, "blog/boek", english) == ["boek", *english]
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:  # the PO file as extract wrote it before, with the translator's English of then
        if entry.msgid in ("Lees het boek.", "Het eerste boek"):
            edges = ("", "\n") if entry.msgid == "Lees het boek." else ("\n", "\n")
            entry.msgid, entry.msgstr = edges[0] + entry.msgid + edges[1], edges[0] + entry.msgstr + edges[1]
    po.save(str(path))
    msgfmt_check(path)
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    msgfmt_check(path)
    po = polib.pofile(str(path), wrapwidth=0)
    assert [(entry.msgid, entry.msgstr, entry.fuzzy) for entry in po][1:] == [(nl, en, False) for nl, en in english.items()]
    assert not po.obsolete_entries()
    result = run("publish_pipeline", "export", "--out", str(tmp_path / "out"), "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/nl/blog/boek.md").read_text(encoding="utf-8") == dutch
    written = (tmp_path / "out/en/blog/boek.md").read_text(encoding="utf-8")
    assert written.split("---\n", 2)[2] == '\nSee [the book][b].\n\n[b]: /boek "\nThe first book\n"\n'
    assert yaml.safe_load(written.split("---\n", 2)[1])["summary"] == "Read the book.\n"  # the block scalar's line break kept


def test_whole_and_decimal_amounts_in_a_table_are_written_alike_in_the_english(tmp_path: Path) -> None:
    """A price list: ``€ 8`` and ``€ 12,50``. Before, ``€ 12,50`` was an entry (drafted ``€12.50``) and ``€ 8`` none (left
    ``€ 8``): the English table mixed two styles. Now an amount with a space after its sign is an entry as a decimal one
    is, and both are drafted as English writes them (no engine asked); a count (``3``) is still none."""
    root = tmp_path / "site"
    (root / "source_nl" / "blog").mkdir(parents=True)
    (root / "pipeline.yaml").write_text("base_url: https://example.nl\nsite_name: Test\n", encoding="utf-8")
    dutch = "---\ntitle: Het boek\n---\n\n| Boek | Prijs | Aantal |\n|---|---|---|\n| Het boek | € 8 | 3 |\n| Het eerste boek | € 12,50 | 2 |\n"
    (root / "source_nl" / "blog" / "prijzen.md").write_text(dutch, encoding="utf-8")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    with EngineServer() as server:
        result = run("publish_pipeline", "draft", "--url", server.url, "--root", str(root))
        sent = list(server.requests)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not any("€" in text for text in sent), sent
    path = root / "translations/en/blog/prijzen.po"
    po = polib.pofile(str(path), wrapwidth=0)
    assert {entry.msgid: entry.msgstr for entry in po if "€" in entry.msgid} == {"€ 8": "€8", "€ 12,50": "€12.50"}
    for entry in po:
        entry.flags = []  # approved as drafted
    po.save(str(path))
    msgfmt_check(path)
    result = run("publish_pipeline", "check", "--root", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    result = run("publish_pipeline", "export", "--out", str(tmp_path / "out"), "--root", str(root))
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "out/en/blog/prijzen.md").read_text(encoding="utf-8")
    assert "| The book | €8 | 3 |\n| The first book | €12.50 | 2 |\n" in written


def test_link_definitions_with_a_hugo_ref_for_their_url_stay_definitions_in_the_drafted_english(tmp_path: Path) -> None:
    """A Dutch blog (robertvanbregt.nl) writes ``[2003]: {{< ref snelheid >}}`` under a paragraph that links
    ``[aantal][2003]``: Hugo puts the URL in first, so these are definitions. markdown-it saw a space in the URL and
    read the lines as a paragraph: an entry, whose draft came back on one line, every definition on the English page
    broken. Now they are markup, kept as written."""
    root = tmp_path / "site"
    (root / "source_nl" / "blog").mkdir(parents=True)
    dutch = (
        "---\ntitle: Het boek\n---\n\nLees [het boek][2003] en [de blog][2009].\n\n"
        "[2003]: {{< ref boek >}}\n[2009]: {{< ref \"blog\" >}}\n[pixabay]: https://pixabay.com/nl/\n"
    )
    (root / "source_nl" / "blog" / "boek.md").write_text(dutch, encoding="utf-8")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    path = root / "translations/en/blog/boek.po"
    assert [entry.msgid for entry in polib.pofile(str(path))] == ["boek", "Het boek", "Lees [het boek][2003] en [de blog][2009]."]
    with EngineServer() as server:
        result = run("publish_pipeline", "draft", "--url", server.url, "--root", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        entry.flags = []  # approved as drafted
    po.save(str(path))
    msgfmt_check(path)
    result = run("publish_pipeline", "export", "--out", str(tmp_path / "out"), "--root", str(root))
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "out/en/blog/boek.md").read_text(encoding="utf-8")
    assert written.split("---\n", 2)[2] == (
        "\nRead [the book][2003] and [the blog][2009].\n\n"
        "[2003]: {{< ref boek >}}\n[2009]: {{< ref \"blog\" >}}\n[pixabay]: https://pixabay.com/nl/\n"
    )


def test_an_admonition_titled_by_its_dutch_kind_gets_an_english_title_and_the_dutch_keeps_its_bytes(tmp_path: Path) -> None:
    """``!!! waarschuwing`` (no title between quotes) shows its kind as its title, "Waarschuwing": on the English page
    too, as the kind was markup. Now a kind that is no English kind of the themes' is an entry, its text the title the
    box shows; its English is written after the kind, between quotes. ``!!! note`` is titled "Note" in English already:
    no entry. English that is the title shown writes nothing: the identity translation gives the Dutch bytes back."""
    from lxml import html

    root = site_with(tmp_path)
    dutch = (
        "---\ntitle: Het boek\n---\n\n!!! waarschuwing\n    Lees dit eerst.\n\n!!! note\n    Lees het boek.\n\n"
        "??? let-op klein\n    Het is kort.\n"
    )
    (root / "source_nl/blog/boek.md").write_text(dutch, encoding="utf-8")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    english = {"Het boek": "The book", "Waarschuwing": "Warning", "Lees dit eerst.": "Read this first.",
               "Lees het boek.": "Read the book.", "Let-op": "Mind", "Het is kort.": "It is short."}
    assert translate(root, "blog/boek", english) == ["boek", *english]
    result = run("publish_pipeline", "export", "--out", str(tmp_path / "out"), "--root", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    written = (tmp_path / "out/en/blog/boek.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert written == (
        '\n!!! waarschuwing "Warning"\n    Read this first.\n\n!!! note\n    Read the book.\n\n'
        '??? let-op klein "Mind"\n    It is short.\n'
    )
    assert run("publish_pipeline", "publish", "--root", str(root)).returncode == 0
    titles = {language: [" ".join(p.text_content().split()) for p in html.parse(str(root / page)).getroot().iterfind(".//p[@class='admonition-title']")]
              for language, page in (("nl", "public/blog/boek/index.html"), ("en", "public/en/blog/boek/index.html"))}
    # the words after a kind are classes, as Python-Markdown and pymdownx read them (mdit-py-plugins titled the third "klein")
    assert titles["nl"] == ["Waarschuwing", "Note", "Let-op"] and titles["en"] == ["Warning", "Note", "Mind"]
    for page in ("public/blog/boek/index.html", "public/en/blog/boek/index.html"):
        boxes = [box.get("class").split() for box in html.parse(str(root / page)).getroot().iterfind(".//main//div[@class]")]
        assert [box[:3] for box in boxes if "admonition" in box] == [
            ["admonition", "waarschuwing"], ["admonition", "note"], ["admonition", "let-op", "klein"],
        ], boxes
    from test_reassembly import assert_identity

    assert_identity(dutch)


def test_wordpress_shortcodes_in_an_imported_post_are_markup_and_publish_shows_none_as_text(tmp_path: Path) -> None:
    """A post imported from WordPress keeps its shortcodes. Before, ``[youtube=…]``, ``[gallery ids="1,2"]`` and
    ``[embed]…[/embed]`` were entries (text for an engine to translate or break, '1,2' a Dutch number), and the
    caption's attributes went to the engine as words. Now they are markup: no entry of their own, never sent, checked
    as template syntax is; a caption's text is an entry (between its tags, or its ``caption="…"``). Publish, which
    runs no WordPress, shows none of them as text: one with a web address is a link to it, a caption is its image and
    its text, a gallery (numbers in a media library that did not come along) is left out."""
    from lxml import html

    root = site_with(tmp_path, "wordpress-import.md")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    path = root / "translations/en/blog/wordpress-import.po"
    listen = 'Kijk de [video](https://media.example.com/v.mp4) en [audio mp3="https://media.example.com/a.mp3"] hier.'
    po = polib.pofile(str(path))
    assert [entry.msgid for entry in po] == [
        "wordpress-import", "Het boek", "Lees het boek.", "Het boek", "Het eerste boek", "Het tweede boek", listen,
    ]
    # the caption's image alt text and its text are entries of their own, as an HTML block's (html_text) are
    assert [entry.comment for entry in po if entry.msgid in ("Het boek", "Het eerste boek")][1:] == [
        "HTML <img> alt", "wordpress caption: text",
    ]
    with EngineServer() as server:
        result = run("publish_pipeline", "draft", "--url", server.url, "--root", str(root))
        sent = list(server.requests)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sent and not any(word in text for text in sent for word in ("caption", "align", "audio", "mp3", "img")), sent
    po = polib.pofile(str(path), wrapwidth=0)
    assert [entry.msgstr for entry in po if entry.msgid in ("Het boek", "Het eerste boek")] == ["The book", "The book", "The first book"]
    wrong = po.find(listen)
    wrong.msgstr = 'Watch the [video](https://media.example.com/v.mp4) and [audio mp3="https://media.example.com/b.mp3"] here.'
    for entry in po:
        entry.flags = []
    po.save(str(path))
    result = run("publish_pipeline", "check", "--root", str(root))
    assert result.returncode == 1 and "error: template: the template tag [ audio mp3=" in result.stdout, result.stdout + result.stderr
    wrong.msgstr = 'Watch the [video](https://media.example.com/v.mp4) and [audio mp3="https://media.example.com/a.mp3"] here.'
    po.save(str(path))
    assert run("publish_pipeline", "check", "--root", str(root)).returncode == 0
    assert run("publish_pipeline", "publish", "--root", str(root)).returncode == 0
    for page, words in (("public/blog/wordpress-import/index.html", "Het eerste boek"), ("public/en/blog/wordpress-import/index.html", "The first book")):
        tree = html.parse(str(root / page)).getroot()
        text = " ".join(tree.find(".//main").text_content().split())
        assert "[" not in text and "]" not in text and words in text, text
        links = [a.get("href") for a in tree.iterfind(".//main//a")]
        assert {"https://www.youtube.com/watch?v=abc_def", "https://vimeo.com/12345", "https://media.example.com/a.mp3"} <= set(links), links
        image = tree.find(".//main//img[@src='https://media.example.com/boek.jpg']")
        assert image is not None and image.get("alt") == ("The book" if "/en/" in page else "Het boek")


def test_code_in_wordpress_code_shortcodes_is_no_entry_never_sent_and_published_as_code(tmp_path: Path) -> None:
    """A post imported from WordPress shows code in ``[sourcecode language="python"]`` … ``[/sourcecode]`` (blank lines,
    a ``# comment``, a ``*`` line in it) and in ``[code]…[/code]``. Before, its lines were entries, sent to the engine
    ('print("Hallo wereld", getal)' called Dutch left), and publish showed them as paragraphs, a heading and a list.
    Now the code is no entry and never sent; a block is a fence to the parser (shown as code, its language named),
    a ``[code]`` in a line a code span; the English keeps the code byte for byte."""
    from lxml import html

    root = site_with(tmp_path, "wordpress-code.md")
    assert run("publish_pipeline", "extract", "--root", str(root)).returncode == 0
    path = root / "translations/en/blog/wordpress-code.po"
    inline = 'Schrijf [code]print("klaar")[/code] aan het eind.'
    assert [entry.msgid for entry in polib.pofile(str(path))] == [
        "wordpress-code", "Een lus in Python", "Zo tel je tot drie:", inline, "Dat was het.",
    ]
    with EngineServer() as server:
        result = run("publish_pipeline", "draft", "--url", server.url, "--root", str(root))
        sent = list(server.requests)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sent and not any(word in text for text in sent for word in ("print", "range", "kleur", "sourcecode")), sent
    english = {"Een lus in Python": "A loop in Python", "Zo tel je tot drie:": "This is how you count to three:",
               inline: 'Write [code]print("klaar")[/code] at the end.', "Dat was het.": "That was it."}
    translate(root, "blog/wordpress-code", english)
    result = run("publish_pipeline", "check", "--root", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert run("publish_pipeline", "publish", "--root", str(root)).returncode == 0
    for page, words in (("public/blog/wordpress-code/index.html", "Zo tel je"), ("public/en/blog/wordpress-code/index.html", "This is how")):
        main = html.parse(str(root / page)).getroot().find(".//main")
        assert words in main.text_content()
        blocks = [(pre.find("code").get("class"), pre.text_content()) for pre in main.iter("pre")]
        assert blocks == [
            ("language-python", '# tel tot drie\nfor getal in range(3):\n\n    print("Hallo wereld", getal)\n* geen lijst\n'),
            ("language-css", "p { kleur: rood }\n"),
        ], blocks
        assert [code.text for code in main.iterfind(".//p/code")] == ['print("klaar")']
        assert main.find(".//li") is None and "[" not in main.text_content()
        assert not any("tel tot drie" in heading.text_content() for heading in main.iter("h1", "h2"))
