"""Bad Dutch input costs only itself: one line for it, every other document extracted, assessed and published.

Each case is a site with good, approved documents and one bad one, run through
``extract``, ``status`` and ``publish`` as the command line runs them (in this
process, so that the cases stay fast); the built feeds and sitemap must be XML.
"""

from __future__ import annotations

import datetime
import itertools
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from invoke import Context, Exit
from lxml import etree

from publish_pipeline import site as site_module
from publish_pipeline import tasks
from publish_pipeline.text.document import parse_document, read_source
from publish_pipeline.errors import SourceError
from publish_pipeline.output.pages import _page
from publish_pipeline.text.reassembly import reassemble
from publish_pipeline.text.segmentation import segment
from publish_pipeline.site import GENERATED_FILES, Site
from test_status import fresh, translate

GOOD_PAGES = ["blog/eerste/index.html", "topics/thema/index.html", "en/blog/my-first-blog/index.html"]
XML_FILES = ["feed.xml", "en/feed.xml", "sitemap.xml"]


def document(title: str = "Slecht", front: str = "") -> bytes:
    return f"---\ntitle: {title}\n{front}---\n\nTekst.\n".encode()


LAUGHS = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 9)
)

BAD: dict[str, tuple[str, bytes | None, str]] = {
    # name: (file below source_nl, its bytes (None: a named pipe), the one line said about it)
    "impossible date": ("blog/slecht.md", document(front="date: 2019-02-30\n"), "blog/slecht.md:3: front matter: 'date': '2019-02-30' is no day of the calendar (February 2019 has 28 days)"),
    "month 13": ("blog/slecht.md", document(front="date: 2020-13-01\n"), "blog/slecht.md:3: front matter: 'date': '2020-13-01' is no day of the calendar (a year has 12 months)"),
    "!!int abc": ("blog/slecht.md", document(front="weight: !!int abc\n"), "blog/slecht.md:3: front matter: 'weight' is not a valid whole number: 'abc'"),
    "!!timestamp nope": ("blog/slecht.md", document(front="date: !!timestamp nope\n"), "blog/slecht.md:3: front matter: 'date' is not a valid date: 'nope'"),
    "5,000 digits": ("blog/slecht.md", document(front=f"weight: {'9' * 5000}\n"), "blog/slecht.md:3: front matter: 'weight': a number of more than 100 characters"),
    "tags not a list": ("blog/slecht.md", document(front="tags: vertrouwen\n"), "blog/slecht.md:3: front matter: 'tags' must be a list of texts"),
    "summary not text": ("blog/slecht.md", document(front="summary: [een, twee]\n"), "blog/slecht.md:3: front matter: 'summary' is not text"),
    "slug not text": ("blog/slecht.md", document(front="translation_slug: 123\n"), "blog/slecht.md:3: front matter: 'translation_slug' is not text: 123"),
    "billion laughs in tags": ("blog/slecht.md", document(front=LAUGHS + "tags: *l8\n"), "blog/slecht.md:4: front matter: 'l1': YAML aliases"),
    "billion laughs in title": ("blog/slecht.md", f"---\n{LAUGHS}title: *l8\n---\n".encode(), "blog/slecht.md:3: front matter: 'l1': YAML aliases"),
    "control character in title": ("blog/slecht.md", document('"Kop\\x0c"'), "blog/slecht.md:2: front matter: 'title' holds a control character (U+000C)"),
    **{
        f"named {name}.md": (f"{name}.md", document(), f"{name}.md: its page /{name}/ would take the place of the site's own {name}")
        for name in ("feed.xml", "sitemap.xml", "robots.txt", "404.html", "style.css", "index.html")
    },
    "in the English URL space": ("en/blog/x.md", document(), "en/blog/x.md: its page would be /en/blog/x/, inside /en/"),
    "the English home": ("en.md", document(), "en.md: its page would be /en/, inside /en/"),
    **{
        f"name with {shown}": (f"blog/a{character}b.md", document(), f"blog/a{escaped}b.md: its name becomes the page's web address, which cannot hold {shown}")
        for character, escaped, shown in (
            (" ", " ", "a space"), ("#", "#", "'#'"), ("?", "?", "'?'"), ("%", "%", "'%'"), ("&", "&", "'&'"),
            ("\n", "\\n", "'\\n'"), ("\x1b", "\\x1b", "'\\x1b'"), ("é", "é", "'é'"),
        )
    },
    "a static file in the way": ("blog/x.md", document(), "blog/x.md: its page /blog/x/ would take the place of static/blog/x, which the site copies"),
    "named pipe": ("blog/pijp.md", None, "blog/pijp.md: not a file but a named pipe; it is never opened"),
    "binary": ("blog/plaatje.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)), "blog/plaatje.md: looks like a binary file"),
}


@pytest.fixture()
def approved_site(tmp_path: Path) -> Site:
    """The basic site, extracted, with the English of blog/eerste approved."""
    site = fresh(tmp_path)
    translate(site, "blog/eerste")
    return site


@pytest.fixture(autouse=True)
def never_hangs() -> Iterator[None]:
    """A command that opened a named pipe would wait forever: fail instead. A guard against for ever, not a time limit:
    the property test's 500 front matters took over 30 s on a loaded machine, and the alarm failed it mid-example."""
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("a command waited for ever"))
    signal.alarm(600)
    yield
    signal.alarm(0)


