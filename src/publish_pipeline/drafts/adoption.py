"""``adopt``: bring English written by hand before the pipeline into the PO files.

An English document is cut into segments exactly as its Dutch one is (the same
parser, the same segmentation), and the two sequences are aligned by structure,
never by word order: each body segment has a *shape* (its containers, block
kind, heading level, table column among the row's columns, role) and only
segments of the same shape may pair. Between those, evidence decides: the links,
images, code and numbers both carry, the words that begin alike (cognates and
names), and their lengths (Gale and Church's model: a translation is about as long
as its source, with a spread that grows with the length). The best monotone
alignment is found by dynamic programming, and a pair of it is taken only when
every alignment without it scores ``MARGIN`` worse and neither of its segments fits
another one ``MARGIN`` better (a list in another order); everything else is left
untranslated and reported with the lines of both files. It never guesses.

Front-matter fields pair by key, and the URL slug entry gets the English file's
slug, so an adopted page keeps its address.

In a Hugo or Jekyll site the English adopt reads is the file ``export`` writes; one that export did write (its list
names it) is left alone, since export makes it from the PO files. When
all of that file's English is in the PO files after adopting (every segment and its
slug taken as the PO file's text, and no front-matter value that export would not
keep), the PO file's header names it with the SHA-256 of what adopt read
(``catalog.ADOPTED_ENGLISH``, committed with the PO file), so that export replaces it
while it holds that; otherwise export leaves it (the header names no file), and adopt says why.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..text import markdown
from ..catalogs.catalog import ADOPTED_ENGLISH, Draft, Key, Translation, adopted_english, revision_time
from ..catalogs.checks import ERROR, Entry, check_entries_counting_silenced, outline_of_tokens
from ..text.document import REDIRECTS, Document, read_in_site, read_source
from ..errors import PipelineError, SourceError, excerpt
from ..catalogs.extraction import load_unit
from ..plumbing.files import ChangedMeanwhile, replace_if_unchanged
from ..catalogs.glossary import Glossary, load_glossary
from ..text.segmentation import BodySlot, FieldSlot, Segment, segment
from ..text.slugs import FIXED_SLUG, SLUG, slug_problem
from ..site import DOCUMENT_SUFFIXES, Site
from ..wording import plural

MATCH = 12.0
"""What pairing two segments of the same shape is worth: more than all evidence against it takes away by ``MARGIN``,
so two segments that only each other can pair with are always paired."""
MARGIN = 3.0
"""How much better the best alignment must be than every one without a pair, for that pair to be taken."""
LENGTH_SPREAD = 6.8
"""Gale and Church's variance of a translation's length per source character."""
COGNATES = 4.0
"""What two texts that share all their cognates gain: words beginning with the same four letters
(``frictie``/``friction``, names), the cheap cognate test of Simard, Foster and Isabelle (1992)."""
UNLIKELY_LENGTH = -4.0
"""The length evidence (a log-probability) at and below which a pair is adopted only as fuzzy: one text is
far longer than the other, so the English may say more, or less, than the Dutch."""
MAX_GRID = 1_000_000
"""The most (Dutch × English) segment pairs one document's alignment weighs (time and memory grow with it: 250,000
took 3 s on a shared core); a long blog post has 200 segments, 40,000 pairs."""
NOTE = "adopted: "
"""The translator comment every adopted entry gets, followed by the English file's name."""


@dataclass(frozen=True)
class Pair:
    """A Dutch document and a file with its English: ``location`` is how messages name that file."""

    document_id: str
    english: Path
    location: str
    english_id: str | None = None
    """The name the English is read under (its slug follows from it when it has no ``slug:``); None: its
    kind and file name, as in an archive folder. A Hugo or Jekyll file has its Dutch document's name."""


