"""The NetworkX projection of kg's statements (the files it is written to are in :mod:`kg.network.files`).

One node per actor (keyed by canonical name), one edge per statement (keyed by a
stable statement key), every attribute a plain ``str``/``int``/``float``/``bool``
so that GraphML, GEXF and CSV carry all of it.
"""
from __future__ import annotations

from collections import Counter
from typing import Collection, Iterable, Iterator, Mapping, Optional

import networkx as nx

from kg.hashing import digest
from kg.model import Document, Entity, Triple, uncovered_entities

__all__ = [
    "EDGE_FIELDS", "LIST_SEPARATOR", "count_actors", "edge_attributes", "entity_attributes", "graph_elements",
    "is_actor", "node_table", "statement_key", "subnetwork", "to_networkx",
]

#: Joins list-valued attributes (aliases, titles) into one GraphML-safe string.
LIST_SEPARATOR = "; "

#: Edge attributes in the order the CSV export writes them.
EDGE_FIELDS = (
    "relation", "relation_class", "sentence", "sentence_index", "doc", "date", "title",
    "negated", "modality", "attributed_to", "circumstances", "confidence", "subject_text", "object_text",
    "subject_title", "object_title", "mention_count",
    "subject_start", "subject_end", "relation_start", "relation_end", "object_start", "object_end",
)


def statement_key(triple: Triple) -> str:
    """A key for one statement that is the same on every run over the same text.

    Examples
    --------
    >>> t = Triple(doc="d1", sentence_index=3, sentence="Russia vetoed it.", start=0, end=17,
    ...            subject="Russia", relation="veto", object="it",
    ...            subject_text="Russia", object_text="it")
    >>> statement_key(t) == statement_key(t), statement_key(t).startswith("d1:3:")
    (True, True)
    """
    doc, sentence_index, *content = triple.identity()
    # the statement's IRI (kg.rdf.namespaces.statement_iri) hashes the same identity; edge keys
    # stay shorter and readable, its document and sentence in plain text
    return f"{doc}:{sentence_index}:{digest(*content, algorithm='sha1', size=10)}"


def is_actor(type_: Optional[str]) -> bool:
    """Whether a node of this type is an actor: a person, organisation, country, group or place, not a Thing."""
    return bool(type_) and type_ != "Thing"


def count_actors(nodes: Mapping[str, tuple], degree: Mapping[str, int]) -> int:
    """The number of actors, as every kg count means it: nodes of an actor type in at least one statement.

    ``nodes`` and ``degree`` are :func:`node_table`'s; a statement is an edge of the statement
    graph (one per distinct statement, as in RDF). The build summary, ``kg stats`` and
    :func:`kg.network.analysis.counts` all count with this.

    Examples
    --------
    >>> count_actors({"Russia": ("Country", 2), "Nobody": ("Person", 1), "draft": ("Thing", 0)},
    ...              {"Russia": 1, "draft": 1})
    1
    """
    return sum(1 for name, (type_, *_) in nodes.items() if is_actor(type_) and degree.get(name, 0))


