"""A deterministic corpus of Dutch-like blog posts for the benchmarks.

Each post: front matter (title, date, tags, summary) and 8–15 blocks — headings,
paragraphs with links and emphasis, bullet and ordered lists, a blockquote and a
GFM table — about 800 words. The same N gives the same bytes on every machine.

The "realworld" corpus (``write_realworld``) adds what real sites have: Hugo
shortcodes (figure, youtube), HTML blocks (a note, details/summary), reference
links with their definitions at the end, footnote-like text, fenced code, nested
lists and images, in posts and a few topic pages.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

WORDS = (
    "vertrouwen loyaliteit frictie verandering team school leider belang keuze relatie gesprek zorg organisatie "
    "medewerker directeur samenwerking opgave besluit afweging kwaliteit onderwijs ouders leerlingen rooster "
    "weerstand nieuwsgierig moed geduld ruimte tempo vakmanschap identiteit krachtenveld betekenis richting"
).split()
GLUE = "de het een en van in op met voor dat die niet is zijn was wordt om te als maar ook dan nog wel".split()
ENGLISH = dict(zip(
    [*WORDS, *GLUE, "soort", "bewerkt"],
    "trust loyalty friction change team school leader interest choice relationship conversation care organisation "
    "employee director cooperation task decision consideration quality education parents pupils timetable "
    "resistance curious courage patience space pace craftsmanship identity field meaning direction "
    "the the a and of in on with for that who not is are was becomes to to as but also then still indeed "
    "kind edited".split(),
))
"""A word-for-word English for the corpus: translations that differ from the Dutch, markup untouched."""


def sentence(rng: random.Random, words: int) -> str:
    parts = [rng.choice(WORDS if rng.random() < 0.45 else GLUE) for _ in range(words)]
    parts[0] = parts[0].capitalize()
    return " ".join(parts) + rng.choice([".", ".", ".", "?", "!"])


def paragraph(rng: random.Random, number: int) -> str:
    sentences = [sentence(rng, rng.randint(10, 18)) for _ in range(rng.randint(6, 10))]
    words = sentences[0].split(" ")
    words[2] = f"*{words[2]}*"
    if len(words) > 6:
        words[5] = f"[{words[5]}](/blog/post-{rng.randint(0, max(number - 1, 0)):05d}/)"
    sentences[0] = " ".join(words)
    return " ".join(sentences)


def post(number: int) -> str:
    rng = random.Random(number)
    title = sentence(rng, rng.randint(3, 6)).rstrip(".?!")
    summary = sentence(rng, 14)
    blocks = []
    for index in range(rng.randint(8, 15)):
        kind = index % 7
        if kind == 0:
            blocks.append(f"## {sentence(rng, rng.randint(3, 6)).rstrip('.!')}")
        elif kind in (1, 2, 5, 6) and index != 6:
            blocks.append(paragraph(rng, number))
        elif kind == 3:
            blocks.append("\n".join(f"- {sentence(rng, rng.randint(4, 9))}" for _ in range(rng.randint(3, 5))))
        elif kind == 4:
            blocks.append("> " + sentence(rng, 14) + "\n> " + sentence(rng, 10))
        else:
            rows = [f"| {sentence(rng, 3)} | {sentence(rng, 4)} |" for _ in range(3)]
            blocks.append("| Soort | Betekenis |\n|---|---|\n" + "\n".join(rows))
    tags = sorted({rng.choice(WORDS) for _ in range(2)})
    return (
        f"---\ntitle: \"{title}\"\ndate: 20{10 + number % 15:02d}-{number % 12 + 1:02d}-{number % 28 + 1:02d}\n"
        f"tags: [{', '.join(tags)}]\nsummary: \"{summary}\"\n---\n\n" + "\n\n".join(blocks) + "\n"
    )


def write_corpus(root: Path, posts: int) -> Path:
    """A site folder with ``posts`` posts under ``root``."""
    (root / "source_nl" / "blog").mkdir(parents=True, exist_ok=True)
    (root / "pipeline.yaml").write_text("project: bench\nbase_url: https://bench.example.org\n", encoding="utf-8")
    for number in range(posts):
        (root / "source_nl" / "blog" / f"post-{number:05d}.md").write_text(post(number), encoding="utf-8")
    return root


def realworld_post(number: int, topics: int) -> str:
    """A post with the constructs real sites have: Hugo shortcodes, HTML blocks, reference links and their
    definitions, footnote-like text, fenced code, nested lists, images and a GFM table (the same bytes for the same number)."""
    rng = random.Random(f"realworld-{number}")
    title = sentence(rng, rng.randint(3, 6)).rstrip(".?!")
    references: list[str] = []
    notes: list[str] = []

    def reference() -> str:
        references.append(f"[ref-{len(references) + 1}]: https://example.org/artikel-{rng.randint(1, 999)} \"{sentence(rng, 3).rstrip('.?!')}\"")
        return f"[{rng.choice(WORDS)}][ref-{len(references)}]"

    def text(words: int) -> str:
        return sentence(rng, words).rstrip(".?!")

    def prose() -> str:
        body = paragraph(rng, number).split(" ")
        body[8] = reference()
        if topics and len(body) > 14:
            body[12] = f"[{body[12].strip('.?!*')}](/topics/topic-{rng.randrange(topics):03d}/)"
        return " ".join(body)

    blocks = []
    for index in range(rng.randint(10, 16)):
        kind = rng.randrange(12) if index else 1
        if kind == 0:
            blocks.append(f"## {text(rng.randint(3, 6))}")
        elif kind in (1, 2, 3):
            blocks.append(prose())
        elif kind == 4:
            blocks.append(f'{{{{< figure src="/img/foto-{number}-{index}.jpg" alt="{text(5)}" caption="{text(8)}" >}}}}')
        elif kind == 5:
            blocks.append(f"{{{{< youtube {rng.randrange(16**10):010x}9 >}}}}")
        elif kind == 6:
            blocks.append(f'<div class="note">\n<p>{sentence(rng, 12)} <strong>{text(2)}</strong> {sentence(rng, 9)}</p>\n</div>')
        elif kind == 7:
            blocks.append(f"<details>\n<summary>{text(4)}</summary>\n<p>{sentence(rng, 14)} {sentence(rng, 10)}</p>\n</details>")
        elif kind == 8:
            rows = [f"| {text(2)} | {text(4)} | {rng.randint(1, 99)} |" for _ in range(rng.randint(2, 5))]
            blocks.append("| Soort | Betekenis | Aantal |\n|---|---|---:|\n" + "\n".join(rows))
        elif kind == 9:
            blocks.append(f"```python\ndef stap_{index}(x):\n    return x * {rng.randint(2, 9)}  # {text(4).lower()}\n```")
        elif kind == 10:
            items = []
            for _ in range(rng.randint(2, 4)):
                items.append(f"- {sentence(rng, rng.randint(4, 9))}")
                items += [f"  - {sentence(rng, rng.randint(3, 7))}" for _ in range(rng.randrange(3))]
            blocks.append("\n".join(items))
        else:
            blocks.append(f'![{text(4)}](/img/beeld-{number}-{index}.png "{text(3)}")\n\n{sentence(rng, 12)}[^{index}]')
            notes.append(f"[^{index}]: {sentence(rng, 9)}")
    tags = sorted({rng.choice(WORDS) for _ in range(rng.randint(1, 3))})
    return (
        f"---\ntitle: \"{title}\"\ndate: 20{10 + number % 15:02d}-{number % 12 + 1:02d}-{number % 28 + 1:02d}\n"
        f"tags: [{', '.join(tags)}]\nsummary: \"{sentence(rng, 14)}\"\n---\n\n" + "\n\n".join(blocks + ["\n".join(notes), "\n".join(references)]) + "\n"
    )


def realworld_topic(number: int) -> str:
    """A topic page: front matter with tags, an introduction, a shortcode and an HTML note."""
    rng = random.Random(f"topic-{number}")
    title = sentence(rng, 3).rstrip(".?!")
    return (
        f"---\ntitle: \"{title}\"\ntags: [{WORDS[number % len(WORDS)]}]\nsummary: \"{sentence(rng, 10)}\"\n---\n\n"
        f"{paragraph(rng, 1)}\n\n{{{{< figure src=\"/img/thema-{number}.jpg\" alt=\"{sentence(rng, 4).rstrip('.?!')}\" >}}}}\n\n"
        f'<div class="note">\n<p>{sentence(rng, 12)}</p>\n</div>\n'
    )


def write_realworld(root: Path, documents: int) -> Path:
    """A site folder of ``documents`` documents with real-world constructs: one in fifty a topic page, the rest posts."""
    topics = max(documents // 50, 1)
    (root / "source_nl" / "blog").mkdir(parents=True, exist_ok=True)
    (root / "source_nl" / "topics").mkdir(parents=True, exist_ok=True)
    (root / "pipeline.yaml").write_text("project: bench\nbase_url: https://bench.example.org\n", encoding="utf-8")
    texts = {f"topics/topic-{number:03d}.md": realworld_topic(number) for number in range(topics)}
    texts |= {f"blog/post-{number:05d}.md": realworld_post(number, topics) for number in range(documents - topics)}
    (root / "static" / "img").mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (root / "source_nl" / name).write_text(text, encoding="utf-8")
        for image in re.findall(r"/img/[\w.-]+", text):  # every image the posts show is in static/ (a small stand-in)
            (root / "static" / image.lstrip("/")).write_bytes(image.encode())
    return root


def edit_paragraph(path: Path) -> None:
    """The author edits the first paragraph of one document (a word added)."""
    text = path.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    target = next(i for i, block in enumerate(blocks) if block[:1].isupper() and not block.startswith(("#", "-", ">", "|")))
    blocks[target] = blocks[target].replace(" ", " bewerkt ", 1)
    path.write_text("\n\n".join(blocks), encoding="utf-8")


def edit_tenth(root: Path) -> None:
    """The author edits one paragraph in every tenth post."""
    for path in sorted((root / "source_nl" / "blog").glob("*.md"))[::10]:
        edit_paragraph(path)


def translate(text: str) -> str:
    """The corpus text in word-for-word English (links, emphasis and table syntax kept as they are)."""

    def english(match: re.Match[str]) -> str:
        word = match.group(0)
        found = ENGLISH.get(word.lower())
        if found is None:
            return word
        return found.capitalize() if word[0].isupper() else found

    return re.sub(r"\b[^\W\d_]+\b", english, text)  # no corpus word is in a URL (/blog/post-00012/)
