"""Score the extractor on the real-article sets (bench/realworld/), texts kept outside the repository.

    python bench/score_realworld.py                 # the test part (the figure the README reports)
    python bench/score_realworld.py --set dev -v    # the development part, each miss and extra listed

The excerpts live in ``../realtexts/<excerpt_sha256>.txt`` (see
``bench/realworld/README.md`` for fetching them on a new machine). The
extractor runs in this process, exactly as ``intelgraph extract --json``
would on the JSON article ``score.py --cmd`` writes; its answers go to a
temporary folder that ``../shared/eval/score.py --pred`` then scores, so the
figures are score.py's own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORE = ROOT.parent / "shared" / "eval" / "score.py"
TEXTS = ROOT.parent / "realtexts"


def predict(entries: list[dict], texts: Path, out: Path) -> int:
    """Write ``<id>.json`` facts for every entry whose text is present; how many were."""
    from graph.articles import parse_json_record
    from graph.errors import ArticleError
    from graph.extract import extract, load_lexicon
    from graph.model import facts_to_json

    lexicon = load_lexicon()
    done = 0
    for entry in entries:
        path = texts / f"{entry['excerpt_sha256']}.txt"
        if not path.exists():
            continue
        record = {"id": entry["id"], "title": "", "publisher": "", "published": entry.get("published"),
                  "text": path.read_text(encoding="utf-8")}
        try:
            article = parse_json_record(record, str(path))
        except ArticleError as err:  # as `intelgraph extract` would fail: nothing found in this excerpt
            print(f"{entry['id']}: {err}", file=sys.stderr)
            (out / f"{entry['id']}.json").write_text("{}", encoding="utf-8")
            done += 1
            continue
        facts = extract(article, lexicon=lexicon)
        (out / f"{entry['id']}.json").write_text(json.dumps(facts_to_json(article, facts), ensure_ascii=False),
                                                encoding="utf-8")
        done += 1
    return done


def check(texts: Path) -> int:
    """Count the excerpts of both sets that are present (and unchanged), missing or changed."""
    import hashlib

    bad = 0
    for name in ("dev", "test"):
        entries = json.loads((ROOT / "bench" / "realworld" / f"{name}.json").read_text(encoding="utf-8"))
        present = missing = changed = 0
        for entry in entries:
            path = texts / f"{entry['excerpt_sha256']}.txt"
            if not path.exists():
                missing += 1
            elif hashlib.sha256(path.read_bytes()).hexdigest() != entry["excerpt_sha256"]:
                changed += 1
                print(f"changed: {path} ({entry['url']})")
            else:
                present += 1
        print(f"{name}: {present} present, {missing} missing, {changed} changed (in {texts})")
        bad += missing + changed
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=("dev", "test"), default="test")
    ap.add_argument("--texts", type=Path, default=TEXTS)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--check", action="store_true", help="only say which texts are present, missing or changed")
    args = ap.parse_args()
    if args.check:
        return check(args.texts)
    if not SCORE.exists():
        raise SystemExit(f"{SCORE} is missing: the scorer ships with the evaluation set in ../shared/eval")
    facts = ROOT / "bench" / "realworld" / f"{args.set}.json"
    entries = json.loads(facts.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        done = predict(entries, args.texts, Path(tmp))
        if not done:
            raise SystemExit(f"no excerpt of {facts.name} is in {args.texts}; fetch them (bench/realworld/README.md)")
        command = [sys.executable, str(SCORE), "--facts", str(facts), "--texts", str(args.texts), "--pred", tmp]
        return subprocess.run(command + (["-v"] if args.verbose else [])).returncode


if __name__ == "__main__":
    sys.exit(main())