def command(name: str, root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Run a task as the command line does: its exit code and the errors it printed: on stderr; status says one of
    a document with a row in its row instead, once (the row's lines joined, as before the table wrapped them)."""
    try:
        getattr(tasks, name)(Context(), root=str(root))
        code = 0
    except Exit as stop:
        code = stop.code
    printed = capsys.readouterr()
    if name != "status":
        return code, printed.err.splitlines()
    rows, said = printed.out.splitlines(), printed.err.splitlines()
    for number, line in enumerate(rows):
        if line.split()[1:5] == ["–"] * 4:  # a row of a document that could not be read: its error below it
            said.append(" ".join(below.strip() for below in itertools.takewhile(lambda below: below.startswith("    "), rows[number + 1 :])))
    return code, said


@pytest.mark.parametrize("case", BAD)
def test_one_bad_document_costs_only_itself(approved_site: Site, capsys: pytest.CaptureFixture[str], case: str) -> None:
    name, data, said = BAD[case]
    path = approved_site.source_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path) if data is None else path.write_bytes(data)
    (approved_site.root / "static/blog").mkdir(parents=True)
    (approved_site.root / "static/blog/x").write_text("a file the site copies as it is")
    for name in ("extract", "status", "publish"):
        code, lines = command(name, approved_site.root, capsys)
        assert code == 1, name
        assert len(lines) == 1 and lines[0].startswith(f"source_nl/{said}"), (name, lines)
        assert len(lines[0]) < 300
    public = approved_site.root / "public"
    assert all((public / page).is_file() for page in GOOD_PAGES)
    for name in XML_FILES:
        etree.parse(str(public / name))  # well-formed XML


def test_every_bad_document_at_once_gets_its_own_line(approved_site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    expected = []
    (approved_site.root / "static/blog").mkdir(parents=True)
    (approved_site.root / "static/blog/x").write_text("a file the site copies as it is")
    for index, (name, data, said) in enumerate(BAD.values()):
        name, said = name.replace("slecht", f"slecht{index}"), said.replace("slecht", f"slecht{index}")
        path = approved_site.source_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path) if data is None else path.write_bytes(data)
        expected.append(f"source_nl/{said}")
    code, lines = command("publish", approved_site.root, capsys)
    assert code == 1 and len(lines) == len(BAD)
    assert all(any(line.startswith(start) for line in lines) for start in expected)
    assert all((approved_site.root / "public" / page).is_file() for page in GOOD_PAGES)


def test_every_generated_file_is_a_reserved_name(approved_site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    command("publish", approved_site.root, capsys)
    top = {path.name for path in (approved_site.root / "public").iterdir() if path.is_file() and not path.name.startswith(".")}
    assert top == GENERATED_FILES  # a new generated file must be added to the names documents may not take (hidden ones no document has)


def test_control_characters_in_an_approved_translation_never_reach_the_xml(approved_site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    path = approved_site.catalog_path("blog/eerste")
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if entry.msgctxt in ("title", "summary"):
            entry.msgstr = f"{entry.msgstr}\b\x1b\x7f"  # a PO file may carry them escaped (\b) or raw
    po.save(str(path))
    code, lines = command("publish", approved_site.root, capsys)
    assert code == 0, lines
    public = approved_site.root / "public"
    feed = etree.parse(str(public / "en/feed.xml"))
    assert feed.findtext("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title") == "My first blog"
    assert feed.findtext("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary") == "A short blog to test with."
    assert "\b" not in (public / "en/blog/my-first-blog/index.html").read_text(encoding="utf-8")


SCALAR_CHARACTERS = "abcé09 :-#&*!|>%@`'\"[]{},.\\?\t"
TAGS = ["int", "float", "bool", "timestamp", "binary", "str", "null", "set", "omap", "pairs", "seq", "map", "merge", "python/name:os.system"]
ESCAPES = ["a", "\\x01", "\\x1b", "\\x7f", "\\x85", "\\u2028", "\\ud800", "\\t", "\\n", "\\\\", "\\0", "\\uffff"]


def yaml_values() -> st.SearchStrategy[str]:
    """YAML value texts of every kind that front matter meets: plain, tagged, quoted with escapes, dates,
    huge numbers, aliases, deep nesting; and flow lists of them."""
    scalars = st.one_of(
        st.text(alphabet="abcé09 -.:", max_size=20),
        st.text(alphabet=SCALAR_CHARACTERS, max_size=20),
        st.builds(lambda tag, text: f"!!{tag} {text}", st.sampled_from(TAGS), st.text(alphabet=SCALAR_CHARACTERS, max_size=12)),
        st.builds(lambda parts: '"' + "".join(parts) + '"', st.lists(st.sampled_from(ESCAPES), max_size=5)),
        st.builds(lambda y, m, d, rest: f"{y:04d}-{m:02d}-{d:02d}{rest}", st.integers(0, 99999), st.integers(0, 99), st.integers(0, 99),
                  st.sampled_from(["", " 10:00:00", "T25:61:00Z", " 21:59:43.10 +25:00", " 1:2:3 -05:00"])),
        st.builds(lambda digits, n, prefix: prefix + digits * n, st.sampled_from(["9", "f", "1_0"]), st.integers(1, 6000), st.sampled_from(["", "0x", "-", "0o", "1:"])),
        st.sampled_from(["*a", "&a [x, y]", "&b {k: v}", "*b", "[*a, *a]", "&c x", "*c", "*nope", "~", ".nan", "-.inf", "0b101", "1:20:30"]),
        st.builds(lambda depth: "[" * depth + "x" + "]" * depth, st.integers(1, 15)),
    )
    return st.one_of(scalars, st.lists(scalars, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"))


YAML_VALUES = yaml_values()  # made once: building strategies is what costs time
FIELDS = ["title", "summary", "date", "tags", "draft", "translation_slug", "weight", "<<"]


@st.composite
def front_matters(draw) -> str:
    lines = []
    if draw(st.booleans()):
        lines.append("anchors: [&a [lol, lol], &b {k: v}, &c x]")
    for field in draw(st.lists(st.sampled_from(FIELDS), max_size=3)):
        lines.append(f"{field}: {draw(YAML_VALUES)}")
    lines.insert(draw(st.integers(0, len(lines))), "title: Kop")  # a later title (or none before it) wins
    return "\n".join(lines)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(front_matters())
def test_any_front_matter_is_read_or_refused_in_one_short_line(front: str) -> None:
    """Whatever the YAML: a SourceError of a few hundred characters at most for each wrong field it names (every
    wrong field of a document is said in one error, each at its line), or a document every later step can use."""
    data = f"---\n{front}\n---\n\nTekst.\n".encode("utf-8", "surrogatepass")
    try:
        document = read_source(data, "blog/x", "source_nl/blog/x.md")
        segments = segment(document, ("title", "summary"))
    except SourceError as error:
        fields = 1 + (error.hint or "").count("; and line ")
        assert len(f"{error.message} — {error.hint}") < 300 * fields, error.message
        assert "\n" not in error.message
        return
    english = parse_document(reassemble(document, segments, lambda segment: None), "blog/x", "en.md")  # as publish reads it
    for page in (_page("nl", document, document, "/blog/x/"), _page("en", english, document, "/en/blog/x/")):
        for text in (page.title, page.summary, *page.tags):
            etree.fromstring(f"<t>{escape(text)}</t>")  # fits in a feed
        assert page.date is None or isinstance(page.date, datetime.date)


@pytest.mark.parametrize(
    ("name", "problem", "hint"),
    [
        ("blog/Één idee?.md", "which cannot hold a space, '?', 'É', 'é'", "e.g. 'blog/een-idee.md'"),
        ("mijn blog/x.md", "which cannot hold a space", "e.g. 'mijn-blog/x.md'"),
        ("blog/a\tb\x7f.md", "which cannot hold '\\t', '\\x7f'", "e.g. 'blog/a-b.md'"),
    ],
)
def test_a_name_that_cannot_be_an_address_is_refused_with_one_that_can(tmp_path: Path, name: str, problem: str, hint: str) -> None:
    (tmp_path / "source_nl").mkdir()
    site = Site.open(tmp_path)
    with pytest.raises(SourceError) as caught:
        site.source_document_id(site.source_dir / name)
    assert caught.value.problem.endswith(problem) and caught.value.hint.endswith(hint)
    assert "\t" not in caught.value.location and "\x7f" not in caught.value.location


@pytest.mark.parametrize("name", ["blog/Wat_is-vertrouwen-2.0.md", "topics/x.md", "feed.md", "blog/feed.xml.md", "english/x.md", "x.md"])
def test_a_name_that_is_an_address_is_accepted(tmp_path: Path, name: str) -> None:
    (tmp_path / "source_nl").mkdir()
    site = Site.open(tmp_path)
    assert site.source_document_id(site.source_dir / name) == name.removesuffix(".md")


def test_export_never_opens_a_named_pipe(approved_site: Site, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    os.mkfifo(approved_site.source_dir / "blog/pijp.md")
    try:
        getattr(tasks, "export")(Context(), out=str(tmp_path / "out"), root=str(approved_site.root))
        code = 0
    except Exit as stop:
        code = stop.code
    lines = capsys.readouterr().err.splitlines()
    assert code == 1 and lines[0] == "source_nl/blog/pijp.md: not a file but a named pipe; it is never opened — remove it, or rename it to end in something other than .md"
    assert (tmp_path / "out/nl/blog/eerste.md").is_file() and (tmp_path / "out/en/blog/eerste.md").is_file()


def test_a_named_pipe_in_place_of_a_po_file_is_never_opened(approved_site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = approved_site.catalog_path("topics/thema")
    catalog.unlink()
    os.mkfifo(catalog)
    for name in ("extract", "status", "publish"):
        code, lines = command(name, approved_site.root, capsys)
        assert code == 1, name
        assert any(line.startswith("translations/en/topics/thema.po: not a file but a named pipe; it is never opened") for line in lines), (name, lines)
    assert (approved_site.root / "public/en/blog/my-first-blog/index.html").is_file()


@pytest.mark.parametrize("path", ["/s", "/s/x", "/s/x/y.md", "/sx", "/s-x/y", "/", "/t/s", "/s/../x"])
@pytest.mark.parametrize("root", ["/s", "/", "/s/x"])
def test_inside_the_site_is_what_pathlib_says(root: str, path: str) -> None:
    """``check_inside`` tells a path inside the site by its text, as ``is_relative_to`` does (a sibling ``/sx`` is out)."""
    assert site_module._inside(Path(root), Path(path)) == Path(path).is_relative_to(Path(root))
