"""How much to trust a triple: a score in [0, 1] that ranks triples.

The score starts from how reliable the rule that made the triple is, then
rewards named arguments and punishes long spans, pronouns, borrowed subjects,
deeply embedded clauses and long sentences: the usual places where a rule
over a small model's parse goes wrong.
"""
from __future__ import annotations

from kg.extraction.arguments import Arg

__all__ = ["confidence"]

#: Reliability of each rule on its own (share of its triples a reader would keep).
RULE_CONFIDENCE = {
    "svo": 0.72,
    "prep": 0.7,
    "passive": 0.7,
    "frame": 0.65,
    "object-prep": 0.65,
    "copula": 0.6,
    "copula-prep": 0.6,
    "reciprocal": 0.6,
    "passive-prep": 0.6,
    "passive-complement": 0.6,
    "dative": 0.6,
    "where": 0.55,
    "appos": 0.55,
    "nominal": 0.5,
    "appos-be": 0.5,
}

#: Span length (words) from which an argument starts to look like a parse error.
LONG_SPAN = 4


def _argument_score(arg: Arg) -> float:
    score = 0.06 if arg.named else 0.0
    if arg.pronoun:
        score -= 0.12
    words = arg.text.count(" ") + 1
    return score - 0.03 * max(0, words - LONG_SPAN)


#: Sentence length (tokens) per step of the length penalty: long sentences parse worse.
LENGTH_STEP = 15

#: Subject dependencies a parser gets right most often.
PLAIN_SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))


def confidence(
    rule: str,
    subject: Arg,
    obj: Arg,
    *,
    borrowed: bool = False,
    depth: int = 0,
    sentence_length: int = 0,
) -> float:
    """Confidence of a triple made by ``rule`` from ``subject`` and ``obj``.

    Examples
    --------
    >>> from types import SimpleNamespace as A
    >>> named = A(named=True, pronoun=False, text="Russia", head=A(dep_="nsubj"))
    >>> thing = A(named=False, pronoun=False, text="UN draft resolution", head=A(dep_="dobj"))
    >>> confidence("svo", named, thing) > confidence("copula", named, thing)
    True
    """
    score = RULE_CONFIDENCE.get(rule, 0.5) + _argument_score(subject) + _argument_score(obj)
    if borrowed:
        score -= 0.12
    # parse certainty: deeply embedded clauses and long sentences are where the parse slips
    score -= 0.05 * min(depth, 3)
    score -= 0.03 * min(max(0, sentence_length - LENGTH_STEP) // LENGTH_STEP, 3)
    if getattr(subject.head, "dep_", "nsubj") not in PLAIN_SUBJECT_DEPS:
        score -= 0.05
    return round(min(0.99, max(0.01, score)), 3)
