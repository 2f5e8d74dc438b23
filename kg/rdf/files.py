"""RDF files: a dataset serialized in memory, a build's quads as they go by, or a store read back.

:func:`serialize` and :func:`export` write a small dataset, sorted in memory.
:class:`StreamedExports` writes a build's ``graph.ttl`` and ``graph.trig`` from the quads
on their way into the store, part by part. :func:`export_store` streams a store of any
size (``kg export``): Oxigraph dumps TriG itself, and Turtle is dumped graph by graph.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import IO, Iterable, Iterator, NamedTuple, Optional, Union

import pyoxigraph as ox
from rdflib import RDF, Dataset, Graph

from kg.io import atomic_write
from kg.model import Entity
from kg.rdf.namespaces import is_document_iri, prefixes
from kg.rdf.store import Store, bulk_load, foreign_data, is_kg_graph, ox_store, to_ox
from kg.rdf.terms import FORMATS, rdf_format

__all__ = ["EntityFiles", "StreamedExports", "entity_files", "canonical_lines", "export", "export_store", "ox_quads", "serialize"]

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
    that is in several graphs written with the first of them only (the same direct edge
    stated in several articles: see :func:`_repeated_edges`); each graph is dumped by
    Oxigraph itself, and only a graph with such an edge to leave out is read quad by
    quad.  Either way: the same file for the same content.
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


class StreamedExports:
    """Turtle and TriG written from a build's quads as they go into the store, not read back from it.

    Reading a store back costs about ten times serializing the same quads (every term is a
    lookup in the store's string table), so a build hands each unit of quads (an entity, an
    article's graph, a summary node: see :class:`kg.rdf.store.bulk_load`'s ``also``) here as
    it writes it.  A graph's units are gathered into parts of about :attr:`PART` quads,
    each part sorted and written to both files: the same content, handed over in the
    same order (entities by name, articles by id, then the summary), gives the same bytes
    whether the store was loaded in bulk or changed article by article.  Turtle has no
    named graphs and gets their union: a direct edge several articles state is written
    with the first of them only.  The caller opens and closes (atomically) the two files.

    Examples
    --------
    >>> import io
    >>> ttl, trig = io.BytesIO(), io.BytesIO()
    >>> exports = StreamedExports(ttl, trig)
    >>> g, s = ox.NamedNode("urn:g"), ox.NamedNode("urn:s")
    >>> exports.add(g, [ox.Quad(s, s, ox.Literal("x"), g)])
    >>> exports.close()
    >>> trig.getvalue().decode().split()[-6:], ttl.getvalue().decode().split()[-4:]
    (['{', '<urn:s>', '<urn:s>', '"x"', '.', '}'], ['<urn:s>', '<urn:s>', '"x"', '.'])
    """

    #: The most quads of one graph held, sorted and written at once (a graph's parts follow each other).
    PART = 20_000

    def __init__(self, turtle: IO[bytes], trig: IO[bytes], *, header: bool = True) -> None:
        self.bound = _bound_prefixes()
        self.turtle, self.trig = turtle, trig
        # every part would start with the prefixes: they are written once (``header``), each part's own skipped
        prefixes = _prefix_lines(self.bound)
        self.skip = len(prefixes)
        for handle in (turtle, trig) if header else ():
            handle.write(prefixes)
        self.graph: Optional[ox.NamedNode] = None
        self.part: list[ox.Quad] = []
        self.edges: set[ox.Triple] = set()  # the direct edges already written to the Turtle
        #: Wall and CPU seconds spent writing (what the exports cost beside the store).
        self.seconds = self.cpu_seconds = 0.0

    def add(self, graph: ox.NamedNode, quads: list[ox.Quad]) -> None:
        """Take one unit of ``graph``'s quads (a unit is never split between parts)."""
        if graph != self.graph:
            self._write()
            self.graph = graph
        self.part.extend(quads)
        if len(self.part) >= self.PART:
            self._write()

    def close(self) -> None:
        """Write what is left (the files stay open)."""
        self._write()

    def append(self, parts: "EntityFiles") -> None:
        """Write the parts another process made (:func:`entity_files`) after what is here so far."""
        self._write()
        self.graph = None
        started, cpu = time.perf_counter(), time.process_time()
        for path, handle in ((parts.turtle, self.turtle), (parts.trig, self.trig)):
            with open(path, "rb") as part:
                shutil.copyfileobj(part, handle)
        self.seconds += time.perf_counter() - started
        self.cpu_seconds += time.process_time() - cpu

    def _write(self) -> None:
        if not self.part:
            return
        started, cpu = time.perf_counter(), time.process_time()
        part = sorted(self.part, key=str)
        self.part = []
        ox.serialize(part, _Skipping(self.trig, self.skip), format=FORMATS["trig"], prefixes=self.bound)
        ox.serialize(self._union(part), _Skipping(self.turtle, self.skip), format=FORMATS["turtle"], prefixes=self.bound)
        self.seconds += time.perf_counter() - started
        self.cpu_seconds += time.process_time() - cpu

    def _union(self, part: list[ox.Quad]) -> Iterator[ox.Triple]:
        assert self.graph is not None
        name = self.graph.value
        if not is_document_iri(name):  # the entities' and the summary's graphs share no triple with another
            yield from (q.triple for q in part)
            return
        for quad in part:
            subject = quad.subject.value
            # a node minted under the article's IRI is described in its graph alone: only a
            # direct edge between actors can be in another article's graph too
            if subject != name and not subject.startswith(name + "/"):
                if quad.triple in self.edges:
                    continue
                self.edges.add(quad.triple)
            yield quad.triple


