"""Within one article: which mentions refer to the same actor.

Names cluster first: same country code ("Britain", "the UK"), a full name's
surname or first name ("Putin"), an acronym of a name ("OSCE"), the same name
(case and "Russia's"/"Russian" aside), an organization's name without its state
("Defense Ministry" after "Russian Defense Ministry", when one state has one).  Then descriptions and pronouns are read
in text order and each joins the cluster(s) its rule (:data:`RULES`) points at:

==========  ==================================================================
rule        joins
==========  ==================================================================
apposition  the name it stands next to ("his French counterpart Francois Hollande")
of-name     the name after "of" ("the Syrian city of Aleppo"), which becomes a Place
role        the person holding that office for that state ("the Russian leader",
            "the British foreign minister" = a Foreign Secretary)
plural      "the two leaders/countries": the most recent distinct actors of that
            kind (demonyms count as states); a repeated description keeps its reading
country     "the country": the last state named; "his country": the state of the
            person "his" refers to
place, org  "the city", "the ministry": the last place / organization of that kind;
            "the defence ministry": the organization of that name, with or without its state
group       "Syrian rebel groups": an earlier group with the same head noun and
            compatible words ("rebel groups"), or the named group in it ("IS militants")
pronoun     he/she/his: the nearest person of compatible gender in the paragraph, else
            the nearest known to be of that gender in the three before, else the nearest
            of unknown gender in the one before; never the quote's speaker nor a clause mate ("she faced
            her", "Speaking to X, he said"); "X said he ..." is X; a subject "he" opening
            a sentence prefers the previous sentence's subject to its objects and
            possessors; it/its: a subject "it" opening a sentence goes on with the
            previous subject, else the nearest state, organization or group, unless a
            non-actor subject comes between; they/them: a plural mention of the same
            sentence only; their: that, else a state or body of its own sentence; never
            a speaker's label, nor words of another interview turn or another speaker's quote
relative    who/whom: the noun the relative clause modifies
speaker     ``"I ...," X said``, ``X said: "I ..."``, ``((X)) I ...``: X, when X is one person
            (:mod:`~kg.resolution.quotes` finds X, across sentences and paragraphs)
we          ``"We ...," X said``: the organization or state X speaks for when the article
            says which (the words introducing X: "NATO chief", "a Pentagon spokesperson",
            "President X of Peru"; a state's own ministry stands for the state), else X
government  "the Syrian government", "the government of Chile", "the Iranian regime": the state;
            "her government": the state she leads; a bare "the government": the speaker's
            state in a quote, else the last state whose government was named
class       "the airline", "the deal", "the coalition", "the group": the nearest earlier name
            introduced as one ("airline Mahan Air", "the Paris agreement", "Global
            Coalition"); "the free trade area": the name whose words these are
issuer      "we" outside quotes: the institution (a ministry, an agency, a seat of government,
            a state) whose statement the text is, when a clause before names it as its subject
            and the paragraph says no "I" outside quotes (a person's own words)
addressee   ``"You ...," X told Y``: Y (``"... to Y"`` after "said" too); no one otherwise,
            so that a "you" nobody is told never becomes an actor
we both     ``"We both ...," X said``: the speaker and the last other person named
==========  ==================================================================

A plural mention belongs to every cluster it names.
"""
from __future__ import annotations

import re
from bisect import insort
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, Optional, Union

from kg.resolution import corrections
from kg.resolution import gazetteer as gz
from kg.resolution.clusters import Cluster
from kg.resolution.mentions import FIRST_PERSON, Candidate, initials, paragraphs
from kg.resolution.mentions import clean as clean_text
from kg.resolution.mentions import token_at as mn_token_at
from kg.resolution.names import class_noun
from kg.resolution.quotes import Speech, speech

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.resolution.aliases import Aliases

__all__ = ["Cluster", "cluster_mentions", "is_actor_use"]

#: Dependency labels that make a capital an actor ("Moscow slammed", "Moscow's planes", "accused Moscow").
ACTOR_DEPS = frozenset("nsubj nsubjpass poss agent dobj".split())

#: Words of a role description that the title of the person it means must contain too.
ROLE_WORDS = frozenset("""prosecutor attorney surgeon inspector auditor solicitor general secretary
    commander chief minister""".split())

#: Types of actors known only by a description ("Syrian rebel groups", "French fighter jets").
DESCRIBED_TYPES = frozenset(("Group", "Organization", "Thing"))

#: Prepositions after which a capital is a place, not an actor.
LOCATIVE_PREPOSITIONS = frozenset("in at near to from into outside around across within through of on".split())

#: Dependency labels of a clause's subject.
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))

#: Non-person types a pronoun "it"/"its" can refer to.
THING_ACTORS = frozenset(("Country", "Organization", "Group"))


