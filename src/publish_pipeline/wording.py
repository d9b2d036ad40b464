"""Small helpers for messages people read."""


def plural(count: int, noun: str) -> str:
    """``1 entry``, ``2 entries``, ``3 documents``."""
    if count == 1:
        return f"1 {noun}"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}s"


def extract_summary(documents: int, segments: int, written: int) -> str:
    return f"extract: {plural(documents, 'document')}, {plural(segments, 'segment')}, {plural(written, 'PO file')} written"
