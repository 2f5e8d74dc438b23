"""kg's objects as RDF triples and back: documents, statements, entities.

Each document's graph holds the document node, its sentences, a reified
``kg:Statement`` per triple (factuality flags, surface texts, PROV-O provenance) and
the direct edge ``subject rel:<lemma> object`` for every triple that is not negated
(a negated claim is kept only as a statement, so plain edge queries never read
"Russia did not target X" as "Russia targeted X").  One more graph,
:func:`~kg.rdf.namespaces.entities_graph`, describes the entities.  The functions here
turn ``kg.model`` objects into triples and read them back; writing them into a
dataset is :mod:`kg.rdf.store`'s job, into files :mod:`kg.rdf.files`'s.

What the reader can derive is not written (see the README's "What the store leaves
out"): a value equal to its default (not negated, ``asserted``, one mention, a
``kg:Thing``, a surface text equal to the name, a merge's alias equal to the entity's name
and its rule "same name"), a statement's ``rdf:type`` (it is what has an ``rdf:subject``), a
sentence's text, index and article (the article text sliced at ``kg:start``/``kg:end``, the
sentence IRI, minted under the article's), and the label of a
thing whose IRI spells it (:func:`~kg.rdf.namespaces.label_in_iri`).
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Iterator, Optional

import pyoxigraph as ox
from rdflib import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.model import Document, Entity, Merge, Triple, uncovered_entities
from kg.rdf.namespaces import (
    CLASS_TYPES,
    KG,
    TYPE_CLASSES,
    document_id,
    document_iri,
    entities_graph,
    entity_iri,
    entity_name,
    is_entity_iri,
    label_in_iri,
    merge_iri,
    relation_iri,
    sentence_iri,
    statement_iri,
)
from kg.rdf.summary import document_counts, rank_band
from kg.rdf.terms import OxTerms, RDFTriple, date_literal, emit, fingerprint, ox_literal, text_literal, to_ox

__all__ = [
    "complete_entities", "document_fingerprint", "document_graph_triples", "document_triples",
    "described_entities", "entity_from_graph", "entity_triples", "from_dataset", "group_by_doc", "read_documents", "sentence_triples",
    "statement_triples",
]


# The triples are made of pyoxigraph terms, the store's own, so a build hands them to Oxigraph
# (and to the exports) as they are; the vocabulary is rdflib's and kg.rdf.namespaces', each term
# made once here. Reading back (below) goes through rdflib.
_RDF, _RDFS, _SDO, _DCT, _PROV, _SKOS, _XSD, _KG = map(OxTerms, (RDF, RDFS, SDO, DCTERMS, PROV, SKOS, XSD, KG))
_iri = ox.NamedNode


def document_triples(document: Document) -> Iterator[RDFTriple]:
    """The description of one article: type, title, date, url, source, text.

    Examples
    --------
    >>> rows = list(document_triples(Document(id="a1", text="Hi.", title="Greeting")))
    >>> (ox.NamedNode(document_iri("a1")), ox.NamedNode(SDO.headline), ox.Literal("Greeting")) in rows
    True
    """
    node = _iri(document_iri(document.id))
    yield node, _RDF.type, _SDO.NewsArticle
    yield from emit(node, [
        (_DCT.identifier, ox.Literal(document.id)),
        (_SDO.headline, text_literal(document.title)),
        (_SDO.datePublished, None if document.date is None else date_literal(document.date)),
        (_SDO.url, None if document.url is None else ox.Literal(document.url, datatype=_XSD.anyURI)),
        (_DCT.source, text_literal(document.source)),
        (_SDO.text, ox.Literal(document.text)),
    ])


def sentence_triples(triple: Triple, text: Optional[str] = None) -> Iterator[RDFTriple]:
    """The sentence a triple was read from: its place in its article's text.

    Its article and index are in its IRI (minted under the article's, which also names the
    graph it sits in: no ``dcterms:isPartOf``) and its text in the article's (``text``) at
    ``kg:start``-``kg:end``, so ``schema:text`` is written only when the article's text does not hold it there.
    """
    node = _iri(sentence_iri(triple.doc, triple.sentence_index))
    yield node, _KG.start, ox_literal(triple.start)
    yield node, _KG.end, ox_literal(triple.end)
    if text is None or text[triple.start:triple.end] != triple.sentence:
        yield node, _SDO.text, ox.Literal(triple.sentence)


def statement_triples(triple: Triple) -> Iterator[RDFTriple]:
    """One triple as a direct edge (unless negated) and as a reified ``kg:Statement``.

    It has no ``rdf:type``: ``rdf:subject`` (and ``kg:confidence``, whose domain is
    ``kg:Statement``) mark a statement, one quad less per statement.
    Values equal to their defaults are left out (read back as the default): ``kg:negated``
    false, ``kg:modality`` "asserted", ``kg:mentionCount`` 1, a ``kg:Thing`` type, and a
    surface text that is the entity's name.  The relation term is the direct edge's
    predicate; ``kg:relation`` holds the lemma.

    Examples
    --------
    >>> t = Triple(doc="a1", sentence_index=0, sentence="Russia vetoed it.", start=0, end=17,
    ...            subject="Russia", relation="veto", object="draft", subject_text="Russia",
    ...            object_text="it")
    >>> rows = set(statement_triples(t))
    >>> tuple(map(ox.NamedNode, (entity_iri("Russia"), relation_iri("veto"), entity_iri("draft")))) in rows
    True
    >>> sorted(p.value.split("#")[-1] for s, p, _ in rows if s == ox.NamedNode(statement_iri(t)))  # doctest: +NORMALIZE_WHITESPACE
    ['confidence', 'object', 'objectText', 'relation', 'relationClass', 'subject', 'wasDerivedFrom']
    """
    subject, obj = _iri(entity_iri(triple.subject)), _iri(entity_iri(triple.object))
    if not triple.negated:
        yield subject, _iri(relation_iri(triple.relation)), obj
    node = _iri(statement_iri(triple))
    yield from emit(node, [
        (_RDF.subject, subject),
        (_RDF.object, obj),
        (_KG.relation, ox_literal(triple.relation)),
        (_KG.relationClass, ox_literal(triple.relation_class)),
        (_KG.negated, ox_literal(True) if triple.negated else None),
        (_KG.modality, None if triple.modality == "asserted" else ox_literal(triple.modality)),
        (_KG.confidence, _confidence(float(triple.confidence))),
        (_KG.subjectText, None if triple.subject_text == triple.subject else ox.Literal(triple.subject_text)),
        (_KG.objectText, None if triple.object_text == triple.object else ox.Literal(triple.object_text)),
        (_KG.subjectTitle, text_literal(triple.subject_title)),
        (_KG.objectTitle, text_literal(triple.object_title)),
        (_KG.circumstances, text_literal(triple.circumstances)),
        (_KG.subjectType, _type_class(triple.subject_type)),
        (_KG.objectType, _type_class(triple.object_type)),
        (_PROV.wasAttributedTo, None if triple.attributed_to is None else _iri(entity_iri(triple.attributed_to))),
        (_PROV.wasDerivedFrom, _iri(sentence_iri(triple.doc, triple.sentence_index))),
        (_KG.mentionCount, None if int(triple.mentions) == 1 else ox_literal(int(triple.mentions))),
    ])


@lru_cache(maxsize=1 << 12)
def _confidence(value: float) -> ox.Literal:
    return ox_literal(Decimal(str(round(value, 6))))


@lru_cache(maxsize=None)
def _type_class(type_: Optional[str]) -> Optional[ox.NamedNode]:
    """The RDF class of an actor type; ``None`` (left out) for a thing, the default."""
    cls = TYPE_CLASSES.get(type_ or "Thing", KG.Thing)
    return None if cls == KG.Thing else _iri(cls)


def document_graph_triples(document: Document, triples: Iterable[Triple]) -> set[RDFTriple]:
    """Everything in one document's named graph (a set: duplicates collapse), in pyoxigraph terms."""
    triples = list(triples)
    out = set(document_triples(document))
    out.update(tuple(map(to_ox, counts)) for counts in document_counts(document, triples))
    for triple in triples:
        out.update(sentence_triples(triple, document.text))
        out.update(statement_triples(triple))
    return out