@dataclass
class _Context:
    """What the description and pronoun rules consult while clusters grow."""

    doc: "Doc"
    clusters: list[Cluster]
    resolved: list[Candidate]  # mentions already placed, in text order
    by_head: dict[int, Candidate]  # token index of a mention's head -> mention
    plural_seen: dict[str, list[Cluster]] = field(default_factory=dict)

    @cached_property
    def said(self) -> Speech:
        return speech(self.doc, paragraphs(self.doc))

    def speakers_of(self, m: Candidate) -> list[Cluster]:
        """The clusters (placed so far) of whoever says the words ``m`` is in: the speaker's
        mention, else the names in the phrase naming them ("a protester called Ana Ruiz")."""
        said = self.said
        who = said.speaker.get(m.head, said.label[m.head][1] - 1 if m.head in said.label else None)
        if who is None:
            return []
        found = self.by_head.get(who)
        if found is not None:
            return found.clusters
        tok = self.doc[who]
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        return [c for r in self.resolved if lo <= r.start and r.end <= hi for c in r.clusters]

    @cached_property
    def said_i(self) -> frozenset[int]:
        """The paragraphs that say "I" (or "me", "my") outside any quote."""
        para, quoted = paragraphs(self.doc), self.said.quoted
        return frozenset(para[t.i] for t in self.doc if t.lower_ in FIRST_PERSON and t.i not in quoted)

    @cached_property
    def label_tokens(self) -> frozenset[int]:
        return frozenset(i for a, b in self.said.labels for i in range(a, b))

    def same_voice(self, r: Candidate, m: Candidate) -> bool:
        """Whether ``r`` is in the words of whoever says pronoun ``m``: an interview label is no
        one's words, another turn is the other speaker's ("((WN)) What did you find?" /
        "((Ana Ruiz)) It depends": not WN), and so is a quote another speaker says."""
        said = self.said
        if r.head in self.label_tokens or said.label.get(r.head) != said.label.get(m.head):
            return False
        if r.head in said.speaker and m.head in said.speaker and said.speaker[r.head] != said.speaker[m.head]:
            theirs, ours = self.speakers_of(r), self.speakers_of(m)
            return not (theirs and ours and not set(map(id, theirs)) & set(map(id, ours)))
        return True

    def place(self, m: Candidate, targets: list[Cluster]) -> None:
        for c in targets:
            c.add(m, m.rule)
        insort(self.resolved, m, key=lambda x: x.start)
        self.by_head.setdefault(m.head, m)


def cluster_mentions(doc: "Doc", names: list[Candidate], others: Iterable[Candidate],
                     aliases: Optional["Aliases"] = None) -> list[Cluster]:
    """Group a document's mentions into clusters, one per actor.

    ``aliases`` (the rules of the user's aliases file that apply to this document)
    move named mentions between clusters before descriptions and pronouns are read,
    so that these follow the corrected names, and veto or force where a description
    or pronoun goes.
    """
    clusters = _join_unqualified(_cluster_names(names, doc))
    if aliases is not None and aliases.rules:
        clusters = corrections.correct_names(clusters, aliases)
    ctx = _Context(doc, clusters, sorted((m for c in clusters for m in c.mentions), key=lambda m: m.start),
                   {m.head: m for m in names if m.clusters})
    others = list(others)
    now = sorted((m for m in others if m.rule not in QUOTE_RULES), key=lambda m: (m.start, m.kind != "pronoun"))
    later = [m for m in others if m.rule in QUOTE_RULES]  # the speaker is named after the quote
    for m in now + later:
        targets = RULES.get(m.rule, _nothing)(ctx, m)
        if aliases is not None and aliases.rules:
            targets = corrections.correct_targets(ctx.clusters, m, targets, aliases)
        if targets:
            ctx.place(m, targets)
    return [c for c in clusters if c.names or c.type in DESCRIBED_TYPES and any(m.name for m in c.mentions)
            or c.type == "Country" and c.iso and c.mentions]  # "his country" = Kenya, never named


# -- names ---------------------------------------------------------------------------
def _cluster_names(names: list[Candidate], doc: Optional["Doc"] = None) -> list[Cluster]:
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

    def own(o: Candidate) -> Cluster:
        """The cluster of a name another one is joined to, made now (under its key) if need be,
        so that its later repeats ("Mahan Air" again) find it."""
        if not o.clusters:
            key = "iso:" + (o.iso or o.name or "") if o.type == "Country" else f"name:{_name_key(o.name or o.text)}"
            join(o, key, "same name", o.type)
        return o.clusters[0]

    # every name mention has its name; one without would have nothing to be clustered by
    named = [(m, m.name) for m in names if m.name is not None]
    persons = [(m, name) for m, name in named if m.type == "Person" or m.type is None]
    for m, name in sorted(persons, key=lambda p: -len(p[1].split())):
        if len(name.split()) > 1:
            longer_key = next((k for k in by_key if k.startswith("person:") and k.endswith(" " + name)), None)
            if longer_key is None:  # "John Bolton" after "John R. Bolton"
                longer_key = next((k for k in by_key if k.startswith("person:") and _middle_dropped(name, k[7:])),
                                  None)
            join(m, longer_key or "person:" + name, "same name" if not longer_key else "part of name", "Person")
    # full names of people: a person's, or an interview label's (who speaks is someone)
    people = {k[len("person:"):] for k in by_key if k.startswith("person:")} \
        | {name for m, name in named if m.rule == "label" or m.type == "Person"}
    for m, name in named:
        if m.clusters:
            continue
        defined = _defined(m, names)
        if defined is not None:  # "the Kurdistan Workers' Party (PKK)": PKK is that party
            own(defined).add(m, "acronym")
        elif m.type == "Country":
            join(m, "iso:" + (m.iso or name), "same country", "Country")
        elif len(name.split()) > 1 and "person:" + name in by_key and m.rule in ("ner", "label", "acronym"):
            join(m, "person:" + name, "same name", "Person")  # the NER called one "Marta Quiroga" ORG
        elif (m, name) in persons:
            target = _person_for(m, clusters)
            longer = _short_for(m, names, people) if target is None else None
            if longer is not None:  # the NER's "Mahan" (PERSON) for "Mahan Air"
                own(longer).add(m, "short name")
            elif target is not None:
                part = "surname" if target.canonical.split()[-1] == name.split()[-1] else "first name"
                target.add(m, f"title and {part}" if m.title else part)
            elif m.type == "Person":
                join(m, "person:" + name, "same name", "Person")
        elif name.isupper() and (spelled := _acronym_of(m, names, own)):
            spelled.add(m, "acronym")
        elif m.rule == "acronym":
            continue
        elif (longer := _short_for(m, names, people, acting=doc is not None and doc[m.head].dep_ in (
                "nsubj", "nsubjpass", "poss"))) is not None:  # "Mahan" for "Mahan Air", "NBC" for "NBC News"
            own(longer).add(m, "short name")
        elif m.type in ("Organization", "Place", "Group") and m.iso is None and not gz.metonym(name) \
                and m.rule == "ner" and (len(name.split()) == 1 or _surname_of_person(name, clusters)) \
                and (person := _person_for(m, clusters)):
            person.add(m, "surname")  # the NER's "Pelosi" (GPE) in a Pelosi story; "La Riva" (ORG)
        else:
            key = _name_key(name)
            join(m, f"name:{key}", "same name", m.type)
    for c in clusters:
        if c.type == "Person" and any(m.type is None for m in c.mentions):
            c.type = "Person"
    return clusters


