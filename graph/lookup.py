"""Lookups an analyst asks for: countries (ISO2, ISO3 or a name, with suggestions when unknown),
officials, alliances, articles and the facts in each. Every query is a named ``.rq`` file run
with bindings; values never go into query text."""

from __future__ import annotations

import difflib
import re
from datetime import date

from .errors import NotFoundError
from .store import Store, iri
from .vocab import (IG, RDF, SCHEMA, STANCE_BY_CONCEPT, STATUS_BY_CONCEPT, article_iri, country_iri, local_name,
                    person_iri, slug)

_ARTICLE_ID = re.compile(r"^[0-9a-f]{16}$")


def country_index(store: Store) -> dict[str, tuple[str, str]]:
    """lower-cased code or name -> (ISO3, English name), from the store's reference graph."""
    from .project import memo

    def compute() -> dict[str, tuple[str, str]]:
        index: dict[str, tuple[str, str]] = {}
        for row in store.select("country_names"):
            index.setdefault(str(row["label"]).strip().lower(), (row["iso3"], row["name"]))
        return index

    return memo(store, ("country_index",), compute)


def resolve_country(store: Store, text: str) -> tuple[str, str]:
    """(ISO3, name) for an ISO2/ISO3 code or an English name.

    >>> from graph.store import open_store
    >>> s = open_store("memory:")
    >>> resolve_country(s, "isr"), resolve_country(s, "United Kingdom")[0]
    (('ISR', 'Israel'), 'GBR')
    """
    index = country_index(store)
    key = " ".join(text.strip().lower().split())
    if key in index:
        return index[key]
    if len(key) > 80:  # no country name is this long; spare difflib the work
        raise NotFoundError(f"unknown country {text[:80]!r}...; give an ISO2 or ISO3 code or an English name")
    close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.6)
    suggestions = list(dict.fromkeys(f"{index[c][0]} ({index[c][1]})" for c in close))
    raise NotFoundError(f"unknown country {text!r}; give an ISO2 or ISO3 code or an English name",
                        suggestions=suggestions)


# -- countries -----------------------------------------------------------------

def countries(store: Store) -> list[dict]:
    """Every reference country with its claim counts (as actor, as partner) and latest claim date.

    >>> from graph.store import open_store
    >>> usa = [c for c in countries(open_store("memory:")) if c["iso3"] == "USA"][0]
    >>> usa["name"], usa["claims"]
    ('United States', 0)
    """
    counts = {local_name(r["country"]): r for r in store.select("country_claim_counts")}
    out = []
    for row in store.select("countries"):
        c = counts.get(row["iso3"], {})
        outgoing, incoming = int(c.get("outgoing") or 0), int(c.get("incoming") or 0)
        out.append({"iso3": row["iso3"], "iso2": row["iso2"], "name": row["name"],
                    "claims": outgoing + incoming, "as_actor": outgoing, "as_partner": incoming,
                    "last_claim": c.get("last")})
    return out


def country(store: Store, text: str) -> dict:
    """One country: codes, claim counts, and its agencies and alliances from the reference data."""
    iso3, _ = resolve_country(store, text)
    entry = next(c for c in countries(store) if c["iso3"] == iso3)
    ref = store.select("country_reference", country=iri(country_iri(iso3)))
    entry["agencies"] = [{"id": local_name(r["item"]), "name": r["label"]} for r in ref if r["kind"] == "agency"]
    entry["alliances"] = [{"id": local_name(r["item"]), "name": r["label"]} for r in ref if r["kind"] == "alliance"]
    return entry


def source_of(row: dict) -> dict:
    """The article a fact comes from, as the API shows it."""
    return {"article": local_name(row["article"]), "headline": row.get("headline"),
            "publisher": row.get("publisher"), "published": row.get("published")}


def _statements(rows: list[dict]) -> list[dict]:
    """Statement rows (one per ``about`` country) merged into one dict per statement, newest first."""
    merged: dict[str, dict] = {}
    for r in rows:
        s = merged.get(r["statement"])
        if s is None:
            s = merged[r["statement"]] = {
                "id": local_name(r["statement"]), "speaker": r["speakerLabel"],
                "official": local_name(r["speaker"]) if r.get("speaker") else None,
                "country": local_name(r["speakerCountry"]) if r.get("speakerCountry") else None,
                "quote": r["quote"], "stance": STANCE_BY_CONCEPT.get(r.get("stance") or "", "other"),
                "about": [], "date": r.get("date") or r.get("published"),
                "start": r.get("start"), "end": r.get("end"), "rule": r.get("rule"),
                "confidence": r.get("confidence"), "source": source_of(r)}
        if r.get("about") and local_name(r["about"]) not in s["about"]:
            s["about"].append(local_name(r["about"]))
    return sorted(merged.values(), key=lambda s: (s["date"] or date.min, s["id"]), reverse=True)


