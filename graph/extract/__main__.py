"""``python -m graph.extract [--json] [--explain] [--dictionary F] FILE``: a dry run of the extractor.

With ``--json`` it prints exactly the facts JSON of the evaluation format
(``score.py`` reads it); otherwise one line per fact with its rule.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..articles import load_article
from ..errors import IntelgraphError
from ..model import facts_to_json
from . import explain_rows, extract, load_lexicon


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m graph.extract", description=__doc__)
    ap.add_argument("file", type=Path)
    ap.add_argument("--json", action="store_true", help="print the facts JSON only")
    ap.add_argument("--explain", action="store_true", help="add span, rule and confidence to each fact")
    ap.add_argument("--dictionary", type=Path, action="append", default=[],
                    help="extra Turtle or YAML dictionary (repeatable)")
    args = ap.parse_args(argv)
    try:
        article = load_article(args.file)
        facts = extract(article, lexicon=load_lexicon(args.dictionary))
    except IntelgraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(facts_to_json(article, facts, explain=args.explain), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for r in explain_rows(article, facts):
        line = f"{r['kind']:<10} {r['summary']}  [{r['rule']} {r['confidence']:.2f}]"
        print(line + (f"\n           | {r['sentence']}" if args.explain else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