def entity_triples(entity: Entity) -> Iterator[RDFTriple]:
    """An entity's description in the entities graph; nothing for a bare thing.

    An actor gets its class, label, mention count and band; a thing (``kg:Thing``, the
    type read back when none is written) only what it has beyond its name: aliases,
    titles, mentions, the articles naming it, merges, and its label when its IRI does
    not spell it (:func:`~kg.rdf.namespaces.label_in_iri`).  ``skos:prefLabel`` (the
    label again), an article count (the ``schema:mentions`` links counted) and the
    merge log's ``rdf:type`` and back link (the record's ``kg:mergedInto``) are
    left to the reader.

    Examples
    --------
    >>> rows = set(entity_triples(Entity(name="Vladimir Putin", type="Person", aliases=("Putin",))))
    >>> (ox.NamedNode(entity_iri("Vladimir Putin")), ox.NamedNode(SKOS.altLabel), ox.Literal("Putin")) in rows
    True
    >>> list(entity_triples(Entity(name="draft resolution", type="Thing")))
    []
    """
    node = _iri(entity_iri(entity.name))
    cls = _type_class(entity.type)
    if cls is not None:
        yield node, _RDF.type, cls
        yield node, _RDFS.label, ox.Literal(entity.name)
        yield node, _KG.mentionCount, ox_literal(int(entity.mentions))
        yield node, _KG.mentionBand, ox_literal(rank_band(int(entity.mentions)))
    else:
        if not label_in_iri(entity.name):
            yield node, _RDFS.label, ox.Literal(entity.name)
        if entity.mentions:
            yield node, _KG.mentionCount, ox_literal(int(entity.mentions))
    for alias in entity.aliases:
        yield node, _SKOS.altLabel, ox.Literal(alias)
    for title in entity.titles:
        yield node, _KG.title, ox.Literal(title)
    for doc in entity.docs:
        yield _iri(document_iri(doc)), _SDO.mentions, node
    yield from emit(node, [
        (_KG.isoCode, text_literal(entity.iso)),
        (_KG.standsFor, None if entity.stands_for is None else _iri(entity_iri(entity.stands_for))),
        (_KG.affiliation, None if entity.affiliation is None else _iri(entity_iri(entity.affiliation))),
    ])
    for merge in entity.merges:
        record = _iri(merge_iri(entity.name, merge))
        yield from emit(record, [
            (_KG.mergedInto, _iri(entity_iri(merge.entity))),
            (_KG.alias, None if merge.alias == merge.entity else ox.Literal(merge.alias)),
            (_KG.rule, None if merge.rule == MERGE_RULE else ox.Literal(merge.rule)),
            (_KG.inDocument, None if merge.doc is None else _iri(document_iri(merge.doc))),
        ])