def _joined(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(v for v in values if v)


def entity_attributes(entity: Entity) -> dict:
    return {
        "label": entity.name,
        "type": entity.type,
        "mentions": int(entity.mentions),
        "titles": _joined(entity.titles),
        "aliases": _joined(a for a in entity.aliases if a != entity.name),
        "docs": _joined(entity.docs),
        "iso": entity.iso or "",
        "stands_for": entity.stands_for or "",
        "affiliation": entity.affiliation or "",
    }


def _offsets(span: Optional[tuple], start: int) -> tuple[int, int]:
    """A document-level span as offsets into the sentence; ``(-1, -1)`` when unknown."""
    if not span:
        return -1, -1
    return span[0] - start, span[1] - start


def edge_attributes(triple: Triple, document: Optional[Document]) -> dict:
    attributes = {
        "relation": triple.relation,
        "relation_class": triple.relation_class,
        "sentence": triple.sentence,
        "sentence_index": int(triple.sentence_index),
        "doc": triple.doc,
        "date": (document.date if document else None) or "",
        "title": (document.title if document else None) or "",
        "negated": bool(triple.negated),
        "modality": triple.modality,
        "attributed_to": triple.attributed_to or "",
        "circumstances": triple.circumstances or "",
        "confidence": float(triple.confidence),
        "subject_text": triple.subject_text,
        "object_text": triple.object_text,
        "subject_title": triple.subject_title or "",
        "object_title": triple.object_title or "",
        # how many sentences of the article, word for word the same, made it ("mentions" names a node's count)
        "mention_count": int(triple.mentions),
    }
    for part in ("subject", "relation", "object"):
        begin, end = _offsets(getattr(triple, f"{part}_span"), triple.start)
        attributes[f"{part}_start"], attributes[f"{part}_end"] = begin, end
    return attributes


def to_networkx(
    triples: Iterable[Triple],
    entities: Iterable[Entity],
    documents: Optional[Mapping[str, Document]] = None,
) -> nx.MultiDiGraph:
    """Build the statement graph: a node per actor, an edge per statement.

    Arguments of a triple that are not among ``entities`` become nodes of the
    triple's argument type (``"Thing"`` when extraction found none).

    Examples
    --------
    >>> t = Triple(doc="d", sentence_index=0, sentence="Russia vetoed a draft.", start=0, end=22,
    ...            subject="Russia", relation="veto", object="draft",
    ...            subject_text="Russia", object_text="a draft")
    >>> g = to_networkx([t], [Entity(name="Russia", type="Country", mentions=2)])
    >>> g.nodes["Russia"]["type"], g.nodes["draft"]["type"], g.number_of_edges()
    ('Country', 'Thing', 1)
    """
    documents = documents or {}
    return subnetwork(entities, ((documents.get(t.doc), [t]) for t in triples))



def graph_elements(entities: Iterable[Entity],
                   statements: Iterable[tuple[Optional[Document], Iterable[Triple]]],
                   edge_data: bool = True) -> Iterator[tuple]:
    """Nodes then edges of the statement graph, one at a time: ``("node", name, attributes)``
    and ``("edge", key, source, target, attributes)`` (attributes ``None`` without ``edge_data``).

    ``statements`` pairs each document with its triples. An argument no entity covers
    becomes a node of the triple's argument type just before its first edge.
    """
    known = set()
    for entity in entities:
        known.add(entity.name)
        yield "node", entity.name, entity_attributes(entity)
    for document, triples in statements:
        for t in triples:
            for entity in uncovered_entities((t,), known, speakers=False):
                yield "node", entity.name, entity_attributes(entity)
            yield "edge", statement_key(t), t.subject, t.object, edge_attributes(t, document) if edge_data else None


def node_table(entities: Iterable[Entity],
               statements: Iterable[tuple[Optional[Document], Iterable[Triple]]]) -> tuple[dict, Counter, int]:
    """Every node's ``(type, mentions)``, its degree and the number of edges of :func:`to_networkx`'s graph.

    One pass over ``statements`` holding a few numbers per node, never the edges: what
    ranking nodes needs on a corpus too large for the whole graph in memory. A degree is
    counted as ``MultiDiGraph.degree`` counts it (a statement repeated under one key once,
    a self-loop twice).

    Examples
    --------
    >>> t = Triple(doc="d", sentence_index=0, sentence="Russia vetoed a draft.", start=0, end=22,
    ...            subject="Russia", relation="veto", object="draft",
    ...            subject_text="Russia", object_text="a draft")
    >>> nodes, degree, edges = node_table([Entity(name="Russia", type="Country", mentions=2)], [(None, [t, t])])
    >>> nodes, dict(degree), edges
    ({'Russia': ('Country', 2), 'draft': ('Thing', 0)}, {'Russia': 1, 'draft': 1}, 1)
    """
    nodes: dict[str, tuple[str, int]] = {}
    degree: Counter = Counter()
    edges, seen, document = 0, set(), None
    for element in graph_elements(entities, statements, edge_data=False):
        if element[0] == "node":
            nodes[element[1]] = (element[2]["type"], element[2]["mentions"])
            continue
        _, key, source, target, _ = element
        if key.rsplit(":", 2)[0] != document:  # keys start with their document's id
            seen, document = set(), key.rsplit(":", 2)[0]
        if key not in seen:
            seen.add(key)
            degree[source] += 1
            degree[target] += 1
            edges += 1
    return nodes, degree, edges


def subnetwork(entities: Iterable[Entity], statements: Iterable[tuple[Optional[Document], Iterable[Triple]]],
               keep: Optional[Collection[str]] = None) -> nx.MultiDiGraph:
    """:func:`to_networkx`'s graph from documents and their triples, restricted to the nodes ``keep``
    (all when ``None``) without building the rest.

    Examples
    --------
    >>> t = Triple(doc="d", sentence_index=0, sentence="Russia vetoed a draft.", start=0, end=22,
    ...            subject="Russia", relation="veto", object="draft",
    ...            subject_text="Russia", object_text="a draft")
    >>> sorted(subnetwork([], [(None, [t])], {"Russia"}).nodes)
    ['Russia']
    """
    graph = nx.MultiDiGraph()
    for element in graph_elements(entities, statements):
        if element[0] == "node":
            if keep is None or element[1] in keep:
                graph.add_node(element[1], **element[2])
        elif keep is None or element[2] in keep and element[3] in keep:
            _, key, source, target, attributes = element
            graph.add_edge(source, target, key=key, **attributes)
    return graph
