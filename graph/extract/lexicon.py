"""Lookup tables for the extractor, built from reference data and cues.

Entities (countries with their names, codes, demonyms, capitals and metonyms;
agencies; alliances and their members) come from ``ontology/reference/*.ttl``
and from any Turtle or YAML file a user passes with ``--dictionary``. They go
into one token trie, so finding every mention in an article costs one pass
over its tokens, whatever the size of the gazetteer. Cue phrases come from
``ontology/cues.yaml`` and are compiled to regular expressions once.

Turtle is parsed with pyoxigraph (an order of magnitude faster than rdflib)
and the result is cached per process, since the CLI runs once per file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph

from ..errors import ExtractionError
from ..vocab import IG, SCHEMA, SKOS, local_name
from .cues import load_cues, read_yaml

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
TOKEN_RE = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_WORD_GAP = r"[\w'’-]+\s+"


@dataclass(frozen=True)
class EntityRef:
    """What a surface form names.

    ``kind`` is ``country``, ``agency`` or ``alliance``; ``key`` the ISO3 code,
    agency slug or alliance slug; ``country`` the ISO3 it stands for (None for
    alliances); ``form`` how it names it: ``name``, ``code``, ``demonym``,
    ``capital``, ``metonym``, ``agency`` or ``alliance``.
    """

    kind: str
    key: str
    country: str | None
    form: str
    label: str


@dataclass
class Reference:
    """Entities read from reference data, before they become a trie."""

    country_labels: dict[str, str] = field(default_factory=dict)  # iso3 -> prefLabel
    agency_labels: dict[str, str] = field(default_factory=dict)  # key -> prefLabel
    agency_country: dict[str, str] = field(default_factory=dict)  # key -> iso3
    alliance_labels: dict[str, str] = field(default_factory=dict)  # key -> prefLabel
    alliance_members: dict[str, set[str]] = field(default_factory=dict)  # key -> {iso3}
    surfaces: list[tuple[str, EntityRef]] = field(default_factory=list)
    official_country: dict[str, str] = field(default_factory=dict)  # normalised name -> iso3
    surname_countries: dict[str, set[str]] = field(default_factory=dict)  # surname -> {iso3}
    official_surfaces: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (name, iso3)
    official_roles: dict[str, str] = field(default_factory=dict)  # canonical name -> best-known office


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split into word and punctuation tokens with their offsets.

    >>> [t for t, _, _ in tokenize("Britain's U.S.-led plan")]
    ['Britain', "'", 's', 'U', '.', 'S', '.', '-', 'led', 'plan']
    """
    return [(m.group().replace("\u2019", "'"), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def _lit(term: Any) -> str | None:
    return term.value if isinstance(term, pyoxigraph.Literal) else None


def read_turtle(path: Path, ref: Reference) -> None:
    """Add the countries, agencies and alliances of one Turtle file to ``ref``."""
    try:
        triples = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    except (OSError, SyntaxError, ValueError) as exc:
        raise ExtractionError(f"cannot read dictionary {path}: {exc}") from exc
    by_subject: dict[str, list[tuple[str, Any]]] = {}
    types: dict[str, str] = {}
    for t in triples:
        s, p, o = t.subject, t.predicate.value, t.object
        if not isinstance(s, pyoxigraph.NamedNode):
            continue
        if p == RDF_TYPE and isinstance(o, pyoxigraph.NamedNode):
            types[s.value] = o.value
        by_subject.setdefault(s.value, []).append((p, o))
    for subject, props in by_subject.items():
        kind = {IG + "Country": "country", IG + "Agency": "agency",
                IG + "Alliance": "alliance", IG + "Official": "official"}.get(types.get(subject, ""))
        if kind is None:
            kind = _guess_kind(subject)
            if kind is None:
                continue
        key = local_name(subject)
        _add_entity(ref, kind, key, [(local_name(p) if p.startswith((IG, SKOS, SCHEMA)) else p, o)
                                     for p, o in props])


def _guess_kind(subject: str) -> str | None:
    # A user file may add aliases to an entity without restating its type.
    for kind in ("country", "agency", "alliance"):
        if f"/id/{kind}/" in subject:
            return kind
    return None


def _add_entity(ref: Reference, kind: str, key: str, props: list[tuple[str, Any]]) -> None:
    """Record one entity's labels; ``props`` are (local property name, value) pairs."""
    def values(name: str) -> list[str]:
        out = []
        for p, o in props:
            if p == name:
                v = _lit(o) if not isinstance(o, str) else o
                if v:
                    out.append(v)
        return out

    def links(name: str) -> list[str]:
        out = []
        for p, o in props:
            if p == name:
                out.append(local_name(o.value) if isinstance(o, pyoxigraph.NamedNode) else str(o))
        return out

    if kind == "country":
        iso3 = key.upper()
        pref = (values("prefLabel") or [ref.country_labels.get(iso3, iso3)])[0]
        ref.country_labels[iso3] = pref
        for form, names in (("name", values("prefLabel") + values("altLabel")),
                            ("code", values("iso3")),
                            ("demonym", values("demonym")),
                            ("capital", values("capital")),
                            ("metonym", values("metonym"))):
            for name in names:
                ref.surfaces.append((name, EntityRef("country", iso3, iso3, form, pref)))
    elif kind == "agency":
        pref = (values("prefLabel") or [ref.agency_labels.get(key, key)])[0]
        ref.agency_labels[key] = pref
        country = (links("country") or [ref.agency_country.get(key, "")])[0].upper() or None
        if country:
            ref.agency_country[key] = country
        for name in values("prefLabel") + values("altLabel"):
            ref.surfaces.append((name, EntityRef("agency", key, country, "agency", pref)))
    elif kind == "official":
        country = (links("country") or [""])[0].upper()
        if country:
            canonical = (values("prefLabel") or values("name") or [key])[0]
            if values("role"):
                ref.official_roles.setdefault(canonical, values("role")[0])
            for name in values("name") + values("prefLabel") + values("altLabel"):
                ref.official_surfaces.setdefault(name, (canonical, country))
                ref.official_country.setdefault(person_key(name), country)
                ref.surname_countries.setdefault(person_key(name).split()[-1], set()).add(country)
    elif kind == "alliance":
        pref = (values("prefLabel") or [ref.alliance_labels.get(key, key)])[0]
        ref.alliance_labels[key] = pref
        ref.alliance_members.setdefault(key, set()).update(m.upper() for m in links("member"))
        for name in values("prefLabel") + values("altLabel"):
            ref.surfaces.append((name, EntityRef("alliance", key, None, "alliance", pref)))


def person_key(name: str) -> str:
    """Name as compared with the officials list: lower case, no dots, single spaces.

    >>> person_key("H.R.  McMaster")
    'h r mcmaster'
    """
    return " ".join(re.sub(r"[.\u2019']", " ", name).lower().split())


def read_yaml_entities(data: dict[str, Any], ref: Reference) -> None:
    """Add the ``entities:`` section of a YAML dictionary.

    Shape: ``entities: {countries: {USA: {altLabel: [...], demonym: [...]}},
    agencies: {sbu: {prefLabel: ..., altLabel: [...], country: UKR}},
    alliances: {quad: {prefLabel: Quad, altLabel: [...], member: [USA, ...]}}}``.
    """
    section = data.get("entities") or {}
    for plural, kind in (("countries", "country"), ("agencies", "agency"), ("alliances", "alliance"),
                         ("officials", "official")):
        for key, spec in (section.get(plural) or {}).items():
            props: list[tuple[str, Any]] = []
            for prop, vals in (spec or {}).items():
                for v in vals if isinstance(vals, list) else [vals]:
                    props.append((prop, str(v)))
            _add_entity(ref, kind, str(key), props)


@dataclass
class Trie:
    """Token-sequence lookup: first token -> candidate sequences, longest first."""

    table: dict[str, list[tuple[tuple[str, ...], EntityRef]]] = field(default_factory=dict)

    def add(self, surface: str, ref: EntityRef) -> None:
        toks = tuple(t for t, _, _ in tokenize(surface))
        if not toks:
            return
        bucket = self.table.setdefault(toks[0], [])
        if any(seq == toks for seq, _ in bucket):
            return  # first definition wins: reference data before user additions
        bucket.append((toks, ref))
        bucket.sort(key=lambda item: -len(item[0]))


@dataclass
class Lexicon:
    """Everything the rules look up: entity trie, reference facts and compiled cues."""

    trie: Trie
    reference: Reference
    cues: dict[str, Any]
    patterns: dict[str, Any]
    officials_re: re.Pattern[str] | None = None

    def country_label(self, iso3: str) -> str:
        return self.reference.country_labels.get(iso3, iso3)

    def official_country(self, name: str) -> str | None:
        """Country of a well-known official by full name, or by a surname only one of them has."""
        key = person_key(name)
        if key in self.reference.official_country:
            return self.reference.official_country[key]
        parts = key.split()
        if len(parts) == 1:
            countries = self.reference.surname_countries.get(parts[0], set())
            if len(countries) == 1:
                return next(iter(countries))
        return None


def _words_alternation(words: list[str], space: str = r"\s+") -> str:
    """A regex alternation of phrases that prefers the longest; spaces match any whitespace.

    Built as a character trie ("minister(?:-president)?" rather than
    "minister-president|minister"): Python's engine tries every alternative
    at every position, so factoring common prefixes makes scans of long word
    lists several times faster, with the same matches (a greedy optional
    tries the longer continuation first).

    >>> print(_words_alternation(["prime minister", "prime", "press"]))
    pr(?:ess|ime(?:\\s+minister)?)
    """
    trie: dict = {}
    for w in {str(w) for w in words}:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(space if ch == " " else re.escape(ch)) + emit(sub)
                for ch, sub in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        if len(alts) == 1 and "" not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if "" in node else "")

    return emit(trie)


def _cue_regex(pattern: str) -> str:
    return pattern.replace("{W}", _WORD_GAP)


def compile_patterns(cues: dict[str, Any]) -> dict[str, Any]:
    """Compile the cue dictionary's word lists and patterns (once per lexicon)."""
    flags = re.IGNORECASE
    pats: dict[str, Any] = {}

    def words_re(name: str, case: int = flags) -> re.Pattern[str]:
        return re.compile(r"(?<![\w-])(?:" + _words_alternation(cues.get(name, []) or ["(?!x)x"]) + r")(?![\w-])", case)

    def regex_list(items: list[str]) -> re.Pattern[str]:
        alts = [_cue_regex(p) for p in items] or ["(?!x)x"]
        return re.compile(r"(?<![\w-])(?:" + "|".join(f"(?:{a})" for a in alts) + r")(?![\w])", flags)

    pats["status"] = [(status, regex_list(items)) for status, items in (cues.get("status_cues") or {}).items()]
    pats["denial"] = regex_list(cues.get("denial_of_restriction", []))
    pats["negation"] = words_re("negation_cues")
    hedges = cues.get("hedges") or {}
    pats["hedge_sentence"] = re.compile("|".join(f"(?:{h})" for h in hedges.get("sentence", [])) or "(?!x)x", flags)
    # modals are matched in lower case only: "May 26" is a date, not a hedge
    pats["hedge_clause"] = re.compile(r"(?<![\w-])(?:" + "|".join(
        f"(?:{_cue_regex(h)})" for h in hedges.get("clause", []) or ["(?!x)x"]) + r")(?![\w])")
    pats["reported"] = re.compile(_cue_regex(cues.get("reported_speech", "(?!x)x")), flags)
    pats["intel"] = regex_list(cues.get("intelligence_terms", []))
    pats["weak_intel"] = regex_list(cues.get("weak_intelligence_terms", []))
    pats["distractor"] = regex_list(cues.get("distractor_terms", []))
    pats["speech"] = words_re("speech_verbs")
    pats["role"] = re.compile(r"(?<![\w-])(?:" + _words_alternation(cues.get("role_heads", []) or ["(?!x)x"])
                              + r")(?:-elect|-designate)?(?![\w-])", flags)
    pats["role_head"] = words_re("role_heads")
    pats["speaker_head"] = words_re("speaker_heads")
    pats["pair"] = words_re("pair_anaphora")
    pats["government"] = words_re("government_nouns")
    pats["membership_intro"] = [re.compile(_cue_regex(p), flags) for p in cues.get("membership_intros", [])]
    pats["membership_pred"] = [re.compile(_cue_regex(p), flags) for p in cues.get("membership_predicates", [])]
    pats["additive"] = words_re("membership_additive")
    for key in ("membership_premodifier", "membership_apposition", "membership_apposition_tail",
                "membership_ordinal", "membership_ordinal_tail"):
        pats[key] = re.compile(_cue_regex(cues.get(key) or "(?!x)x"), flags)
    pats["membership_exclusion"] = words_re("membership_exclusions")
    pats["stance"] = [(stance, words_re_list(items)) for stance, items in (cues.get("stance_cues") or {}).items()]
    lower = lambda name: frozenset(str(w).lower() for w in cues.get(name, []))  # noqa: E731
    pats["role_modifiers"] = lower("role_modifiers")
    pats["not_name"] = frozenset(str(w) for w in cues.get("not_name_words", []))
    pats["honorifics"] = frozenset(str(w) for w in cues.get("honorifics", []))
    pats["org_heads"] = frozenset(str(w) for w in cues.get("organisation_heads", []))
    pats["not_person"] = frozenset(str(w) for w in cues.get("not_person_words", [])) | pats["org_heads"]
    pats["relational"] = lower("relational_nouns")
    pats["agent_nouns"] = lower("agent_nouns")
    pats["partner_preps"] = lower("partner_prepositions")
    pats["topic_preps"] = lower("topic_prepositions")
    pats["partner_prep_re"] = re.compile(
        r"(?<![\w-])(" + "|".join(sorted(map(re.escape, pats["partner_preps"]), key=len, reverse=True) or ["(?!x)x"])
        + r")\s+", re.IGNORECASE)
    pats["person_pronouns"] = lower("person_pronouns")
    pats["group_pronouns"] = words_re("group_pronouns")
    pats["joint"] = tuple(str(w).lower() for w in cues.get("joint_verbs", []))
    pats["reciprocal"] = tuple(str(w).lower() for w in cues.get("reciprocal_verbs", []))
    pats["topic_min"] = int(cues.get("topic_min_mentions", 2))
    pats["topic_verbs"] = tuple(str(w).lower() for w in cues.get("topic_verbs", []))
    pats["abbreviations"] = frozenset(str(w) for w in cues.get("abbreviations", []))
    pats["numeric_abbreviations"] = frozenset(str(w) for w in cues.get("numeric_abbreviations", []))
    pats["role_countries"] = {str(k).lower(): str(v).upper() for k, v in (cues.get("role_countries") or {}).items()}
    pats["consider_exempt"] = lower("consider_hedge_exempt")
    pats["window"] = int(cues.get("cue_window", 7))
    heads = _words_alternation(cues.get("speaker_heads", [])) or "(?!x)x"
    mods = _words_alternation(cues.get("speaker_modifiers", [])) or "(?!x)x"
    bodies = _words_alternation(cues.get("speaker_bodies", [])) or "(?!x)x"
    stop = (r"(?!(?i:on|in|at|the|a|an|and|but|or|for|from|of|to|by|with|as|after|before|during|since|when|"
            r"while|if|last|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![\w'’-]))")
    word = rf"(?:{stop}[A-Z0-9](?:[\w’'&-]|\.(?=\w))*(?:(?<=[A-Z])\.)?|(?i:{mods}))"
    # "a South Korean defence ministry official", "a senior official in the interior ministry",
    # "the official" (a definite description: anaphora, resolved by the statements module)
    pats["description"] = re.compile(
        r"(?<![\w-])(?:(?P<det>(?i:a|an|the|one|two|three|four|some|several|many|other|another))[ \t]+"
        rf"(?:{word}[ \t]+){{0,6}}?|(?:{word}[ \t]+){{1,6}}?)(?P<head>(?i:{heads}))(?:[ \t]+(?i:{heads}))*(?![\w-])"
        r"(?![ \t]+(?:[A-Z]{2,}|(?i:news|media|state|agency|newspaper|television|broadcaster))(?![\w-]))"
        rf"(?:[ \t]+(?i:in|at|of|from|with|for)[ \t]+(?:(?i:the)[ \t]+)?(?:{word}[ \t]+){{0,4}}?(?i:{bodies})(?![\w-]))?")
    orgs = _words_alternation(cues.get("organisation_heads", [])) or "(?!x)x"
    pats["org"] = re.compile(rf"(?<![\w-])(?:[A-Z][\w&’'-]*\s+){{1,6}}(?:{orgs})(?![\w-])")
    # Domain word lists of the claim and membership rules: regex alternatives joined in order.
    def alt(name: str) -> str:
        return "|".join(str(w) for w in cues.get(name) or []) or "(?!x)x"

    pats["restriction_adjective"] = re.compile(alt("restriction_adjectives"), re.IGNORECASE)
    flow_nouns = alt("flow_nouns")
    pats["flow_noun"] = re.compile(rf"(?i:{flow_nouns})s?\s+of\s")
    pats["noun_cue"] = re.compile(rf"(?i:{alt('sharing_nouns')})\s*$|^(?i:{flow_nouns})s?\s+of\s")
    pats["receive"] = re.compile(rf"(?i:{alt('receive_verbs')})")
    pats["intransitive_flow"] = re.compile(rf"(?i:{alt('intransitive_flow')})(?![\w-])")
    pats["origin_before"] = re.compile(rf"(?<![\w-])(?:{alt('origin_verbs')})\s*$", re.IGNORECASE)
    pats["briefed_on"] = re.compile(r"(?:has|have|had|was|were|is|are)\s+(?:been\s+)?(?:\w+ly\s+)?"
                                    rf"(?:{alt('briefed_verbs')})\s+"
                                    r"(?:on|about|of)\s+(?:what|everything|all)\s+(?:that\s+)?(?:[\w'’-]+\s+){1,3}?$",
                                    re.IGNORECASE)
    pats["what_it_tells"] = re.compile(rf"\s+(?:what|how\s+much)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{alt('telling_verbs')})(?=\s)",
                                       re.IGNORECASE)
    pats["counterparts_in"] = re.compile(
        rf"(?:(?:its|their|his|her|our|the)\s+)?(?:[\w-]+\s+)?(?:{alt('counterpart_nouns')})\s+(?:in|at)\s+(?:the\s+)?",
        re.IGNORECASE)
    pats["partial"] = re.compile(rf"\s+(?:{alt('partial_quantifiers')})(?![\w-])", re.IGNORECASE)
    pats["neg_denies"] = re.compile(rf"(?<![\w-])(?:{alt('denial_negations')})(?![\w-])", re.IGNORECASE)
    pats["including"] = re.compile(rf",?\s*(?:{alt('inclusion_markers')})\s+(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)
    pats["numbered"] = re.compile(r"(?<![\w-])(?:the|all|these|those)\s+(three|four|five|six|seven|eight|nine|ten)\s+"
                                  rf"(?:[\w-]+\s+)?(?:{alt('numbered_group_nouns')})(?![\w-])", re.IGNORECASE)
    pats["group_name"] = re.compile(
        r"(?<![\w-])(?:(?:[A-Z][\w’'-]*|of|for|and)[ \t]+){0,4}?(?:[A-Z][\w’'-]*[ \t]+)"
        rf"(?:{alt('group_name_heads')})(?![\w-])"
        rf"|(?<![\w-])(?:{alt('group_name_standalone')})(?![\w-])")
    pats["before_group"] = re.compile(
        r"(?:\s*(?:,|\(|-|–|—)\s*(?:all|both|each|also)?\s*(?:of them\s+)?|\s+(?:are|were|remain|became)\s+(?:all\s+|both\s+|also\s+)?)"
        rf"(?:fellow\s+)?(?:{alt('group_member_nouns')})\s+"
        r"(?:of|in)\s+(?:the\s+)?$"
        rf"|\s+(?:also\s+|both\s+|all\s+)*(?:{alt('group_sitting_verbs')})\s+(?:together\s+)?(?:in|on)\s+(?:the\s+)?$")
    pats["after_group_adj"] = re.compile(rf"\s+(?:{alt('group_member_nouns_after')})(?![\w-])")
    pats["nests"] = re.compile(rf"\s*,?\s*(?:which|that)\s+(?:also\s+)?(?:{alt('membership_nesting_verbs')})\s+(?:the\s+)?")
    pats["binds"] = re.compile(rf"\s*,?\s*(?:which\s+|that\s+)?(?:{alt('membership_binding_verbs')})\s+(?:the\s+)?",
                               re.IGNORECASE)
    pats["give_verbs"] = tuple(str(w).lower() for w in cues.get("give_verbs", []))
    pats["directions"] = lower("directions")
    pats["not_partner_words"] = lower("not_partner_words")
    pats["trailing_say"] = re.compile(
        rf",\s*(?:[\w'’.-]+\s+){{0,5}}?(?:{alt('trailing_say_verbs')})(?![\w-])[^,;]{{0,60}}[.!]?[\"”’]?\s*$")
    pats["said_after"] = re.compile(rf"\s+(?:have\s+|had\s+|has\s+)?(?:{alt('said_after_verbs')})(?![\w-])")
    pats["members_gap"] = re.compile(
        rf"\s*,?\s*(?:and\s+)?(?:[\w-]+\s+){{0,2}}(?:{alt('members_gap_nouns')})\s+of\s+"
        r"(?:the\s+)?[A-Z][\w ]{0,40}?\s*[-–—:(]\s*(?:the\s+)?")
    pats["hub_gap"] = re.compile(
        rf"\s+(?:and|with)\s+(?:its|their|her|his)\s+(?:[A-Z][\w-]*\s+){{0,3}}(?:{alt('hub_nouns')})"
        r"\s*[-–—:(,]\s*(?:the\s+)?")
    pats["members_phrase"] = re.compile(
        rf"(?:the\s+)?(?:other\s+)?(?:\w+\s+)?(?:{alt('members_phrase_nouns')})\s+of\s+(?:the|that|this|its)\s+"
        rf"(?:{alt('members_phrase_groups')})", re.IGNORECASE)
    body_recipient = rf"(?:\s+[a-z][\w-]*){{0,2}}?\s+(?:{alt('recipient_body_nouns')})"
    pats["body_recipient"] = re.compile(body_recipient + r"\s+")
    pats["body_recipient_end"] = re.compile(body_recipient + r"(?![\w-])")
    pats["group_ref_after"] = re.compile(rf"(?:that|the|this|its)\s+(?:{alt('group_ref_nouns')})(?![\w-])",
                                         re.IGNORECASE)
    pats["group_ref_possessor"] = re.compile(rf"(?:the\s+|its\s+)?(?:{alt('group_possessor_nouns')})(?=['’]s\s)",
                                             re.IGNORECASE)
    pats["group_context"] = re.compile(rf"(?<![\w-])(?:{alt('group_context_words')})(?![\w-])", re.IGNORECASE)
    pats["anaphoric_member"] = re.compile(
        rf"\s*,\s*(?:a|an|another|one|the|its)\s+(?:(?:{alt('anaphoric_member_modifiers')})\s+)?"
        r"(?:member|members)(?![\w-])"
        r"(?=\s*(?:,|since|for|from\s+\d|and)|\s+(?:since|for)\s)"
        r"|\s+(?:is|are|was|were|remains?|remained)\s+(?:also\s+)?(?:among\s+)?(?:the\s+|a\s+|an\s+)?"
        rf"(?:(?:{alt('predicative_member_modifiers')})\s+)?"
        r"(?:member|members)(?![\w-])(?!\s+(?:states?|countries|of|in)\b)",
        re.IGNORECASE)
    pats["membership_negated"] = re.compile(rf"(?<![\w-])(?:{alt('membership_negations')})(?![\w-])", re.IGNORECASE)
    pats["government_body"] = re.compile(rf"(?<![\w-])(?:{alt('government_body_heads')})$", re.IGNORECASE)
    pats["news_agency"] = re.compile(
        rf"(?<![\w-])(?:(?P<acr>[A-Z][A-Za-z]{{1,6}}[A-Z])\s+(?i:{alt('news_outlet_nouns')})"
        rf"|(?i:{alt('state_media_modifiers')})\s+(?i:{alt('state_media_outlets')})"
        r"\s+(?P<name>[A-Z][\w-]{1,15}(?:\s+[A-Z][\w-]+)?))(?![\w-])")
    pats["org_anaphor"] = re.compile(rf"(?<![\w-])[Tt]he\s+({alt('org_anaphor_heads')})(?![\w-])")
    pats["agency_anaphor_heads"] = lower("agency_anaphor_heads")
    pats["who_heads"] = re.compile(rf",\s+who\s+({alt('heading_verbs')})\s+(?:the\s+)?")
    # the person's name after it is the officials module's pattern, added there
    pats["succession_verbs"] = alt("succession_verbs")
    return pats


def words_re_list(items: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + (_words_alternation(items) or "(?!x)x") + r")(?![\w-])", re.IGNORECASE)


def _packaged_reference() -> list[Path]:
    from importlib import resources
    ref_dir = Path(str(resources.files("ontology").joinpath("reference")))
    return sorted(ref_dir.glob("*.ttl"))


@functools.lru_cache(maxsize=8)
def _load(extra: tuple[tuple[str, float], ...]) -> Lexicon:
    ref = Reference()
    for path in _packaged_reference():
        read_turtle(path, ref)
    yaml_extra: list[Path] = []
    for name, _mtime in extra:
        path = Path(name)
        if path.suffix.lower() in (".yaml", ".yml"):
            yaml_extra.append(path)
            read_yaml_entities(read_yaml(path), ref)
        else:
            read_turtle(path, ref)
    cues = load_cues(tuple(yaml_extra))
    trie = Trie()
    for surface, entity in ref.surfaces:
        trie.add(surface, entity)
        if entity.form == "demonym" and not surface.endswith(("s", "sh", "ch", "ese")):
            trie.add(surface + "s", entity)  # "the Americans", "two Israelis"
        upper = surface.upper()
        if upper != surface and len(surface) >= 4 and entity.form in ("name", "capital", "demonym"):
            trie.add(upper, entity)  # datelines and headings: "WASHINGTON, March 5"
    names = sorted(ref.official_surfaces, key=len, reverse=True)
    officials_re = re.compile(r"(?<![\w-])(?:" + _words_alternation(names, space=" ") + r")(?![\w-])") if names else None
    return Lexicon(trie=trie, reference=ref, cues=cues, patterns=compile_patterns(cues), officials_re=officials_re)


def load_lexicon(extra_dictionaries: list[Path] | tuple[Path, ...] = ()) -> Lexicon:
    """The lexicon of the packaged reference data and cues plus user dictionaries.

    Each extra file is Turtle (countries, agencies, alliances in the shape of
    ``ontology/reference``) or YAML (cue additions, and entities under
    ``entities:``). Cached per process and per file modification time.

    >>> lex = load_lexicon()
    >>> lex.reference.country_labels["GBR"]
    'United Kingdom'
    """
    keyed = []
    for p in extra_dictionaries:
        path = Path(p)
        if not path.is_file():
            raise ExtractionError(f"dictionary {path} does not exist")
        keyed.append((str(path.resolve()), path.stat().st_mtime))
    return _load(tuple(keyed))