def country_statements(store: Store, text: str) -> tuple[str, list[dict]]:
    """(ISO3, statements about the country or by its officials), newest first."""
    iso3, _ = resolve_country(store, text)
    return iso3, _statements(store.select("country_statements", country=iri(country_iri(iso3))))


# -- officials -----------------------------------------------------------------

def _merge_official(entry: dict, row: dict) -> None:
    for key, field in (("role", "roles"), ("organization", "organizations")):
        if row.get(key) and row[key] not in entry[field]:
            entry[field].append(row[key])
    if row.get("country") and local_name(row["country"]) not in entry["countries"]:
        entry["countries"].append(local_name(row["country"]))


def officials(store: Store) -> list[dict]:
    """Every official named in an article, with roles, organisations and countries merged across articles.

    >>> from graph.store import open_store
    >>> officials(open_store("memory:"))
    []
    """
    merged: dict[str, dict] = {}
    for row in store.select("officials"):
        key = local_name(row["official"])
        entry = merged.setdefault(key, {"id": key, "name": row["name"], "roles": [], "organizations": [],
                                        "countries": [], "articles": set()})
        entry["articles"].add(row["article"])
        _merge_official(entry, row)
    for entry in merged.values():
        entry["articles"] = len(entry["articles"])
    return sorted(merged.values(), key=lambda e: e["name"].lower())


def official(store: Store, official_id: str) -> dict:
    """One official: what each article says of them, and their statements."""
    node = person_iri(official_id) if "/" not in official_id else official_id
    rows = store.select("official", official=iri(node))
    if not rows:
        names = {e["id"]: e["name"] for e in officials(store)}
        close = difflib.get_close_matches(official_id.lower(), list(names), n=5, cutoff=0.5)
        raise NotFoundError(f"no official {official_id!r}; officials are named by slug, as in 'brian-hughes'",
                            suggestions=[f"{c} ({names[c]})" for c in close])
    entry = {"id": local_name(node), "name": rows[0]["name"], "roles": [], "organizations": [], "countries": [],
             "articles": []}
    seen = set()
    for row in rows:
        _merge_official(entry, row)
        if row["article"] not in seen:
            seen.add(row["article"])
            entry["articles"].append(source_of(row))
    entry["statements"] = _statements(store.select("speaker_statements", speaker=iri(node)))
    return entry


# -- alliances -----------------------------------------------------------------

def alliances(store: Store) -> list[dict]:
    """The alliances: reference members, and members reported by articles with their sources.

    >>> from graph.store import open_store
    >>> fvey = [a for a in alliances(open_store("memory:")) if a["id"] == "five-eyes"][0]
    >>> fvey["name"], sorted(fvey["members"])[:2]
    ('Five Eyes', ['AUS', 'CAN'])
    """
    out: dict[str, dict] = {}
    for row in store.select("alliances"):
        key = local_name(row["alliance"])
        entry = out.setdefault(key, {"id": key, "name": row["label"], "description": row.get("comment"),
                                     "members": [], "reported": []})
        if row.get("member") and local_name(row["member"]) not in entry["members"]:
            entry["members"].append(local_name(row["member"]))
    for row in store.select("membership_claims"):
        key = local_name(row["alliance"])
        entry = out.setdefault(key, {"id": key, "name": key, "description": None, "members": [], "reported": []})
        entry["reported"].append({"country": local_name(row["country"]), "evidence": row.get("evidence"),
                                  "start": row.get("start"), "end": row.get("end"), "rule": row.get("rule"),
                                  "confidence": row.get("confidence"), "source": source_of(row)})
    for entry in out.values():
        entry["members"].sort()
    return sorted(out.values(), key=lambda e: e["name"].lower())


def alliance(store: Store, alliance_id: str) -> dict:
    """One alliance by its key (``five-eyes``) or name (``Five Eyes``)."""
    every = alliances(store)
    key = alliance_id.strip().lower()
    for entry in every:
        if key in (entry["id"], entry["name"].lower(), slug(entry["name"])):
            return entry
    close = difflib.get_close_matches(key, [e["id"] for e in every], n=5, cutoff=0.5)
    raise NotFoundError(f"no alliance {alliance_id!r}", suggestions=close or [e["id"] for e in every][:10])


