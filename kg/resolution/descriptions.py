"""Descriptions: common-noun phrases that refer to actors.

Role descriptions ("the Russian leader"), appositions ("his French counterpart
Francois Hollande", "Raqqa, an IS stronghold"), plural descriptions ("the two
leaders"), country and place anaphors ("the country", "the city"), and groups
named by common nouns ("Syrian rebel groups", "French fighter jets").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional

from kg.resolution import gazetteer as gz
from kg.resolution.mentions import Candidate, sentence_of, span_text, token_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["description_mentions"]


#: Head nouns of descriptions that name a person by role ("the Russian leader").
ROLE_HEADS = frozenset(
    """leader president minister secretary chancellor premier king queen spokesman
    spokeswoman spokesperson ambassador envoy general commander chief governor mayor
    monitor official counterpart prince princess emir sultan senator commissioner prosecutor
    chairman chairwoman chairperson director""".split()
)


#: Number words that make a plural description refer to that many actors.
NUMBERS = {"two": 2, "both": 2, "three": 3}


#: Plural heads of "the two X": what kind of actor each member is.
PLURAL_KINDS = {
    "leader": "Person", "president": "Person", "minister": "Person", "man": "Person",
    "woman": "Person", "country": "Country", "nation": "Country",
    "state": "Country", "government": "Country",
}


#: Determiners with which "country"/"nation" refers back to one state.
REFERRING_DETERMINERS = frozenset("the this that his her its their our".split())


#: Quantifiers dropped from the front of a group's name ("Some Syrian rebel groups").
QUANTIFIERS = frozenset("some many several most all other few both these those".split())


def description_mentions(doc: "Doc", para: list[int], names: list[Candidate]) -> list[Candidate]:
    """Common-noun phrases that refer to actors: roles, appositions, groups, "the two leaders"."""
    name_heads = {c.head: c for c in names}
    name_tokens = {i: c for c in names for i in range(token_at(doc, c.start), c.head + 1)}
    out = []
    for chunk in doc.noun_chunks:
        # a possessor inside a chunk is a phrase of its own ("the two countries' operations")
        parts = [doc[chunk.start : t.i + 1] for t in chunk if t.dep_ == "poss" and t.pos_ == "NOUN"]
        for part in parts + [chunk]:
            head = part[-1] if part is not chunk else chunk.root
            if head.i in name_tokens or head.pos_ not in ("NOUN", "PROPN"):
                continue
            cand = _description(doc, part, head, para, name_heads, name_tokens)
            if cand is not None:
                out.append(cand)
    heads = {c.head for c in out}
    out += [c for c in _comma_appositions(doc, para, names) if c.head not in heads]
    return out


def _comma_appositions(doc: "Doc", para: list[int], names: list[Candidate]) -> Iterator[Candidate]:
    """``Raqqa, an IS stronghold.``: a short phrase after a name and a comma, ending the clause."""
    for m in names:
        i = m.head + 1
        if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in ("a", "an", "the"):
            continue
        for j in range(i + 2, min(i + 7, len(doc))):
            tok = doc[j]
            if tok.is_punct or tok.pos_ in ("VERB", "AUX", "ADP"):
                break
            lemma = tok.lemma_.lower()
            ends = j + 1 == len(doc) or doc[j + 1].is_punct
            fits = lemma in gz.PLACE_HEADS and m.type in ("Place", "Country") or lemma in ROLE_HEADS and m.type == "Person"
            if ends and fits and tok.pos_ in ("NOUN", "ADJ"):  # the tagger reads "stronghold" as ADJ here
                yield Candidate(start=doc[i + 1].idx, end=tok.idx + len(tok.text), text=span_text(doc, doc[i + 1], tok),
                                kind="description", head=j, sent=m.sent, para=para[j], lemma=lemma,
                                link=m.head, rule="apposition")
                break


@dataclass
class _Phrase:
    """A noun phrase as the description rules read it."""

    doc: "Doc"
    chunk: "Span"
    head: "Token"
    start_tok: "Token"  # the phrase's first word, determiner included
    words: list  # its words up to the head, determiners and quantifiers dropped
    base: dict  # the Candidate fields every rule fills the same way
    link: Optional[int]  # token index of a name the phrase stands in apposition to
    name_heads: dict
    name_tokens: dict

    @cached_property
    def lemma(self) -> str:
        return self.head.lemma_.lower()

    @cached_property
    def plural(self) -> bool:
        return self.head.tag_ in ("NNS", "NNPS")

    @cached_property
    def modifiers(self) -> list:
        return [t for t in self.words if t.i < self.head.i]

    @cached_property
    def isos(self) -> tuple:
        return tuple(dict.fromkeys(i for i in (gz.place_iso(t.text) for t in self.modifiers) if i))

    @cached_property
    def foreign(self) -> bool:
        """A modifier names an actor other than a state ("the Hamas leader")."""
        return any(t.i in self.name_tokens and self.name_tokens[t.i].type != "Country" for t in self.modifiers)

    @property
    def definite(self) -> bool:
        return self.start_tok.lower_ == "the"


#: A rule returns the mention, ``None`` when the phrase is not its kind, or :data:`STOP`
#: when the phrase is its kind but refers to no actor (no later rule is tried).
STOP = object()


def _rule_apposition(p: _Phrase):
    if p.link is not None and _beside(p.doc, p.start_tok, p.head, p.name_heads[p.link]) \
            and _fits(p.head, p.name_heads[p.link]):
        return _apposition(p.doc, p.base, p.head, p.start_tok, p.link, p.name_tokens)
    return None


def _rule_plural(p: _Phrase):
    count = next((NUMBERS[t.lower_] for t in p.chunk if t.lower_ in NUMBERS), 1)
    if p.plural and count > 1 and p.lemma in PLURAL_KINDS:
        return Candidate(**p.base, type=PLURAL_KINDS[p.lemma], count=count, rule="plural")
    return None


def _rule_role(p: _Phrase):
    # "I am the president of ...": a predicate, not a reference
    if p.lemma in ROLE_HEADS and not p.plural and p.definite and not p.foreign and p.head.dep_ != "attr":
        role = gz.role_of(_phrase_name(p)) or ("leader" if p.lemma == "leader" else None)
        return Candidate(**p.base, type="Person", role=role, iso=p.isos[0] if p.isos else None, rule="role")
    return None


def _rule_roles(p: _Phrase):
    if p.lemma in ROLE_HEADS and p.plural and len(p.isos) > 1:
        return Candidate(**p.base, type="Person", role=gz.role_of(_phrase_name(p)), isos=p.isos, count=len(p.isos),
                         rule="roles")
    return None


def _rule_country(p: _Phrase):
    if p.lemma in ("country", "nation") and not p.plural and p.start_tok.lower_ in REFERRING_DETERMINERS \
            and not any(t.lower_ in QUANTIFIERS | {"another", "any", "every", "each", "other", "first", "only"}
                        or t.tag_ == "JJS" or t.lower_ == "most" for t in p.chunk):
        return Candidate(**p.base, type="Country", rule="country")
    return None


def _rule_place(p: _Phrase):
    if p.lemma not in gz.PLACE_HEADS or p.plural:
        return None
    of_name = next((g.i for c in p.head.children if c.lower_ == "of" for g in c.children if g.i in p.name_heads),
                   None)
    if of_name is not None:
        named = p.doc[of_name]
        p.base.update(end=named.idx + len(named.text), text=span_text(p.doc, p.start_tok, named))
        return Candidate(**p.base, link=of_name, rule="of-name")
    if p.definite and len(p.words) == 1:
        return Candidate(**p.base, type="Place", rule="place")
    return STOP


def _rule_government(p: _Phrase):
    """"the Syrian government", "the government of Chile", "the Iranian regime": the state itself
    (GUIDELINES); "her government", "Ana Ruiz's government": the state its leader leads."""
    if p.lemma not in ("government", "regime") or p.plural:
        return None
    leader = next((t for t in p.modifiers if t.i in p.name_tokens and p.name_tokens[t.i].type == "Person"), None)
    if leader is not None or p.start_tok.lower_ in ("his", "her"):
        link = p.name_tokens[leader.i].head if leader is not None else None
        return Candidate(**p.base, type="Country", link=link, rule="leader's government")
    of_state = next((p.name_heads[g.i].iso for c in p.head.children if c.lower_ == "of" for g in c.children
                     if g.i in p.name_heads and p.name_heads[g.i].type == "Country"), None)
    named_state = next((p.name_tokens[t.i].iso for t in p.modifiers
                        if t.i in p.name_tokens and p.name_tokens[t.i].type == "Country"), None)
    iso = of_state or named_state or (p.isos[0] if len(p.isos) == 1 else None)
    if iso is None and p.definite and len(p.words) == 1:
        return Candidate(**p.base, type="Country", rule="the government")
    if iso is None or p.foreign:
        return None
    if of_state:
        named = next(g for c in p.head.children if c.lower_ == "of" for g in c.children if g.i in p.name_heads)
        p.base.update(end=named.idx + len(named.text), text=span_text(p.doc, p.start_tok, named))
    return Candidate(**p.base, type="Country", iso=iso, rule="government")


def _rule_org(p: _Phrase):
    if p.lemma in gz.ORG_HEADS and not p.plural and p.definite and len(p.words) == 1:
        return Candidate(**p.base, type="Organization", rule="org")
    return None


def _rule_possessed(p: _Phrase):
    return STOP if p.start_tok.tag_ == "PRP$" else None  # "its army": the possessor's, named by resolve()


def _rule_class(p: _Phrase):
    """"the airline", "this agreement": an actor or thing named earlier as one (see coref)."""
    if p.lemma in CLASS_HEADS and not p.plural and p.start_tok.lower_ in ("the", "this", "that"):
        return Candidate(**p.base, rule="class")
    return None


def _rule_agentive(p: _Phrase):
    head = p.head.lower_
    if head in gz.AGENTIVE_HEADS and len(p.isos) == 1 and head not in gz.GROUP_HEADS:
        typ = "Group" if head in gz.AGENTIVE_PEOPLE else "Thing"
        return Candidate(**p.base, type=typ, name=_group_name(p.words), iso=p.isos[0], rule="group")
    return None


def _rule_group(p: _Phrase):
    air_force = p.lemma == "force" and any(t.lower_ == "air" for t in p.modifiers)
    if p.head.lower_ in gz.GROUP_HEADS and (p.plural or p.lemma in gz.GROUP_HEADS) or air_force:
        member = next((p.name_tokens[t.i] for t in p.words
                       if t.i in p.name_tokens and p.name_tokens[t.i].type == "Group"), None)
        return Candidate(**p.base, type="Organization" if air_force else "Group", name=_group_name(p.words),
                         iso=p.isos[0] if p.isos else None, link=member.head if member else None, rule="group")
    return None


def _rule_lowercase_org(p: _Phrase):
    if p.lemma in gz.ORG_HEADS and not p.plural and p.definite and not p.foreign \
            and all(t.is_lower or gz.place_iso(t.text) for t in p.words):
        return Candidate(**p.base, type="Organization", name=span_text(p.doc, p.words[0], p.head),
                         iso=p.isos[0] if p.isos else None, rule="org")
    return None


def _phrase_name(p: _Phrase) -> str:
    return span_text(p.doc, p.words[0], p.head)


#: The description rules, tried in order: ``(rule, example phrase, function)``.
DESCRIPTION_RULES: tuple[tuple[str, str, Callable[[_Phrase], Any]], ...] = (
    ("apposition", "his French counterpart Francois Hollande", _rule_apposition),
    ("plural", "the two leaders", _rule_plural),
    ("role", "the Russian leader", _rule_role),
    ("roles", "the US and Russian foreign ministers", _rule_roles),
    ("country", "the country", _rule_country),
    ("place", "the Syrian city of Aleppo; the city", _rule_place),
    ("government", "the Syrian government; the government of Chile; her government", _rule_government),
    ("org", "the ministry", _rule_org),
    ("possessed", "its army (no actor of its own)", _rule_possessed),
    ("class", "the airline (Mahan Air); the agreement (the Paris agreement)", _rule_class),
    ("agentive", "Russian airstrikes", _rule_agentive),
    ("group", "Syrian rebel groups; the air force", _rule_group),
    ("lower-case org", "the Russian defence ministry", _rule_lowercase_org),
)


def _description(doc, chunk: "Span", head: "Token", para, name_heads, name_tokens) -> Optional[Candidate]:
    lemma = head.lemma_.lower()
    words = [t for t in chunk if t.i <= head.i]
    # "IS militants": a group's name the parser left outside the chunk
    before = doc[words[0].i - 1] if words[0].i > 0 else None
    if before is not None and before.i in name_tokens and name_tokens[before.i].type == "Group" \
            and head.lower_ in gz.GROUP_HEADS:
        words = [before] + words
    start_tok = words[0]
    while words and (words[0].pos_ == "DET" and words[0].lower_ not in NUMBERS or words[0].lower_ in QUANTIFIERS):
        words = words[1:]
    if not words:
        return None
    link = _appositive_name(doc, head, start_tok, name_heads)
    if link is None and lemma not in _RULE_LEMMAS and head.lower_ not in _RULE_WORDS:
        if _words_of_a_name(words, start_tok, name_heads):  # "the free trade area" of a name
            return Candidate(start=start_tok.idx, end=head.idx + len(head.text), text=span_text(doc, start_tok, head),
                             kind="description", head=head.i, sent=sentence_of(doc, head.i), para=para[head.i],
                             lemma=lemma, rule="class")
        return None  # no rule reads this phrase: most noun phrases are not actors
    base = dict(start=start_tok.idx, end=head.idx + len(head.text), text=span_text(doc, start_tok, head),
                kind="description", head=head.i, sent=sentence_of(doc, head.i), para=para[head.i],
                lemma=lemma, plural=head.tag_ in ("NNS", "NNPS"))
    phrase = _Phrase(doc, chunk, head, start_tok, words, base, link, name_heads, name_tokens)
    for _, _, rule in DESCRIPTION_RULES:
        found = rule(phrase)
        if found is STOP:
            return None
        if found is not None:
            return found
    return None


#: Head lemmas and words some rule of :func:`_description` reads (besides appositions).
#: Head lemmas of descriptions that may refer to an actor or thing named earlier as one of them.
CLASS_HEADS = gz.ORG_CLASS_NOUNS | gz.THING_CLASS_NOUNS | gz.ORG_HEADS

_RULE_LEMMAS = frozenset(PLURAL_KINDS) | ROLE_HEADS | {"country", "nation", "force", "regime"} | gz.PLACE_HEADS \
    | CLASS_HEADS
_RULE_WORDS = gz.AGENTIVE_HEADS | gz.GROUP_HEADS


def _words_of_a_name(words: list, start_tok: "Token", name_heads: dict) -> bool:
    """"the free trade area": two or more lower-case words, all of them words of one name of
    the article ("African Continental Free Trade Area"), after "the" or "this"."""
    if start_tok.lower_ not in ("the", "this") or len(words) < 2 or not all(t.is_lower and t.is_alpha for t in words):
        return False
    own = {t.lower_ for t in words}
    return any(c.name and c.type not in ("Person", "Country") and own <= {w.lower() for w in c.name.split()}
               for c in name_heads.values())


def _beside(doc: "Doc", first: "Token", last: "Token", name: Candidate) -> bool:
    """The description touches the name, or only a comma stands between them."""
    name_first, name_last = token_at(doc, name.start), name.head
    if first.i > name_last:
        gap = doc[name_last + 1 : first.i]
    elif last.i < name_first:
        gap = doc[last.i + 1 : name_first]
    else:
        return False
    return all(t.text == "," or t.is_space for t in gap) and len(gap) <= 1


def _fits(head: "Token", name: Candidate) -> bool:
    """Whether a description's head can describe the named actor (number, kind, gender)."""
    lemma = head.lemma_.lower()
    if (head.tag_ in ("NNS", "NNPS")) != name.plural:
        return False
    if name.type == "Person":
        gender = "m" if lemma in gz.MALE_TITLES else "f" if lemma in gz.FEMALE_TITLES else None
        return lemma not in gz.PLACE_HEADS | gz.ORG_HEADS and (gender is None or name.gender in (None, gender))
    return lemma not in ROLE_HEADS and lemma not in gz.TITLE_WORDS


