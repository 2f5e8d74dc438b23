"""Within one article: which mentions refer to the same actor.

Names cluster first (same country code, surname of a full name, acronym of a
name, same name), then descriptions and pronouns are read in text order and
each joins the cluster(s) its rule points at:

=============  ===========================================================
rule           joins
=============  ===========================================================
apposition     the name it stands next to ("his French counterpart Francois Hollande")
role           the person holding that office for that state ("the Russian leader")
plural         "the two leaders/countries": the two most recent distinct actors of
               that kind (a repeated plural description keeps its first reading)
country        "the country": the most recent state named or implied by a demonym;
               "his country": the state of the person "his" refers to
pronoun        he/she/his: the most recent person of compatible gender in the
               paragraph (or the one before); it/its/their: the most recent state,
               organization or group, unless a non-actor subject comes in between
=============  ===========================================================

A plural mention belongs to every cluster it names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from kg import gazetteer as gz
from kg.resolution.mentions import Candidate, initials
from kg.resolution.mentions import clean as clean_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Dependency labels that make a capital an actor ("Moscow slammed", "Moscow's planes", "accused Moscow").
ACTOR_DEPS = frozenset("nsubj nsubjpass poss agent dobj".split())

#: Types of actors known only by a description ("Syrian rebel groups", "French fighter jets").
DESCRIBED_TYPES = frozenset(("Group", "Organization", "Thing"))

#: Prepositions after which a capital is a place, not an actor.
LOCATIVE_PREPOSITIONS = frozenset("in at near to from into outside around across within through of on".split())

#: Non-person types a pronoun "it"/"its" can refer to.
THING_ACTORS = frozenset(("Country", "Organization", "Group"))


@dataclass(eq=False)
class Cluster:
    """The mentions of one actor in one article, growing while rules run."""

    type: Optional[str]
    mentions: list[Candidate] = field(default_factory=list)
    merges: list[tuple[str, str]] = field(default_factory=list)  # (alias, rule)
    iso: Optional[str] = None

    @property
    def names(self) -> list[Candidate]:
        return [m for m in self.mentions if m.kind == "name" and m.name]

    @property
    def canonical(self) -> str:
        if self.type == "Country" and self.iso and gz.country_name(self.iso):
            return gz.country_name(self.iso)
        names = [m.name for m in self.names] or [m.name or m.text for m in self.mentions]
        if self.type == "Person":
            return max(names, key=lambda n: (len(n.split()), -names.index(n)))
        full = [n for n in names if not n.isupper()] or names
        return max(full, key=lambda n: (len(n.split()), len(n), -full.index(n)))

    def add(self, mention: Candidate, rule: str) -> None:
        self.mentions.append(mention)
        mention.clusters.append(self)
        self.merges.append((mention.text, rule))

    @property
    def gender(self) -> Optional[str]:
        named = next((m.gender for m in self.mentions if m.gender and m.kind != "pronoun"), None)
        return named or next((m.gender for m in self.mentions if m.gender), None)

    @property
    def titles(self) -> list[str]:
        return list(dict.fromkeys(m.title for m in self.mentions if m.title))

    def role_iso(self) -> Optional[str]:
        return next((m.iso for m in self.mentions if m.iso and m.kind == "name"), self.iso)


def cluster_mentions(doc: "Doc", names: list[Candidate], others: Iterable[Candidate]) -> list[Cluster]:
    """Group a document's mentions into clusters, one per actor."""
    clusters = _cluster_names(names)
    demonyms = _demonym_positions(doc)
    resolved: list[Candidate] = sorted((m for c in clusters for m in c.mentions), key=lambda m: m.start)
    by_head = {m.head: m for m in names if m.clusters}
    plural_seen: dict[str, list[Cluster]] = {}
    others = list(others)
    now = [m for m in others if m.rule != "we both"]
    later = [m for m in others if m.rule == "we both"]  # the speaker is named after the quote
    for m in sorted(now, key=lambda m: (m.start, m.kind != "pronoun")) + later:
        if m.rule == "we both":
            targets = _we_both(doc, m, resolved, by_head)
        else:
            targets = _antecedents(doc, m, clusters, resolved, by_head, demonyms, plural_seen)
        if not targets:
            continue
        for c in targets:
            c.add(m, m.rule)
        resolved.append(m)
        resolved.sort(key=lambda x: x.start)
        by_head.setdefault(m.head, m)
    return [c for c in clusters if c.names or c.type in DESCRIBED_TYPES and any(m.name for m in c.mentions)
            or c.type == "Country" and c.iso and c.mentions]  # "his country" = Kenya, never named