@dataclass(frozen=True)
class Adoption:
    """What adopt did with one pair.

    ``approved`` and ``fuzzy``: entries written, by state. ``kept``: entries that had a
    translation and were left as they were. ``untranslated``: entries still empty.
    ``mismatches``: where the structures differ or the alignment was not sure, and
    ``findings``: check errors that made an adopted entry fuzzy — one line each.
    """

    document_id: str
    english: str
    catalog: str
    approved: int
    fuzzy: int
    kept: int
    untranslated: int
    mismatches: tuple[str, ...]
    findings: tuple[str, ...]
    written: bool
    not_kept: str = ""
    """One line naming the front-matter values of the English file that export would not keep, with what to do."""
    replaced: bool | None = None
    """For the file export writes (a Hugo or Jekyll site's own English): whether export may now replace it, its
    English being all in the PO files; None for another file (an archive's)."""


@dataclass(frozen=True)
class AdoptReport:
    adoptions: tuple[Adoption, ...]
    errors: tuple[PipelineError, ...]
    exported: tuple[str, ...] = ()
    """The English files of the pairs that export wrote (its list names them): left alone, since export makes them
    from the PO files, so there is nothing in them to adopt."""


# Which files are the English of which documents ----------------------------------------------------------------------


def english_pairs(site: Site, folder: Path | None = None) -> list[Pair]:
    """The (Dutch document, English file) pairs in ``folder``: laid out like ``source_nl/`` (``<kind>/<slug>.md``),
    either directly or below ``en/``; without a folder, in a Hugo or Jekyll site, the English files the
    generator already has where it looks for them (``post.en.md``, ``content/en/…``, ``en/_posts/…``).

    A file pairs with the Dutch document of the same name, or with the one whose
    front matter has the same ``translationKey`` (Hugo's way of pairing translations).
    This is the one place that knows where English files are.
    """
    if folder is None:
        if not site.writes_in_place:
            raise PipelineError("adopt", "no folder of English files given", hint="give --from DIR, or --document blog/x with --english FILE")
        return [
            Pair(document_id, english, site.relative(english), english_id=document_id)
            for path in site.source_paths()
            if (english := site.english_file(path)).is_file() and (document_id := site.document_id(path))
        ]
    base = folder / site.config.target_language
    base = base if base.is_dir() else folder
    if not folder.is_dir():
        raise PipelineError(str(folder), "no such folder", hint="give --from the folder that holds the English <kind>/<slug>.md files")
    pairs = []
    for path in sorted(p for p in base.rglob("*") if p.suffix in DOCUMENT_SUFFIXES and p.is_file()):
        if any(part.startswith(".") for part in path.relative_to(base).parts):
            continue
        name = path.relative_to(base).as_posix().removesuffix(path.suffix)
        pairs.append(Pair(name, path, site.relative(path.resolve())))
    return pairs


def _translation_keys(site: Site) -> dict[str, str]:
    """Hugo's ``translationKey``: each key of a Dutch document, with that document's id."""
    keys: dict[str, str] = {}
    for path in site.source_paths():
        try:
            document = read_in_site(site, site.relative(path), site.document_id(path))
        except PipelineError:
            continue  # reported when that document itself is adopted or extracted
        key = document.front_matter.get("translationKey")
        if isinstance(key, str):
            keys[key] = document.id
    return keys


# Adopting -------------------------------------------------------------------------------------------------------------


