"""Extraction throughput, single core: articles/s and words/s.

Runs the extractor on the annotated articles in ``../shared/eval/gold`` (skipped
with a message when that folder is absent) and on a synthetic corpus built
from templates of the genre (wire reports on intelligence sharing, ~600 words
each). The lexicon is loaded once, as the pipeline does.

    python bench/bench_extract.py [--seconds 5] [--articles 200]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.articles import article_from_text  # noqa: E402
from graph.extract import extract, load_lexicon  # noqa: E402

COUNTRIES = ["Britain", "France", "Germany", "Japan", "Canada", "Australia", "Israel", "the Netherlands",
             "Poland", "South Korea", "India", "Norway", "Denmark", "Italy", "Spain"]
CAPITALS = ["Washington", "London", "Paris", "Berlin", "Tokyo", "Ottawa", "Kyiv", "The Hague"]
AGENCIES = ["the CIA", "MI6", "the BND", "Mossad", "the AIVD", "GCHQ", "the NSA"]
PEOPLE = [("Defence Minister", "Anna Berg"), ("Foreign Minister", "Omar Haddad"),
          ("spokesman", "Luis Ortega"), ("national security adviser", "Mia Chen")]
TEMPLATES = [
    "{c1} has suspended intelligence sharing with {c2} on {date}, officials said.",
    "{c1} is considering withholding intelligence from {cap}, according to people familiar with the matter.",
    "{c1} and {c2} will exchange classified information on terrorism under the new agreement.",
    "{ag} resumed passing information to {c2} after a two-week pause.",
    "\"We will continue to cooperate closely on intelligence,\" {role} {name} said.",
    "{name}, {role} of {c1}, said the partnership with {c2} remained strong.",
    "The Five Eyes nations (UK, Australia, Canada, and New Zealand) met in {cap}.",
    "Analysts said {c1} could limit what it shares with {c2} if the talks fail.",
    "The government also halted military aid deliveries to {c2} and imposed tariffs on {c1}.",
    "\"Any suggestion otherwise is untrue,\" a {dem} government spokesperson said.",
    "Officials in {cap} said the review was part of a broader reassessment of ties with {c1}.",
    "Trade between {c1} and {c2} grew by four percent last year, the statistics office said.",
]
DEMONYMS = ["British", "French", "German", "Japanese", "Canadian", "Dutch", "Israeli"]


def synthetic_corpus(n: int, seed: int = 7) -> list[str]:
    """``n`` articles of about 600 words from the templates, reproducibly."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        paras, words = [f"{rng.choice(CAPITALS).upper()} - "], 0
        while words < 600:
            sents = []
            for _ in range(rng.randint(2, 4)):
                c1, c2 = rng.sample(COUNTRIES, 2)
                role, name = rng.choice(PEOPLE)
                s = rng.choice(TEMPLATES).format(c1=c1, c2=c2, cap=rng.choice(CAPITALS), ag=rng.choice(AGENCIES),
                                                 role=role, name=name, dem=rng.choice(DEMONYMS),
                                                 date=f"{rng.randint(1, 28)} March")
                sents.append(s[0].upper() + s[1:])
            para = " ".join(sents)
            paras.append(para)
            words += len(para.split())
        out.append(paras[0] + "\n\n".join(paras[1:]))
    return out


def run(name: str, articles: list, seconds: float) -> None:
    lexicon = load_lexicon()
    words = sum(len(a.text.split()) for a in articles)
    for a in articles[:3]:
        extract(a, lexicon=lexicon)  # warm caches
    done, done_words, start = 0, 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for a in articles:
            extract(a, lexicon=lexicon)
        done += len(articles)
        done_words += words
    dt = time.perf_counter() - start
    print(f"{name:<10} {len(articles):>4} articles, {words / len(articles):>5.0f} words/article: "
          f"{done / dt:>7.1f} articles/s, {done_words / dt:>9.0f} words/s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=5.0, help="time per corpus")
    ap.add_argument("--articles", type=int, default=200, help="synthetic articles")
    args = ap.parse_args()
    t0 = time.perf_counter()
    load_lexicon()
    print(f"lexicon load: {(time.perf_counter() - t0) * 1000:.0f} ms")
    gold_dir = next((p for p in (ROOT.parent / "shared" / "eval" / "gold", Path("/work/shared/eval/gold"))
                     if p.is_dir()), None)
    if gold_dir is None:
        print("gold: skipped (../shared/eval/gold not found)")
    else:
        gold = []
        for p in sorted(gold_dir.glob("*.json")):
            d = json.loads(p.read_text(encoding="utf-8"))
            gold.append(article_from_text(d["text"], title=d.get("title", ""), published=d.get("published")))
        run("gold", gold, args.seconds)
    synthetic = [article_from_text(t, title="Intelligence sharing", published="2025-03-07")
                 for t in synthetic_corpus(args.articles)]
    run("synthetic", synthetic, args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