def _join_unqualified(clusters: list[Cluster]) -> list[Cluster]:
    """"the Defense Ministry" joins the article's "Russian Defense Ministry" when one state has one.

    The state is the organization's affiliation, as a title is a person's; with two
    states' ministries in the article the bare name stays apart.
    """
    qualified: dict[str, dict[str, Cluster]] = {}
    for c in clusters:
        for m in c.names if c.type == "Organization" else ():
            iso, rest = gz.state_qualified(m.name)
            if iso:
                qualified.setdefault(rest, {}).setdefault(iso, c)
    for c in list(clusters):
        if c.type != "Organization" or any(gz.state_qualified(m.name)[0] for m in c.names):
            continue
        owners = {x for m in c.names for x in qualified.get(gz.state_qualified(m.name)[1], {}).values()}
        if len(owners) == 1:
            target = owners.pop()
            for m in c.mentions:
                m.clusters = [x for x in m.clusters if x is not c]
                target.add(m, "without state")
            clusters.remove(c)
    return clusters


def _short_for(m: Candidate, names: list[Candidate], people: set[str], acting: bool = False) -> Optional[Candidate]:
    """The one longer organization name of the article that a one-word organization name begins.

    ``people`` are the article's full names of persons: "Valeria" is not short for the
    NER's organization "Valeria Gazzola" when a person has that name. A "place" counts
    when it is ``acting`` (a subject or possessor: "Mahan flies cargo"), which a town
    beside a company of its name ("Boston" and "Boston Dynamics") seldom is.
    """
    types = ("Organization", "Person", None, "Place") if acting else ("Organization", "Person", None)
    if m.name is None or m.type not in types or len(m.name.split()) != 1 \
            or m.iso or gz.metonym(m.name) or gz.country(m.name):
        return None
    found = {o.name: o for o in names if o.type == "Organization" and o.name and len(o.name.split()) > 1
             and o.name.split()[0] == m.name and o.name not in people}
    return next(iter(found.values())) if len(found) == 1 else None


def _middle_dropped(short: str, full: str) -> bool:
    """"John Bolton" is "John R. Bolton": same first and last word, the rest of the longer between.

    >>> _middle_dropped("Ana Silva", "Ana Maria Silva"), _middle_dropped("Ana Silva", "Ana Silva Costa")
    (True, False)
    """
    a, b = short.split(), full.split()
    return len(a) == 2 and len(b) > 2 and a[0] == b[0] and a[-1] == b[-1]


def _defined(m: Candidate, names: list[Candidate]) -> Optional[Candidate]:
    """The name an acronym was introduced with in parentheses ("... Party (PKK)"), if any."""
    if m.link is None:
        return None
    return next((o for o in names if o.head == m.link and o is not m), None)


def _acronym_of(m: Candidate, names: list[Candidate], own: Callable[[Candidate], Cluster]) -> Optional[Cluster]:
    """The cluster of a longer name whose initials spell this one ("OSCE"); ``own`` gives
    a name its cluster."""
    for other in names:
        if other is not m and other.name and initials(other.name) == m.name and other.clusters:
            return other.clusters[0]
    for other in names:  # the long form comes later in the text
        if other is not m and other.name and initials(other.name) == m.name:
            return own(other)
    return None


def _surname_of_person(name: str, clusters: list[Cluster]) -> bool:
    """Whether a name of several words ends the full name of a person of the article: a
    surname of several words ("La Riva" of "Gloria La Riva"), which the NER may call an
    organization."""
    return any(c.type == "Person" and any(n.name and n.name.endswith(" " + name) for n in c.names)
               for c in clusters)


def _person_for(m: Candidate, clusters: list[Cluster]) -> Optional[Cluster]:
    """The full name a bare surname (or first name) belongs to; the first one named if several."""
    if m.name is None:
        return None
    words = m.name.split()
    found = [
        c for c in clusters if c.type == "Person"
        and any(full[-len(words):] == words or full[: len(words)] == words
                or len(words) == 1 and words[0] in full[1:-1] and words[0][:1].isupper()
                for full in (n.name.split() for n in c.names if n.name))
    ]  # "Rosselló" of "Ricardo Rosselló Nevares", a double surname
    if len(found) <= 1:
        return found[0] if found else None
    # the first introduced: news calls a relative or namesake named later by a full name again
    # ("His parents, Robert Cummings Sr. and Ruth Cummings ... Cummings expressed ...")
    before = [(min(x.start for x in c.names), c) for c in found if any(x.start < m.start for x in c.names)]
    return min(before, key=lambda p: p[0])[1] if before else found[0]