def adopt(
    site: Site, pairs: Sequence[Pair], *, approve: bool = False, overwrite: bool = False, built: frozenset[str] = frozenset(),
    links_back: Callable[[str, str], str] | None = None,
) -> AdoptReport:
    """Adopt every pair into its document's PO file; a pair that cannot be read costs only itself. The English files
    export wrote (``built``: names in the site, ``export.unchanged_since_export``) are left alone: made from the PO files.
    ``links_back``: given an English file's name in the site and its body, the body with the links export mapped in it
    (``/en/blog/andere-post/``) as its Dutch writes them (``andere-post.md``: what the PO entry keeps;
    ``export.links_as_written``)."""
    glossary = load_glossary(site.root)
    sources = {site.document_id(path) for path in site.source_paths()}
    keys: dict[str, str] | None = None
    taken: dict[str, str] = {}
    adoptions, errors, left_alone = [], [], []
    for pair in pairs:
        if site.relative(pair.english) in built:
            left_alone.append(pair.location)
            continue
        try:
            data, english = _read_english(pair, site.config.reading)
            if links_back is not None:
                english = replace(english, body=links_back(site.relative(pair.english), english.body))
            document_id = pair.document_id
            if document_id not in sources:
                keys = _translation_keys(site) if keys is None else keys
                key = english.front_matter.get("translationKey")
                document_id = keys.get(key, "") if isinstance(key, str) else ""
            if document_id not in sources:
                raise PipelineError(
                    pair.location, f"no Dutch document {pair.document_id!r} in {site.relative(site.source_dir)}/",
                    hint="name the file as its Dutch document is named, or give both the same 'translationKey' in their front matter",
                )
            if document_id in taken:
                raise PipelineError(
                    pair.location, f"{taken[document_id]} is the English of {document_id!r} too, and was adopted; this file is not",
                    hint=f"keep one of them, or adopt this one alone with --document {document_id} --english {pair.location}",
                )
            taken[document_id] = pair.location
            name = _exported_name(site, document_id, pair.english)
            exported = (name, data) if name is not None else None
            adoption = _adopt_one(site, document_id, english, pair.location, glossary, approve, overwrite, exported)
            adoptions.append(adoption)
        except PipelineError as error:
            errors.append(error)
        except OSError as error:
            errors.append(PipelineError(pair.location, f"cannot read or write: {error.strerror}"))
    return AdoptReport(tuple(adoptions), tuple(errors), tuple(left_alone))


def _exported_name(site: Site, document_id: str, english: Path) -> str | None:
    """The English file's name in the site when it is the one export writes for the document (a Hugo or Jekyll
    site's own English), else None."""
    if not site.writes_in_place:
        return None
    path = site.english_file(site.source_path(document_id))
    if english.resolve() != path.resolve():
        return None
    return path.relative_to(site.root).as_posix()


def _read_english(pair: Pair, reading: dict[str, bool]) -> tuple[bytes, Document]:
    try:
        data = pair.english.read_bytes()
    except OSError as error:
        raise SourceError(pair.location, f"cannot read the file: {error.strerror}") from None
    kind = pair.document_id.rsplit("/", 1)[0] + "/" if "/" in pair.document_id else ""
    english_id = pair.english_id or kind + pair.english.stem  # an archive's file is named by its English slug
    return data, read_source(data, english_id, pair.location, **reading)


def english_slug(english: Document) -> str:
    """The English page's slug as its file gives it: its ``slug:``, else its name."""
    own = english.front_matter.get("slug")
    return own if isinstance(own, str) else english.slug


def _adopt_one(
    site: Site, document_id: str, english: Document, location: str, glossary: Glossary, approve: bool, overwrite: bool,
    exported: tuple[str, bytes] | None = None,
) -> Adoption:
    """Adopt one English document into its PO file. ``exported``: the name in the site and the bytes of the English
    file when it is the one export writes; the PO file's header then claims it for export (``ADOPTED_ENGLISH``) when
    all its English is in the PO file, and claims none otherwise (an earlier claim would let export replace English
    the PO file now lacks)."""
    unit = load_unit(site, site.source_path(document_id), remember=False)
    dutch = unit.document
    english_segments = segment(english, site.config.translate_fields)
    where = _Where(dutch.path, location)
    matches, mismatches = _field_matches(unit.segments, english_segments, dutch, english, where)
    body_matches, body_mismatches = align(
        [s for s in unit.segments if isinstance(s.slot, BodySlot)], [s for s in english_segments if isinstance(s.slot, BodySlot)],
        dutch, english, unit.references, where,
    )
    matches += body_matches
    mismatches += body_mismatches
    drafts, doubts = _drafts(matches, unit.references, glossary, location, approve)
    not_kept = _not_kept(site, dutch, english, location)
    for attempt in range(2):
        merged = unit.merged(site.config, revision_time())
        updated, _ = merged.with_drafts(drafts, overwrite=overwrite)
        replaced = None if exported is None else (
            not not_kept and _all_in_catalog(matches, english_segments, english, {t.key: t.text for t in updated.translations}, unit.segments))
        if exported is not None:
            updated = updated.with_field(ADOPTED_ENGLISH, adopted_english(*exported) if replaced else None)
        text = updated.text()
        original = unit.catalog.original if unit.catalog else None
        try:
            if text != original:
                replace_if_unchanged(unit.catalog_path, text, original)
            break
        except ChangedMeanwhile:
            if attempt == 1:
                raise PipelineError(site.relative(unit.catalog_path), "the file keeps changing while adopt runs", hint="close it in the PO editor and run adopt again") from None
            unit = load_unit(site, site.source_path(document_id), remember=False)
    before = {t.key: t for t in merged.translations}
    after = updated.translations
    changed = {t.key for t in after if t.key in drafts and (t.text, t.fuzzy) != (before[t.key].text, before[t.key].fuzzy)}
    return Adoption(
        document_id, location, site.relative(unit.catalog_path),
        approved=sum(1 for t in after if t.key in changed and t.approved),
        fuzzy=sum(1 for t in after if t.key in changed and t.fuzzy),
        kept=sum(1 for t in after if t.key in drafts and t.key not in changed and before[t.key].text),
        untranslated=sum(1 for t in after if not t.text),
        mismatches=tuple(mismatches), findings=tuple(line for key in drafts if key in changed for line in doubts.get(key, ())),
        written=text != original, not_kept=not_kept,
        replaced=replaced,
    )