#: The rule of a merge-log line that names none: the commonest, an article's actor joining the
#: corpus's of the same name (whose alias, the entity's own name, is left out too).
MERGE_RULE = "same name"


def complete_entities(entities: Iterable[Entity], triples: Iterable[Triple]) -> list[Entity]:
    """``entities`` plus a bare entity for every name a triple uses that none of them has.

    Labels and types live only in the entities graph (a triple repeated in several
    named graphs would count several times in Oxigraph's union default graph), so
    every IRI a statement points to gets described there.

    Examples
    --------
    >>> t = Triple(doc="a1", sentence_index=0, sentence="s", start=0, end=1, subject="Russia",
    ...            relation="veto", object="draft", subject_text="Russia", object_text="draft",
    ...            subject_type="Country")
    >>> [(e.name, e.type) for e in complete_entities([], [t])]
    [('Russia', 'Country'), ('draft', 'Thing')]
    """
    out = list(entities)
    out.extend(uncovered_entities(triples, {e.name for e in out}))
    return out


def document_fingerprint(document: Document, triples: Iterable[Triple]) -> str:
    """A digest of everything a document contributes, to skip unchanged articles.

    Examples
    --------
    >>> d = Document(id="a1", text="Hi.")
    >>> document_fingerprint(d, []) == document_fingerprint(d, [])
    True
    """
    return fingerprint(document_graph_triples(document, triples))


def group_by_doc(triples: Iterable[Triple]) -> dict[str, list[Triple]]:
    by_doc: dict[str, list[Triple]] = defaultdict(list)
    for triple in triples:
        by_doc[triple.doc].append(triple)
    return by_doc


# --- reading back -----------------------------------------------------------------


def _value(graph: Graph, node: Node, predicate: URIRef, default=None):
    value = graph.value(node, predicate)
    if value is None:
        return default
    return value.toPython() if isinstance(value, Literal) else value


def _str(graph: Graph, node: Node, predicate: URIRef, default: Optional[str] = None) -> Optional[str]:
    value = graph.value(node, predicate)
    return default if value is None else str(value)


def _read_document(graph: Graph, node: URIRef) -> Document:
    return Document(
        id=_str(graph, node, DCTERMS.identifier) or document_id(node),
        text=_str(graph, node, SDO.text) or "",
        title=_str(graph, node, SDO.headline),
        date=_str(graph, node, SDO.datePublished),
        url=_str(graph, node, SDO.url),
        source=_str(graph, node, DCTERMS.source),
    )


