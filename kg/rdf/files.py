"""RDF files: a dataset serialized in memory, or Turtle and TriG straight from an Oxigraph store.

:func:`serialize` and :func:`export` write a dataset held in memory. :func:`export_store`
writes an on-disk store in bounded memory: it is read graph by graph, the graphs that
grow with the corpus (actors, summary) a page of subjects at a time. Reading fills
RocksDB's block cache, which only reopening the store empties
(:func:`kg.rdf.store.drop_caches`), so no reader is held across the points where it may
be reopened.
"""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Callable, Iterator, Optional, Union

import pyoxigraph as ox
from oxrdflib._converter import to_ox
from rdflib import Dataset, Graph

from kg.io import atomic_write
from kg.rdf.namespaces import entities_graph, id_namespace, is_document_iri, prefixes, summary_graph
from kg.rdf.store import drop_caches, is_kg_graph, ox_store
from kg.rdf.terms import FORMATS, rdf_format

__all__ = ["canonical_lines", "export", "export_store", "ox_quads", "serialize"]

def ox_quads(dataset: Dataset) -> Iterator[ox.Quad]:
    """Every quad of ``dataset`` as a pyoxigraph ``Quad`` (read straight from an Oxigraph store)."""
    inner = getattr(dataset.store, "_inner", None)
    if inner is not None:
        yield from inner.quads_for_pattern(None, None, None, None)
        return
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = g.identifier if isinstance(g, Graph) else g
        yield to_ox((s, p, o, graph))


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
    bound = None if format in ("nquads", "ntriples") else {k: str(v) for k, v in prefixes().items()}
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
    """Write an Oxigraph-backed dataset to ``path`` straight from the store, without holding it in memory.

    TriG is the store's kg graphs as they are (see :func:`kg.rdf.store.is_kg_graph`: data
    anyone else wrote into the store is left out); Turtle has no named graphs, so it gets
    their union, a triple that is in several graphs written with the first of them only.
    Graphs come in name order, each in the store's order: the same file for the same content.
    """
    bound = {name: str(iri) for name, iri in prefixes().items()}
    statements = _graph_by_graph(dataset, union=format != "trig")
    with atomic_write(path, "wb") as handle:
        ox.serialize(statements, handle, format=FORMATS[format], prefixes=bound)


def _graph_by_graph(dataset: Dataset, *, union: bool) -> Iterator[Union[ox.Quad, ox.Triple]]:
    # Reading fills RocksDB's block cache (every term is decoded by a lookup somewhere in the
    # store), and only reopening the store empties it, with no reader left: it is dropped
    # between articles' graphs, and within the others, which grow with the corpus.
    read = _cache_dropper(dataset)
    for graph in sorted(ox_store(dataset).named_graphs(), key=str):
        if not is_kg_graph(graph.value):
            continue  # someone else's: not kg's to publish
        if not is_document_iri(graph.value):
            yield from _subject_by_subject(dataset, graph, union, read)
            continue
        if union:
            # SELECT, not CONSTRUCT: a CONSTRUCT result is a set, kept in memory to drop its repeats
            rows = (ox.Triple(s, p, o) for s, p, o in ox_store(dataset).query(_first_only() % (graph, graph)))
        else:
            rows = ox_store(dataset).quads_for_pattern(None, None, None, graph)
        count = 0
        for row in rows:
            count += 1
            yield row
        del rows
        read(count)


def _subject_by_subject(dataset: Dataset, graph: ox.NamedNode, union: bool,
                        read: Callable[[int], None]) -> Iterator[Union[ox.Quad, ox.Triple]]:
    """One graph, a page of subjects at a time, each subject's statements in the store's order
    (the order of one scan of the graph, without a reader held across the whole of it)."""
    for offset in itertools.count(0, _SUBJECTS_PER_PAGE):
        # A page's OFFSET skips keys without decoding them, but still reads every block before
        # the page: the cache it fills grows with the graph, so it goes before the page is read.
        subjects = [row[0] for row in ox_store(dataset).query(_SUBJECTS % (graph, offset, _SUBJECTS_PER_PAGE))]
        if offset:
            drop_caches(dataset)
        for subject in subjects:
            # no handle to the store is kept across these lines: read() may reopen it
            quads = list(ox_store(dataset).quads_for_pattern(subject, None, None, graph))
            yield from (q.triple if union else q for q in quads if not union or _first_in(ox_store(dataset), q))
            read(len(quads))
        if len(subjects) < _SUBJECTS_PER_PAGE:
            break


def _first_in(store: ox.Store, quad: ox.Quad) -> bool:
    """Whether ``quad``'s graph is the first (by name) holding its triple, as :func:`_first_only` asks."""
    return not any(isinstance(other.graph_name, ox.NamedNode) and other.graph_name.value < quad.graph_name.value
                   and is_kg_graph(other.graph_name.value)
                   for other in store.quads_for_pattern(quad.subject, quad.predicate, quad.object, None))


def _cache_dropper(dataset: Dataset) -> Callable[[int], None]:
    """A counter of quads read that drops the store's caches once :data:`QUADS_PER_READ` have been."""
    count = [0]

    def read(quads: int) -> None:
        count[0] += quads
        if count[0] >= QUADS_PER_READ:
            drop_caches(dataset)
            count[0] = 0
    return read


#: Quads an export reads between two drops of the store's read cache.
QUADS_PER_READ = 5_000
_SUBJECTS_PER_PAGE = 2_000
def _first_only() -> str:
    """The triples of graph ``%s`` that no kg graph named before it holds (under the build's base)."""
    return ("SELECT ?s ?p ?o WHERE { GRAPH %s { ?s ?p ?o } "
            "FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } FILTER (STR(?h) < STR(%s) && "
            f"(STRSTARTS(STR(?h), \"{id_namespace()}doc/\") || ?h IN (<{entities_graph()}>, <{summary_graph()}>))) }} }}")
_SUBJECTS = "SELECT DISTINCT ?s WHERE { GRAPH %s { ?s ?p ?o } } OFFSET %d LIMIT %d"
