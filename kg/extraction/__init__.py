"""Dependency rules that read ``subject | relation | object`` triples off a parsed ``Doc``.

The spec is ``GUIDELINES.md`` of the evaluation data: tight argument spans,
relations as lemma + particle + governing preposition, passive turned active,
coordination expanded, and factuality (negation, modality, attribution) on
every triple.  Modules by subject:

- :mod:`~kg.extraction.arguments` — argument spans, titles, entity types;
- :mod:`~kg.extraction.clauses` — verbal predicates;
- :mod:`~kg.extraction.nominal` — nominal events and appositions;
- :mod:`~kg.extraction.factuality` — negation, modality, attribution;
- :mod:`~kg.extraction.confidence` — the score that ranks triples.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional

from kg.extraction.arguments import Arg, argument, conjuncts
from kg.extraction.clauses import Frame, clause_frames
from kg.extraction.confidence import confidence
from kg.extraction.factuality import attribution, factuality
from kg.extraction.nominal import nominal_frames
from kg.model import Triple

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["triples", "sentence_triples"]

#: Subjects that are never actors: expletives and unresolved relative words.
NON_SUBJECTS = frozenset("there here which that what who whom whose this these those all".split())


def _frames(sent: "Span") -> Iterator[Frame]:
    for token in sent:
        yield from clause_frames(token)
        yield from nominal_frames(token)


#: Longest relation surface (tokens) before it is cut back to the verb group.
MAX_RELATION_TOKENS = 8


def _relation_span(frame: Frame) -> Optional[tuple[int, int]]:
    """Char span of the relation's words: auxiliaries and negation through the last preposition.

    When those words lie far apart ("operate …, with each club reserving") the span
    is cut back to the verb group so it never swallows an argument.
    """
    if not frame.relation_tokens:
        return None  # an apposition's "be … of" has no words in the text
    group = [frame.predicate] + [
        c for c in frame.predicate.children if c.dep_ in ("aux", "auxpass", "neg", "prt")
    ]
    tokens = group + list(frame.relation_tokens)
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    if last - first >= MAX_RELATION_TOKENS:
        first, last = min(t.i for t in group), max(t.i for t in group)
    doc = frame.predicate.doc
    return doc[first].idx, doc[last].idx + len(doc[last])


def sentence_triples(sent: "Span", index: int, doc_id: str = "") -> Iterator[Triple]:
    """Triples of one sentence ``sent`` (the ``index``-th of its document).

    Examples
    --------
    >>> from kg.nlp import load_nlp  # doctest: +SKIP
    >>> doc = load_nlp()("Russia vetoed a UN draft resolution.")  # doctest: +SKIP
    >>> [(t.subject, t.relation, t.object) for t in sentence_triples(next(doc.sents), 0)]  # doctest: +SKIP
    [('Russia', 'veto', 'UN draft resolution')]
    """
    args: dict[int, Arg] = {}
    context: dict[int, tuple] = {}
    best: dict[tuple[str, str, str], Triple] = {}

    def arg(token: "Token") -> Arg:
        if token.i not in args:
            args[token.i] = argument(token)
        return args[token.i]

    for frame in _frames(sent):
        predicate = frame.predicate
        if predicate.i not in context:
            negated, modality = factuality(predicate)
            speaker, hedging = attribution(predicate)
            if hedging and modality == "asserted":
                modality = "hedged"
            context[predicate.i] = (negated, modality, arg(speaker) if speaker is not None else None)
        negated, modality, speaker = context[predicate.i]
        for subject_token in conjuncts(frame.subject):
            for object_token in conjuncts(frame.object):
                subject, obj = arg(subject_token), arg(object_token)
                if (
                    subject_token.lower_ in NON_SUBJECTS
                    or not subject.text
                    or not obj.text
                    or subject.span == obj.span
                ):
                    continue
                triple = Triple(
                    doc=doc_id,
                    sentence_index=index,
                    sentence=sent.text,
                    start=sent.start_char,
                    end=sent.end_char,
                    subject=subject.text,
                    relation=frame.relation,
                    object=obj.text,
                    subject_text=subject.surface,
                    object_text=obj.surface,
                    subject_title=subject.title,
                    object_title=obj.title,
                    negated=negated or subject.negated or obj.negated,
                    modality="hedged" if modality == "asserted" and (subject.hedged or obj.hedged) else modality,
                    attributed_to=speaker.text if speaker is not None and speaker.span != subject.span else None,
                    confidence=confidence(frame.rule, subject, obj, borrowed=frame.borrowed),
                    subject_type=subject.type,
                    object_type=obj.type,
                    subject_span=subject.span,
                    object_span=obj.span,
                    relation_span=_relation_span(frame),
                    attributed_span=speaker.span if speaker is not None else None,
                )
                key = (triple.subject, triple.relation, triple.object)
                if key not in best or best[key].confidence < triple.confidence:
                    best[key] = triple
    yield from best.values()


def triples(doc: "Doc", doc_id: str = "") -> Iterator[Triple]:
    """Every triple of a parsed document, sentence by sentence.

    Parameters
    ----------
    doc
        A spaCy ``Doc`` with a dependency parse (and NER for entity types).
    doc_id
        Stored in :attr:`Triple.doc`.

    Examples
    --------
    >>> from kg.nlp import load_nlp  # doctest: +SKIP
    >>> [(t.subject, t.relation, t.object) for t in triples(load_nlp()("Putin met with Hollande."))]  # doctest: +SKIP
    [('Putin', 'meet with', 'Hollande')]
    """
    for index, sent in enumerate(doc.sents):
        yield from sentence_triples(sent, index, doc_id)