@lru_cache(maxsize=16384)  # pure, and asked again for every name an article repeats
def _name_key(name: str) -> str:
    """Names that differ only in case or a country's form compare equal.

    >>> _name_key("Russia's foreign ministry") == _name_key("Russian Foreign Ministry")
    True
    """
    iso, rest = gz.state_qualified(name)
    if iso is not None and rest and not gz.country(name):  # "U.S. Embassy", "United States Embassy"
        return f"<{iso}> {rest}"
    words = []
    for w in re.split(r"\s+", name):
        iso = gz.place_iso(w) if re.search(r"['’]s$", w) else None
        words.append(f"<{iso}>" if iso else w.lower())
        if not iso and gz.demonym_iso(w):
            words[-1] = f"<{gz.demonym_iso(w)}>"
    return " ".join(words)


# -- descriptions and pronouns: one function per rule, looked up in RULES ---------------
def _nothing(ctx: _Context, m: Candidate) -> list[Cluster]:
    return []


def _linked(ctx: _Context, m: Candidate) -> list[Cluster]:
    """Apposition, "the city of X", "IS militants": the clusters of the name it is glued to."""
    target = ctx.by_head.get(m.link) if m.link is not None else None
    if target is None:
        return _group(ctx, m) if m.rule == "group" else []
    if m.lemma in gz.PLACE_HEADS:  # "the city of Goma": a place, whatever the NER said
        for c in target.clusters:
            c.type = c.type if c.type == "Country" else "Place"
    return list(target.clusters)


def _recent(ctx: _Context, m: Candidate, test: Callable, paragraphs: int = 1,
            block: Optional[Callable] = None) -> list[Cluster]:
    """The cluster of the nearest earlier mention passing ``test``, in this paragraph or the previous."""
    for r in reversed(ctx.resolved):
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


def _pronoun(ctx: _Context, m: Candidate) -> list[Cluster]:
    if m.type == "Person":
        # "she" inside a quote is someone the speaker talks about, never the speaker ("I")
        excluded = ctx.speakers_of(m) + _clause_mates(ctx, m)

        def person(r: Candidate, c: Cluster) -> bool:
            return c.type == "Person" and not r.plural and c.gender in (None, m.gender) and c not in excluded \
                and ctx.same_voice(r, m)

        def known(r: Candidate, c: Cluster) -> bool:
            return person(r, c) and c.gender == m.gender

        def near(r: Candidate, c: Cluster) -> bool:
            return person(r, c) and (r.para == m.para or c.gender == m.gender)

        # past its own paragraph, a "she" goes further back to someone known to be a she (by
        # name, title or an earlier "she") before taking a nearer person of unknown gender
        reported = _reporting_subject(ctx, m, person)
        if reported is not None:
            return reported
        return _subject_antecedent(ctx, m, near) or _recent(ctx, m, near) or _recent(ctx, m, known, 3) \
            or _recent(ctx, m, person)

    def blocked(r: Candidate) -> bool:
        if not ctx.same_voice(r, m):  # the other speaker's turn, or their label
            return True
        # "the plan has wide support ... how it would work": a non-actor subject in between
        taken = {x.head for x in ctx.resolved}
        return any(t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN") and t.i not in taken
                   and not any(c.dep_ == "poss" for c in t.children)  # "its military ... its borders"
                   for t in ctx.doc[r.head + 1 : m.head])

    if m.plural:
        group = next((r for r in reversed(ctx.resolved) if r.plural and r.clusters and r.sent == m.sent
                      and r.start < m.start and ctx.same_voice(r, m)), None)
        if group is not None:
            return list(group.clusters)
        if m.lemma in ("they", "them", "themselves"):
            return []  # people, more often than a state: only a plural antecedent will do
        # "Turkey justified the claim by their long shoreline": a state or body of the same sentence
        return _recent(ctx, m, lambda r, c: _thing_actor(c) and not r.plural and r.sent == m.sent, 0, blocked)
    return _previous_subject(ctx, m) or _recent(ctx, m, lambda r, c: _thing_actor(c) and not r.plural, 1, blocked)


def _previous_subject(ctx: _Context, m: Candidate) -> list[Cluster]:
    """"The airline was founded in 1992. It has ...": a subject "it" opening its sentence goes
    on with the previous sentence's subject, when that is a state, organization or group."""
    doc = ctx.doc
    if doc[m.head].dep_ not in SUBJECT_DEPS or m.sent == 0 or any(
            r.sent == m.sent and r.start < m.start and r.clusters for r in ctx.resolved):
        return []
    root = doc[m.sent - 1].sent.root
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    found = ctx.by_head.get(subject.i) if subject is not None else None
    if found is None or found.plural or found.para != m.para or not ctx.same_voice(found, m):
        return []
    return [c for c in found.clusters if _thing_actor(c)][:1]


#: Dependency labels of a verb's objects and of the nouns of its prepositions.
OBJECT_DEPS = frozenset(("dobj", "dative", "iobj", "pobj", "attr"))


def _clause_mates(ctx: _Context, m: Candidate) -> list[Cluster]:
    """Who a non-reflexive pronoun cannot be: the subject of its own clause ("she faced her"),
    or, for a subject, the objects of its clause and of the participle before it ("Speaking
    to Ana Ruiz, he said": he is not Ana Ruiz)."""
    doc = ctx.doc
    tok = doc[m.head]
    if tok.lower_.endswith(("self", "selves")):
        return []
    verb = tok.head
    while verb.dep_ == "prep" or verb.pos_ == "ADP":  # "with him": the verb above the preposition
        if verb.head.i == verb.i:
            break
        verb = verb.head
    if tok.dep_ in OBJECT_DEPS:
        heads = [c.i for c in verb.children if c.dep_ in SUBJECT_DEPS]
    elif tok.dep_ in SUBJECT_DEPS:
        above = [verb.head] if verb.dep_ == "parataxis" else []  # the parser hangs "he said" off the quote
        clauses = [verb] + [c for v in [verb, *above] for c in v.children if c.dep_ == "advcl"
                            and c.tag_ in ("VBG", "VBN") and not any(g.dep_ in SUBJECT_DEPS for g in c.children)]
        heads = [t.i for clause in clauses for t in clause.subtree if t.dep_ in OBJECT_DEPS
                 and (t.head.i == clause.i or t.head.head.i == clause.i and t.head.dep_ == "prep")]
    else:
        return []
    return [c for i in heads if (r := ctx.by_head.get(i)) is not None and r.kind == "name" for c in r.clusters]


