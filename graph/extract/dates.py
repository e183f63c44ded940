"""Event dates named in a sentence: "on 5 March", "March 5", "in 2019", "on Thursday".

A claim keeps the date its sentence gives; without one it takes the
article's date. Dates without a year take the article's year (moved back a
year if that would put them after publication); weekdays are the last such
day on or before publication, as news uses them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any


def _compile(cues: dict[str, Any]) -> tuple[re.Pattern[str], dict[str, int], dict[str, int]]:
    months = {str(k).lower(): int(v) for k, v in (cues.get("months") or {}).items()}
    weekdays = {str(k).lower(): int(v) for k, v in (cues.get("weekdays") or {}).items()}
    mon = "|".join(sorted(months, key=len, reverse=True)) or "(?!x)x"
    day = "|".join(sorted(weekdays, key=len, reverse=True)) or "(?!x)x"
    rx = re.compile(
        rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{mon})\.?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
        rf"|(?P<m2>{mon})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
        rf"|(?:in|since|during)\s+(?P<m3>{mon})?\s*(?P<y3>(?:19|20)\d\d)"
        rf"|(?:on|last|this)\s+(?P<wd>{day})",
        re.IGNORECASE)
    return rx, months, weekdays


_CACHE: dict[int, tuple[re.Pattern[str], dict[str, int], dict[str, int]]] = {}


def find_date(sentence: str, cues: dict[str, Any], published: date | None) -> date | None:
    """The first date named in ``sentence``, else ``published``.

    >>> cues = {"months": {"march": 3}, "weekdays": {"thursday": 3}}
    >>> find_date("halted on 5 March", cues, date(2025, 3, 7))
    datetime.date(2025, 3, 5)
    >>> find_date("began in 2019", cues, date(2025, 3, 7))
    datetime.date(2019, 1, 1)
    >>> find_date("said on Thursday", cues, date(2025, 3, 7))
    datetime.date(2025, 3, 6)
    """
    key = id(cues)
    if key not in _CACHE:
        _CACHE[key] = _compile(cues)
    rx, months, weekdays = _CACHE[key]
    for m in rx.finditer(sentence):
        try:
            if m.group("wd"):
                if published is None:
                    continue
                back = (published.weekday() - weekdays[m.group("wd").lower()]) % 7
                return published - timedelta(days=back)
            if m.group("y3"):
                mon = months.get((m.group("m3") or "").lower(), 1)
                return date(int(m.group("y3")), mon, 1)
            mon_name = m.group("m1") or m.group("m2")
            day_s = m.group("d1") or m.group("d2")
            year_s = m.group("y1") or m.group("y2")
            mon = months[mon_name.lower()]
            if year_s:
                return date(int(year_s), mon, int(day_s))
            if published is None:
                continue
            d = date(published.year, mon, int(day_s))
            if d > published + timedelta(days=1):
                d = date(published.year - 1, mon, int(day_s))
            return d
        except (ValueError, KeyError):
            continue
    return published
