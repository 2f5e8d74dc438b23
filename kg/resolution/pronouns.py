"""Pronouns in a parsed article: third person, relative, and first person where someone speaks.

First person is a mention only where :mod:`~kg.resolution.quotes` says who speaks (a
quote's speaker, an interview label) or, for "we", in an institution's own text;
"you" only inside a quote.  :mod:`kg.resolution.coref` decides what each refers to.
"""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Iterator, Optional

from kg.resolution.mentions import (
    ADDRESSING_VERBS,
    EXPLETIVE_HEADS,
    EXPLETIVE_IDIOMS,
    FIRST_PERSON,
    FIRST_PLURAL,
    PRONOUNS,
    RELATIVES,
    SECOND_PERSON,
    Candidate,
    layout,
    sentence_of,
)
from kg.resolution.quotes import speech

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["pronoun_mentions"]


#: Lower-case words :func:`pronoun_mentions` looks at; every other token is skipped unread.
_PRONOUN_WORDS = frozenset(PRONOUNS) | FIRST_PERSON | FIRST_PLURAL | SECOND_PERSON | RELATIVES


def pronoun_mentions(doc: "Doc", para: list[int]) -> Iterator[Candidate]:
    """Third-person and relative pronouns; first person where a quote or a label says
    who speaks (and "we" in an institution's own text); "you" inside quotes."""
    said = speech(doc, para)
    quoted = said.quoted
    texts = layout(doc).texts
    for i, word in enumerate(texts):
        low = word.lower()  # Token.lower_ is the text lower-cased
        if low not in _PRONOUN_WORDS or low == "us" and word.isupper():  # "US" is a state
            continue
        tok = doc[i]
        base = partial(Candidate, start=tok.idx, end=tok.idx + len(word), text=word, kind="pronoun",
                       head=i, sent=sentence_of(doc, i), para=para[i], lemma=low)
        # whoever says the words: the quote's speaker, else the paragraph's interview label
        speaker = said.speaker.get(i, said.label[i][1] - 1 if i in said.label else None)
        if low in PRONOUNS and tok.pos_ == "PRON" and not _expletive(tok):
            typ, plural, gender = PRONOUNS[low]
            yield base(type=typ, plural=plural, gender=gender, rule="pronoun")
        elif low == "we" and i + 1 < len(texts) and texts[i + 1].lower() == "both" and i in quoted:
            yield base(type="Person", plural=True, count=2, link=speaker, rule="we both")
        elif low in FIRST_PERSON and speaker is not None:
            yield base(type="Person", link=speaker, rule="speaker")
        elif low in FIRST_PLURAL and speaker is not None:
            yield base(link=speaker, rule="we")
        elif low in FIRST_PLURAL and i not in quoted:
            yield base(rule="issuer")
        elif low in SECOND_PERSON and i in quoted:
            yield base(link=addressee(doc, tok, quoted, para), rule="addressee")
        elif low in RELATIVES and tok.head.dep_ == "relcl":
            yield base(link=tok.head.head.i, rule="relative")


def addressee(doc: "Doc", tok: "Token", quoted: set[int], para: list[int]) -> Optional[int]:
    """Token index of the one a quote speaks to: the object of "told"/"warned" (or of
    "said to") outside the quote, in the pronoun's sentence or the one before or after
    it in the paragraph; ``None`` when no such verb says who is addressed."""
    sent = tok.sent
    near = [sent] + [doc[i].sent for i in (sent.start - 1, sent.end) if 0 <= i < len(doc)]
    for s in near:
        if para[s.start] != para[tok.i]:
            continue
        for verb in s:
            if verb.i in quoted or verb.pos_ != "VERB":
                continue
            if verb.lemma_ in ADDRESSING_VERBS:
                found = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.lower_ not in SECOND_PERSON]
            elif verb.lemma_ == "say":
                found = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children
                         if g.dep_ == "pobj"]
            else:
                continue
            if found:
                return found[0].i
    return None


def _expletive(tok: "Token") -> bool:
    """"It is likely that...", "ignite it": an "it" that names no actor (or that kg cannot tell)."""
    if tok.lower_ not in ("it", "them"):
        return False
    if tok.dep_ != "nsubj" or tok.head.lemma_ in EXPLETIVE_HEADS:
        return True
    return tok.lower_ == "it" and _dummy_idiom(tok.head)


def _dummy_idiom(verb: "Token") -> bool:
    """"It depends on ...", "it has to do with ...", "let it be ...": a subject "it" of an idiom
    that speaks of the situation, not of a thing before it."""
    if verb.head.lemma_ == "let" and verb.dep_ in ("ccomp", "xcomp") and verb.head.i < verb.i:
        return True  # "Let it be the fees or the towers, ..."
    words = EXPLETIVE_IDIOMS.get(verb.lemma_)
    if words is None:
        return False
    if not words:
        return verb.dep_ != "ccomp"
    level = [verb]
    for word in words:
        level = [c for t in level for c in t.children if c.lemma_.lower() == word]
    return bool(level)