# -- articles ------------------------------------------------------------------

def articles(store: Store) -> list[dict]:
    """Every article held, newest first, with how many facts of each kind it gave.

    >>> from graph.store import open_store
    >>> articles(open_store("memory:"))
    []
    """
    kinds = {IG + "Claim": "claims", IG + "Statement": "statements", IG + "Official": "officials",
             IG + "MembershipClaim": "memberships"}
    counts: dict[str, dict] = {}
    for row in store.select("article_counts"):
        counts.setdefault(row["article"], {})[kinds[row["kind"]]] = int(row["n"])
    out = []
    for row in store.select("articles"):
        c = counts.get(row["article"], {})
        out.append({"id": local_name(row["article"]), "iri": row["article"], "headline": row["headline"],
                    "publisher": row.get("publisher"), "published": row.get("published"),
                    "url": row.get("url"), "marking": row.get("marking"),
                    **{k: c.get(k, 0) for k in kinds.values()}})
    out.sort(key=lambda a: (a["published"] or date.min, a["id"]), reverse=True)
    return out


def article(store: Store, article_id: str) -> dict:
    """One article's metadata and the facts found in it, read from its graph."""
    graph_iri = article_iri(article_id)
    if not _ARTICLE_ID.match(article_id) or not store.has_graph(graph_iri):
        raise NotFoundError(f"no article {article_id!r}; an article id is the 16 hex digits of /articles")
    nodes: dict[str, dict[str, list]] = {}
    for row in store.select("article_graph", article=iri(graph_iri)):
        nodes.setdefault(row["s"], {}).setdefault(row["p"], []).append(row["o"])

    def one(props: dict, p: str):
        values = props.get(p)
        return values[0] if values else None

    def code(value):
        return local_name(value) if value else None

    meta = nodes.get(graph_iri, {})
    facts: dict[str, list] = {"relations": [], "memberships": [], "officials": [], "statements": []}
    for node, props in sorted(nodes.items(), key=lambda kv: (one(kv[1], IG + "charStart") or 0, kv[0])):
        types = set(props.get(RDF + "type", []))
        prov = {"start": one(props, IG + "charStart"), "end": one(props, IG + "charEnd"),
                "rule": one(props, IG + "rule"), "confidence": one(props, IG + "confidence")}
        if IG + "Claim" in types:
            facts["relations"].append({
                "subject": code(one(props, IG + "actor")), "object": code(one(props, IG + "partner")),
                "predicate": STATUS_BY_CONCEPT.get(one(props, IG + "status"), code(one(props, IG + "status"))),
                "evidence": one(props, IG + "evidence"), "date": one(props, IG + "date"), **prov})
        elif IG + "MembershipClaim" in types:
            facts["memberships"].append({"member": code(one(props, IG + "country")),
                                         "group": code(one(props, IG + "alliance")),
                                         "evidence": one(props, IG + "evidence"), **prov})
        elif IG + "Statement" in types:
            facts["statements"].append({
                "speaker": one(props, IG + "speakerLabel"), "official": code(one(props, IG + "speaker")),
                "country": code(one(props, IG + "country")), "quote": one(props, IG + "quote"),
                "about": sorted(code(a) for a in props.get(IG + "about", [])),
                "stance": STANCE_BY_CONCEPT.get(one(props, IG + "stance"), "other"), **prov})
        elif IG + "Official" in types:
            facts["officials"].append({"id": code(node), "name": one(props, SCHEMA + "name"),
                                       "role": one(props, IG + "role"),
                                       "organization": one(props, IG + "organization"),
                                       "country": code(one(props, IG + "country"))})
    return {"id": article_id, "iri": graph_iri, "headline": one(meta, SCHEMA + "headline"),
            "publisher": one(meta, SCHEMA + "publisher"), "published": one(meta, SCHEMA + "datePublished"),
            "url": one(meta, SCHEMA + "url"), "marking": one(meta, IG + "marking"),
            "extractor": one(meta, IG + "extractor"), "facts": facts}


def stats(store: Store) -> dict:
    """Counts of what the store holds (a cleared view: of what it shows, with the revision it may show)."""
    row = store.select("stats")[0]
    return {**{k: int(v or 0) for k, v in row.items()}, "graphs": len(store.article_graphs()),
            "triples": len(store), "revision": getattr(store, "visible_revision", store.revision)}
