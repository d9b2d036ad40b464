"""Terminology exchange: the glossary as CSV and TBX, and other term bases merged into it.

CSV (a spreadsheet's, UTF-8, comma or semicolon separated), one Dutch term a row::

    nl,en,variants,forbidden,note
    krachtenveld,force field,forcefield,field of forces,"after Lewin, as in change management"
    De functie van frictie,De functie van frictie,,,

Several variants or forbidden translations are separated by ``|``. A term whose English
is the Dutch itself stays Dutch (``keep:``) — which is also how TBX says it.

TBX is TBX-Basic (the ``martif`` TBX v2 that memoQ, Trados MultiTerm, Phrase and
Crowdin import and export): one ``termEntry`` per term, the English preferred term
marked ``preferredTerm-admn-sts``, variants ``admittedTerm-admn-sts``, forbidden ones
``deprecatedTerm-admn-sts``, the note a ``note``. Reading accepts TBX v3 (``conceptEntry``,
``langSec``, ``termSec``) too, and leaves out the entries of a multilingual term base that
have no English. Export is deterministic: the same glossary gives the same bytes.

Importing merges into ``translations/glossary.yaml`` by editing its text: new terms are
appended to their section, a term already there gains the incoming variants and
forbidden translations (its preferred English stays), and every comment and every
other line of the file stays as it was — except where a section is empty or written in
flow style (``terms: {a: b}``): the file is then written anew, with every entry.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import ConfigError
from ..plumbing.files import write_atomic
from .glossary import GLOSSARY_FILE, Glossary, Term, english_has, glossary_text, parse_glossary

SOURCE, TARGET = "nl", "en"
SEPARATOR = "|"
CSV_COLUMNS = (SOURCE, TARGET, "variants", "forbidden", "note")
FORMATS = {".csv": "CSV", ".tbx": "TBX"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts", "forbidden": "deprecatedTerm-admn-sts"}
_KIND = {**{status: kind for kind, status in _STATUS.items()}, "supersededTerm-admn-sts": "forbidden"}


@dataclass
class Merge:
    """What an import did to the glossary."""

    text: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def format_of(path: Path, location: str | None = None) -> str:
    """'CSV' or 'TBX', by the file's name."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ConfigError(location or str(path), "not a glossary file I know", hint="name a .csv or a .tbx file")
    return kind


def export_glossary(glossary: Glossary, target: Path, location: str) -> None:
    """Write the glossary to ``target`` as CSV or TBX, by its name."""
    text = to_csv(glossary) if format_of(target, location) == "CSV" else to_tbx(glossary)
    try:
        write_atomic(target, text)
    except OSError as error:
        raise ConfigError(location, f"cannot be written: {error.strerror}", hint="name a file in a folder that exists and you may write to") from None


def import_glossary(root: Path, source: Path, location: str) -> Merge:
    """Merge the terms of a CSV or TBX file into the site's glossary.yaml (written only when something changes)."""
    merge = merge_glossary(glossary_text(root), read_terms(source, location))
    if merge.added or merge.changed:
        path = root / GLOSSARY_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, merge.text)
    return merge


# Export ----------------------------------------------------------------------------------------------------------------


def to_csv(glossary: Glossary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for dutch, term in glossary.terms.items():
        writer.writerow([dutch, term.english, SEPARATOR.join(term.variants), SEPARATOR.join(term.forbidden), term.note])
    for kept in glossary.keep:
        writer.writerow([kept, kept, "", "", ""])
    return out.getvalue()


def to_tbx(glossary: Glossary, title: str = GLOSSARY_FILE) -> str:
    martif = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: SOURCE})
    header = ET.SubElement(martif, "martifHeader")
    ET.SubElement(ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc"), "p").text = title
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    entries = [(dutch, term) for dutch, term in glossary.terms.items()] + [(kept, Term(kept)) for kept in glossary.keep]
    for number, (dutch, term) in enumerate(entries, start=1):
        entry = ET.SubElement(body, "termEntry", {"id": f"t{number}"})
        if term.note:
            ET.SubElement(entry, "note").text = term.note
        _lang_set(entry, SOURCE, [(dutch, None)])
        _lang_set(entry, TARGET, [(term.english, "preferred"), *((v, "admitted") for v in term.variants), *((f, "forbidden") for f in term.forbidden)])
    ET.indent(martif)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="unicode") + "\n"


def _lang_set(entry: ET.Element, language: str, terms: list[tuple[str, str | None]]) -> None:
    lang_set = ET.SubElement(entry, "langSet", {_XML_LANG: language})
    for text, status in terms:
        tig = ET.SubElement(lang_set, "tig")
        ET.SubElement(tig, "term").text = text
        if status:
            ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = _STATUS[status]


# Import ----------------------------------------------------------------------------------------------------------------


def read_terms(path: Path, location: str | None = None) -> Glossary:
    """The terms of a CSV or TBX file; a mistake raises ConfigError naming the file (and the row or line)."""
    where = location or str(path)
    kind = format_of(path, where)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(where, f"cannot be read: {error.strerror}") from None
    return _from_csv(data, where) if kind == "CSV" else _from_tbx(data, where)


