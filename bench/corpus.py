"""A deterministic generator of realistic synthetic news articles about intelligence sharing.

Same seed, same corpus: benchmarks and soak tests can name a size and get
the same articles every time. Each article mixes varied phrasings of the five
statuses, quotes from officials, alliance memberships, distractors (military
aid, trade, tariffs, speculation) and dates spread over several years.

    python bench/corpus.py 10000 -o corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = [
    ("USA", "the United States", "American", "Washington"), ("GBR", "Britain", "British", "London"),
    ("CAN", "Canada", "Canadian", "Ottawa"), ("AUS", "Australia", "Australian", "Canberra"),
    ("NZL", "New Zealand", "New Zealand", "Wellington"), ("ISR", "Israel", "Israeli", "Jerusalem"),
    ("SAU", "Saudi Arabia", "Saudi", "Riyadh"), ("UKR", "Ukraine", "Ukrainian", "Kyiv"),
    ("FRA", "France", "French", "Paris"), ("DEU", "Germany", "German", "Berlin"),
    ("NLD", "the Netherlands", "Dutch", "The Hague"), ("JPN", "Japan", "Japanese", "Tokyo"),
    ("KOR", "South Korea", "South Korean", "Seoul"), ("IND", "India", "Indian", "New Delhi"),
    ("POL", "Poland", "Polish", "Warsaw"), ("ITA", "Italy", "Italian", "Rome"),
    ("ESP", "Spain", "Spanish", "Madrid"), ("NOR", "Norway", "Norwegian", "Oslo"),
    ("DNK", "Denmark", "Danish", "Copenhagen"), ("TUR", "Turkey", "Turkish", "Ankara"),
]
STATUS_TEMPLATES = {
    "shares_with": [
        "{a} and {b} continue to share intelligence on regional threats, officials said.",
        "{a} will continue to cooperate closely with {b} on intelligence and security matters.",
        "{a} has been passing intelligence on missile launches to {b} for months.",
        "Officials said {a} provides {b} with satellite imagery and signals intelligence.",
    ],
    "considers_restricting": [
        "{a} is considering withholding intelligence from {b}, according to people familiar with the matter.",
        "{a} is reviewing how much intelligence it shares with {b}.",
        "Officials in {a_cap} are weighing limits on what they pass to {b}.",
        "{a} is reconsidering how much to share with {b}, sources said.",
    ],
    "restricts": [
        "{a} has limited the intelligence it shares with {b}, officials confirmed.",
        "{a} has withheld some intelligence from {b} since the spring.",
        "{a} curbed intelligence sharing with {b} last month.",
    ],
    "suspends": [
        "{a} suspended intelligence sharing with {b} on {day}.",
        "{a} has paused intelligence sharing with {b}, officials said.",
        "{a} halted the flow of intelligence to {b} on {day}.",
    ],
    "resumes": [
        "{a} resumed intelligence sharing with {b} on {day}.",
        "{a} has restored the flow of intelligence to {b}, officials said.",
        "{a} lifted the pause on intelligence sharing with {b}.",
    ],
}
DISTRACTORS = [
    "{a} announced new tariffs on steel imports from {b}.",
    "{a} suspended military aid to {b} earlier in the week.",
    "Analysts said {a} could reduce cooperation with {b} if relations worsen.",
    "Trade between {a} and {b} grew by four percent last year.",
    "It was not clear whether {a} would keep sharing data with {b}.",
]
OFFICIALS = [
    ("Defence Minister", "Anna Keller"), ("Foreign Minister", "Tomas Varga"), ("Interior Minister", "Lena Ortiz"),
    ("National Security Adviser", "Paul Brenner"), ("Intelligence chief", "Maria Costa"),
    ("government spokesperson", None),
]
QUOTES = [
    "Our intelligence partnership with {b} remains strong and will continue",
    "We are reviewing every exchange with {b} case by case",
    "Any suggestion that we have stopped cooperating with {b} is untrue",
    "The decision to pause was not taken lightly",
]
ALLIANCES = [
    ("the Five Eyes", ["the United States", "Britain", "Canada", "Australia", "New Zealand"]),
    ("NATO", ["France", "Germany", "Poland", "Italy"]),
    ("the Quad", ["the United States", "Japan", "India", "Australia"]),
]
BACKGROUND = [  # context sentences without claims, to bring articles to news length
    "The talks in {cap} covered a wide range of issues, from counter-terrorism to cyber security.",
    "Officials said more meetings were planned before the end of the year.",
    "Relations between the two governments have had their ups and downs since {year}.",
    "Parliamentary committees in {c} have asked for a briefing on the arrangement.",
    "Analysts noted that the defence budget of {c} has grown steadily over the past decade.",
    "The foreign ministry in {cap} did not respond to a request for comment.",
    "Diplomats described the atmosphere at the meeting as businesslike but cordial.",
    "The agreement was first discussed at a summit in {cap} in {year}.",
    "Opposition politicians in {c} criticised the government's handling of the affair.",
    "Security experts said the episode showed how much the alliance depends on trust.",
    "A joint statement is expected after the ministers meet again next month.",
    "The embassy in {cap} declined to discuss operational details.",
]
PUBLISHERS = ["Wire Desk", "Capital Correspondent", "Strategic Review", "Meridian Security Review", "Levant Dispatch"]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def make_article(rng: random.Random, index: int, start: date = date(2017, 1, 1), days: int = 3000) -> dict:
    """One synthetic article as a JSON record (title, publisher, published, text)."""
    published = start + timedelta(days=rng.randrange(days))
    paragraphs = []
    lead = None
    for _ in range(rng.randint(4, 7)):
        (_, a, a_dem, a_cap), (_, b, _, b_cap) = rng.sample(COUNTRIES, 2)
        status = rng.choice(list(STATUS_TEMPLATES))
        day = (published - timedelta(days=rng.randrange(5))).strftime("%-d %B")
        sentence = rng.choice(STATUS_TEMPLATES[status]).format(
            a=a, b=rng.choice([b, b_cap]), a_cap=a_cap, day=day)
        lead = lead or sentence
        role, name = rng.choice(OFFICIALS)
        quote = rng.choice(QUOTES).format(b=b)
        if name:
            speaker = f"{a_dem} {role} {name}" if rng.random() < 0.5 else f"{name}, {a_dem} {role.lower()},"
        else:
            speaker = f"a {a_dem} {role}"
        para = [_cap(sentence), f'"{quote}," {speaker} said.']
        if rng.random() < 0.5:
            (_, c, _, _), (_, d, _, _) = rng.sample(COUNTRIES, 2)
            para.append(_cap(rng.choice(DISTRACTORS).format(a=c, b=d)))
        if rng.random() < 0.3:
            group, members = rng.choice(ALLIANCES)
            para.append(f"{_cap(group)} members ({', '.join(members[:-1])} and {members[-1]}) met in "
                        f"{rng.choice(COUNTRIES)[3]} on {published.strftime('%-d %B %Y')}.")
        paragraphs.append(" ".join(para))
    while sum(len(p.split()) for p in paragraphs) < 600:
        paragraphs.append(" ".join(rng.sample(BACKGROUND, 3)).format(
            c=rng.choice(COUNTRIES)[1], cap=rng.choice(COUNTRIES)[3], year=published.year - rng.randrange(1, 20)))
    return {
        "id": f"synthetic-{index:07d}",
        "title": lead.rstrip(".")[:120] + f" ({index})",
        "publisher": rng.choice(PUBLISHERS),
        "published": published.isoformat(),
        "text": "\n\n".join(paragraphs) + f"\n\nReference {index}.",
    }


def generate(n: int, seed: int = 7) -> list[dict]:
    """``n`` articles, deterministic for a given seed.

    >>> a, b = generate(2), generate(2)
    >>> a == b and a[0]["text"] != a[1]["text"]
    True
    """
    rng = random.Random(seed)
    return [make_article(rng, i) for i in range(n)]


def write_jsonl(n: int, path: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps(make_article(rng, i), ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("-o", "--output", type=Path, required=True, help="JSON Lines file to write")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_jsonl(args.n, args.output, args.seed)
    print(f"wrote {args.n} articles to {args.output}")


if __name__ == "__main__":
    main()
