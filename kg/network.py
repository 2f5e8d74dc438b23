"""The NetworkX projection of kg's statements, and the files analysts open it with.

One node per actor (keyed by canonical name), one edge per statement (keyed by a
stable statement key), every attribute a plain ``str``/``int``/``float``/``bool``
so that GraphML, GEXF and CSV carry all of it.
"""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Iterable, Mapping, Optional, Union

import networkx as nx

from kg.io import atomic_write
from kg.model import Document, Entity, Triple

#: Joins list-valued attributes (aliases, titles) into one GraphML-safe string.
LIST_SEPARATOR = "; "

#: Edge attributes in the order the CSV export writes them.
EDGE_FIELDS = (
    "relation", "relation_class", "sentence", "sentence_index", "doc", "date", "title",
    "negated", "modality", "attributed_to", "confidence", "subject_text", "object_text",
    "subject_title", "object_title",
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
    content = "\x1f".join((triple.subject, triple.relation, triple.object,
                           str(triple.negated), triple.modality, triple.attributed_to or ""))
    digest = hashlib.sha1(content.encode("utf-8")).hexdigest()[:10]
    return f"{triple.doc}:{triple.sentence_index}:{digest}"


def _joined(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(v for v in values if v)


def _entity_attributes(entity: Entity) -> dict:
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


def _edge_attributes(triple: Triple, document: Optional[Document]) -> dict:
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
        "confidence": float(triple.confidence),
        "subject_text": triple.subject_text,
        "object_text": triple.object_text,
        "subject_title": triple.subject_title or "",
        "object_title": triple.object_title or "",
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
    graph = nx.MultiDiGraph()
    for entity in entities:
        graph.add_node(entity.name, **_entity_attributes(entity))
    for triple in triples:
        for name, kind in ((triple.subject, triple.subject_type), (triple.object, triple.object_type)):
            if name not in graph:
                graph.add_node(name, **_entity_attributes(Entity(name=name, type=kind or "Thing")))
        graph.add_edge(triple.subject, triple.object, key=statement_key(triple),
                       **_edge_attributes(triple, documents.get(triple.doc)))
    return graph


PathLike = Union[str, Path]


def write_graphml(graph: nx.MultiDiGraph, path: PathLike) -> Path:
    """Write ``graph`` as GraphML (yEd, Cytoscape, networkx) with every attribute."""
    path = Path(path)
    with atomic_write(path, "wb") as handle:
        nx.write_graphml(graph, handle, named_key_ids=True)
    return path


def write_gexf(graph: nx.MultiDiGraph, path: PathLike) -> Path:
    """Write ``graph`` as GEXF, the format Gephi opens natively."""
    path = Path(path)
    with atomic_write(path, "wb") as handle:
        nx.write_gexf(graph, handle)
    return path


def write_edge_csv(graph: nx.MultiDiGraph, path: PathLike) -> Path:
    """Write one CSV row per statement: ``source, target, key`` then :data:`EDGE_FIELDS`."""
    path = Path(path)
    extra = sorted({k for _, _, d in graph.edges(data=True) for k in d} - set(EDGE_FIELDS))
    columns = ["source", "target", "key", *EDGE_FIELDS, *extra]
    with atomic_write(path) as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for source, target, key, data in graph.edges(keys=True, data=True):
            writer.writerow({"source": source, "target": target, "key": key, **data})
    return path


def read_graphml(path: PathLike) -> nx.MultiDiGraph:
    """Read a GraphML file written by :func:`write_graphml` back into a ``MultiDiGraph``."""
    graph = nx.read_graphml(Path(path), force_multigraph=True)
    return graph if graph.is_directed() else nx.MultiDiGraph(graph)
