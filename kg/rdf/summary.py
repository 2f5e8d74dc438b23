"""Counts kept beside the statements, so ranking and aggregate queries read a few nodes.

A whole-graph aggregate (actors by degree, relations by frequency, co-occurring pairs)
costs seconds on a million statements. kg keeps the answers as RDF instead: each
article carries its own counts (:func:`document_counts`), and the summary graph
(:func:`~kg.rdf.namespaces.summary_graph`) holds the sums over all articles, one node per
actor, relation and co-occurring pair. :func:`summary_counts` is one article's
share; :mod:`kg.rdf.store` adds a new share and subtracts the old one when an article is
written, so the sums stay exact at a cost proportional to the article.
:func:`summary_graph_triples` computes the whole graph from scratch (what the
incremental writes must equal).  What one pair of actors did to each other is read
from their statements on demand (``queries/dyad_by_class.rq``), not kept here.
"""
from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter, defaultdict
from typing import Iterable, Iterator, Mapping, Optional

from rdflib import Literal, URIRef

from kg.model import Document, Triple
from kg.rdf.namespaces import KG, TYPE_CLASSES, document_iri, entity_iri, entity_name, summary_iri
from kg.rdf.terms import RDFTriple, distinct_statements, emit

__all__ = [
    "COUNT_PROPERTIES", "DERIVED_PROPERTIES", "SUMMARY_VERSION", "SummaryCounts", "by_node", "date_band", "day_band",
    "document_counts", "rank_band", "summary_counts", "summary_graph_triples",
    "summary_node_triples",
]


def date_band(value: Optional[str]) -> int:
    """A coarse key that never decreases with the date: its year within 1900-2100, 0 when undated.

    Pages of articles in date order are found year by year with it (see
    ``queries/statements_with_evidence.rq``) instead of sorting every article.

    Examples
    --------
    >>> date_band("2016-10-08"), date_band("1815-06-18"), date_band(None), date_band("last week")
    (2016, 1900, 0, 0)
    """
    match = re.match(r"\d{4}", value or "")
    return min(max(int(match.group()), 1900), 2100) if match else 0


#: Every ``-MM-DD`` a date may hold after its year, in the order dates sort (for :func:`day_band`).
_DAYS = [f"-{month:02d}-{day:02d}" for month in range(1, 13) for day in range(1, 32)]


def day_band(value: Optional[str]) -> int:
    """A finer key that never decreases with the date within its year band (:func:`date_band`): ``MMDD``.

    A date that is not an ISO day gets the last ``MMDD`` sorting no later than it (not
    always a real day; 0 when none), a year before 1900 gets 0 and one after 2100
    gets 1231, so within a year band the key follows the order dates sort in.  A page
    in date order is found day by day within the year that ends it (see
    ``queries/statements_with_evidence.rq``) instead of sorting the whole year.

    Examples
    --------
    >>> day_band("2016-10-08"), day_band("2016-10"), day_band("1815-06-18"), day_band("2300-01-01"), day_band(None)
    (1008, 931, 0, 1231, 0)
    """
    year = date_band(value)
    if not year or value is None:
        return 0
    written = int(value[:4])
    if written != year:
        return 0 if written < year else 1231
    before = bisect.bisect_right(_DAYS, value[4:])
    return int(_DAYS[before - 1][1:3]) * 100 + int(_DAYS[before - 1][4:]) if before else 0


def document_counts(document: Document, triples: Iterable[Triple]) -> Iterator[RDFTriple]:
    """What an article contributes in numbers, on its own node: statements, sentences, actors, flags, date bands.

    Zero counts of negated and hedged statements are left out, so the articles that
    have some are one index lookup away.

    Examples
    --------
    >>> sorted((p.split("#")[-1], o.toPython()) for _, p, o in document_counts(Document(id="a1", text=""), []))
    [('dateBand', 0), ('dayBand', 0), ('participantCount', 0), ('sentenceCount', 0), ('statementCount', 0)]
    """
    node, triples = document_iri(document.id), distinct_statements(triples)
    participants = {name for t in triples for name in (t.subject, t.object)}
    negated = sum(1 for t in triples if t.negated)
    hedged = sum(1 for t in triples if t.modality == "hedged")
    yield node, KG.dateBand, Literal(date_band(document.date))
    yield node, KG.dayBand, Literal(day_band(document.date))
    yield node, KG.statementCount, Literal(len(triples))
    yield node, KG.sentenceCount, Literal(len({t.sentence_index for t in triples}))
    yield node, KG.participantCount, Literal(len(participants))
    yield from emit(node, [(KG.negatedCount, Literal(negated) if negated else None),
                            (KG.hedgedCount, Literal(hedged) if hedged else None)])


