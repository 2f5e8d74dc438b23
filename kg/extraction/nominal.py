"""Events and relations told by noun phrases rather than clauses.

- nominal events with both parties: "Putin's talks with Erdogan" ->
  ``Putin | hold talks with | Erdogan``; "the shooting down of a warplane by
  Turkey" -> ``Turkey | shoot down | warplane``;
- both parties in one phrase: "tension between the West and Russia",
  "US-Russia talks" -> ``US | hold talks with | Russia``;
- an event that sets a clause's scene: "speaking at a news conference with X,
  Putin said" -> ``Putin | hold news conference with | X``;
- "with the support of Y" on a clause: ``Y | support | <the clause's subject>``;
- an owner's part: "Russia's hand in the attack" -> ``Russia | have hand in | attack``;
- appositions: "Sergei Lavrov, Russia's foreign minister" ->
  ``Sergei Lavrov | be foreign minister of | Russia``.
"""
from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Token

from kg.extraction import lexicon
from kg.extraction.arguments import (
    conjuncts,
    entity_bounds,
    is_argument,
    is_office,
    is_partitive,
    is_party_prep,
    nationalities,
    role_words,
)
from kg.extraction.clauses import Frame
from kg.extraction.subjects import clause_subject
from kg.extraction.tree import children_of

__all__ = ["NOUN_POS", "nominal_frames", "relation_between"]

#: Parts of speech of a noun-phrase head.
NOUN_POS = frozenset(("NOUN", "PROPN"))


def _party(token: Token, prep: str) -> list[tuple[Token, Token]]:
    """``(preposition, object)`` pairs of ``token`` (and its particle) for ``prep``."""
    found: list[tuple[Token, Token]] = []
    holders = [token] + [c for c in children_of(token) if c.dep_ == "prt"]
    for holder in holders:
        for child in children_of(holder):
            if child.dep_ in ("prep", "agent") and child.lower_ == prep:
                found.extend((child, p) for p in children_of(child) if p.dep_ == "pobj")
    return found


def _gerund_verb(token: Token) -> str:
    """"shooting" -> "shoot", "downing" -> "down", "bombing" -> "bomb"."""
    if token.tag_ == "VBG":
        return token.lemma_.lower()
    stem = token.lower_[:-3]
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
        stem = stem[:-1]  # "running" -> "run", but "selling" stays "sell"
    return stem


def _between_frames(token: Token, relation: str) -> Iterator[Frame]:
    """"tension between the West and Russia" -> ``West | have tension with | Russia``."""
    for prep, first in _party(token, "between"):
        if any(c.lower_ in ("two", "both") for c in children_of(first)):
            continue  # "between the two countries and the presence of X": the pair is named already
        for other in conjuncts(first)[1:]:
            if is_party_prep(prep, other, place=False) and is_argument(first):
                yield Frame(first, f"{relation} with", other, token, "nominal", (token, prep), True)


def relation_between(between: Token) -> Iterator[Frame]:
    """"the main difference between Greece and Turkey" -> ``Greece | have main difference with | Turkey``.

    Read off the preposition ``between``: any noun of a relation whose two parties follow it
    (event nouns have their own verb, see :func:`nominal_frames`).
    """
    token = between.head
    if between.dep_ != "prep" or token.pos_ != "NOUN" or token.lower_ in _TRIGGERS or token.lower_.endswith("ing"):
        return
    words = [c for c in children_of(token) if c.dep_ in ("amod", "compound") and c.i < token.i and not c.ent_type_]
    noun = " ".join([*(w.lower_ for w in words), token.lower_])
    yield from _between_frames(token, f"have {noun}")


def _pair_frames(token: Token, relation: str) -> Iterator[Frame]:
    """"US-Russia talks" -> ``US | hold talks with | Russia``: a hyphenated pair of names."""
    if token.lower_ not in lexicon.RECIPROCAL_EVENTS:
        return
    doc = token.doc
    for second in children_of(token):
        if second.dep_ != "compound" or second.pos_ != "PROPN" or second.i < 2 or doc[second.i - 1].text not in ("-", "–"):
            continue
        first = doc[second.i - 2]  # the parser hangs it on the noun or on the second name
        if first.pos_ == "PROPN" and first.head.i in (token.i, second.i):
            yield Frame(first, f"{relation} with", second, token, "nominal", (token,), True)


