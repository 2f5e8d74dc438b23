"""When and where: the time and place phrases of a triple's predicate.

A triple's object is the other party (GUIDELINES), so "in 1990" or "at Charles
City" never become objects; they are kept beside the triple, as written, in
:attr:`kg.model.Triple.circumstances` ("the track was abandoned at Charles City
several years later").  Only direct dependents of the predicate are looked at.
"""
from __future__ import annotations

from typing import Optional, Sequence

from spacy.tokens import Token

from kg.extraction import lexicon
from kg.extraction.tree import children_of

__all__ = ["circumstances"]

#: Dependents of a predicate that may say when or where.
CIRCUMSTANCE_DEPS = frozenset(("prep", "npadvmod"))


def is_time_or_place(phrase: Token) -> bool:
    """A phrase that says when or where ("in 1990", "last week", "at Charles City")."""
    objects = [phrase] if phrase.dep_ == "npadvmod" else [c for c in children_of(phrase) if c.dep_ == "pobj"]
    if phrase.dep_ == "prep":
        word = phrase.lower_
        if word in lexicon.COMPANION_WORDS and any(c.lower_ == "with" for c in children_of(phrase)):
            return False  # "along with Y" is company, "along the river" a place
        if word in lexicon.PLACE_PREPS or word in lexicon.SPATIAL_PREPS:
            return True  # "in the north", "at Charles City", "near the border"
        if word in lexicon.TIME_PREPS or word in lexicon.SEQUENCE_PREPS:
            return True
    for obj in objects:
        if obj.ent_type_ in lexicon.CIRCUMSTANCE_LABELS or obj.lemma_.lower() in lexicon.TIME_NOUNS:
            return True
    return False


def circumstances(
    predicate: Token, relation: Sequence[Token] = (), arguments: Sequence[Token] = ()
) -> Optional[str]:
    """The predicate's time and place phrases, in text order, outside the triple's own words.

    A phrase holding one of the ``arguments`` or lying inside the ``relation``'s
    words ("renovated from 2006 to 2008": "from 2006" is between verb and "to") is
    already part of the triple.

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["In", "1990", "Oslo", "sold", "it", "to", "Rome", "at", "Bergen"],
    ...           heads=[3, 0, 3, 3, 3, 3, 5, 3, 7], deps=["prep", "pobj", "nsubj", "ROOT", "dobj",
    ...           "prep", "pobj", "prep", "pobj"], ents=["O", "B-DATE", "O", "O", "O", "O", "O", "O", "B-GPE"])
    >>> circumstances(doc[3], arguments=(doc[2], doc[4]))
    'In 1990 at Bergen'
    >>> doc = Doc(doc.vocab, words=["They", "renovated", "it", "from", "2006", "to", "2008"],
    ...           heads=[1, 1, 1, 1, 3, 1, 5], deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj"],
    ...           ents=["O", "O", "O", "O", "B-DATE", "O", "B-DATE"])
    >>> circumstances(doc[1], arguments=(doc[0], doc[2]))
    'from 2006 to 2008'
    >>> circumstances(doc[1], relation=(doc[5],), arguments=(doc[0], doc[6])) is None  # "renovate to"
    True
    """
    doc = predicate.doc
    words = [predicate, *relation]
    low, high = min(t.i for t in words), max(t.i for t in words)
    phrases = []
    for child in children_of(predicate):
        if child.dep_ not in CIRCUMSTANCE_DEPS or not is_time_or_place(child):
            continue
        first, last = child.left_edge.i, child.right_edge.i
        if low < first <= high or any(first <= t.i <= last for t in [*relation, *arguments]):
            continue
        phrases.append(doc[first : last + 1].text)
    return " ".join(phrases) or None