def _all_in_catalog(
    matches: Sequence[_Match], english_segments: Sequence[Segment], english: Document, texts: dict[Key, str], dutch: Sequence[Segment],
) -> bool:
    """Whether every text of the English file is its entry's translation now: each of its segments was paired and
    its text is the entry's (not one kept from before), and its own ``slug:``, if it has one, is the slug entry's
    (where the Dutch has one: a Jekyll page's ``slug:`` places nothing)."""
    taken = [m for m in matches if texts.get((m.dutch.context, m.dutch.text)) == m.text]
    own_slug = "slug" in english.front_matter and any(s.context == SLUG for s in dutch)
    if own_slug and not any(m.dutch.context == SLUG for m in taken):
        return False
    return len(taken) - sum(1 for m in taken if m.dutch.context == SLUG) == sum(1 for s in english_segments if s.context != SLUG)


def _not_kept(site: Site, dutch: Document, english: Document, location: str) -> str:
    """One line naming the English file's front-matter values that export would not keep (it writes the Dutch front
    matter with only the translated fields, the slug and the address replaced, and ``REDIRECTS`` emptied), with what to
    do; "" when none."""
    own = ("slug", "url", "permalink", "lang", FIXED_SLUG, *site.config.translate_fields)
    keys = [key for key, value in english.front_matter.items() if key not in own and not _written_by_export(dutch, key, value)]
    if not keys:
        return ""
    line = min(english.field_lines.get(key, 1) for key in keys)
    values = "; ".join(
        f"{key}: {excerpt(english.front_matter[key])} "
        + ("(export writes none: the old addresses are the Dutch page's)" if key in REDIRECTS else
           f"(export writes the Dutch's: {excerpt(dutch.front_matter[key]) if key in dutch.front_matter else 'none'})")
        for key in keys
    )
    texts = [key for key in keys if key not in REDIRECTS and _is_text(english.front_matter[key])]
    hint = (f"add {', '.join(texts)} to translate_fields in pipeline.yaml, then invoke adopt again" if texts
            else "give the Dutch these values if the English should have them" if any(key not in REDIRECTS for key in keys)
            else "redirect the English page's old addresses on the web server instead")
    return f"{location}:{line}: front matter export would not keep: {values}; {hint}"


def _written_by_export(dutch: Document, key: str, value: object) -> bool:
    """Whether export writes the English file's ``value`` of a front-matter field it does not translate as it is: the
    Dutch's value; no old address (``REDIRECTS``: empty, or none)."""
    return not value if key in REDIRECTS else dutch.front_matter.get(key) == value


def _is_text(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(item, str) for item in value))


@dataclass(frozen=True)
class _Match:
    """A Dutch segment and the English adopted for it (from ``line`` of the English file); ``doubt``: why it
    is adopted only as fuzzy, whatever the checks say."""

    dutch: Segment
    text: str
    line: int
    doubt: str = ""


