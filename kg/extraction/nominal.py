"""Events and relations told by noun phrases rather than clauses.

- nominal events with both parties: "Putin's talks with Erdogan" ->
  ``Putin | hold talks with | Erdogan``; "the shooting down of a warplane by
  Turkey" -> ``Turkey | shoot down | warplane``;
- appositions: "Sergei Lavrov, Russia's foreign minister" ->
  ``Sergei Lavrov | be foreign minister of | Russia``.
"""
from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Token

from kg import lexicon
from kg.extraction.arguments import entity_bounds, is_argument, is_party_prep
from kg.extraction.clauses import Frame

#: Parts of speech of a noun-phrase head.
NOUN_POS = frozenset(("NOUN", "PROPN"))


def _party(token: Token, prep: str) -> list[tuple[Token, Token]]:
    """``(preposition, object)`` pairs of ``token`` (and its particle) for ``prep``."""
    found = []
    holders = [token] + [c for c in token.children if c.dep_ == "prt"]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("prep", "agent") and child.lower_ == prep:
                found.extend((child, p) for p in child.children if p.dep_ == "pobj")
    return found


def _gerund_verb(token: Token) -> str:
    """"shooting" -> "shoot", "downing" -> "down", "bombing" -> "bomb"."""
    if token.tag_ == "VBG":
        return token.lemma_.lower()
    stem = token.lower_[:-3]
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
        stem = stem[:-1]  # "running" -> "run", but "selling" stays "sell"
    return stem


def _event_frames(token: Token) -> Iterator[Frame]:
    """A noun (or gerund) naming an event, with its agent and its other party."""
    word = token.lower_
    if word not in lexicon.NOMINAL_EVENTS and not word.endswith("ing"):
        return
    agents = _party(token, "by")
    owners = [c for c in token.children if c.dep_ == "poss" and c.tag_ != "WP$" and is_argument(c)]
    if word in lexicon.NOMINAL_EVENTS and token.pos_ in NOUN_POS:
        relation = lexicon.NOMINAL_EVENTS[word]
    elif agents and token.lower_.endswith("ing") and token.tag_ in ("VBG", "NN"):
        particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
        relation = " ".join([_gerund_verb(token), *particles])
    else:
        return
    subjects = [pobj for _, pobj in agents] or owners
    if not subjects:
        return
    for prep_word in lexicon.NOMINAL_PARTY_PREPS:
        for prep, obj in _party(token, prep_word):
            suffix = "" if prep_word == "of" else f" {prep_word}"
            for subject in subjects:
                if subject.i != obj.i and is_party_prep(prep, obj, place=False):
                    yield Frame(subject, relation + suffix, obj, token, "nominal", (token, prep), True)


def _apposition_frames(token: Token) -> Iterator[Frame]:
    """``X, an N of Y`` -> ``X | be N of | Y``; ``X, Y's N`` -> ``X | be N of | Y``."""
    if token.dep_ != "appos" or token.pos_ not in NOUN_POS or entity_bounds(token) is not None:
        return
    holder = token.head
    if holder.pos_ not in NOUN_POS:
        return
    parts = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i and not c.ent_type_]
    noun = " ".join([*(p.lower_ for p in parts), token.lower_])
    owner: Optional[Token] = None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            owner = next((p for p in child.children if p.dep_ == "pobj"), None)
        elif child.dep_ == "poss" and child.pos_ != "PRON":
            owner = child
        elif child.dep_ == "compound" and child.ent_type_ and owner is None:
            owner = child
    if owner is not None:
        yield Frame(holder, f"be {noun} of", owner, token, "appos", (), True)
    elif holder.ent_type_ and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in token.children):
        # "Merkel, a physicist" says what Merkel is; "spying, a charge that …" names no actor
        yield Frame(holder, "be", token, token, "appos-be", (), True)


def nominal_frames(token: Token) -> Iterator[Frame]:
    """Frames read off the noun phrase headed by ``token``."""
    yield from _event_frames(token)
    yield from _apposition_frames(token)
