"""Page furniture removal: what a web page wraps around the reporting.

Photo captions and their credit lines, captions repeated without the credit,
captions in another language, bylines, newsletter and subscription prompts
and "read more" links are not reporting: an extractor reading them would find
officials in a photo caption or a claim in a teaser. They are removed line by
line; paragraph breaks (blank lines) are kept because quotes run across
paragraphs. The patterns are data (``furniture`` in ``ontology/cues.yaml``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .extract.cues import default_cues

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class FurnitureRules:
    """Compiled furniture patterns (built once from the cue dictionary)."""

    line_patterns: tuple[re.Pattern[str], ...]
    credit_suffix: re.Pattern[str]
    foreign_words: dict[str, frozenset[str]]
    english_words: frozenset[str]
    foreign_ratio: float
    foreign_min_words: int


@functools.lru_cache(maxsize=1)
def default_rules() -> FurnitureRules:
    """The rules of the packaged cue dictionary, compiled once."""
    return build_rules(default_cues())


def build_rules(cues: dict) -> FurnitureRules:
    """Compile the ``furniture`` section of a cue dictionary."""
    spec = cues.get("furniture", {})
    return FurnitureRules(
        line_patterns=tuple(re.compile(p, re.IGNORECASE) for p in spec.get("line_patterns", [])),
        credit_suffix=re.compile(spec.get("credit_suffix", r"(?!x)x"), re.IGNORECASE),
        foreign_words={lang: frozenset(w.lower() for w in words)
                       for lang, words in spec.get("foreign_function_words", {}).items()},
        english_words=frozenset(w.lower() for w in spec.get("english_function_words", [])),
        foreign_ratio=float(spec.get("foreign_ratio", 0.2)),
        foreign_min_words=int(spec.get("foreign_min_words", 6)),
    )


def _norm(line: str) -> str:
    return _SPACES.sub(" ", line).strip().lower()


def is_foreign(line: str, rules: FurnitureRules) -> bool:
    """True when a line reads as another language: many of its function words, few English ones.

    >>> r = build_rules(default_cues())
    >>> is_foreign("Der Präsident bei einem Treffen mit dem Gouverneur der Region", r)
    True
    >>> is_foreign("The president met the governor of the region on Monday", r)
    False
    """
    words = [w.lower() for w in _WORD.findall(line)]
    if len(words) < rules.foreign_min_words:
        return False
    english = sum(w in rules.english_words for w in words) / len(words)
    for vocab in rules.foreign_words.values():
        share = sum(w in vocab for w in words) / len(words)
        if share >= rules.foreign_ratio and share > english * 1.5:
            return True
    return False


def strip_furniture(text: str, rules: FurnitureRules | None = None) -> str:
    """Remove page furniture, keeping paragraphs separated by blank lines.

    >>> strip_furniture("Lead para.\\n\\nA man waves. (photo credit: Reuters)\\nA man waves.\\n\\nStay updated with the latest news!\\n\\nBody.")
    'Lead para.\\n\\nBody.'
    """
    rules = rules or default_rules()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    captions: set[str] = set()
    kept: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        m = rules.credit_suffix.search(stripped)
        if m:
            captions.add(_norm(stripped[: m.start()]))
            continue
        if any(p.fullmatch(stripped) for p in rules.line_patterns):
            continue
        if is_foreign(stripped, rules):
            continue
        kept.append(line.rstrip())
    out: list[str] = []
    previous = ""
    for line in kept:
        norm = _norm(line)
        if norm and (norm in captions or norm == previous):
            continue  # a caption repeated without its credit, or a duplicated line
        out.append(line)
        if norm:
            previous = norm
    cleaned = "\n".join(out)
    cleaned = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", cleaned)
    return cleaned.strip()
