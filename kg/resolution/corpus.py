"""Across articles: one entity per real-world actor, with the reason for every merge.

Rules, in order (each logged as a :class:`~kg.model.Merge`):

1. ``aliases file``: a user's ``alias<TAB>canonical`` line (see :mod:`kg.resolution.aliases`);
2. ``same name``: the same canonical name (case and accents aside) and a compatible type
   (Person, Country and the rest — Organization, Group, Place — are three kinds
   that never merge with each other) and, for people, no conflicting affiliation
   ("Russian" vs "British" Johnson stay apart);
3. ``surname``: a one-word person name merges with the one full name in the
   corpus it ends with (or whose first surname it is, "Rosselló" of "Ricardo
   Rosselló Nevares"), or with the one the corpus mentions four times as often as the
   others together; otherwise it stays apart; ``middle name``:
   "Robert Mugabe" merges with the one "Robert ... Mugabe" of three or more words;
4. ``without state``: an organization named without its state ("Defense Ministry")
   is placed in a state (:attr:`_Merging.placed`: the one of the name's owners its
   article names, else the state the article names most) and merges with the
   organization named with that state ("Russian Defense Ministry"); ``same state``: an
   institution a state has one of, under two spellings of its state ("US Senate",
   "United States Senate");
5. ``acronym``: a one-word acronym alone in an article ("WN") joins the one actor
   other articles gave it as an alias.

Before the rules, types are decided from every article (:func:`_typed`, :func:`_voted`),
so a name the NER typed two ways merges under one type.

A ``!alias<TAB>canonical`` line forbids any merge that would put the two together.

Actors kept apart under one name are told apart in the corpus name, since an
entity's IRI comes from it: a placed institution gets its state in brackets
("Senate (Peru)") when the corpus places that name in several; otherwise the
better-known keeps the name, the other gets in brackets its affiliation, else the
one state its articles name, else its type ("Jordan" and "Jordan (Country)").
"""
from __future__ import annotations

import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Iterable, Optional, Union

from kg.model import Entity, Merge
from kg.resolution import gazetteer as gz
from kg.resolution.aliases import Aliases, load_aliases

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["CorpusEntities", "merge_entities"]


#: Types that may merge with each other under one name.
TYPE_KINDS = {"Person": "person", "Country": "country"}


@dataclass
class CorpusEntities:
    """Entities merged across documents and the map from document names to corpus names."""

    entities: list[Entity] = field(default_factory=list)
    #: ``(document, name) -> corpus name`` for the actors whose corpus name differs (most keep theirs)
    names: dict[tuple[str, str], str] = field(default_factory=dict)
    #: the per-document entities each corpus entity was merged from, by corpus name (see ``keep_parts``)
    parts: dict[str, list[Entity]] = field(default_factory=dict)

    def __getstate__(self) -> dict:
        # The map of names is pickled first, so that its strings are unpickled before the
        # entities' and not scattered among them: once the entities are let go, the memory
        # they were read into is freed whole (see kg.pipeline.child.in_child).
        return {"names": self.names, "entities": self.entities, "parts": self.parts}

    def canonical(self, doc_id: str, name: str) -> str:
        """The corpus name of an actor called ``name`` in document ``doc_id`` (``name`` if unknown).

        Examples
        --------
        >>> c = merge_entities([Entity("Vladimir Putin", "Person", docs=("a",)),
        ...                     Entity("Putin", "Person", docs=("b",))])
        >>> c.canonical("b", "Putin"), c.canonical("b", "Kremlin")
        ('Vladimir Putin', 'Kremlin')
        """
        return self.names.get((doc_id, name), name)

    def get(self, name: str) -> Optional[Entity]:
        """The corpus entity with this name."""
        return next((e for e in self.entities if e.name == name), None)