#: What :func:`summary_counts` counts, as the store records it: a store summarised by another
#: version is recounted once (:func:`kg.rdf.store.recount_summaries`). Change it with what is counted.
SUMMARY_VERSION = "4"

#: The summary properties that hold counts (summed over documents); the rest describe a node.
COUNT_PROPERTIES = (KG.statementCount, KG.sentenceCount, KG.articleCount, KG.negatedCount, KG.subjectCount,
                    KG.objectCount, KG.attributedCount)
#: Properties derived from a node and its counts (recomputed on every write, never summed):
#: the bands, and a speaker's name, there exactly while the actor has attributed statements.
DERIVED_PROPERTIES = (KG.band, KG.statementBand, KG.degreeBand, KG.speakerName)
#: ``(summary node, count property) -> count``: one document's share, or the sum over all.
SummaryCounts = Counter


def _is_actor(type_: str) -> bool:
    return TYPE_CLASSES.get(type_, KG.Thing) != KG.Thing


def summary_counts(document: Document, triples: Iterable[Triple]) -> tuple[SummaryCounts, dict[URIRef, set[RDFTriple]]]:
    """One document's share of the summary graph: counts by node, and what each node stands for.

    Actors (statement types other than ``Thing``, which are the entity's type: see
    :meth:`kg.graph.KnowledgeGraph.triples`) are counted on their entity IRI, as subject
    and as object: their degree is the sum; relations and co-occurring pairs of actors
    get nodes of their own (:func:`~kg.rdf.namespaces.summary_iri`).
    Summing the shares of all documents gives the summary graph; a rewritten document
    moves its new share minus its old one.

    Examples
    --------
    >>> t = Triple(doc="a1", sentence_index=0, sentence="s", start=0, end=1, subject="Russia",
    ...            relation="veto", object="draft", subject_text="Russia", object_text="draft",
    ...            subject_type="Country", relation_class="REJECT")
    >>> counts, _ = summary_counts(Document(id="a1", text="s"), [t, t])
    >>> counts[entity_iri("Russia"), KG.subjectCount], counts[entity_iri("draft"), KG.objectCount]
    (1, 0)
    """
    counts: SummaryCounts = Counter()
    described: dict[URIRef, set[RDFTriple]] = {}
    in_sentence: dict[int, set[URIRef]] = defaultdict(set)
    relations = set()
    for t in distinct_statements(triples):
        subject, obj = entity_iri(t.subject), entity_iri(t.object)
        for node, role, type_ in ((subject, KG.subjectCount, t.subject_type), (obj, KG.objectCount, t.object_type)):
            if _is_actor(type_):
                counts[node, role] += 1
                in_sentence[t.sentence_index].add(node)
        if t.attributed_to is not None:
            counts[entity_iri(t.attributed_to), KG.attributedCount] += 1
        relation = summary_iri("relation", t.relation, t.relation_class)
        relations.add(relation)
        described[relation] = {(relation, KG.relation, Literal(t.relation)),
                               (relation, KG.relationClass, Literal(t.relation_class))}
        counts[relation, KG.statementCount] += 1
        counts[relation, KG.negatedCount] += int(t.negated)
    for relation in relations:
        counts[relation, KG.articleCount] += 1
    pairs = set()
    for actors in in_sentence.values():
        for a, b in itertools.combinations(sorted(actors), 2):
            pair = summary_iri("pair", a, b)
            described[pair] = {(pair, KG.member, a), (pair, KG.member, b)}
            counts[pair, KG.sentenceCount] += 1
            pairs.add(pair)
    for pair in pairs:
        counts[pair, KG.articleCount] += 1
    return +counts, described