@dataclass(frozen=True)
class _Where:
    """How mismatch lines name the two files: ``source_nl/blog/x.md:12 ~ en/blog/x.md:14: …``."""

    dutch: str
    english: str

    def __call__(self, dutch_line: int, english_line: int, problem: str) -> str:
        return f"{self.dutch}:{dutch_line} ~ {self.english}:{english_line}: {problem}"


def _drafts(
    matches: list[_Match], references: dict[str, Any], glossary: Glossary, location: str, approve: bool
) -> tuple[dict[Key, Draft], dict[Key, list[str]]]:
    """A draft per adopted entry, fuzzy unless approved, and fuzzy whenever a check finds an error in it
    or the lengths make the pair doubtful."""
    drafts: dict[Key, Draft] = {}
    findings: dict[Key, list[str]] = {}
    note = NOTE + location
    for match in matches:
        key = (match.dutch.context, match.dutch.text)
        if key in drafts:
            continue  # a text twice in the Dutch is one entry: its first English stands
        translation = Translation(match.dutch.context, match.dutch.text, match.text, not approve, match.dutch.line, note)
        errors = [p for p in check_entries_counting_silenced([Entry(translation, references, glossary)]).problems if p.severity == ERROR]
        found = [f"{problem.check}: {problem.message}" for problem in errors] + ([f"length: {match.doubt}"] if match.doubt else [])
        findings[key] = [f"{location}:{match.line}: fuzzy: {finding}" for finding in found]
        drafts[key] = Draft(match.text, note, approved=approve and not found)
    return drafts, findings


def _field_matches(
    dutch: Sequence[Segment], english: Sequence[Segment], dutch_document: Document, document: Document, where: _Where
) -> tuple[list[_Match], list[str]]:
    """Front matter pairs by key (and position in a list); the slug entry gets the English file's slug."""
    matches, mismatches = [], []
    fixed = dutch_document.front_matter.get(FIXED_SLUG)
    if fixed is not None and fixed != english_slug(document):
        mismatches.append(where(
            dutch_document.field_lines.get(FIXED_SLUG, 1), document.field_lines.get("slug", 1),
            f"the Dutch fixes the English URL slug ({FIXED_SLUG}: {excerpt(fixed)}); the English file's {excerpt(english_slug(document))} is not taken",
        ))
    english_fields = {(s.slot.key, s.slot.index): s for s in english if isinstance(s.slot, FieldSlot) and s.context != SLUG}
    english_keys = {key for key, _ in english_fields}
    for item in dutch:
        if not isinstance(item.slot, FieldSlot):
            continue
        if item.context == SLUG:
            slug = english_slug(document)
            problem = slug_problem(slug)
            if problem is None:
                matches.append(_Match(item, slug, document.field_lines.get("slug", 1)))
            else:
                mismatches.append(where(item.line, document.field_lines.get("slug", 1), f"the English file's slug cannot be a URL here, the slug entry is left as it is: {problem}"))
            continue
        found = english_fields.get((item.slot.key, item.slot.index))
        if found is not None:
            matches.append(_Match(item, found.text, found.line))
        elif item.slot.key not in english_keys:
            mismatches.append(where(item.line, 1, f"front matter: the English has no {item.slot.key!r}; left untranslated"))
    dutch_fields = {(s.slot.key, s.slot.index) for s in dutch if isinstance(s.slot, FieldSlot)}
    dutch_keys = {key for key, _ in dutch_fields}
    for (key, index), item in english_fields.items():
        if key not in dutch_keys:
            mismatches.append(where(1, item.line, f"front matter: the English has {key!r}, the Dutch does not; not adopted"))
        elif (key, index) not in dutch_fields or sum(1 for k, _ in dutch_fields if k == key) != sum(1 for k, _ in english_fields if k == key):
            mismatches.append(where(1, item.line, f"front matter: {key!r} has another number of values in the English"))
            break
    return matches, mismatches


