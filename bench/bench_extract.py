"""Extraction throughput, single core: articles/s and words/s.

Runs the extractor on the annotated articles in ``../shared/eval/gold`` (skipped
with a message when that folder is absent) and on a synthetic corpus built
by bench/corpus.py (wire reports on intelligence sharing, ~500 words
each). The lexicon is loaded once, as the pipeline does.

    python bench/bench_extract.py [--seconds 5] [--articles 200]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.articles import article_from_text  # noqa: E402
from graph.extract import extract, load_lexicon  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402  (the deterministic generator shared by the benchmarks)


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
    synthetic = [article_from_text(r["text"], title=r["title"], published=r["published"])
                 for r in corpus.generate(args.articles)]
    run("synthetic", synthetic, args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