class _Groups:
    """Union-find over document entities that refuses merges the aliases file splits."""

    def __init__(self, items: list[Entity], aliases: Aliases) -> None:
        self.items = items
        self.parent = list(range(len(items)))
        self.rules: dict[int, str] = {}  # item -> the rule that joined it to another
        self.aliases = aliases

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def members(self, i: int) -> list[int]:
        root = self.find(i)
        return [j for j in range(len(self.items)) if self.find(j) == root]

    def forbidden(self, a: int, b: int) -> bool:
        if not self.aliases.splits:
            return False  # the common case, and members() is a scan of every entity
        left, right = self.members(a), self.members(b)
        for rule in self.aliases.splits:
            for x, y in ((left, right), (right, left)):
                if any(rule.applies(self.items[i].name, _doc(self.items[i])) for i in x) and any(
                    self.items[j].name.casefold() == rule.canonical.casefold() for j in y
                ):
                    return True
        return False

    def union(self, a: int, b: int, rule: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self.forbidden(a, b):
            return False
        self.parent[rb] = ra
        self.rules.setdefault(b, rule)
        return True


def _shared(e: Entity) -> Entity:
    """``e`` with its strings interned: a corpus repeats each name, type and document id in
    thousands of records, and the merge holds all of them at once."""
    intern = sys.intern
    return replace(e, name=intern(e.name), type=intern(e.type), aliases=tuple(map(intern, e.aliases)),
                   docs=tuple(map(intern, e.docs)),
                   merges=tuple(Merge(intern(m.alias), intern(m.entity), intern(m.rule), m.doc and intern(m.doc))
                                for m in e.merges))


def fold(name: str) -> str:
    """A name for comparison: case and accents dropped.

    >>> fold("Recep Tayyip Erdoğan") == fold("recep tayyip erdogan")
    True
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _doc(e: Entity) -> Optional[str]:
    return e.docs[0] if e.docs else None


def _kind(e: Entity) -> str:
    return TYPE_KINDS.get(e.type, "other")


def merge_entities(entities: Iterable[Entity], aliases: Union[Aliases, str, "Path", None] = None, *,
                   keep_parts: bool = True) -> CorpusEntities:
    """Merge per-document entities into corpus entities (rules in the module docstring).

    ``keep_parts=False`` leaves :attr:`CorpusEntities.parts` empty, so the per-document
    entities (a record per actor per article) are freed once merged.

    Examples
    --------
    >>> c = merge_entities([
    ...     Entity("Boris Johnson", "Person", aliases=("Johnson",), docs=("a",), mentions=3),
    ...     Entity("Johnson", "Person", docs=("b",), mentions=1),
    ...     Entity("Russia", "Country", docs=("a",)), Entity("Russia", "Country", docs=("b",))])
    >>> [(e.name, e.mentions, e.docs) for e in c.entities]
    [('Boris Johnson', 4, ('a', 'b')), ('Russia', 0, ('a', 'b'))]
    >>> [(m.alias, m.rule) for m in c.entities[0].merges]
    [('Johnson', 'surname')]
    """
    if aliases is not None and not isinstance(aliases, Aliases):
        aliases = load_aliases(aliases)
    aliases = aliases or Aliases()
    # a fixed order, so that the result (names, merge log) does not depend on reading order
    items = _typed(sorted(map(_shared, entities), key=lambda e: (e.docs, e.name, e.type)))
    merging = _Merging(items, _Groups(items, aliases), aliases)
    for _, _, rule in MERGE_RULES:
        rule(merging)
    groups, forced, states = merging.groups, merging.forced, merging.states
    places = {groups.find(i): iso for i, iso in merging.placed.items() if iso
              and len(merging.owners[_unqualified(merging.items[i]) or ""]) > 1}
    del merging  # its tables are freed before the merged entities are made
    return _build(items, groups, forced, keep_parts, states, places)


@dataclass
class _Merging:
    """What the merge rules share: the entities, their groups so far, and tables read off them."""

    items: list[Entity]
    groups: _Groups
    aliases: Aliases
    forced: dict[int, str] = field(default_factory=dict)  # group root -> the aliases file's name

    @cached_property
    def qualified(self) -> dict[str, dict[str, int]]:
        return _qualified(self.items)

    @cached_property
    def placed(self) -> dict[int, Optional[str]]:
        """Organizations named without a state that the corpus tells apart by state -> their state.

        Only those the corpus also names with a state ("Iraqi Senate"), or whose name is
        an institution every state has ("Senate", "Supreme Court", "Foreign Ministry").
        The state is the one of the name's owners the article names, else the state the
        article names most (strictly), else, for a name only one state owns in the corpus
        and that is no institution every state has ("National Hurricane Center"), that
        state; else none (``None``): one actor "Senate" for the articles that do not say whose.
        """
        out: dict[int, Optional[str]] = {}
        for i, e in enumerate(self.items):
            rest = _unqualified(e)
            if rest is None or rest not in self.qualified and not _institution(rest):
                continue
            owners = set(self.qualified.get(rest, {}))
            named = owners & self.states[_doc(e)]
            main = self.main_state.get(_doc(e))
            if len(named) == 1:
                out[i] = next(iter(named))
            elif main is not None and (main in owners or _institution(rest)):
                out[i] = main
            elif len(owners) == 1 and not _institution(rest):
                out[i] = next(iter(owners))
            else:
                out[i] = None
        return out

    @cached_property
    def owners(self) -> dict[str, set[str]]:
        """An organization's name without its state -> the states the corpus places it in or names it with."""
        out: dict[str, set[str]] = defaultdict(set)
        for rest, isos in self.qualified.items():
            out[rest].update(isos)
        for i, iso in self.placed.items():
            if iso:
                out[_unqualified(self.items[i]) or ""].add(iso)
        return out

    @cached_property
    def main_state(self) -> dict[Optional[str], str]:
        """Document -> the state it names (or names its actors' affiliation) more often than any other."""
        counts: dict[Optional[str], Counter] = defaultdict(Counter)
        for e in self.items:
            if e.type == "Country" and e.iso:
                counts[_doc(e)][e.iso] += e.mentions or 1
            elif e.affiliation and (state := gz.country(e.affiliation)) is not None:
                counts[_doc(e)][state.iso] += e.mentions or 1  # "US Representative Cummings"
        out = {}
        for doc, c in counts.items():
            top = c.most_common(2)
            if len(top) == 1 or top[0][1] > top[1][1]:
                out[doc] = top[0][0]
        return out

    @cached_property
    def states(self) -> dict[Optional[str], set[str]]:
        """Document -> the states it names."""
        out: dict[Optional[str], set[str]] = defaultdict(set)
        for e in self.items:
            if e.type == "Country" and e.iso:
                out[_doc(e)].add(e.iso)
        return out


def _by_aliases_file(m: _Merging) -> None:
    """The user's aliases file forces its merges."""
    items, groups = m.items, m.groups
    for rule in m.aliases.forced:
        hits = [i for i, e in enumerate(items) if rule.applies(e.name, _doc(e))
                or rule.doc is None and rule.alias in e.aliases]
        targets = [i for i, e in enumerate(items) if e.name.casefold() == rule.canonical.casefold()]
        anchor = next(iter(targets or hits), None)
        for i in hits + targets:
            if anchor is not None:
                groups.union(anchor, i, "aliases file")
        if anchor is not None:
            m.forced[groups.find(anchor)] = rule.canonical


def _by_same_name(m: _Merging) -> None:
    """Same canonical name, compatible type and affiliation."""
    items, groups, aliases = m.items, m.groups, m.aliases
    kinds = _kinds(items)
    by_name: dict[tuple, list[int]] = defaultdict(list)
    for i, e in enumerate(items):
        # an actor a split rule singles out only merges with others it also singles out
        singled = tuple(k for k, r in enumerate(aliases.splits) if r.applies(e.name, _doc(e)))
        # a bare "Senate" is not another article's bare one unless both articles are about one state
        by_name[(fold(e.name), kinds[i], singled, m.placed.get(i))].append(i)
    for same in by_name.values():
        for i in same[1:]:
            anchor = next((a for a in same if groups.find(a) != groups.find(i) and _compatible(items[a], items[i])
                           and a < i), None)
            if anchor is not None:
                groups.union(anchor, i, "same name")


def _by_surname(m: _Merging) -> None:
    """A bare surname (or a name without its middle) with the full name it belongs to.

    First names are too common across articles: "Kim" is not always Kim Kardashian.
    """
    items, groups = m.items, m.groups
    full: dict[str, set[str]] = defaultdict(set)
    first_person: dict[str, int] = {}  # folded full name -> its first entity
    ends: dict[tuple[str, str], set[str]] = defaultdict(set)  # (first, last) of 3+ word names
    weight: Counter = Counter()  # folded full name -> its mentions in the corpus
    for e in items:
        if e.type == "Person" and len(e.name.split()) > 1:
            weight[fold(e.name)] += e.mentions or 1
    for j, e in enumerate(items):
        words = e.name.split()
        if e.type == "Person" and len(words) > 1:
            full[fold(words[-1])].add(fold(e.name))
            if len(words) > 2 and words[-2][:1].isupper():  # "Rosselló" of "Ricardo Rosselló Nevares"
                full[fold(words[-2])].add(fold(e.name))
                ends[(fold(words[0]), fold(words[-1]))].add(fold(e.name))
            first_person.setdefault(fold(e.name), j)
    for i, e in enumerate(items):
        words = e.name.split()
        if e.type != "Person":
            continue
        holder = _holder(full.get(fold(e.name), ()), weight) if len(words) == 1 else None
        if holder is not None:
            groups.union(first_person[holder], i, "surname")
        elif len(words) == 2 and len(ends.get((fold(words[0]), fold(words[-1])), ())) == 1:
            # "Robert Mugabe" and "Robert Gabriel Mugabe": a middle name dropped
            groups.union(first_person[next(iter(ends[(fold(words[0]), fold(words[-1]))]))], i, "middle name")


def _by_state(m: _Merging) -> None:
    """An institution a state has one of, under its state's names ("US Senate", "United States
    Senate": not "US Embassy", of which it has many), and one without its state with the one
    of the state it was placed in."""
    for i, e in enumerate(m.items):
        if e.type == "Organization":
            iso, rest = gz.state_qualified(e.name)
            if iso and _institution(rest):
                m.groups.union(m.qualified[rest][iso], i, "same state")
    for i, iso in m.placed.items():
        owner = m.qualified.get(_unqualified(m.items[i]) or "", {}).get(iso or "")
        if owner is not None:
            m.groups.union(owner, i, "without state")


def _by_acronym(m: _Merging) -> None:
    """An acronym alone in an article ("WN") with the actor other articles gave it to as an
    alias ("Wikinews (WN)", or used beside it): the only one, or one that four times as many
    articles gave it to as to all others together; otherwise it stays apart."""
    holders: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, int] = {}
    for j, e in enumerate(m.items):
        first.setdefault(fold(e.name), j)
        for a in e.aliases:
            if _acronym(a) and a != e.name:
                holders[a][fold(e.name)] += 1
    for i, e in enumerate(m.items):
        found = holders.get(e.name, Counter()).most_common()
        if _acronym(e.name) and e.type != "Country" and found \
                and found[0][1] >= 4 * sum(n for _, n in found[1:]):
            holder = first[found[0][0]]
            if m.items[holder].type != "Country":
                m.groups.union(holder, i, "acronym")