# Aligning the body ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """A body segment as the alignment sees it: its shape, its anchors and its length."""

    segment: Segment
    shape: tuple[str, ...]
    anchors: Counter[str] = field(compare=False)
    cognates: frozenset[str] = field(compare=False)

    @property
    def length(self) -> int:
        return len(self.segment.text)


def align(
    dutch: Sequence[Segment], english: Sequence[Segment], dutch_document: Document, english_document: Document,
    references: dict[str, Any], where: _Where,
) -> tuple[list[_Match], list[str]]:
    """The confident pairs of two body segment sequences, and a line for each place they could not be paired."""
    if len(dutch) * len(english) > MAX_GRID:
        raise PipelineError(
            where.english, f"too long to align: {len(dutch)} Dutch and {len(english)} English segments",
            hint="adopt this document by hand, or split both versions into parts",
        )
    left = _units(dutch, dutch_document, references)
    right = _units(english, english_document, _references(english_document))
    pairs = _confident_pairs(left, right, _score)
    matches = [_Match(left[i].segment, _one_line(right[j].segment.text, left[i].segment), right[j].segment.line, _doubt(left[i], right[j]))
               for i, j in pairs]
    return matches, _gaps(left, right, pairs, where)


def _doubt(dutch: _Unit, english: _Unit) -> str:
    if _length_evidence(dutch.length, english.length) > UNLIKELY_LENGTH:
        return ""
    return f"the English has {english.length} characters, the Dutch {dutch.length}: it may say more or less"


def _references(document: Document) -> dict[str, Any]:
    env: dict[str, Any] = {}
    markdown.parse_blocks(document.body, env)
    return env.get("references", {})


def _one_line(text: str, dutch: Segment) -> str:
    """English for a one-line slot (an ATX heading, a cell, a title) is joined into one line: a soft break renders as a space.
    A paragraph's and an HTML block's text may span lines."""
    if isinstance(dutch.slot, BodySlot) and dutch.slot.style in ("block", "html"):
        return text
    return " ".join(part.strip() for part in text.split("\n"))


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]{4,}")


def _units(segments: Sequence[Segment], document: Document, references: dict[str, Any]) -> list[_Unit]:
    """Each segment with the shape of the block it is in (found by walking the document's blocks once)."""
    blocks = _block_shapes(document)
    units, position = [], 0
    for item in segments:
        body_line = item.line - document.body_line - 1
        found = next((k for k in range(position, len(blocks)) if _holds_segment(blocks[k], body_line, item)), None)
        if found is None:
            shape: tuple[str, ...] = (f"unplaced {id(item)}",)  # cannot happen with one parser; if it did, it pairs with nothing
        else:
            shape = blocks[found][2]
            # a cell or a paragraph is one segment; a picture's alt text and title share a block
            position = found if _shares_its_block(item.role) else found + 1
        outline = outline_of_tokens(markdown.parse_inline(item.text, {"references": references}))
        anchors = Counter(
            [*(f"link {x}" for x in outline.links), *(f"image {x}" for x in outline.images), *(f"code {x}" for x in outline.code),
             *(f"html {x}" for x in outline.html), *(f"number {re.sub('[.,]', '', x)}" for x in _NUMBER.findall(outline.words))]
        )
        cognates = frozenset(word[:4].lower() for word in _WORD.findall(outline.words))
        units.append(_Unit(item, (*shape, item.role), anchors, cognates))
    return units


def _shares_its_block(role: str) -> bool:
    """Whether a segment may stand beside others in one block: a picture's alt text and title, the texts
    and attributes of an HTML block, the reader arguments of a shortcode or Liquid tag."""
    return role in ("image alt text", "image title") or role.startswith(("HTML", "shortcode", "liquid"))


def _holds_segment(block: tuple[tuple[int, int], str, tuple[str, ...]], body_line: int, item: Segment) -> bool:
    (first, last), content, _ = block
    if item.role == "table cell":  # cells share a line: only the cell's own text places it
        return first <= body_line < last and item.text == content
    return first <= body_line < last and (item.text in content or item.role == "link title")


