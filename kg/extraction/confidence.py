"""How much to trust a triple: a learned score in [0, 1] that ranks triples.

The score starts from a hand-set prior (:func:`prior`: how reliable the rule is, named
arguments up, long spans, pronouns, borrowed subjects, deep clauses and long sentences down)
and a logistic regression refines it with general features of the triple's construction:
the rule, the kind and length of each argument (named, pronoun, NER label, a date, a broken
bracket), the relation (copula, PLOVER event class, length), and where the parse is likely to
slip (embedded clauses, long sentences, far-apart words).  No feature holds a word of any benchmark.

The weights live in ``confidence_model.json`` next to this module (the prior's weight is 1);
``benchmarks/train_confidence.py`` retrains them from CaRB dev and the seed articles (news_dev
is kept unseen) and prints held-out figures.  Scoring is a dot product and one exponential:
offline and deterministic.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from kg.extraction.arguments import Arg
from kg.extraction.lexicon import CIRCUMSTANCE_LABELS, COPULAS, HEDGE_AUX
from kg.extraction.plover import relation_class

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["MIN_CONFIDENCE", "MODEL_PATH", "confidence", "features", "load_model", "min_confidence", "prior"]

#: The learned weights (written by ``benchmarks/train_confidence.py``).
MODEL_PATH = Path(__file__).with_name("confidence_model.json")

#: Triples scored below this are left out unless ``$KG_MIN_CONFIDENCE`` (``--min-confidence``) says
#: otherwise: the model's even odds, a triple more likely wrong than right. On news_dev (unseen)
#: it takes precision from 0.615 to 0.660 for recall 0.615 -> 0.554; 0 keeps every triple.
MIN_CONFIDENCE = 0.5

#: Subject dependencies a parser gets right most often.
PLAIN_SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))

#: NER labels grouped by what they say about an argument.
LABEL_GROUPS = {
    "PERSON": "person",
    "ORG": "org", "NORP": "org",
    "GPE": "place", "LOC": "place", "FAC": "place",
    **{label: "time" for label in CIRCUMSTANCE_LABELS},
    **{label: "number" for label in ("CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")},
}

#: Heads' parts of speech a feature of their own goes to; the rest count as "other".
HEAD_POS = ("PROPN", "NOUN", "PRON", "NUM")

BRACKET_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"))

#: The hand-set reliability of each rule (share of its triples a reader of news would keep):
#: the prior the learned weights refine.
RULE_CONFIDENCE = {
    "svo": 0.72, "prep": 0.7, "passive": 0.7, "frame": 0.65, "object-prep": 0.65, "copula": 0.6,
    "copula-prep": 0.6, "reciprocal": 0.6, "passive-prep": 0.6, "passive-complement": 0.6, "dative": 0.6,
    "where": 0.55, "appos": 0.55, "nominal": 0.5, "appos-be": 0.5,
}

#: Span length (words) from which an argument starts to look like a parse error.
LONG_SPAN = 4

#: Sentence length (tokens) per step of the length penalty: long sentences parse worse.
LENGTH_STEP = 15


def _prior_argument(arg: Arg) -> float:
    score = 0.06 if arg.named else 0.0
    if arg.pronoun:
        score -= 0.12
    return score - 0.03 * max(0, arg.text.count(" ") + 1 - LONG_SPAN)


def prior(rule: str, subject: Arg, obj: Arg, borrowed: bool, depth: int, sentence_length: int) -> float:
    """The hand-weighted score kg used before the learned one, in (0, 1): the rule's reliability,
    named arguments up, long spans, pronouns, borrowed subjects, deep clauses and long sentences down.

    Examples
    --------
    >>> from types import SimpleNamespace as A
    >>> russia = A(named=True, pronoun=False, text="Russia", head=A(dep_="nsubj"))
    >>> round(prior("svo", russia, russia, borrowed=False, depth=0, sentence_length=10), 2)
    0.84
    """
    score = RULE_CONFIDENCE.get(rule, 0.5) + _prior_argument(subject) + _prior_argument(obj)
    score -= 0.12 * borrowed + 0.05 * min(depth, 3)
    score -= 0.03 * min(max(0, sentence_length - LENGTH_STEP) // LENGTH_STEP, 3)
    if getattr(subject.head, "dep_", "nsubj") not in PLAIN_SUBJECT_DEPS:
        score -= 0.05
    return min(0.99, max(0.01, score))


def _broken(text: str) -> bool:
    """An unbalanced bracket or quote, or no letter at either end: a span the parse cut wrongly."""
    if any(text.count(a) != text.count(b) for a, b in BRACKET_PAIRS) or text.count('"') % 2:
        return True
    return not (text[:1].isalnum() and (text[-1:].isalnum() or text[-1:] in ".)%"))


def _argument_features(role: str, arg: Arg, out: dict[str, float]) -> None:
    head = arg.head
    words = arg.text.count(" ") + 1
    group = LABEL_GROUPS.get(head.ent_type_, "other" if head.ent_type_ else "none")
    pos = head.pos_ if head.pos_ in HEAD_POS else "other"
    out[f"{role}:named"] = float(arg.named)
    out[f"{role}:pronoun"] = float(arg.pronoun)
    out[f"{role}:words"] = min(words, 12) / 4  # on the scale of the 0/1 flags
    out[f"{role}:long"] = max(0, min(words, 12) - 4) / 4
    out[f"{role}:ner={group}"] = 1.0
    out[f"{role}:pos={pos}"] = 1.0
    out[f"{role}:title"] = float(arg.title is not None)
    out[f"{role}:broken"] = float(_broken(arg.text))
    out[f"{role}:digit"] = float(any(ch.isdigit() for ch in arg.text))
    out[f"{role}:hedged_or_negated"] = float(arg.hedged or arg.negated)
    out[f"{role}:capitalised"] = float(arg.text[:1].isupper())


def features(
    rule: str,
    subject: Arg,
    obj: Arg,
    *,
    relation: str = "",
    predicate: Optional["Token"] = None,
    borrowed: bool = False,
    depth: int = 0,
    sentence_length: int = 0,
    modality: str = "asserted",
    attributed: bool = False,
) -> dict[str, float]:
    """The named features of a candidate triple that :func:`confidence` weighs (absent = 0).

    Examples
    --------
    >>> from types import SimpleNamespace as A
    >>> russia = A(named=True, pronoun=False, text="Russia", title=None, hedged=False, negated=False,
    ...            head=A(dep_="nsubj", ent_type_="GPE", pos_="PROPN", i=0))
    >>> draft = A(named=False, pronoun=False, text="UN draft resolution", title=None, hedged=False,
    ...           negated=False, head=A(dep_="dobj", ent_type_="", pos_="NOUN", i=4))
    >>> f = features("svo", russia, draft, relation="veto")
    >>> f["rule=svo"], f["subject:ner=place"], f["object:words"], f["relation:copula"]
    (1.0, 1.0, 0.75, 0.0)
    """
    hand = prior(rule, subject, obj, borrowed, depth, sentence_length)
    out: dict[str, float] = {"bias": 1.0, f"rule={rule}": 1.0, "prior": math.log(hand / (1 - hand))}
    _argument_features("subject", subject, out)
    _argument_features("object", obj, out)
    out["subject:plain_dep"] = float(getattr(subject.head, "dep_", "") in PLAIN_SUBJECT_DEPS)
    out["both:named"] = float(subject.named and obj.named)
    words = relation.split()
    out["relation:copula"] = float(bool(words) and words[0] in COPULAS)
    out["relation:event"] = float(bool(words) and relation_class(relation) != "OTHER")
    out["relation:words"] = min(len(words), 6) / 3
    out["borrowed"] = float(borrowed)
    out["depth"] = min(depth, 6) / 3
    out["sentence:length"] = min(sentence_length, 90) / 30
    out["hedged"] = float(modality != "asserted")
    out["attributed"] = float(attributed)
    if predicate is not None:
        out[f"predicate:pos={predicate.pos_ if predicate.pos_ in ('VERB', 'NOUN', 'AUX') else 'other'}"] = 1.0
        out["predicate:modal"] = float(any(c.lower_ in HEDGE_AUX for c in predicate.children if c.dep_ == "aux"))
        # how far each argument's head sits from the predicate (in words): far is where attachments slip
        out["subject:distance"] = min(abs(subject.head.i - predicate.i), 20) / 10
        out["object:distance"] = min(abs(obj.head.i - predicate.i), 20) / 10
        out["subject:after_predicate"] = float(subject.head.i > predicate.i)
    return out


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> dict[str, float]:
    """The weight of each feature, read once from ``path`` (a JSON object with ``"weights"``).

    Examples
    --------
    >>> load_model()["bias"] != 0
    True
    """
    with path.open(encoding="utf-8") as handle:
        return {str(k): float(v) for k, v in json.load(handle)["weights"].items()}


def _score(values: dict[str, float], weights: dict[str, float]) -> float:
    """The logistic score of feature ``values`` under ``weights``, rounded to 3 places."""
    z = sum(weights.get(name, 0.0) * value for name, value in values.items())
    z = max(-30.0, min(30.0, z))
    return round(min(0.999, max(0.001, 1.0 / (1.0 + math.exp(-z)))), 3)


def confidence(rule: str, subject: Arg, obj: Arg, **context: Any) -> float:
    """Confidence of a triple made by ``rule`` from ``subject`` and ``obj``: the learned
    probability that a reader keeps it. ``context`` is :func:`features`' keywords.

    Examples
    --------
    >>> from types import SimpleNamespace as A
    >>> named = A(named=True, pronoun=False, text="Russia", title=None, hedged=False, negated=False,
    ...           head=A(dep_="nsubj", ent_type_="GPE", pos_="PROPN", i=0))
    >>> it = A(named=False, pronoun=True, text="it", title=None, hedged=False, negated=False,
    ...        head=A(dep_="dobj", ent_type_="", pos_="PRON", i=2))
    >>> confidence("svo", named, it, relation="veto") < confidence("svo", named, named, relation="veto")
    True
    """
    return _score(features(rule, subject, obj, **context), load_model())


def min_confidence() -> float:
    """The score below which triples are left out: ``$KG_MIN_CONFIDENCE``, else :data:`MIN_CONFIDENCE`.

    Examples
    --------
    >>> import os
    >>> min_confidence() == float(os.environ.get("KG_MIN_CONFIDENCE") or MIN_CONFIDENCE)
    True
    """
    import os

    value = os.environ.get("KG_MIN_CONFIDENCE")
    if not value:
        return MIN_CONFIDENCE
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"KG_MIN_CONFIDENCE: not a number: {value!r}") from None