def _setting_subjects(token: Token) -> list[Token]:
    """The clause subject of a verb whose scene the event is: "speaking at a conference", "during talks"."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in lexicon.SETTING_PREPS or prep.head.pos_ not in ("VERB", "AUX"):
        return []
    subject = clause_subject(prep.head)
    return [subject] if subject is not None else []


def _event_frames(token: Token) -> Iterator[Frame]:
    """A noun (or gerund) naming an event, with its agent and its other party."""
    word = token.lower_
    if word not in lexicon.NOMINAL_EVENTS and not word.endswith("ing"):
        return
    agents = _party(token, "by")
    owners = [c for c in children_of(token) if c.dep_ == "poss" and c.tag_ != "WP$" and is_argument(c)]
    if word in lexicon.NOMINAL_EVENTS and token.pos_ in NOUN_POS:
        relation = lexicon.NOMINAL_EVENTS[word]
    elif agents and token.lower_.endswith("ing") and token.tag_ in ("VBG", "NN"):
        particles = [c.lower_ for c in children_of(token) if c.dep_ == "prt"]
        relation = " ".join([_gerund_verb(token), *particles])
    else:
        return
    subjects = [pobj for _, pobj in agents] or owners
    if not subjects and word in lexicon.NOMINAL_EVENTS:
        yield from _between_frames(token, relation)
        yield from _pair_frames(token, relation)
        subjects = _setting_subjects(token)
        if subjects:  # "speaking at a news conference with X, Putin": only the "with" party
            for prep, obj in _party(token, "with"):
                if is_party_prep(prep, obj, place=False):
                    yield Frame(subjects[0], f"{relation} with", obj, token, "nominal", (token, prep), True)
        return
    for prep_word in lexicon.NOMINAL_PARTY_PREPS:
        for prep, obj in _party(token, prep_word):
            suffix = "" if prep_word == "of" else f" {prep_word}"
            for subject in subjects:
                if subject.i != obj.i and is_party_prep(prep, obj, place=False):
                    yield Frame(subject, relation + suffix, obj, token, "nominal", (token, prep), True)


def _apposition_frames(token: Token) -> Iterator[Frame]:
    """``X, an N of Y`` -> ``X | be N of | Y``; ``X, Y's N`` -> ``X | be N of | Y``."""
    if token.dep_ != "appos":
        return
    # "Alan, one of the crew" counts even when the parser calls "one" a number entity
    common_noun = token.pos_ in NOUN_POS and entity_bounds(token) is None
    if not (common_noun or is_partitive(token)):
        return
    holder = token.head
    if token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == "(":
        return  # "ISIS (Islamic State of Iraq and Syria)": a gloss of the name, no relation
    if holder.pos_ not in NOUN_POS or is_office(token):
        return  # "Soleimani, head of the Quds Force": the office is the name's title (arguments.py)
    parts = [c for c in children_of(token) if c.dep_ in ("compound", "amod") and c.i < token.i and not c.ent_type_]
    noun = " ".join([*(p.lower_ for p in parts), token.lower_])
    owner: Optional[Token] = None
    prep = "of"
    for child in children_of(token):
        if child.dep_ == "prep" and child.lower_ in lexicon.ROLE_PREPS and owner is None:
            owner = next((p for p in children_of(child) if p.dep_ == "pobj"), None)
            prep = child.lower_  # "X, advertising manager for the Red Cross"
        elif child.dep_ == "poss" and child.pos_ != "PRON":
            owner = child
        elif child.dep_ == "compound" and child.ent_type_ and owner is None:
            owner = child
    if owner is not None:
        yield Frame(holder, f"be {noun} {prep}", owner, token, "appos", (), True)
    elif states := nationalities(token):  # "Khashoggi, a Saudi national" -> be national of | Saudi
        role = role_words(token, states)[0]
        for state in states:
            yield Frame(holder, f"be {role} of", state, token, "appos", (), True)
    elif token.lemma_.lower() not in lexicon.CLAIM_NOUNS and any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in children_of(token)
    ):  # "Merkel, a physicist" says what Merkel is; "spying, a charge that …" comments on a claim
        yield Frame(holder, "be", token, token, "appos-be", (), True)


def _share_frames(token: Token) -> Iterator[Frame]:
    """"Russia's hand in the attack" -> ``Russia | have hand in | attack``: an owner's part in something."""
    relation = lexicon.POSSESSED_SHARES.get(token.lower_)
    if relation is None or token.pos_ != "NOUN":
        return
    owners = [c for c in children_of(token) if c.dep_ == "poss" and c.tag_ != "WP$" and is_argument(c)]
    parties = _party(token, "in")
    if not parties and token.dep_ == "dobj":
        parties = _party(token.head, "in")  # the parser often hangs "in the attack" on the verb
    for prep, obj in parties[:1]:
        for owner in owners:
            if is_party_prep(prep, obj, place=False):
                yield Frame(owner, f"{relation} in", obj, token, "nominal", (token, prep), True)


def _aid_frames(token: Token) -> Iterator[Frame]:
    """"X retook the town with the support of Y" -> ``Y | support | X``; "in support of Y" -> ``X | support | Y``."""
    relation = lexicon.AID_NOUNS.get(token.lower_)
    if relation is None or token.dep_ != "pobj":
        return
    prep = token.head
    if prep.lower_ not in ("with", "in") or prep.head.pos_ not in ("VERB", "AUX"):
        return
    actor = clause_subject(prep.head)
    if actor is None:
        return
    for _, other in _party(token, "of"):
        if is_argument(other) and prep.lower_ == "with":
            yield Frame(other, relation, actor, token, "nominal", (token,), True)
        elif is_argument(other):  # "flew cargo to Syria in support of Assad": the subject supports Assad
            yield Frame(actor, relation, other, token, "nominal", (token,), True)


#: Words some nominal rule starts from (besides gerunds and appositions).
_TRIGGERS = frozenset(lexicon.NOMINAL_EVENTS) | frozenset(lexicon.AID_NOUNS) | frozenset(lexicon.POSSESSED_SHARES)


def nominal_frames(token: Token) -> Iterator[Frame]:
    """Frames read off the noun phrase headed by ``token``."""
    word = token.lower_
    if word not in _TRIGGERS and not word.endswith("ing") and token.dep_ != "appos":
        return  # most nouns: no rule below reads them
    yield from _event_frames(token)
    yield from _aid_frames(token)
    yield from _share_frames(token)
    yield from _apposition_frames(token)
