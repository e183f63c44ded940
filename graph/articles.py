"""Load articles from text, JSON, JSON Lines and HTML, and clean them.

The cleaned text is what every evidence offset points into, and its sha256 is
the article's identity: the same report, ingested twice or from two files,
is one article. Cleaning therefore happens exactly once, here.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from .errors import ArticleError
from .furniture import strip_furniture
from .model import MARKINGS, Article

SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".json": "json",
            ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html"}
def _max_bytes() -> int:
    """The article size limit: ``INTELGRAPH_MAX_ARTICLE_BYTES`` or 5 MB."""
    value = os.environ.get("INTELGRAPH_MAX_ARTICLE_BYTES", "")
    return int(value) if value.isdigit() else 5 * 1024 * 1024


_HEADER = re.compile(r"^\s*(publisher|published|date|url|marking)\s*:\s*(.+?)\s*$", re.I)


def clean_text(raw: str) -> str:
    """Normalise whitespace and Unicode, then drop page furniture.

    >>> clean_text("First line.  \\r\\n\\r\\n\\r\\n Second.")
    'First line.\\n\\nSecond.'
    """
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = strip_furniture(text)
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_published(value: object, *, field: str = "published") -> date | None:
    """An article date from ISO text (``2025-03-07`` or a timestamp); None when absent.

    Raises ArticleError for an unparseable date or one more than a day in the future.

    >>> parse_published("2025-03-07T10:00:00Z")
    datetime.date(2025, 3, 7)
    """
    if value in (None, ""):
        return None
    if isinstance(value, date):
        day = value if not isinstance(value, datetime) else value.date()
    else:
        text = str(value).strip()
        try:
            day = date.fromisoformat(text[:10])
        except ValueError:
            raise ArticleError(f"unparseable {field} date {text!r}; write it as YYYY-MM-DD") from None
    if day > date.today() + timedelta(days=1):
        raise ArticleError(f"{field} date {day.isoformat()} is in the future")
    return day


def check_marking(value: object) -> str:
    marking = str(value or "TLP:CLEAR").strip().upper()
    if not marking.startswith("TLP:"):
        marking = "TLP:" + marking
    if marking not in MARKINGS:
        raise ArticleError(f"unknown marking {value!r}; choose one of: {', '.join(MARKINGS)}")
    return marking


def raise_marking(article: Article, requested: object) -> Article:
    """``article`` under the stricter of its own marking and ``requested``: a marking is never lowered.

    Every ingest path (CLI, API, library, bulk workers) applies an operator's
    ``--marking`` through this one function, so an article that says
    ``marking: TLP:RED`` stays RED whatever is asked for.

    >>> art = article_from_text("Text.", title="T", marking="TLP:RED")
    >>> raise_marking(art, "TLP:GREEN").marking, raise_marking(art.__class__(**{**art.__dict__, "marking": "TLP:CLEAR"}), "amber").marking
    ('TLP:RED', 'TLP:AMBER')
    """
    if requested is None or requested == "":
        return article
    wanted = check_marking(requested)
    if MARKINGS.index(wanted) <= MARKINGS.index(article.marking):
        return article
    return replace(article, marking=wanted)


def article_from_text(text: str, *, title: str = "", publisher: str | None = None,
                      published: object = None, url: str | None = None,
                      source: str | None = None, marking: object = None) -> Article:
    """Build an Article from raw body text and metadata, cleaning the text.

    >>> a = article_from_text("Israel is weighing limits on what it shares.", title="T")
    >>> a.id == a.content_hash[:16], len(a.id)
    (True, 16)
    """
    cleaned = clean_text(text or "")
    if not cleaned:
        raise ArticleError(f"{source or 'article'}: no text left after cleaning (empty article?)")
    headline = re.sub(r"\s+", " ", (title or "").strip()) or cleaned.split("\n", 1)[0][:200]
    return Article(
        title=headline, text=cleaned, content_hash=content_hash(cleaned),
        publisher=(publisher or None) and str(publisher).strip(),
        published=parse_published(published), url=(url or None) and str(url).strip(),
        source=source, marking=check_marking(marking),
    )


def _decode(data: bytes, source: str) -> str:
    """Strict UTF-8: an invalid byte is refused rather than silently replaced."""
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{source}: binary file (NUL bytes); give a .txt, .json or .html article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleError(
            f"{source}: not valid UTF-8 at byte {err.start}; re-encode the file as UTF-8") from None


def parse_text(raw: str, source: str = "-") -> Article:
    """A plain-text article: headline on the first line, then optional ``key: value`` headers."""
    lines = raw.lstrip("\ufeff").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise ArticleError(f"{source}: empty article")
    title, meta, body_start = lines[0].strip(), {}, 1
    for i in range(1, len(lines)):
        match = _HEADER.match(lines[i])
        if match:
            key = match.group(1).lower()
            meta["published" if key == "date" else key] = match.group(2)
            body_start = i + 1
        elif lines[i].strip():
            break
    return article_from_text("\n".join(lines[body_start:]), title=title, source=source, **meta)


def parse_json_record(record: object, source: str = "-") -> Article:
    """An article from a JSON object (``title``, ``publisher``, ``published``, ``url``, ``text``)."""
    if not isinstance(record, dict):
        raise ArticleError(f"{source}: expected a JSON object with a 'text' field")
    text = record.get("text") or record.get("body") or ""
    if not isinstance(text, str) or not text.strip():
        raise ArticleError(f"{source}: JSON article has no 'text'")
    return article_from_text(
        text, title=str(record.get("title") or record.get("headline") or ""),
        publisher=record.get("publisher"), published=record.get("published") or record.get("date"),
        url=record.get("url"), source=source, marking=record.get("marking"))


def parse_html(raw: str, source: str = "-") -> Article:
    """Main text of an HTML page (trafilatura), with title and date from its metadata."""
    import trafilatura  # imported here: slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(raw, include_comments=False, include_tables=False,
                                      include_images=False, favor_precision=True, with_metadata=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body:
        raise ArticleError(f"{source}: no article text found in the HTML")
    return article_from_text(body, title=getattr(doc, "title", "") or "",
                             publisher=getattr(doc, "sitename", None),
                             published=_lenient_date(getattr(doc, "date", None)),
                             url=getattr(doc, "url", None), source=source)


def _lenient_date(value: str | None) -> str | None:
    try:
        return value if parse_published(value) else None
    except ArticleError:
        return None


def parse_bytes(data: bytes, kind: str, source: str = "-", *, max_bytes: int | None = None) -> list[Article]:
    """Articles from the bytes of one file of ``kind`` (text, json, jsonl or html)."""
    max_bytes = max_bytes or _max_bytes()
    if len(data) > max_bytes:
        raise ArticleError(f"{source}: {len(data):,} bytes is over the {max_bytes:,}-byte limit")
    raw = _decode(data, source)
    if not raw.strip():
        raise ArticleError(f"{source}: empty file")
    if kind == "text":
        return [parse_text(raw, source)]
    if kind == "html":
        return [parse_html(raw, source)]
    if kind == "json":
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as err:
            raise ArticleError(f"{source}: malformed JSON at line {err.lineno}: {err.msg}") from None
        return [parse_json_record(r, source) for r in (record if isinstance(record, list) else [record])]
    if kind == "jsonl":
        return [a for a in iter_jsonl(raw, source) if isinstance(a, Article)]
    raise ArticleError(f"{source}: unknown article kind {kind!r}; choose one of: {', '.join(sorted(set(SUFFIXES.values())))}")


def iter_jsonl(raw: str, source: str, *, first_line: int = 1) -> Iterator[Article | ArticleError]:
    """Each line of a JSON Lines file as an Article, or the error that line raised."""
    for number, line in enumerate(raw.split("\n"), start=first_line):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield parse_json_record(json.loads(line), where)
        except json.JSONDecodeError as err:
            yield ArticleError(f"{where}: malformed JSON: {err.msg}")
        except ArticleError as err:
            yield err


def kind_of(path: Path) -> str:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise ArticleError(f"{path}: unknown file type {path.suffix!r}; use one of: {', '.join(sorted(SUFFIXES))}")
    return kind


def load_article(path: str | Path, *, marking: str | None = None) -> Article:
    """Load one article file (.txt, .json or .html).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("Headline\\npublisher: Wire\\npublished: 2025-03-05\\n\\nBody text.")
    >>> a = load_article(p)
    >>> a.title, a.publisher, a.published.isoformat(), a.text
    ('Headline', 'Wire', '2025-03-05', 'Body text.')
    """
    articles = load_file(Path(path), marking=marking)
    if len(articles) != 1:
        raise ArticleError(f"{path}: holds {len(articles)} articles; use load_file for several")
    return articles[0]


def load_file(path: Path, *, marking: str | None = None, max_bytes: int | None = None) -> list[Article]:
    """All articles in one file (a JSON array or JSON Lines file may hold several)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ArticleError(f"{path}: cannot read ({err.strerror})") from None
    articles = parse_bytes(data, kind_of(path), str(path), max_bytes=max_bytes)
    return [raise_marking(a, marking) for a in articles]


def article_files(paths: Iterable[str | Path]) -> list[Path]:
    """The article files under ``paths`` (directories searched recursively, sorted)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.exists():
            found.append(path)
        else:
            raise ArticleError(f"{path}: no such file or directory")
    return found