# -- names ---------------------------------------------------------------------------
def _cluster_names(names: list[Candidate]) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_key: dict[str, Cluster] = {}

    def join(m: Candidate, key: str, rule: str, typ: Optional[str]) -> None:
        if m.title:
            rule = "title and name"
        elif clean_text(m.text) != m.name and rule == "same name":
            rule = "modifier and name"
        c = by_key.get(key)
        if c is None:
            c = by_key[key] = Cluster(type=typ, iso=m.iso if typ == "Country" else None)
            clusters.append(c)
        c.add(m, rule)

    persons = [m for m in names if m.type == "Person" or m.type is None]
    for m in sorted(persons, key=lambda m: -len(m.name.split())):
        if len(m.name.split()) > 1:
            longer = next((k for k in by_key if k.startswith("person:") and k.endswith(" " + m.name)), None)
            join(m, longer or "person:" + m.name, "same name" if not longer else "part of name", "Person")
    for m in names:
        if m.clusters:
            continue
        if m.type == "Country":
            join(m, "iso:" + m.iso, "same country", "Country")
        elif m in persons:
            target = _person_for(m, clusters)
            if target is not None:
                part = "surname" if target.canonical.split()[-1] == m.name.split()[-1] else "first name"
                target.add(m, f"title and {part}" if m.title else part)
            elif m.type == "Person":
                join(m, "person:" + m.name, "same name", "Person")
        elif m.name.isupper() and _acronym_of(m, clusters, names):
            _acronym_of(m, clusters, names).add(m, "acronym")
        elif m.rule == "acronym":
            continue
        elif len(m.name.split()) == 1 and m.type == "Organization" and not gz.metonym(m.name) \
                and _person_for(m, clusters):
            _person_for(m, clusters).add(m, "surname")  # the NER's "Trump" (ORG) in a Trump story
        else:
            key = _name_key(m.name)
            join(m, f"name:{key}", "same name", m.type)
    for c in clusters:
        if c.type == "Person" and any(m.type is None for m in c.mentions):
            c.type = "Person"
    return clusters


def _acronym_of(m: Candidate, clusters: list[Cluster], names: list[Candidate]) -> Optional[Cluster]:
    """The cluster of a longer name whose initials spell this one ("OSCE")."""
    for other in names:
        if other is not m and other.name and initials(other.name) == m.name and other.clusters:
            return other.clusters[0]
    for other in names:  # the long form comes later in the text
        if other is not m and other.name and initials(other.name) == m.name:
            return _cluster_names_one(other, clusters)
    return None


def _cluster_names_one(m: Candidate, clusters: list[Cluster]) -> Cluster:
    c = Cluster(type=m.type)
    clusters.append(c)
    c.add(m, "same name")
    return c


def _person_for(m: Candidate, clusters: list[Cluster]) -> Optional[Cluster]:
    """The full name a bare surname (or first name) belongs to; the nearest one if several."""
    words = m.name.split()
    found = [
        c for c in clusters if c.type == "Person"
        and any(n.name.split()[-len(words):] == words or n.name.split()[: len(words)] == words for n in c.names)
    ]
    if len(found) <= 1:
        return found[0] if found else None
    before = [(max(x.start for x in c.mentions if x.start < m.start), c) for c in found
              if any(x.start < m.start for x in c.mentions)]
    return max(before, key=lambda p: p[0])[1] if before else found[0]


def _name_key(name: str) -> str:
    """Names that differ only in case or a country's form compare equal.

    >>> _name_key("Russia's foreign ministry") == _name_key("Russian Foreign Ministry")
    True
    """
    words = []
    for w in re.split(r"\s+", name):
        iso = gz.place_iso(w) if re.search(r"['’]s$", w) else None
        words.append(f"<{iso}>" if iso else w.lower())
        if not iso and gz.demonym_iso(w):
            words[-1] = f"<{gz.demonym_iso(w)}>"
    return " ".join(words)