def _block_shapes(document: Document) -> list[tuple[tuple[int, int], str, tuple[str, ...]]]:
    """Every block that can hold text, in order: its lines, its text, and its shape.

    The shape is the containers around it (quote, bullet or ordered list, without
    the item's number) and what it is (a heading of a level, a paragraph, a cell in
    column k of n, a link definition): what a translation keeps.
    """
    tokens = markdown.parse_blocks(document.body, {})
    containers: list[str] = []
    blocks = []
    columns, column = 0, 0
    for index, token in enumerate(tokens):
        if token.type in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
            containers.append(token.type.removesuffix("_open") + token.markup[-1:])
        elif token.type in ("blockquote_close", "bullet_list_close", "ordered_list_close"):
            containers.pop()
        elif token.type == "tr_open":
            end = next(k for k in range(index, len(tokens)) if tokens[k].type == "tr_close")
            columns, column = sum(t.type in ("th_open", "td_open") for t in tokens[index:end]), 0
        elif token.type in ("th_close", "td_close"):
            column += 1
        elif token.type == "definition":
            blocks.append(((token.map[0], token.map[1]), "", (*containers, "definition")))
        elif token.type == "html_block":
            blocks.append(((token.map[0], token.map[1]), token.content, (*containers, "html")))
        elif token.type == "inline":
            parent = tokens[index - 1]
            kind = {"heading_open": parent.tag, "th_open": f"header cell {column + 1} of {columns}",
                    "td_open": f"cell {column + 1} of {columns}"}.get(parent.type, "paragraph")
            blocks.append(((token.map[0], token.map[1]), token.content, (*containers, kind)))
    return blocks


def _score(dutch: _Unit, english: _Unit) -> float | None:
    """What pairing two units is worth; None when their shapes differ (they may never pair)."""
    if dutch.shape != english.shape:
        return None
    shared = sum((dutch.anchors & english.anchors).values())
    apart = sum((dutch.anchors - english.anchors).values()) + sum((english.anchors - dutch.anchors).values())
    cognates = 2 * len(dutch.cognates & english.cognates) / max(len(dutch.cognates) + len(english.cognates), 1)
    return MATCH + 1.5 * min(shared, 2) - 1.5 * min(apart, 2) + COGNATES * cognates + _length_evidence(dutch.length, english.length)


def _length_evidence(dutch: int, english: int) -> float:
    """Gale and Church: the log-probability that a text of ``dutch`` characters has a translation of ``english``
    (English is about as long as Dutch; a document's own ratio would be skewed by the paragraphs it adds)."""
    delta = (english - dutch) / math.sqrt(max(dutch, 1) * LENGTH_SPREAD)
    return max(math.log(max(math.erfc(abs(delta) / math.sqrt(2)), 1e-300)), UNLIKELY_LENGTH)


def _confident_pairs(left: Sequence[_Unit], right: Sequence[_Unit], score: Any) -> list[tuple[int, int]]:
    """The pairs of the best monotone alignment that every alignment without them scores ``MARGIN`` below,
    and whose segments each fit no other segment ``MARGIN`` better (a list in another order).

    The alignment is a path through the grid of (Dutch, English) prefixes: a
    diagonal step pairs two units, the others leave one out (worth 0). Every path
    crosses the anti-diagonal just past a pair's step, either through a node or
    by another diagonal step over it, so the best path avoiding that pair is the
    best of those crossings.
    """
    n, m = len(left), len(right)
    weight = [[score(left[i], right[j]) for j in range(m)] for i in range(n)]
    minus = -math.inf
    forward = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n + 1):
        for b in range(m + 1):
            best = 0.0 if a == b == 0 else minus
            if a:
                best = max(best, forward[a - 1][b])
            if b:
                best = max(best, forward[a][b - 1])
            if a and b and weight[a - 1][b - 1] is not None:
                best = max(best, forward[a - 1][b - 1] + weight[a - 1][b - 1])
            forward[a][b] = best
    backward = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n, -1, -1):
        for b in range(m, -1, -1):
            best = 0.0 if (a, b) == (n, m) else minus
            if a < n:
                best = max(best, backward[a + 1][b])
            if b < m:
                best = max(best, backward[a][b + 1])
            if a < n and b < m and weight[a][b] is not None:
                best = max(best, backward[a + 1][b + 1] + weight[a][b])
            backward[a][b] = best
    total = forward[n][m]
    through_node: dict[int, float] = {}
    steps: dict[int, list[tuple[float, tuple[int, int]]]] = {}
    for a in range(n + 1):
        for b in range(m + 1):
            through_node[a + b] = max(through_node.get(a + b, minus), forward[a][b] + backward[a][b])
            if a < n and b < m and weight[a][b] is not None:
                steps.setdefault(a + b, []).append((forward[a][b] + weight[a][b] + backward[a + 1][b + 1], (a, b)))
    pairs, a, b = [], 0, 0
    while (a, b) != (n, m):  # follow the best path
        if a < n and b < m and weight[a][b] is not None and math.isclose(forward[a][b] + weight[a][b] + backward[a + 1][b + 1], total):
            others = [value for value, step in steps[a + b] if step != (a, b)]
            avoiding = max([through_node[a + b + 1], *others])
            if total - avoiding >= MARGIN and weight[a][b] >= max(_best(weight[a]), _best(row[b] for row in weight)) - MARGIN:
                pairs.append((a, b))
            a, b = a + 1, b + 1
        elif a < n and math.isclose(backward[a + 1][b], backward[a][b]):
            a += 1
        else:
            b += 1
    return pairs