def _from_csv(data: bytes, where: str) -> Glossary:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(where, "not UTF-8 text", hint="save the spreadsheet as CSV UTF-8") from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip().lower() for name in next(rows, [])]
    columns = {name: header.index(name) for name in CSV_COLUMNS if name in header}
    if SOURCE not in columns or TARGET not in columns:
        raise ConfigError(where, f"the first row names no '{SOURCE}' and '{TARGET}' columns", line=1, hint=f"start the file with the row {','.join(CSV_COLUMNS)}")
    terms: dict[str, Term] = {}
    keep: list[str] = []
    for number, row in enumerate(rows, start=2):
        cell = {name: (row[index].strip() if index < len(row) else "") for name, index in columns.items()}
        if not any(cell.values()):
            continue
        listed = {name: tuple(p.strip() for p in cell.get(name, "").split(SEPARATOR) if p.strip()) for name in ("variants", "forbidden")}
        _add(terms, keep, cell[SOURCE], [cell[TARGET], *listed["variants"]], list(listed["forbidden"]), cell.get("note", ""), f"{where}:{number}")
    return Glossary(terms, tuple(keep))


def _from_tbx(data: bytes, where: str) -> Glossary:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise ConfigError(where, f"not valid XML: {error.msg if hasattr(error, 'msg') else error}", line=error.position[0]) from None
    terms: dict[str, Term] = {}
    keep: list[str] = []
    entries = [e for e in root.iter() if _name(e) in ("termEntry", "conceptEntry")]
    if _name(root) not in ("martif", "tbx") or not entries:
        raise ConfigError(where, "not a TBX term base (no termEntry or conceptEntry)", hint="export TBX from your terminology tool")
    for number, entry in enumerate(entries, start=1):
        languages: dict[str, list[tuple[str, str]]] = {}
        for lang_set in (e for e in entry if _name(e) in ("langSet", "langSec")):
            language = lang_set.get(_XML_LANG, "").lower().replace("_", "-").split("-")[0]
            languages.setdefault(language, []).extend(_tbx_terms(lang_set))
        note = " ".join((e.text or "").strip() for e in entry if _name(e) == "note" and (e.text or "").strip())
        english = languages.get(TARGET, [])
        allowed = [t for t, status in english if status == "preferred"] + [t for t, status in english if status in ("", "admitted")]
        forbidden = [t for t, status in english if status == "forbidden"]
        if not allowed:
            continue  # an entry of a multilingual term base with no English: not for this site
        for dutch, _ in languages.get(SOURCE, []):
            _add(terms, keep, dutch, allowed, forbidden, note, f"{where}: term entry {entry.get('id') or number}")
    return Glossary(terms, tuple(keep))


def _tbx_terms(lang_set: ET.Element) -> list[tuple[str, str]]:
    """(term, 'preferred' | 'admitted' | 'forbidden' | '') for each term of a language."""
    found = []
    for group in (e for e in lang_set if _name(e) in ("tig", "ntig", "termSec")):
        term = next((e for e in group.iter() if _name(e) == "term"), None)
        if term is None or not "".join(term.itertext()).strip():
            continue
        status = next((e.text or "" for e in group.iter() if _name(e) == "termNote" and e.get("type") == "administrativeStatus"), "")
        found.append(("".join(term.itertext()).strip(), _KIND.get(status.strip(), "")))
    return found