# -- descriptions and pronouns -------------------------------------------------------
def _antecedents(doc, m: Candidate, clusters, resolved, by_head, demonyms, plural_seen) -> list[Cluster]:
    if m.link is not None:
        target = by_head.get(m.link)
        if target is None and m.rule == "group":
            return [_new_group(m, clusters)]
        if target is None:
            return []
        if m.lemma in gz.PLACE_HEADS:  # "the city of Goma": a place, whatever the NER said
            for c in target.clusters:
                c.type = c.type if c.type == "Country" else "Place"
        return list(target.clusters)
    if m.rule in ("role", "roles"):
        return _by_role(m, clusters)
    if m.rule == "plural":
        key = m.text.lower().removeprefix("the ")
        if key in plural_seen:
            return plural_seen[key]
        found = _recent_distinct(m, resolved, demonyms, clusters)
        if len(found) == m.count:
            plural_seen[key] = found
            return found
        return []
    if m.rule == "country":
        owner = next((r for r in resolved if r.kind == "pronoun" and r.start == m.start and r is not m), None)
        if owner is not None:
            iso = next((c.role_iso() for c in owner.clusters if c.role_iso()), None)
            return [_country_cluster(iso, clusters)] if iso else []
        return _recent_country(m, resolved, demonyms, clusters)
    if m.rule == "place":
        return _recent(m, resolved, lambda r, c: c.type == "Place" and not gz.metonym(c.canonical))
    if m.rule == "org":
        return _recent(m, resolved, lambda r, c: c.type == "Organization" and m.lemma in c.canonical.lower())
    if m.rule == "group":
        return [_group_for(m, clusters)]
    if m.rule == "pronoun":
        return _pronoun(doc, m, resolved)
    return []


def _recent(m: Candidate, resolved: list[Candidate], test: Callable, paragraphs: int = 1,
            block: Optional[Callable] = None) -> list[Cluster]:
    """The cluster of the nearest earlier mention passing ``test``, in this paragraph or the previous."""
    for r in reversed(resolved):
        if r.start >= m.start or r is m:
            continue
        if r.para < m.para - paragraphs:
            break
        if block is not None and block(r):
            break
        for c in r.clusters:
            if test(r, c):
                return [c]
    return []


def _pronoun(doc, m: Candidate, resolved: list[Candidate]) -> list[Cluster]:
    if m.type == "Person":
        def person(r, c):
            return c.type == "Person" and not r.plural and c.gender in (None, m.gender)

        return _recent(m, resolved, person)

    def blocked(r: Candidate) -> bool:
        # "the plan has wide support ... how it would work": a non-actor subject in between
        lo, hi = r.head + 1, m.head
        taken = {x.head for x in resolved}
        return any(t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN") and t.i not in taken
                   and not any(c.dep_ == "poss" for c in t.children)  # "its military ... its borders"
                   for t in doc[lo:hi])

    if m.plural:
        group = next((r for r in reversed(resolved) if r.plural and r.clusters and r.sent == m.sent
                      and r.start < m.start), None)
        if group is not None:
            return list(group.clusters)
        if m.lemma in ("they", "them", "themselves"):
            return []  # people, more often than a state: only a plural antecedent will do
    return _recent(m, resolved, lambda r, c: _thing_actor(c) and not r.plural, 1, blocked)


def _thing_actor(c: Cluster) -> bool:
    return c.type in THING_ACTORS or c.type == "Place" and gz.metonym(c.canonical) is not None


def _we_both(doc, m: Candidate, resolved: list[Candidate], by_head: dict) -> list[Cluster]:
    """``"We both ...," the Russian leader said``: the speaker and the person last named with them."""
    sent = doc[m.head].sent
    speaker = next((by_head[t.i] for t in sent if t.dep_ == "nsubj" and t.head == sent.root
                    and t.i in by_head and t.i > m.head), None)
    people = [c for c in (speaker.clusters if speaker else []) if c.type == "Person"]
    if len(people) != 1:
        return []
    other = _recent(m, resolved, lambda r, c: c.type == "Person" and c is not people[0] and not r.plural, 2)
    return people + other if other else []