def _apposition(doc, base: dict, head: "Token", start_tok: "Token", link: int, name_tokens) -> Candidate:
    """A description glued to a name; its text runs over its own words only."""
    linked = name_tokens[link]
    own = [t for t in head.subtree if not (t.idx >= linked.start and t.idx < linked.end)]
    own = [t for t in own if t.i >= start_tok.i]
    end_tok = head
    for t in own:  # contiguous run from the head on ("... monitor in the area")
        if t.i == end_tok.i + 1 and not (t.is_punct and t.lower_ in ",;"):
            end_tok = t
    while end_tok.is_punct and end_tok.i > head.i:
        end_tok = doc[end_tok.i - 1]
    base.update(end=end_tok.idx + len(end_tok.text), text=span_text(doc, start_tok, end_tok))
    # "Ana Ruiz, the chief executive of Hong Kong": whose office it is
    iso = gz.title_iso(base["text"]) if linked.type == "Person" else None
    return Candidate(**base, link=link, iso=iso, rule="apposition")


def _group_name(words: list) -> str:
    """The name of a group described in common nouns: 'Rebel groups' at a sentence start is 'rebel groups'."""
    first = words[0]
    text = span_text(first.doc, first, words[-1])
    if first.is_sent_start and first.is_title and first.text not in gz.CAPITALIZED_WORDS \
            and not gz.place_iso(first.text):
        text = text[0].lower() + text[1:]
    return text


def _appositive_name(doc, head: "Token", start_tok: "Token", name_heads: dict) -> Optional[int]:
    """The name a phrase stands in apposition to, by the parse or by ``NAME, a/the NOUN``."""
    if head.dep_ == "appos" and head.head.i in name_heads:
        return head.head.i
    for child in head.children:
        if child.dep_ == "appos" and child.i in name_heads:
            return child.i
    lemma = head.lemma_.lower()
    if start_tok.i >= 2 and doc[start_tok.i - 1].text == "," and start_tok.i - 2 in name_heads:
        name = name_heads[start_tok.i - 2]
        if lemma in gz.PLACE_HEADS and name.type in ("Place", "Country") or lemma in ROLE_HEADS and name.type == "Person":
            return start_tok.i - 2
    return None