def _reporting_subject(ctx: _Context, m: Candidate, test: Callable) -> Optional[list[Cluster]]:
    """"Ana Ruiz said she would resign": the subject "she" of a clause that completes a verb
    is that verb's subject when it can be (same gender, not ruled out), also across "but"
    ("Ruiz accepted the blame but did not say she had ordered it").

    ``None`` when that says nothing (no such verb, or its subject is another person);
    when the subject is a name no person of the article has a mention at ("Winch told
    Wikinews he ...", the NER having missed "Winch"; "La Riva", taken for an organization),
    it is the person whose name holds that word, else no one: never a nearer other name.
    """
    doc = ctx.doc
    tok = doc[m.head]
    if tok.dep_ not in SUBJECT_DEPS or tok.head.dep_ != "ccomp":
        return None
    gov = tok.head.head
    while not any(c.dep_ in SUBJECT_DEPS for c in gov.children) and gov.dep_ == "conj" and gov.head.i != gov.i:
        gov = gov.head
    subject = next((c for c in gov.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.i > tok.i:
        return None
    found = ctx.by_head.get(subject.i)
    if found is not None and any(c.type == "Person" for c in found.clusters):
        return [c for c in found.clusters if test(found, c)][:1] or None
    if subject.pos_ != "PROPN":
        return [] if found is not None and found.clusters else None  # "the ministry said he": not the ministry
    bearers = [c for c in ctx.clusters if c.type == "Person" and test(m, c)
               and any(n.name and subject.text in n.name.split() for n in c.names)]
    return bearers if len(bearers) == 1 else []


def _subject_antecedent(ctx: _Context, m: Candidate, test: Callable) -> list[Cluster]:
    """A subject "he" opening a sentence continues the previous sentence's subject.

    Only when its own sentence names no one before it; in the previous sentence
    with a candidate, a subject beats an object, and anything beats a possessor
    ("Konashenkov dismissed Johnson's charge. He added, ...").
    """
    if ctx.doc[m.head].dep_ not in SUBJECT_DEPS:
        return []
    earlier = [r for r in ctx.resolved if r.start < m.start and r.para >= m.para - 1
               and any(test(r, c) for c in r.clusters)]
    if not earlier or earlier[-1].sent == m.sent:
        return []
    last = [r for r in earlier if r.sent == earlier[-1].sent]
    ranked = ([r for r in last if ctx.doc[r.head].dep_ in SUBJECT_DEPS]
              or [r for r in last if ctx.doc[r.head].dep_ != "poss"] or last)
    return [next(c for c in ranked[-1].clusters if test(ranked[-1], c))]


def _link_target(ctx: _Context, m: Candidate) -> list[Cluster]:
    """Who, whom, you: the clusters of the mention the pronoun was linked to, if any."""
    target = ctx.by_head.get(m.link) if m.link is not None else None
    return list(target.clusters) if target is not None else []


def _thing_actor(c: Cluster) -> bool:
    return c.type in THING_ACTORS or c.type == "Place" and gz.metonym(c.canonical) is not None


def _spoken_by(ctx: _Context, m: Candidate) -> Optional[Candidate]:
    """The mention at the token :mod:`~kg.resolution.quotes` found as the speaker of ``m``."""
    if m.link is None:
        return None
    found = ctx.by_head.get(m.link)
    if found is None:  # a label's last token inside a longer name
        char = ctx.doc[m.link].idx
        found = next((r for r in ctx.resolved if r.start <= char < r.end and r.clusters), None)
    if found is None:  # "said a farmer named Ana Ruiz": the one name in the phrase
        tok = ctx.doc[m.link]
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        inside = [r for r in ctx.resolved if r.kind == "name" and lo <= r.start and r.end <= hi and r.clusters]
        found = inside[0] if len({id(r.clusters[0]) for r in inside}) == 1 else None
    return found


def _speaker(ctx: _Context, m: Candidate) -> list[Cluster]:
    """``"I ...," she said``: the one person who speaks the quote (or the interview answer)."""
    said = _spoken_by(ctx, m)
    clusters = said.clusters if said else []
    people = [c for c in clusters if c.type == "Person"]
    if not people and len(clusters) == 1 and _person_like(clusters[0]):
        clusters[0].type = "Person"  # who says "I" under a full name is a person, whatever the NER said
        people = clusters
    return people if len(people) == 1 else []


def _person_like(c: Cluster) -> bool:
    """A name of two or more capitalized words that is no state's, seat's or organization's."""
    words = c.canonical.split()
    return c.type in ("Organization", "Place", None) and c.iso is None and 1 < len(words) <= 4 \
        and all(w[:1].isupper() for w in words) and not gz.metonym(c.canonical) \
        and not any(w.lower().rstrip(".") in gz.ORG_SUFFIXES | gz.ORG_HEADS for w in words)


def _we(ctx: _Context, m: Candidate) -> list[Cluster]:
    """``"We ...," a Pentagon spokesperson said``: the speaker's organization or state when the
    article says which (in the title or the phrase naming them), else the speaker."""
    said = _spoken_by(ctx, m)
    if said is None:
        return _speaker_affiliation(ctx, m.link) if m.link is not None else []
    if len(said.clusters) != 1:
        return []
    c = said.clusters[0]
    if c.type != "Person":
        iso = c.role_iso() if c.type == "Group" else None
        return [_country_cluster(iso, ctx.clusters)] if iso else [c]
    found = _introduced_by(ctx, c)
    if found is not None:
        return [found]
    iso = c.role_iso()
    return [_country_cluster(iso, ctx.clusters)] if iso else [c]


def _introduced_by(ctx: _Context, c: Cluster) -> Optional[Cluster]:
    """The organization, else the state, named in the words that introduce a person:
    "NATO chief Jens Stoltenberg", "the Greek premier's spokesman, Ana Ruiz"; a state's own
    body stands for the state ("a US State Department spokesperson, Ana Ruiz": United States)."""
    doc, spans = ctx.doc, []
    people = {i for r in ctx.resolved if r.kind == "name" and any(o.type == "Person" for o in r.clusters)
              for i in range(mn_token_at(doc, r.start), r.head + 1)}
    for x in c.names:
        head = doc[x.head]
        top = head.head if head.dep_ == "appos" and head.head.i < head.i else head
        end = mn_token_at(doc, x.start) if top.i == head.i else top.i + 1
        i = end
        while i > top.left_edge.i:  # leftwards, short of "US President Ana Ruiz and ..." before
            t = doc[i - 1]
            if t.is_punct and t.text != "-" or t.pos_ in ("VERB", "AUX") \
                    or t.dep_ == "cc" and i - 2 in people and i - 2 not in range(end, x.head + 1):
                break
            i -= 1
        if i < end:
            spans.append((doc[i].idx, doc[end - 1].idx + len(doc[end - 1].text)))
    found: list[Cluster] = []
    isos = []
    for lo, hi in spans:
        for r in ctx.resolved:
            if lo <= r.start and r.end <= hi and r.kind == "name":
                found += [o for o in r.clusters if o is not c]
        isos += [iso for t in doc.char_span(lo, hi, alignment_mode="expand") or ()
                 if t.pos_ == "ADJ" and (iso := gz.demonym_iso(t.text))]
    orgs = [o for o in found if o.type == "Organization" and _institution(o)]
    if orgs:  # a state's ministry or seat speaks for the state ("we" of a Pentagon spokesperson)
        iso = gz.state_qualified(orgs[0].canonical)[0] or (gz.metonym(orgs[0].canonical) or (None,))[0]
        return _country_cluster(iso, ctx.clusters) if iso else orgs[0]
    states = [o for o in found if o.type == "Country"]
    # "the premier's spokesman": whom a spokesperson speaks for; a lawyer or a son speaks for no state
    speaks_for = [o for o in found if o.type == "Person" and o.role_iso()] if any(
        gz.role_of(doc[x.head].text) == "spokesperson" or gz.role_of(x.text) == "spokesperson" for x in c.mentions
        if x.kind == "description") else []
    iso = states[0].iso if states else speaks_for[0].role_iso() if speaks_for else isos[0] if isos else None
    return _country_cluster(iso, ctx.clusters) if iso else None


def _speaker_affiliation(ctx: _Context, head: int) -> list[Cluster]:
    """A speaker named by a common noun ("a Pentagon spokesperson"): whose they are."""
    tok = ctx.doc[head]
    for child in tok.children:
        if child.dep_ in ("compound", "poss", "amod", "nmod") and child.i in ctx.by_head:
            return list(ctx.by_head[child.i].clusters)[:1]
        iso = gz.demonym_iso(child.text) if child.dep_ in ("amod", "compound") else None
        if iso:
            return [_country_cluster(iso, ctx.clusters)]
    return []


def _institution(c: Cluster) -> bool:
    """An organization named as one: an organization word in its name, an acronym or a seat of government."""
    words = c.canonical.split()
    return c.canonical.isupper() or gz.metonym(c.canonical) is not None \
        or any(w.lower().rstrip(".") in gz.ORG_HEADS | gz.ORG_SUFFIXES for w in words)


def _issuer(ctx: _Context, m: Candidate) -> list[Cluster]:
    """"We designate ..." outside any quote: the body whose statement the document is, when it
    names one as the subject of a clause before; no one otherwise, nor in a paragraph that
    says "I" outside quotes too (a person's own words printed as they came: "I urge voters
    ... We support a balanced budget")."""
    if m.para in ctx.said_i:
        return []
    for r in ctx.resolved:
        if r.start >= m.start:
            break
        span = ctx.doc.char_span(r.start, r.end, alignment_mode="expand") if r.kind == "name" else None
        if span is not None and span.root.dep_ in SUBJECT_DEPS:  # "The Ministry of Fisheries issued ..."
            orgs = [c for c in r.clusters if c.type == "Country" or c.type == "Organization" and _institution(c)]
            if orgs:
                return orgs[:1]
    return []


def _we_both(ctx: _Context, m: Candidate) -> list[Cluster]:
    """``"We both ...," the Russian leader said``: the speaker and the person last named with them."""
    people = _speaker(ctx, m)
    if not people:
        return []
    other = _recent(ctx, m, lambda r, c: c.type == "Person" and c is not people[0] and not r.plural, 2)
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
    # "the prosecutor general" is no General: every role word of the description is in the title
    own = [w for w in m.text.lower().split(" of ")[0].split() if w in ROLE_WORDS]
    return m.lemma in words and all(w in words for w in own)


def _by_role(ctx: _Context, m: Candidate) -> list[Cluster]:
    """The person holding the office for the state ("the Russian leader"), nearest before if several."""
    isos = m.isos or (m.iso,)
    out = []
    for iso in isos:
        holders = [c for c in ctx.clusters if c.type == "Person" and any(_holds(t, m) for t in c.titles)
                   and (iso is None or c.role_iso() == iso)]
        if holders:
            before = [c for c in holders if any(x.start < m.start for x in c.mentions)]
            out.append(before[-1] if before else holders[0])
    return list(dict.fromkeys(out)) if len(out) == len(isos) else []


def _fits_plural(c: Cluster, m: Candidate) -> bool:
    """"two women" are women, "two presidents" presidents, "two leaders" any leaders."""
    if m.lemma in ("man", "woman"):
        return c.gender == ("m" if m.lemma == "man" else "f")
    if m.lemma in ("president", "minister"):
        return any(m.lemma in t.lower() for t in c.titles)
    return True


def _plural(ctx: _Context, m: Candidate) -> list[Cluster]:
    """"the two leaders": the most recent distinct actors of that kind; a repeat keeps its reading."""
    key = m.text.lower().removeprefix("the ")
    if key in ctx.plural_seen:
        return ctx.plural_seen[key]
    # earlier actors of the kind, and (for countries) the states demonyms name, by offset
    refs: list[tuple[int, Union[Cluster, str]]] = [
        (r.start, c) for r in ctx.resolved for c in r.clusters
        if r.start < m.start and c.type == m.type and not r.plural and _fits_plural(c, m)
    ]
    if m.type == "Country":  # "Russian ... his French counterpart ... the two countries"
        refs += [(pos, iso) for pos, iso in _demonym_positions(ctx.doc) if pos < m.start]
    found: list[Cluster] = []
    for _, ref in sorted(refs, key=lambda p: -p[0]):
        c = _country_cluster(ref, ctx.clusters) if isinstance(ref, str) else ref
        if c not in found:
            found.append(c)
        if len(found) == m.count:
            ctx.plural_seen[key] = found
            return found
    return []


def _country(ctx: _Context, m: Candidate) -> list[Cluster]:
    """"his country": the state of the person "his" is; "the country": the last state named."""
    owner = next((r for r in ctx.resolved if r.kind == "pronoun" and r.start == m.start), None)
    if owner is not None:
        iso = next((c.role_iso() for c in owner.clusters if c.role_iso()), None)
        return [_country_cluster(iso, ctx.clusters)] if iso else []
    spoken = _speakers_state(ctx, m)
    if spoken:
        return spoken
    doc = ctx.doc

    def state(r: Candidate, c: Cluster) -> bool:
        # "US workers", "Syrian troops": a state in a modifier is no place the text is about
        return c.type == "Country" and not r.plural and (r.kind != "name" or doc[r.head].dep_ not in (
            "compound", "amod", "nmod") or doc[r.head].head.pos_ not in ("NOUN", "PROPN"))

    def of_state(name: Optional[str]) -> Optional[str]:  # "the Parliament of Iraq": Iraq's
        found = gz.country(name.rsplit(" of ", 1)[1]) if name and " of " in name else None
        return found.iso if found else None

    found = _recent(ctx, m, lambda r, c: state(r, c) or r.kind == "name" and c.type == "Organization"
                    and of_state(r.name) is not None)
    if found and found[0].type == "Organization":
        iso = next((i for n in found[0].names if (i := of_state(n.name))), None)
        return [_country_cluster(iso, ctx.clusters)] if iso else []
    return found


def _leaders_state(ctx: _Context, m: Candidate) -> list[Cluster]:
    """"her government", "Ana Ruiz's government": the state of the person, when the article says it."""
    if m.link is not None:
        owner = ctx.by_head.get(m.link)
    else:  # the possessive pronoun, placed just before (same start)
        owner = next((r for r in ctx.resolved if r.kind == "pronoun" and r.start == m.start), None)
    people = [c for c in owner.clusters if c.type == "Person"] if owner is not None else []
    iso = people[0].role_iso() if len(people) == 1 else None
    return [_country_cluster(iso, ctx.clusters)] if iso else []


def _speakers_state(ctx: _Context, m: Candidate) -> list[Cluster]:
    """"our country", "this country" inside a quote: the speaker's state, when the article says it."""
    who = ctx.said.speaker.get(m.head)
    if who is None:
        return []
    found = _we(ctx, Candidate(m.start, m.end, m.text, "pronoun", m.head, m.sent, m.para, link=who))
    return [c for c in found if c.type == "Country"]


def _place(ctx: _Context, m: Candidate) -> list[Cluster]:
    return _recent(ctx, m, lambda r, c: c.type == "Place" and not gz.metonym(c.canonical))


def _org(ctx: _Context, m: Candidate) -> list[Cluster]:
    """"the ministry": the last organization of that kind; "the defence ministry": the one
    of that name in the article, with or without its state ("Russian Defense Ministry")."""
    if m.name is None:
        return _recent(ctx, m, lambda r, c: c.type == "Organization" and m.lemma in c.canonical.lower())
    iso, rest = gz.state_qualified(m.name)

    def same(r: Candidate, c: Cluster) -> bool:
        names = [gz.state_qualified(n.name) for n in c.names]
        return c.type == "Organization" and any(n[1] == rest and (iso is None or n[0] in (None, iso)) for n in names)

    return _recent(ctx, m, same, paragraphs=len(ctx.doc))


def _named(ctx: _Context, m: Candidate) -> list[Cluster]:
    """"the airline", "the deal", "the coalition": the nearest earlier name introduced as one.

    A name is one when its words hold the noun ("Global Coalition"), or a noun of that class
    introduces it ("Iranian airline Mahan Air", "Acme, a carmaker") or follows it ("the Paris
    agreement"). The description's other words must be the name's ("the free trade area" of
    the "African Continental Free Trade Area") or say whose it is ("the Iranian airline").
    "The group" with nothing of the sort is the last named group of the paragraph (or the one
    before).
    """
    doc = ctx.doc
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    head = doc[m.head]
    nouns = gz.CLASS_SYNONYMS.get(m.lemma, frozenset((m.lemma,)))
    modifiers = [t.lower_ for t in span or () if t.i < head.i and t.pos_ in ("ADJ", "NOUN", "PROPN")
                 and not gz.demonym_iso(t.text)] if span is not None else []

    def introduced(r: Candidate, c: Cluster) -> bool:
        if r.kind != "name" or not r.name or c.type in ("Person", "Country") or r.start >= m.start:
            return False
        words = {w.lower() for w in r.name.split()}
        heads = _head_words(r.name)
        start = mn_token_at(doc, r.start)
        around = {class_noun(doc, start, r.head + 1)}
        after = doc[r.head].head
        if doc[r.head].dep_ in ("compound", "nmod") and after.i > r.head and after.pos_ == "NOUN":
            around.add(after.lemma_.lower())  # "the AfCFTA agreement"
        context = {t.lower_ for t in doc[max(start - 3, 0) : start]}
        return bool(nouns & (heads | around)) and all(w in words or w in context for w in modifiers)

    found = _recent(ctx, m, introduced, paragraphs=len(doc))
    if found or modifiers or m.lemma != "group":
        return found
    return _recent(ctx, m, lambda r, c: r.kind == "name" and c.type == "Group" and not r.plural)


def _head_words(name: str) -> set[str]:
    """The words of a name that say what it names: its last word, the one before its first
    preposition, an operation's first word.

    >>> sorted(_head_words("Global Coalition to Defeat ISIS")), sorted(_head_words("Operation Dawn"))
    (['coalition', 'isis'], ['dawn', 'operation'])
    """
    words = name.lower().split()
    out = {words[-1]} if words else set()
    cut = next((i for i, w in enumerate(words) if w in ("of", "for", "to", "on", "against")), None)
    if cut:
        out.add(words[cut - 1])
    if words and words[0] in gz.THING_CLASS_NOUNS:
        out.add(words[0])
    return out


def _group(ctx: _Context, m: Candidate) -> list[Cluster]:
    """A group in common nouns joins an earlier one with the same head and compatible words."""
    if m.link is not None and m.link in ctx.by_head:
        return _linked(ctx, m)
    if m.name and len(m.name.split()) == 1 and not m.plural and ctx.doc[token_of(ctx.doc, m)].lower_ == "the" \
            and (found := _named(ctx, m)):
        return found  # "the group" after "Islamic State"
    words = set(m.name.lower().split()) if m.name else set()  # no words of its own: any group of its head
    for c in ctx.clusters:
        if c.type in DESCRIBED_TYPES and any(
            o.kind == "description" and o.lemma == m.lemma and o.name
            and (words <= set(o.name.lower().split()) or set(o.name.lower().split()) <= words)
            for o in c.mentions
        ):
            return [c]
    c = Cluster(type=m.type or "Group")
    ctx.clusters.append(c)
    return [c]


def token_of(doc: "Doc", m: Candidate) -> int:
    """Index of a mention's first token."""
    return mn_token_at(doc, m.start)


def _country_cluster(iso: str, clusters: list[Cluster]) -> Cluster:
    for c in clusters:
        if c.type == "Country" and c.iso == iso:
            return c
    c = Cluster(type="Country", iso=iso)
    clusters.append(c)
    return c


#: Which function resolves a mention, by the rule that found it (see the module docstring).
RULES: dict[str, Callable[[_Context, Candidate], list[Cluster]]] = {
    "apposition": _linked, "of-name": _linked, "role": _by_role, "roles": _by_role,
    "plural": _plural, "country": _country, "place": _place, "group": _group, "class": _named,
    "org": lambda ctx, m: _named(ctx, m) or _org(ctx, m),
    "pronoun": _pronoun, "relative": _link_target, "we both": _we_both, "speaker": _speaker,
    "addressee": _link_target, "we": _we, "issuer": _issuer,
    "government": lambda ctx, m: [_country_cluster(m.iso, ctx.clusters)] if m.iso is not None else [],
    "leader's government": lambda ctx, m: _leaders_state(ctx, m),
    "the government": lambda ctx, m: _speakers_state(ctx, m) or _recent(
        ctx, m, lambda r, c: c.type == "Country" and r.rule in ("government", "leader's government", "the government")),
}

#: Rules that wait for the rest: a quote's speaker is usually named after it.
QUOTE_RULES = frozenset(("we both", "speaker", "addressee", "we", "issuer"))


def _demonym_positions(doc: "Doc") -> list[tuple[int, str]]:
    """Char offsets of nationality adjectives ("Russian", "French"), each with its state."""
    return [(t.idx, iso) for t in doc
            if t.pos_ in ("ADJ", "PROPN") and t.dep_ in ("amod", "compound") and (iso := gz.demonym_iso(t.text))]


def is_actor_use(doc: "Doc", m: Candidate) -> bool:
    """Whether a mention acts or is acted on ("Moscow slammed", "accused Washington")
    rather than locates ("talks in Moscow")."""
    tok = doc[m.head]
    if tok.dep_ == "pobj":
        return tok.head.lower_ not in LOCATIVE_PREPOSITIONS
    return tok.dep_ in ACTOR_DEPS