def _name(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _add(terms: dict[str, Term], keep: list[str], dutch: str, allowed: list[str], forbidden: list[str], note: str, where: str) -> None:
    allowed = [a for a in dict.fromkeys(allowed) if a]
    if not dutch:
        raise ConfigError(where, "no Dutch term", hint=f"fill in the '{SOURCE}' column or delete the row")
    if not allowed:
        raise ConfigError(where, f"{dutch}: no English", hint="write the English; write the Dutch again to keep a term in Dutch")
    if allowed == [dutch] and not forbidden:
        keep.append(dutch)
    else:
        terms[dutch] = Term(allowed[0], tuple(allowed[1:]), tuple(dict.fromkeys(forbidden)), note)


# Merging into glossary.yaml ----------------------------------------------------------------------------------------------


def merge_glossary(text: str, incoming: Glossary) -> Merge:
    """``text`` (glossary.yaml) with the incoming terms merged in, editing only the lines of the entries that change."""
    current = parse_glossary(text)
    known = {name.casefold(): name for name in (*current.terms, *current.keep)}
    merge = Merge(text)
    new_terms: dict[str, Term] = {}
    replaced: dict[str, Term] = {}
    for dutch, term in incoming.terms.items():
        name = known.get(dutch.casefold())
        if name is None:
            new_terms[dutch] = term
        elif name in current.terms and (merged := _merged(current.terms[name], term)) != current.terms[name]:
            replaced[name] = merged
        else:
            merge.unchanged.append(dutch)
    new_keep = [kept for kept in incoming.keep if kept.casefold() not in known]
    merge.unchanged += [kept for kept in incoming.keep if kept.casefold() in known]
    merge.added = [*new_terms, *new_keep]
    merge.changed = list(replaced)
    if new_terms or replaced or new_keep:
        merge.text = _edited(text, current, new_terms, replaced, new_keep)
    return merge


def _merged(mine: Term, theirs: Term) -> Term:
    """My preferred English stays; theirs and their variants are allowed too, their forbidden ones forbidden (unless I allow them)."""
    allowed = list(dict.fromkeys([*mine.allowed, *theirs.allowed]))
    forbidden = [f for f in dict.fromkeys([*mine.forbidden, *theirs.forbidden]) if not any(english_has(a, f) and english_has(f, a) for a in allowed)]
    return Term(mine.english, tuple(allowed[1:]), tuple(forbidden), mine.note or theirs.note)


def _edited(text: str, current: Glossary, new_terms: dict[str, Term], replaced: dict[str, Term], new_keep: list[str]) -> str:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    sections = {key.value: value for key, value in root.value} if isinstance(root, yaml.MappingNode) else {}
    if any(name in sections and not _editable(sections[name]) for name, items in (("terms", new_terms or replaced), ("keep", new_keep)) if items):
        return render_glossary(_with(current, new_terms, replaced, new_keep))  # a flow-style or empty section: written anew
    edits: list[tuple[int, int, str]] = []
    if "terms" in sections:
        pairs = sections["terms"].value
        for key, value in pairs:
            if key.value in replaced:
                end = _content_end(text, key.start_mark.index, value.end_mark.index)
                edits.append((key.start_mark.index, end, _indented(_entry_yaml(key.value, replaced[key.value]), key.start_mark.column)))
        if new_terms:
            end = _content_end(text, pairs[-1][0].start_mark.index, pairs[-1][1].end_mark.index)
            column = pairs[-1][0].start_mark.column
            edits.append((end, end, "".join("\n" + " " * column + _indented(_entry_yaml(d, t), column) for d, t in new_terms.items())))
    if "keep" in sections and new_keep:
        items = sections["keep"].value
        end = _content_end(text, items[-1].start_mark.index, items[-1].end_mark.index)
        column = items[-1].start_mark.column - 2
        edits.append((end, end, "".join(f"\n{' ' * column}- {_scalar(kept)}" for kept in new_keep)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    tail = ""
    if new_terms and "terms" not in sections:
        tail += "terms:\n" + "".join("  " + _indented(_entry_yaml(d, t), 2) + "\n" for d, t in new_terms.items())
    if new_keep and "keep" not in sections:
        tail += "keep:\n" + "".join(f"  - {_scalar(kept)}\n" for kept in new_keep)
    if tail:
        text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + tail
    return text


def _editable(node: yaml.Node) -> bool:
    return isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and bool(node.value)


def _content_end(text: str, start: int, end: int) -> int:
    """Where an entry's own text ends: before the blank and comment lines YAML counts into a block's end."""
    lines = text[start:end].split("\n")
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].strip().startswith("#")):
        lines.pop()
    return start + len("\n".join(lines).rstrip(" \t"))


def _entry_yaml(dutch: str, term: Term) -> str:
    """One term as a translator writes it: ``x: y``, ``x: [y, z]``, or a block with its fields."""
    if not term.forbidden and not term.note:
        return f"{_scalar(dutch)}: {_scalar(term.english) if not term.variants else _flow(term.allowed)}"
    fields = [f"en: {_scalar(term.english)}"]
    fields += [f"{name}: {_flow(items)}" for name, items in (("variants", term.variants), ("forbidden", term.forbidden)) if items]
    fields += [f"note: {_scalar(term.note)}"] if term.note else []
    return f"{_scalar(dutch)}:" + "".join(f"\n  {line}" for line in fields)


def _scalar(text: str) -> str:
    return yaml.safe_dump([text], allow_unicode=True, width=2**31).rstrip("\n")[2:]


def _flow(items: tuple[str, ...]) -> str:
    return yaml.safe_dump(list(items), allow_unicode=True, default_flow_style=True, width=2**31).rstrip("\n")


def _indented(block: str, column: int) -> str:
    return block.replace("\n", "\n" + " " * column)


def _with(current: Glossary, new_terms: dict[str, Term], replaced: dict[str, Term], new_keep: list[str]) -> Glossary:
    return Glossary({**current.terms, **replaced, **new_terms}, (*current.keep, *new_keep))


def render_glossary(glossary: Glossary) -> str:
    """A whole glossary.yaml for a glossary."""
    lines = ["# The term base of this site: `draft` enforces it, `check` reports translations that break it.", ""]
    if glossary.terms:
        lines += ["terms:", *("  " + _indented(_entry_yaml(d, t), 2) for d, t in glossary.terms.items())]
    if glossary.keep:
        lines += ["keep:", *(f"  - {_scalar(kept)}" for kept in glossary.keep)]
    return "\n".join(lines) + "\n"
