"""RDF files: a dataset serialized in memory, or Turtle and TriG straight from the store.

:func:`serialize` and :func:`export` write a small dataset, sorted in memory. :func:`export_store`
streams a store of any size: Oxigraph dumps TriG itself, and Turtle is read graph by graph.
"""
from __future__ import annotations

from pathlib import Path
from typing import IO, Iterator, Optional, Union

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.io import atomic_write
from kg.rdf.namespaces import is_document_iri, prefixes
from kg.rdf.store import Store, foreign_data, is_kg_graph, ox_store, to_ox
from kg.rdf.terms import FORMATS, rdf_format

__all__ = ["canonical_lines", "export", "export_store", "ox_quads", "serialize"]

def ox_quads(dataset: Dataset) -> Iterator[ox.Quad]:
    """Every quad of ``dataset`` as a pyoxigraph ``Quad`` (read straight from an Oxigraph store)."""
    if isinstance(dataset.store, Store):
        yield from ox_store(dataset).quads_for_pattern(None, None, None, None)
        return
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = g.identifier if isinstance(g, Graph) else g
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(graph))


def canonical_lines(dataset: Dataset) -> list[str]:
    """Every quad as a sorted N-Quads line: two equal datasets give equal lists."""
    return sorted({f"{quad} ." for quad in ox_quads(dataset)})


def serialize(dataset: Dataset, format: str = "trig", *, canonical: bool = True) -> str:
    """The dataset as text in ``format`` (see :data:`FORMATS`); ``canonical`` sorts it.

    pyoxigraph writes every format: it is fast and escapes any IRI correctly (rdflib's
    Turtle writer can cut a percent-encoded IRI into an invalid prefix).  Turtle
    and N-Triples have no named graphs: they carry the union of all graphs.

    Examples
    --------
    >>> serialize(Dataset(), "nquads")
    ''
    """
    if format not in FORMATS:
        raise ValueError(f"unknown RDF format {format!r}; choose one of {', '.join(FORMATS)}")
    quads = list(ox_quads(dataset))
    if format in ("turtle", "ntriples"):
        items = list({ox.Triple(q.subject, q.predicate, q.object) for q in quads})
    else:
        items = quads
    if canonical:
        items.sort(key=str)
    bound = None if format in ("nquads", "ntriples") else _bound_prefixes()
    return ox.serialize(items, format=FORMATS[format], prefixes=bound).decode("utf-8")


def export(dataset: Dataset, path: Union[str, Path], format: Optional[str] = None, *, canonical: bool = True) -> Path:
    """Write the dataset to ``path`` atomically; ``format`` defaults from the suffix.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = export(Dataset(), pathlib.Path(tempfile.mkdtemp()) / "g.trig")
    >>> out.exists()
    True
    """
    path = Path(path)
    if format is None:
        format = rdf_format(path) or "trig"
    text = serialize(dataset, format, canonical=canonical)
    with atomic_write(path) as handle:
        handle.write(text)
    return path




def export_store(dataset: Dataset, path: Union[str, Path], format: str) -> None:
    """Write a store's kg graphs to ``path`` straight from the store, without holding them in memory.

    TriG is the store's kg graphs as they are (see :func:`kg.rdf.store.is_kg_graph`: data
    anyone else wrote into the store is left out), written by Oxigraph's own dump in the
    store's index order, which follows the content, never the order it was written in.
    Turtle has no named graphs, so it gets their union, graphs in name order, a triple
    that is in several graphs written with the first of them only: the entities' and the
    summary's graphs, which share no triple (kg keeps labels, types and counts only there),
    are dumped as they are; each article's graph is read without the triples an earlier
    graph holds (the same statement said in several articles).  Either way: the same file
    for the same content.
    """
    store = ox_store(dataset)
    bound = _bound_prefixes()
    with atomic_write(path, "wb") as handle:
        if format == "turtle":
            _union(store, handle, bound)
        elif format != "trig":
            raise ValueError(f"cannot export a store as {format!r}: use trig or turtle")
        elif foreign_data(dataset) == (0, 0):
            store.dump(handle, FORMATS["trig"], prefixes=bound)
        else:  # the same bytes as the dump of the kg graphs alone: the graphs in the store's order
            ox.serialize(_kg_quads(store), handle, format=FORMATS["trig"], prefixes=bound)


def _kg_quads(store: ox.Store) -> Iterator[ox.Quad]:
    for graph in store.named_graphs():
        if is_kg_graph(graph.value):
            yield from store.quads_for_pattern(None, None, None, graph)


def _union(store: ox.Store, handle: IO[bytes], bound: dict[str, str]) -> None:
    turtle = FORMATS["turtle"]
    # Each part would start with the prefixes: they are written once, each part's own skipped.
    placeholder = ox.serialize([_PLACEHOLDER], format=turtle, prefixes=bound)
    header = placeholder[:placeholder.rindex(b"<urn:kg:s>")]
    handle.write(header)
    graphs = sorted((g for g in store.named_graphs() if is_kg_graph(g.value)), key=str)
    order = {graph.value: rank for rank, graph in enumerate(graphs)}
    for graph in graphs:
        part = _Skipping(handle, len(header))
        if is_document_iri(graph.value):
            triples = (q.triple for q in store.quads_for_pattern(None, None, None, graph) if _first_in(store, q, order))
            ox.serialize(triples, part, format=turtle, prefixes=bound)
        else:
            store.dump(part, turtle, from_graph=graph, prefixes=bound)


def _first_in(store: ox.Store, quad: ox.Quad, order: dict[str, int]) -> bool:
    """Whether no kg graph before ``quad``'s graph in ``order`` (kg graph IRI -> rank) holds its triple.

    A node minted under the document's IRI (the article, its sentences and statements) is
    described in the document's graph alone, so only the other triples (the direct edges
    between actors, which several articles may state) are looked up, one index lookup each:
    a scan of the graph instead of a SPARQL query with a negated pattern per triple.
    """
    name = quad.graph_name.value
    subject = quad.subject.value
    if subject == name or subject.startswith(name + "/"):
        return True
    rank = order[name]
    return not any(order.get(q.graph_name.value, rank) < rank
                   for q in store.quads_for_pattern(quad.subject, quad.predicate, quad.object)
                   if isinstance(q.graph_name, ox.NamedNode))


class _Skipping:
    """A binary writer that drops the first ``skip`` bytes written to it."""

    def __init__(self, handle: IO[bytes], skip: int) -> None:
        self.handle, self.skip = handle, skip

    def write(self, data: bytes) -> int:
        dropped = min(self.skip, len(data))
        self.skip -= dropped
        self.handle.write(data[dropped:])
        return len(data)

    def flush(self) -> None:
        self.handle.flush()


def _bound_prefixes() -> dict[str, str]:
    """The build's prefixes as pyoxigraph takes them."""
    return {name: str(iri) for name, iri in prefixes().items()}


_PLACEHOLDER = ox.Triple(ox.NamedNode("urn:kg:s"), ox.NamedNode("urn:kg:p"), ox.NamedNode("urn:kg:o"))