def _best(weights: Any) -> float:
    return max((w for w in weights if w is not None), default=-math.inf)


def _gaps(left: Sequence[_Unit], right: Sequence[_Unit], pairs: list[tuple[int, int]], where: _Where) -> list[str]:
    """One line for each stretch between confident pairs that holds anything unpaired."""
    lines = []
    bounds = [(-1, -1), *pairs, (len(left), len(right))]
    for (a0, b0), (a1, b1) in zip(bounds, bounds[1:]):
        dutch, english = left[a0 + 1 : a1], right[b0 + 1 : b1]
        if not dutch and not english:
            continue
        dutch_line = _first(dutch, left, a0, a1)
        english_line = _first(english, right, b0, b1)
        lines.append(where(dutch_line.segment.line if dutch_line else 1, english_line.segment.line if english_line else 1, _gap_problem(dutch, english)))
    return lines


def _first(gap: Sequence[_Unit], units: Sequence[_Unit], before: int, after: int) -> _Unit | None:
    """Where a stretch starts in one file: its first unit, or (when it is empty there) the unit it would stand before."""
    if gap:
        return gap[0]
    return units[after] if after < len(units) else units[before] if before >= 0 else None


def _gap_problem(dutch: Sequence[_Unit], english: Sequence[_Unit]) -> str:
    if not dutch:
        return f"the English has {_describe(english)} the Dutch lacks; not adopted"
    if not english:
        return f"the Dutch has {_describe(dutch)} the English lacks; left untranslated"
    cells = [u.shape[-2] for u in [*dutch, *english] if " of " in u.shape[-2]]
    if len(cells) == len(dutch) + len(english):
        widths = {side: sorted({c.rsplit(" ", 1)[-1] for c in [u.shape[-2] for u in units]}) for side, units in (("nl", dutch), ("en", english))}
        if widths["nl"] != widths["en"]:
            return f"the tables differ: {'/'.join(widths['nl'])} columns in the Dutch, {'/'.join(widths['en'])} in the English; left untranslated"
        return f"the tables differ in their rows ({len(dutch)} cells against {len(english)}); left untranslated"
    return (f"the Dutch has {_describe(dutch)} here, the English {_describe(english)}: they differ in structure or order, "
            "or cannot be told apart with confidence; left untranslated")


def _describe(units: Sequence[_Unit]) -> str:
    """``a paragraph``, ``2 list items and a heading``: what a stretch of units is, in words."""
    counts = Counter("heading" if u.shape[-2].startswith("h") and u.shape[-2][1:].isdigit() else
                     "table cell" if " of " in u.shape[-2] else u.segment.role for u in units)
    words = [plural(count, role) if count > 1 else ("an " if role[0] in "aeiou" else "a ") + role for role, count in counts.items()]
    return " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]