def rank_band(count: int) -> int:
    """A coarse key that never decreases with ``count``: four bands per doubling, 0 for nothing.

    Examples
    --------
    >>> [rank_band(n) for n in (0, 1, 2, 3, 4, 100)]
    [0, 1, 5, 7, 9, 27]
    """
    return 0 if count <= 0 else int(4 * math.log2(count)) + 1


def summary_node_triples(node: URIRef, totals: Mapping[URIRef, int], description: Iterable[RDFTriple]) -> set[RDFTriple]:
    """A summary node as stored: its description and positive counts, or nothing when all are zero.

    A node also gets the band (:func:`rank_band`) of the count it is ranked by: ``kg:band``
    of a pair's sentence count, ``kg:statementBand`` of a relation's statement count
    and ``kg:degreeBand`` of an actor's degree (its subject and object counts summed),
    so the top of a ranking is found band by band instead of by sorting every node.
    The band also tells what a node is, so no ``rdf:type`` is written.  An actor with
    attributed statements also gets its name (``kg:speakerName``, the name its entity
    IRI was minted from, which is its label), so a page of speakers in name order is
    one scan of the summary graph instead of a label lookup per speaker; a rename moves
    the counts, and so the name, to the new IRI.

    Examples
    --------
    >>> node = URIRef("https://kg.example.org/id/summary/pair/x")
    >>> sorted(o.toPython() for _, _, o in summary_node_triples(node, {KG.sentenceCount: 5}, []))
    [5, 10]
    >>> summary_node_triples(node, {KG.sentenceCount: 0}, [(node, KG.member, node)])
    set()
    >>> speaker = entity_iri("Ban Ki-moon")
    >>> sorted(str(o) for _, _, o in summary_node_triples(speaker, {KG.attributedCount: 2}, []))
    ['2', 'Ban Ki-moon']
    >>> sorted(p.split("#")[-1] for _, p, _ in summary_node_triples(speaker, {KG.attributedCount: 0, KG.objectCount: 1}, []))
    ['degreeBand', 'objectCount']
    """
    counts = {prop: int(n) for prop, n in totals.items() if n > 0}
    if not counts:
        return set()
    out = set(description)
    out.update((node, prop, Literal(n)) for prop, n in counts.items())
    if KG.sentenceCount in counts:
        out.add((node, KG.band, Literal(rank_band(counts[KG.sentenceCount]))))
    if KG.relation in {p for _, p, _ in out}:
        out.add((node, KG.statementBand, Literal(rank_band(counts.get(KG.statementCount, 0)))))
    degree = counts.get(KG.subjectCount, 0) + counts.get(KG.objectCount, 0)
    if degree:
        out.add((node, KG.degreeBand, Literal(rank_band(degree))))
    if KG.attributedCount in counts:
        out.add((node, KG.speakerName, Literal(entity_name(node))))
    return out


def by_node(counts: SummaryCounts) -> dict[URIRef, dict[URIRef, int]]:
    """``(node, property) -> count`` regrouped as ``node -> {property: count}``.

    Examples
    --------
    >>> by_node(Counter({("n", "a"): 1, ("n", "b"): 2}))
    {'n': {'a': 1, 'b': 2}}
    """
    out: dict[URIRef, dict[URIRef, int]] = defaultdict(dict)
    for (node, prop), n in counts.items():
        out[node][prop] = n
    return dict(out)


def summary_graph_triples(shares: Iterable[tuple[Document, Iterable[Triple]]]) -> Iterator[RDFTriple]:
    """The whole summary graph computed from scratch (what incremental writes must equal).

    ``shares`` pairs each document with its triples; only the sums are held, so the
    documents can be read one at a time.

    Examples
    --------
    >>> t = Triple(doc="a1", sentence_index=0, sentence="s", start=0, end=1, subject="Russia", relation="veto",
    ...            object="Syria", subject_text="Russia", object_text="Syria", object_type="Country")
    >>> (entity_iri("Syria"), KG.objectCount, Literal(1)) in set(summary_graph_triples([(Document(id="a1", text="s"), [t])]))
    True
    """
    totals: SummaryCounts = Counter()
    described: dict[URIRef, set[RDFTriple]] = {}
    for document, triples in shares:
        counts, description = summary_counts(document, triples)
        totals.update(counts)
        described.update(description)
    for node, counts in by_node(totals).items():
        yield from summary_node_triples(node, counts, described.get(node, ()))