def _holds(title: str, m: Candidate) -> bool:
    """Whether a person with ``title`` fits a role description.

    "the foreign minister" fits "Foreign Secretary" (same office); "the leader" fits any
    head of state or government, but "the president" only a title with "president" in it.
    """
    words = title.lower().split()
    if m.role == "leader":
        return gz.role_of(title) == "leader" and (m.lemma == "leader" or m.lemma in words)
    if m.role is not None:
        return gz.role_of(title) == m.role
    return m.lemma in words


def _by_role(m: Candidate, clusters: list[Cluster]) -> list[Cluster]:
    isos = m.isos or (m.iso,)
    out = []
    for iso in isos:
        holders = [
            c for c in clusters if c.type == "Person"
            and any(_holds(t, m) for t in c.titles)
            and (iso is None or c.role_iso() == iso)
        ]
        if m.role is None and not holders:
            continue
        if holders:
            before = [c for c in holders if any(x.start < m.start for x in c.mentions)]
            out.append((before or holders)[-1 if before else 0])
    return list(dict.fromkeys(out)) if len(out) == len(isos) else []


def _fits_plural(c: Cluster, m: Candidate) -> bool:
    """"two women" are women, "two presidents" presidents, "two leaders" any leaders."""
    if m.lemma in ("man", "woman"):
        return c.gender == ("m" if m.lemma == "man" else "f")
    if m.lemma in ("president", "minister"):
        return any(m.lemma in t.lower() for t in c.titles)
    return True


def _recent_distinct(m: Candidate, resolved, demonyms, clusters) -> list[Cluster]:
    found: list[Cluster] = []
    if m.type == "Country":
        refs = [(r.start, c) for r in resolved for c in r.clusters if c.type == "Country" and r.start < m.start]
        refs += [(pos, _country_cluster(iso, clusters)) for pos, iso in demonyms if pos < m.start]
    else:
        refs = [(r.start, c) for r in resolved for c in r.clusters
                if r.start < m.start and c.type == m.type and not r.plural and _fits_plural(c, m)]
    for _, c in sorted(refs, key=lambda p: -p[0]):
        if c not in found:
            found.append(c)
        if len(found) == m.count:
            break
    return found


def _recent_country(m: Candidate, resolved, demonyms, clusters) -> list[Cluster]:
    return _recent(m, resolved, lambda r, c: c.type == "Country" and not r.plural)


def _country_cluster(iso: str, clusters: list[Cluster]) -> Cluster:
    for c in clusters:
        if c.type == "Country" and c.iso == iso:
            return c
    c = Cluster(type="Country", iso=iso)
    clusters.append(c)
    return c


def _group_for(m: Candidate, clusters: list[Cluster]) -> Cluster:
    words = set(m.name.lower().split())
    for c in clusters:
        if c.type not in DESCRIBED_TYPES:
            continue
        for other in c.mentions:
            if other.kind == "description" and other.lemma == m.lemma and other.name and (
                words <= set(other.name.lower().split()) or set(other.name.lower().split()) <= words
            ):
                return c
    return _new_group(m, clusters)


def _new_group(m: Candidate, clusters: list[Cluster]) -> Cluster:
    c = Cluster(type=m.type or "Group")
    clusters.append(c)
    return c


def _demonym_positions(doc: "Doc") -> list[tuple[int, str]]:
    """Char offsets of nationality adjectives ("Russian", "French"), each with its state."""
    return [(t.idx, gz.demonym_iso(t.text)) for t in doc
            if t.pos_ in ("ADJ", "PROPN") and t.dep_ in ("amod", "compound") and gz.demonym_iso(t.text)]


def is_actor_use(doc: "Doc", m: Candidate) -> bool:
    """Whether a mention acts or is acted on ("Moscow slammed", "accused Washington")
    rather than locates ("talks in Moscow")."""
    tok = doc[m.head]
    if tok.dep_ == "pobj":
        return tok.head.lower_ not in LOCATIVE_PREPOSITIONS
    return tok.dep_ in ACTOR_DEPS