def _read_triple(graph: Graph, node: Node, document: Document) -> Triple:
    sentence = graph.value(node, PROV.wasDerivedFrom)
    attributed = graph.value(node, PROV.wasAttributedTo)
    start, end = int(_value(graph, sentence, KG.start, 0)), int(_value(graph, sentence, KG.end, 0))
    subject, obj = entity_name(graph.value(node, RDF.subject)), entity_name(graph.value(node, RDF.object))
    return Triple(
        doc=document.id,
        sentence_index=int(str(sentence).rsplit("/", 1)[-1]),
        sentence=_str(graph, sentence, SDO.text, document.text[start:end]),
        start=start,
        end=end,
        subject=subject,
        relation=_str(graph, node, KG.relation) or "",
        object=obj,
        subject_text=_str(graph, node, KG.subjectText, subject),
        object_text=_str(graph, node, KG.objectText, obj),
        subject_title=_str(graph, node, KG.subjectTitle),
        object_title=_str(graph, node, KG.objectTitle),
        circumstances=_str(graph, node, KG.circumstances),
        negated=bool(_value(graph, node, KG.negated, False)),
        modality=_str(graph, node, KG.modality) or "asserted",
        attributed_to=None if attributed is None else entity_name(attributed),
        confidence=float(_value(graph, node, KG.confidence, 0.5)),
        subject_type=CLASS_TYPES.get(graph.value(node, KG.subjectType), "Thing"),
        object_type=CLASS_TYPES.get(graph.value(node, KG.objectType), "Thing"),
        relation_class=_str(graph, node, KG.relationClass) or "OTHER",
        mentions=int(_value(graph, node, KG.mentionCount, 1)),
    )


def entity_from_graph(graph: Graph, node: URIRef) -> Entity:
    """The :class:`Entity` that :func:`entity_triples` described as ``node`` in ``graph``."""
    def names(predicate: URIRef) -> tuple[str, ...]:
        return tuple(sorted(str(o) for o in graph.objects(node, predicate)))

    def optional_name(predicate: URIRef) -> Optional[str]:
        value = graph.value(node, predicate)
        return None if value is None else entity_name(value)

    merges = []
    for record in graph.subjects(KG.mergedInto, node):
        doc = graph.value(record, KG.inDocument)
        entity = entity_name(graph.value(record, KG.mergedInto))
        merges.append(Merge(
            alias=_str(graph, record, KG.alias, entity),
            entity=entity,
            rule=_str(graph, record, KG.rule, MERGE_RULE),
            doc=None if doc is None else document_id(doc),
        ))
    types = [CLASS_TYPES[c] for c in graph.objects(node, RDF.type) if c in CLASS_TYPES]
    return Entity(
        name=entity_name(node),
        type=types[0] if types else "Thing",
        aliases=names(SKOS.altLabel),
        titles=names(KG.title),
        mentions=int(_value(graph, node, KG.mentionCount, 0)),
        docs=tuple(sorted(document_id(d) for d in graph.subjects(SDO.mentions, node))),
        iso=_str(graph, node, KG.isoCode),
        stands_for=optional_name(KG.standsFor),
        affiliation=optional_name(KG.affiliation),
        merges=tuple(sorted(merges, key=lambda m: (m.alias, m.entity, m.rule, m.doc or ""))),
    )


def described_entities(graph: Graph) -> set[URIRef]:
    """The entities an entities graph describes (a bare thing, described by nothing, is not among them)."""
    nodes = set(graph.subjects(RDFS.label)) | set(graph.subjects(KG.mentionCount)) | set(graph.subjects(SKOS.altLabel))
    nodes |= {o for o in graph.objects(None, KG.mergedInto) if isinstance(o, URIRef)}
    nodes |= {o for o in graph.objects(None, SDO.mentions) if isinstance(o, URIRef)}
    return {n for n in nodes if isinstance(n, URIRef) and is_entity_iri(n)}


def read_documents(graph: Graph) -> Iterator[tuple[Document, list[Triple]]]:
    """The document(s) described in one document graph, each with its triples."""
    for node in graph.subjects(RDF.type, SDO.NewsArticle):
        document = _read_document(graph, node)
        # a statement is what has an rdf:subject (it carries no rdf:type of its own)
        yield document, [_read_triple(graph, s, document) for s in graph.subjects(RDF.subject, None, unique=True)]


def from_dataset(dataset: Dataset) -> tuple[list[Document], list[Triple], list[Entity]]:
    """Read documents, triples and entities back out of a dataset :func:`to_dataset` wrote.

    Lists come sorted (documents by id, triples by document, sentence and content,
    entities by name); tuple fields of entities (aliases, titles, docs) come sorted.
    """
    documents: list[Document] = []
    triples: list[Triple] = []
    entities: list[Entity] = []
    for graph in dataset.graphs():
        if graph.identifier == entities_graph():
            entities.extend(entity_from_graph(graph, node) for node in described_entities(graph))
            continue
        for document, statements in read_documents(graph):
            documents.append(document)
            triples.extend(statements)
    documents.sort(key=lambda d: d.id)
    triples.sort(key=lambda t: (t.doc, t.sentence_index, t.subject, t.relation, t.object, t.negated, t.modality,
                                t.attributed_to or ""))
    entities.sort(key=lambda e: e.name)
    return documents, triples, entities