class EntityFiles(NamedTuple):
    """The entities' graph as :func:`entity_files` wrote it: N-Quads for the store, parts of the exports."""

    nquads: Path
    turtle: Path
    trig: Path


def entity_files(entities: Iterable[Entity], folder: Path) -> EntityFiles:
    """Write the entities' graph into ``folder``: as N-Quads (to bulk-load into a store) and as
    the parts of the Turtle and the TriG (to :meth:`StreamedExports.append`), without prefixes.

    A build runs it in a child process beside the store (it is a third of the quads and
    of the work of describing them); its parts are the same bytes whether the store
    is loaded in bulk or changed article by article.
    """
    paths = EntityFiles(folder / "entities.nq", folder / "entities.ttl", folder / "entities.trig")
    with open(paths.nquads, "wb") as nquads, open(paths.turtle, "wb") as turtle, open(paths.trig, "wb") as trig:
        exports = StreamedExports(turtle, trig, header=False)

        def both(graph: ox.NamedNode, quads: list[ox.Quad]) -> None:
            exports.add(graph, quads)
            ox.serialize(quads, nquads, format=ox.RdfFormat.N_QUADS)
        bulk_load(None, both).entities(entities)
        exports.close()
    return paths


def _kg_quads(store: ox.Store) -> Iterator[ox.Quad]:
    for graph in store.named_graphs():
        if is_kg_graph(graph.value):
            yield from store.quads_for_pattern(None, None, None, graph)


def _union(store: ox.Store, handle: IO[bytes], bound: dict[str, str]) -> None:
    turtle = FORMATS["turtle"]
    # Each part would start with the prefixes: they are written once, each part's own skipped.
    header = _prefix_lines(bound)
    handle.write(header)
    graphs = sorted((g for g in store.named_graphs() if is_kg_graph(g.value)), key=str)
    skipped = _repeated_edges(store, graphs)
    for graph in graphs:
        part = _Skipping(handle, len(header))
        skip = skipped.get(graph.value)
        if skip:
            triples = (q.triple for q in store.quads_for_pattern(None, None, None, graph) if q.triple not in skip)
            ox.serialize(triples, part, format=turtle, prefixes=bound)
        else:  # most graphs: Oxigraph's own dump, no quad through Python
            store.dump(part, turtle, from_graph=graph, prefixes=bound)


def _repeated_edges(store: ox.Store, graphs: list[ox.NamedNode]) -> dict[str, set[ox.Triple]]:
    """The triples each graph leaves out of the union because a graph before it in ``graphs`` holds them.

    Only a direct edge between two actors can be in several kg graphs (a node minted under a
    document's IRI is described in its graph alone; the entities' and summary graphs share no
    triple with any other), and every direct edge has a statement with the same
    ``rdf:subject`` and ``rdf:object`` beside it: the pairs stated in several graphs are found
    from the statements (two index scans), and only their edges are looked up, instead of
    looking up every triple of every article.
    """
    rank = {graph.value: i for i, graph in enumerate(graphs)}
    subjects = {(q.subject, q.graph_name.value): q.object
                for q in store.quads_for_pattern(None, _RDF_SUBJECT, None) if q.graph_name.value in rank}
    pairs: dict[tuple, set[str]] = {}
    for q in store.quads_for_pattern(None, _RDF_OBJECT, None):
        actor = subjects.get((q.subject, q.graph_name.value))
        if actor is not None:
            pairs.setdefault((actor, q.object), set()).add(q.graph_name.value)
    skipped: dict[str, set[ox.Triple]] = {}
    for (subject, obj), names in pairs.items():
        if len(names) < 2:
            continue
        holders: dict[ox.Triple, list[str]] = {}
        for q in store.quads_for_pattern(subject, None, obj):
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in rank:
                holders.setdefault(q.triple, []).append(q.graph_name.value)
        for triple, held in holders.items():
            for name in sorted(held, key=rank.__getitem__)[1:]:
                skipped.setdefault(name, set()).add(triple)
    return skipped


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


def _prefix_lines(bound: dict[str, str]) -> bytes:
    """The ``@prefix`` lines Oxigraph starts a Turtle or TriG file with (the same in both)."""
    placeholder = ox.serialize([_PLACEHOLDER], format=FORMATS["turtle"], prefixes=bound)
    return placeholder[:placeholder.rindex(b"<urn:kg:s>")]


_RDF_SUBJECT, _RDF_OBJECT = to_ox(RDF.subject), to_ox(RDF.object)
_PLACEHOLDER = ox.Triple(ox.NamedNode("urn:kg:s"), ox.NamedNode("urn:kg:p"), ox.NamedNode("urn:kg:o"))
