"""A country's relationships as an analyst reads them: per partner and direction,
the latest status, its history and every source that reports it."""

from __future__ import annotations

from datetime import date

from .lookup import resolve_country, source_of
from .project import claim_rows, filter_claims
from .store import Store
from .vocab import local_name


def _source(row: dict) -> dict:
    return {
        **source_of(row),
        "date": row.get("date"),
        "evidence": row.get("evidence"),
        "start": row.get("start"),
        "end": row.get("end"),
        "rule": row.get("rule"),
        "confidence": row.get("confidence"),
    }


def relationships(store: Store, country: str, *, partner: str | None = None, direction: str = "both",
                  statuses: list[str] | None = None, since: date | None = None, until: date | None = None,
                  as_of: date | None = None, min_confidence: float = 0.0) -> dict:
    """Every relationship of ``country`` (outgoing: it is the actor; incoming: the partner).

    >>> from graph.store import open_store
    >>> relationships(open_store("memory:"), "ISR")["relationships"]
    []
    """
    iso3, name = resolve_country(store, country)
    partner_iso3 = resolve_country(store, partner)[0] if partner else None
    rows = filter_claims(claim_rows(store, country=iso3), as_of=as_of, since=since, until=until,
                         statuses=statuses, min_confidence=min_confidence)
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        if row["actor"] == row["partner"]:
            continue
        outgoing = row["actor"] == iso3
        other = row["partner"] if outgoing else row["actor"]
        way = "outgoing" if outgoing else "incoming"
        if direction != "both" and way != direction:
            continue
        if partner_iso3 and other != partner_iso3:
            continue
        groups.setdefault((way, other), []).append(row)
    out = []
    for (way, other), claims in groups.items():
        claims.sort(key=lambda r: (r.get("date") or date.min, r.get("published") or date.min, r.get("start") or 0))
        latest = claims[-1]
        history = []
        for row in claims:
            if not history or history[-1]["status"] != row["status"] or history[-1]["date"] != row.get("date"):
                history.append({"status": row["status"], "date": row.get("date"), "article": local_name(row["article"])})
        out.append({
            "actor": iso3 if way == "outgoing" else other,
            "partner": other if way == "outgoing" else iso3,
            "direction": way,
            "status": latest["status"],
            "date": latest.get("date"),
            "corroboration": len({r.get("publisher") or r["article"] for r in claims if r["status"] == latest["status"]}),
            "history": history,
            "sources": [_source(r) for r in claims],
        })
    out.sort(key=lambda r: (r["direction"], r["partner"] if r["direction"] == "outgoing" else r["actor"]))
    return {"country": iso3, "name": name, "relationships": out}


def timeline(store: Store, country: str, other: str, *, since: date | None = None,
             until: date | None = None, statuses: list[str] | None = None) -> dict:
    """Every claim between two countries, in both directions, oldest first, each with its source.

    >>> from graph.store import open_store
    >>> timeline(open_store("memory:"), "US", "Ukraine")["events"]
    []
    """
    iso3, name = resolve_country(store, country)
    other_iso3, other_name = resolve_country(store, other)
    rows = filter_claims(claim_rows(store, country=iso3), since=since, until=until, statuses=statuses)
    events = []
    for row in rows:
        if {row["actor"], row["partner"]} != {iso3, other_iso3} or row["actor"] == row["partner"]:
            continue
        events.append({"date": row.get("date"), "actor": row["actor"], "partner": row["partner"],
                       "status": row["status"], **_source(row)})
    events.sort(key=lambda e: (e["date"] or date.min, e.get("published") or date.min, e.get("start") or 0))
    latest = {}
    for e in events:
        latest[f"{e['actor']}->{e['partner']}"] = {"status": e["status"], "date": e["date"]}
    return {"country": iso3, "name": name, "other": other_iso3, "other_name": other_name,
            "latest": latest, "events": events}