def _acronym(name: str) -> bool:
    return 1 < len(name) <= 6 and name.isupper() and name.isalpha()


#: The merge rules, tried in order (the module docstring says more): ``(rule, example, function)``.
MERGE_RULES: tuple[tuple[str, str, Callable[[_Merging], None]], ...] = (
    ("aliases file", "Assad<TAB>Bashar Assad", _by_aliases_file),
    ("same name", "Russia (article a) and Russia (article b)", _by_same_name),
    ("surname", "Johnson -> Boris Johnson; Robert Mugabe -> Robert Gabriel Mugabe", _by_surname),
    ("without state", "Defense Ministry -> Russian Defense Ministry", _by_state),
    ("acronym", "WN -> Wikinews, where another article wrote WN beside Wikinews", _by_acronym),
)


def _holder(names: Iterable[str], weight: Counter) -> Optional[str]:
    """The full name a bare surname stands for: the only one, or one the corpus mentions at
    least four times as often as all the others together ("Trump" and Donald Trump)."""
    names = sorted(names, key=lambda n: -weight[n])
    if not names:
        return None
    if len(names) == 1 or weight[names[0]] >= 4 * sum(weight[n] for n in names[1:]):
        return names[0]
    return None


def _qualified(items: list[Entity]) -> dict[str, dict[str, int]]:
    """Organizations named with their state: name without it -> state -> first such entity."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for i, e in enumerate(items):
        if e.type == "Organization":
            iso, rest = gz.state_qualified(e.name)
            if iso:
                out[rest].setdefault(iso, i)
    return out


#: Heads of the institutions every state has one of: named bare, it is the article's state's.
INSTITUTIONS = frozenset(
    "senate house commons assembly congress legislature parliament cabinet government "
    "court ministry department police guard army navy military university".split())

#: Words that leave such a name generic ("Supreme Court", "House of Representatives", "Foreign Ministry").
GENERIC_WORDS = frozenset(
    "of and the supreme high federal national state constitutional representatives lords upper lower "
    "foreign affairs interior home defense justice health finance education coast armed forces".split())


def _institution(rest: str) -> bool:
    """Whether an organization's name without its state is an institution any state has.

    >>> _institution("supreme court"), _institution("foreign affairs ministry"), _institution("harvard university")
    (True, True, False)
    """
    words = rest.split()
    return bool(words) and words[-1] in INSTITUTIONS and all(w in INSTITUTIONS | GENERIC_WORDS for w in words)


def _unqualified(e: Entity) -> Optional[str]:
    """The name of an organization named without a state, compared as :func:`_qualified` keys it."""
    if e.type != "Organization":
        return None
    iso, rest = gz.state_qualified(e.name)
    return rest if iso is None else None


#: Pronouns that only a person takes (or says): an actor they refer to is a person.
GENDERED = frozenset("he him his himself she her hers herself i me my myself".split())


def _personal(e: Entity) -> bool:
    """Whether anything besides the NER says ``e`` is a person: a title or a he/she."""
    return bool(e.titles) or any(a.lower() in GENDERED for a in e.aliases)


def _kinds(items: list[Entity]) -> list[str]:
    """Each entity's kind for same-name merging.

    A "person" with no title, no he or she, no full name ending in it, and an
    organization or thing of the same name elsewhere is the NER misreading that
    organization ("Twitter", "Red Hat").
    """
    others = {fold(e.name) for e in items if _kind(e) == "other"}
    surnames = {fold(e.name.split()[-1]) for e in items if e.type == "Person" and len(e.name.split()) > 1}
    return [
        "other" if e.type == "Person" and not _personal(e)
        and fold(e.name) in others and fold(e.name) not in surnames else _kind(e)
        for e in items
    ]


def _typed(items: list[Entity]) -> list[Entity]:
    """Types decided from every article's mentions, not one NER label.

    A one-word "organization" (or a "place" called he or she) that is the surname of one
    person the corpus titles or calls he or she (or of one named four times as often as the
    others), and is never called "it", is that surname ("Trump"). A one-word untitled "person" that is no full name's surname and that
    other articles name, at least as often, as an organization or thing, is one ("Wikinews"
    typed PERSON where it asks the questions, however often it says "I").
    A "person" that no article titles or calls he or she (nor quotes saying "I"), that is
    no full name's surname, and that some article names as an organization or thing,
    takes that type ("Twitter"); a one-word one named three times or more in an article
    without any of that is a thing ("Minetest"), a longer one named six times or more an
    organization ("Red Hat"); otherwise it is a person.
    """
    personal = {fold(e.name) for e in items if e.type == "Person" and _personal(e)}
    surnames = {fold(w) for e in items if e.type == "Person" for w in e.name.split()[1:]}
    other_types: dict[str, Counter] = defaultdict(Counter)
    for e in items:
        if e.type not in ("Person", "Country"):
            other_types[fold(e.name)][e.type] += e.mentions or 1
    holders: dict[str, set[str]] = defaultdict(set)  # surname -> the full names of people it ends
    weight: Counter = Counter()
    for e in items:
        if e.type == "Person" and len(e.name.split()) > 1 and fold(e.name) in personal:
            holders[fold(e.name.split()[-1])].add(fold(e.name))
            weight[fold(e.name)] += e.mentions or 1
    out = []
    for e in items:
        key = fold(e.name)
        # a town is often named like a person ("Lincoln"): a "place" needs a he, she or title
        if (e.type == "Organization" or e.type == "Place" and _personal(e)) \
                and _holder(holders.get(key, ()), weight) is not None and _surname_like(e):
            e = replace(e, type="Person")  # the NER's "Trump" (ORG) or "Pelosi" (GPE) in one article
        elif e.type == "Person" and key not in surnames and not e.titles and len(e.name.split()) == 1 \
                and not any(a.lower() in THIRD_PERSON for a in e.aliases) \
                and sum(other_types.get(key, Counter()).values()) >= e.mentions:
            # "Wikinews" asking the questions: first person says someone speaks, not that it is a person
            e = replace(e, type=other_types[key].most_common(1)[0][0])
        elif e.type == "Person" and key not in personal and key not in surnames:
            if other_types.get(key):
                e = replace(e, type=other_types[key].most_common(1)[0][0])
            elif len(e.name.split()) == 1 and e.mentions >= 3:
                e = replace(e, type="Thing")  # named thrice, never he, she, "I" or titled: no person
            elif e.mentions >= 6 and all(w[:1].isupper() for w in e.name.split()):
                e = replace(e, type="Organization")  # "Red Hat", named six times and never a he or she
        out.append(e)
    return _voted(out, surnames)


def _voted(items: list[Entity], surnames: set[str]) -> list[Entity]:
    """One type for a name that some articles call a person and others an organization or thing.

    A cue decides: a title only a person carries ("President") says person; "it", an
    organization word ("News", "Ministry") or an acronym says organization. With cues on
    both sides the name is truly two actors, kept apart and told apart by type ("Ford"
    the president, "Ford" the carmaker). Without any, the articles vote (then the mentions).
    A "he" or "she" is no cue here: a pronoun resolved to the wrong name ("Twitter ...
    he said") is the commonest way a company becomes a person in one article. A one-word
    surname of a full name is the surname rule's to decide (see :func:`_typed`).

    >>> [e.type for e in _voted([Entity("Acme News", "Person", docs=("a",), mentions=3),
    ...                          Entity("Acme News", "Organization", docs=("b",))], set())]
    ['Organization', 'Organization']
    """
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(items):
        if e.type != "Country":
            by_name[fold(e.name)].append(i)
    out = list(items)
    for key, same in by_name.items():
        people = [items[i] for i in same if items[i].type == "Person"]
        others = [items[i] for i in same if items[i].type != "Person"]
        if not people or not others or key in surnames:
            continue
        person_cue, other_cue = any(e.titles for e in people), any(map(_organization_cue, others))
        if person_cue and other_cue:
            continue
        types: Counter = Counter()
        for e in others:
            types[e.type] += e.mentions or 1
        other = types.most_common(1)[0][0]
        if person_cue or not other_cue and (len({d for e in people for d in e.docs}), sum(e.mentions for e in people)) \
                > (len({d for e in others for d in e.docs}), sum(e.mentions for e in others)):
            other = "Person"
        for i in same:
            out[i] = replace(items[i], type=other)
    return out


def _organization_cue(e: Entity) -> bool:
    """Whether something besides the NER says ``e`` is no person: "it", an organization word, capitals."""
    words = [w.lower().rstrip(".") for w in e.name.split()]
    return any(a.lower() in ("it", "its", "itself") for a in e.aliases) or (len(e.name) > 1 and e.name.isupper()) \
        or any(w in gz.ORG_SUFFIXES | gz.ORG_HEADS | ORGANIZATION_WORDS for w in words)


#: Words besides the gazetteer's organization suffixes and heads that only an organization's name has.
ORGANIZATION_WORDS = frozenset("news times post press media radio television tv club center centre".split())


#: Pronouns that say someone is a person; "I" and "we" say only that someone speaks.
THIRD_PERSON = frozenset("he him his himself she her hers herself".split())

#: Pronouns only a thing, an organization or a group takes.
IMPERSONAL = frozenset("it its itself they them their".split())


def _surname_like(e: Entity) -> bool:
    """A one-word name that could be a person's surname: no state, seat or known group, no
    organization word, never called "it" or "they"."""
    return len(e.name.split()) == 1 and not e.iso and not gz.country(e.name) and not gz.metonym(e.name) \
        and e.name.lower() not in gz.KNOWN_GROUPS and not e.name.isupper() \
        and e.name.lower().rstrip(".") not in gz.ORG_SUFFIXES | gz.ORG_HEADS \
        and not any(a.lower() in IMPERSONAL for a in e.aliases)


def _compatible(a: Entity, b: Entity) -> bool:
    if a.type == "Person" and a.affiliation and b.affiliation and a.affiliation != b.affiliation:
        return False
    return True


def _build(items: list[Entity], groups: _Groups, forced: dict[int, str], keep_parts: bool,
           states: dict[Optional[str], set[str]], places: dict[int, str]) -> CorpusEntities:
    """The corpus entities of the groups, each with its merge log; empties ``items``.

    ``places`` (group -> state) are the organizations named without their state that
    :attr:`_Merging.placed` placed, of a name the corpus places in several states: each
    goes by its state in brackets ("Senate (Iraq)"), unless merged with one named with it;
    the one whose state no article says keeps the bare name.
    """
    by_root: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        by_root[groups.find(i)].append(i)
    ordered = [(root, members, [items[i] for i in members]) for root, members in by_root.items()]
    for root, iso in places.items():
        name = forced.get(root) or _corpus_name([items[i] for i in by_root[root]])
        if not gz.state_qualified(name)[0]:
            forced[root] = f"{name} ({gz.country_name(iso)})"
    # a corpus holds a record per actor per article: the groups hold them now, each freed as it is merged
    items.clear()
    # biggest first, so that of two actors kept apart under one name the better known keeps it
    ordered.sort(key=lambda group: -sum(e.mentions for e in group[2]))
    ordered.reverse()  # taken from the end
    out: list[Entity] = []
    names: dict[tuple[str, str], str] = {}
    by_name: dict[str, list[Entity]] = {}
    while ordered:
        root, members, parts = ordered.pop()
        merged = _merged(parts, forced.get(root) or _corpus_name(parts))
        if merged.name in by_name:  # same name, kept apart by type or affiliation
            merged = replace(merged, name=_told_apart(merged, by_name, states))
        name = merged.name
        by_name[name] = parts if keep_parts else []
        log: list[Merge] = []
        for i, e in zip(members, parts):
            log += [Merge(m.alias, name, m.rule, m.doc) for m in e.merges]
            if i in groups.rules:  # joined another article's entity: say why
                log.append(Merge(e.name, name, groups.rules[i], _doc(e)))
            if e.name != name:
                names.update(((d, e.name), name) for d in e.docs)
        out.append(replace(merged, merges=tuple(dict.fromkeys(log))))
    return CorpusEntities(out, names, by_name)


def _told_apart(e: Entity, taken: dict[str, list[Entity]], states: dict[Optional[str], set[str]]) -> str:
    """A name for an actor that shares its name with a better-known one in the corpus.

    The bracket says what tells them apart: the affiliation ("Johnson (United Kingdom)"),
    else the one state its articles name ("Parliament (Iraq)"), else the type
    ("Jordan (Person)"), else the type and the article it is named in; a number only if
    even that is taken (an article holds one actor of a name and type, so never in practice).
    """
    named = set().union(*(states.get(d, set()) for d in e.docs)) if e.docs else set()
    state = gz.country_name(next(iter(named))) if len(named) == 1 and e.type != "Country" else None
    for tag in (e.affiliation, state, e.type, *(f"{e.type}, {d}" for d in e.docs[:1])):
        if tag and f"{e.name} ({tag})" not in taken:
            return f"{e.name} ({tag})"
    n = 2
    while f"{e.name} ({e.type} {n})" in taken:
        n += 1
    return f"{e.name} ({e.type} {n})"


def _merged(parts: list[Entity], name: str) -> Entity:
    """One entity from its per-document parts (merge log filled in by the caller)."""
    return Entity(
        name=name,
        type=max((p.type for p in parts), key=lambda t: sum(p.mentions for p in parts if p.type == t)),
        aliases=tuple(dict.fromkeys(a for p in parts for a in (p.name, *p.aliases))),
        titles=tuple(dict.fromkeys(t for p in parts for t in p.titles)),
        mentions=sum(p.mentions for p in parts),
        docs=tuple(dict.fromkeys(d for p in parts for d in p.docs)),
        iso=next((p.iso for p in parts if p.iso), None),
        stands_for=next((p.stands_for for p in parts if p.stands_for), None),
        affiliation=next((p.affiliation for p in parts if p.affiliation), None),
    )


def _corpus_name(parts: list[Entity]) -> str:
    if parts[0].type == "Person":
        return max((p.name for p in parts), key=lambda n: len(n.split()))
    counts: dict[str, int] = defaultdict(int)
    for p in parts:
        counts[p.name] += p.mentions or 1
    # an organization goes by the name that says whose it is ("Russian Defense Ministry")
    return max(counts, key=lambda n: (parts[0].type != "Organization" or bool(gz.state_qualified(n)[0]),
                                      counts[n], len(n)))

