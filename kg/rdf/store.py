"""Where the RDF lives: one Oxigraph store, on disk or in memory, written incrementally or in bulk.

:class:`Store` owns the pyoxigraph ``Store`` (and, on disk, its directory and lock) and
serves it to rdflib; :func:`open_store` wraps it in a ``Dataset``.  ``--store memory``
is the same store without a directory, so there is one code path.

A clean build (an empty store) is loaded in bulk (:func:`load_clean`): Oxigraph's bulk
loader sorts the quads into new files instead of updating its indexes quad by quad, and
the summary graph is summed once at the end.  Later builds add articles one named graph
at a time.  Each document graph carries a ``kg:fingerprint`` of its content, so an
unchanged article is skipped and a changed one replaces its own graph.  A graph is
written in slices and its fingerprint last: a build killed at any moment leaves each
graph old, gone, or new, perhaps not yet stamped, which the next build rewrites (see
:func:`_write`); a bulk load killed midway leaves a mark that makes the next build
load the store again from scratch.  Exports are in :mod:`kg.rdf.files`.

The summary graph (:func:`~kg.rdf.namespaces.summary_graph`) moves with the fingerprints:
counts per actor, relation, dyad and co-occurring pair that the aggregate queries
read instead of every statement.  A write adds the document's new share
(:func:`kg.rdf.summary.summary_counts`) minus the share of the version it replaces, read
back from the store, so it touches only the summary nodes that document names and
costs what the document costs.  A rename (:func:`rename_entities`, or a merge seen
by :func:`replace_entities`) rewrites the few documents naming the old entity the
same way.

Only one process can open an Oxigraph store directory: kg holds a lock of its own
(:func:`kg.lock.store_lock`) for as long as the store is open, on top of RocksDB's
``LOCK``; both die with the process, so a killed build never leaves them stale.  A
second ``kg build`` or ``kg serve`` on the same store waits up to ``wait`` seconds and
then fails with :class:`StoreLockedError`.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import itertools
import time
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator, Mapping, Optional, Union, cast

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import OWL, PROV, RDF, SDO, BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.lock import InUseError, Lock, read_elsewhere, store_lock
from kg.model import Document, Entity, Triple
from kg.rdf.mapping import (
    complete_entities,
    described_entities,
    document_graph_triples,
    entity_from_graph,
    entity_triples,
    group_by_doc,
    read_documents,
)
from kg.rdf.namespaces import (
    KG,
    bind_prefixes,
    document_id,
    document_iri,
    entities_graph,
    entity_iri,
    is_document_iri,
    summary_graph,
)
from kg.rdf.summary import (
    COUNT_PROPERTIES,
    DERIVED_PROPERTIES,
    SUMMARY_VERSION,
    by_node,
    day_band,
    summary_counts,
    summary_graph_triples,
    summary_node_triples,
)
from kg.rdf.terms import FORMATS, RDFTriple, fingerprint, from_ox, rdf_format, to_ox

__all__ = [
    "MEMORY", "QUADS_PER_FLUSH", "QUADS_PER_TRANSACTION", "Store", "StoreLockedError", "flush", "from_ox",
    "bulk_load", "clean_start", "load_file", "load_graph", "open_store", "ox_store", "recount_summaries",
    "remove_document", "rename_entities", "replace_document", "replace_entities", "stored_document",
    "stored_documents", "stored_entities", "stored_fingerprint", "to_dataset", "to_ox", "write_entities",
]

#: Names that mean "no directory, keep it in memory".
MEMORY = ("memory", ":memory:")


#: Raised when the store directory is open in another process (another build, a server).
StoreLockedError = InUseError


class Store(OxigraphStore):
    """kg's RDF store: one pyoxigraph ``Store`` (:attr:`ox`) in ``directory``, or in memory for ``None``.

    rdflib reaches it through oxrdflib's store API; kg's bulk loads, dumps and SPARQL go to
    :attr:`ox` directly.  An on-disk store holds ``locks`` (kg's own, see
    :func:`open_store`) until :meth:`close`, which also closes RocksDB.

    Examples
    --------
    >>> store = Store()
    >>> store.directory is None, len(store.ox)
    (True, 0)
    """

    def __init__(self, directory: Optional[Path] = None, locks: Iterable[Lock] = ()) -> None:
        #: The pyoxigraph store; ``None`` once closed.
        self.ox: Optional[ox.Store] = ox.Store(None if directory is None else str(directory))
        super().__init__(store=self.ox)
        self.directory = directory
        #: Locks released when the store is closed: its own, and its build folder's for a reader.
        self.locks = list(locks)
        #: Quads written since the last :func:`flush`.
        self.unflushed = 0

    def triples(self, triple_pattern, context=None):  # type: ignore[no-untyped-def]
        # oxrdflib's, with kg's term conversion: literals come back as kg wrote them (see from_ox)
        try:
            pattern = [to_ox(term) for term in (*triple_pattern, context)]
            quads = self.ox.quads_for_pattern(*pattern)
        except (TypeError, ValueError):  # a pattern no quad can match (a variable, a literal subject)
            return iter(())
        return (((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)), iter((self._graph(q.graph_name),)))
                for q in quads)

    def _graph(self, name: Union[ox.NamedNode, ox.BlankNode, ox.DefaultGraph]) -> Graph:
        identifier = DATASET_DEFAULT_GRAPH_ID if isinstance(name, ox.DefaultGraph) else from_ox(name)
        return Graph(store=self, identifier=identifier)

    def close(self, commit_pending_transaction: bool = False) -> None:
        if self.ox is not None:
            super().close(commit_pending_transaction)
            self.ox = None  # the last handle: RocksDB closes, then the locks go
        while self.locks:
            self.locks.pop().release()


def open_store(path: Union[str, Path, None] = None, *, wait: float = 0.0) -> Dataset:
    """A ``Dataset`` over a :class:`Store`: in memory (``None``/``"memory"``) or in an Oxigraph directory.

    The dataset's default graph is the union of its named graphs, so queries see
    every document without ``GRAPH`` clauses.  An on-disk store is this process's
    alone until ``dataset.close()``: another one waits up to ``wait`` seconds, then
    gets :class:`StoreLockedError`.

    Examples
    --------
    >>> ds = open_store("memory")
    >>> ds.default_union, ds.store.directory
    (True, None)
    """
    if path is None or str(path) in MEMORY:
        store = Store()
    else:
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise ValueError(f"{path}: not a store directory")
        path.mkdir(parents=True, exist_ok=True)
        store = _open_directory(path, wait)
    return _dataset(store)


def _dataset(store: Store) -> Dataset:
    dataset = Dataset(store=store)
    dataset.default_union = True
    return bind_prefixes(dataset)


def _open_directory(path: Path, wait: float) -> Store:
    # kg's own lock first, held until the store is closed, then RocksDB's
    deadline = time.monotonic() + wait
    lock = store_lock(path, wait=wait).acquire()
    try:
        while True:
            try:
                return Store(path, [lock])
            except OSError as exc:  # RocksDB's own lock: a process that is not kg, or this one
                if "lock" not in str(exc).lower():
                    raise ValueError(f"{path}: cannot open the Oxigraph store ({exc})") from None
                if time.monotonic() >= deadline:
                    raise StoreLockedError(
                        f"{path}: the store is in use by another process (a running `kg build` or `kg serve`?); "
                        "wait for it to finish or stop it"
                    ) from None
                time.sleep(0.2)
    except BaseException:
        lock.release()
        raise


def ox_store(dataset: Dataset) -> ox.Store:
    """The pyoxigraph store behind ``dataset`` (a dataset :func:`open_store` gave).

    Raises
    ------
    TypeError
        For a dataset on another rdflib store.
    """
    store = getattr(dataset, "store", None)
    if not isinstance(store, Store) or store.ox is None:
        raise TypeError("not an open kg store: open one with kg.rdf.open_store()")
    return store.ox


_FINGERPRINT = to_ox(KG.fingerprint)


def _quad(triple: RDFTriple, graph: ox.NamedNode) -> ox.Quad:
    s, p, o = triple
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)


def _ox_triple(triple: RDFTriple) -> str:
    return " ".join(str(to_ox(term)) for term in triple) + " ."


def _view(dataset: Dataset, name: URIRef) -> Graph:
    # Unlike ``dataset.graph(name)`` this does not register an empty graph when reading.
    return Graph(store=dataset.store, identifier=name)


def is_kg_graph(name: Union[str, URIRef]) -> bool:
    """Whether kg writes the named graph ``name``: a document's, the entities' or the summary's.

    Examples
    --------
    >>> is_kg_graph(document_iri("a1")), is_kg_graph(summary_graph()), is_kg_graph("http://example.org/g")
    (True, True, False)
    """
    return is_document_iri(name) or str(name) in (str(entities_graph()), str(summary_graph()))


def foreign_data(dataset: Dataset) -> tuple[int, int]:
    """``(graphs, triples)``: named graphs kg did not write, and triples in the default graph, of a store.

    Someone else put them there (a SPARQL client of ``kg serve``, ``kg push``); kg leaves
    them alone and keeps them out of its exports.
    """
    store = ox_store(dataset)
    graphs = sum(1 for g in store.named_graphs() if not is_kg_graph(g.value))
    return graphs, sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def stored_documents(dataset: Dataset) -> dict[str, Optional[str]]:
    """Document id -> stored fingerprint, for every document in the store.

    Examples
    --------
    >>> ds = open_store()
    >>> _ = replace_document(ds, Document(id="a1", text="Hi."), [])
    >>> list(stored_documents(ds))
    ['a1']
    """
    names = ox_store(dataset).named_graphs()
    out: dict[str, Optional[str]] = {document_id(g.value): None for g in names
                                     if isinstance(g, ox.NamedNode) and is_document_iri(g.value)}
    out.update(_fingerprinted_documents(dataset))
    return out


def _fingerprinted_documents(dataset: Dataset) -> dict[str, str]:
    """Document id -> fingerprint, for the document graphs that carry theirs, in one query.

    Oxigraph finds them by their predicate, so the cost is a row per document (half of it
    decoding the ids from the graph names), not a graph per document built through rdflib.
    """
    rows = ox_store(dataset).query(f"SELECT ?g ?f WHERE {{ GRAPH ?g {{ ?g <{KG.fingerprint}> ?f }} }}")
    return {document_id(row[0].value): row[1].value for row in rows if is_document_iri(row[0].value)}


def stored_fingerprint(dataset: Dataset, doc_id: str) -> Optional[str]:
    """The fingerprint stored with document ``doc_id``, or ``None`` if it is not in the store."""
    name = document_iri(doc_id)
    value = _view(dataset, name).value(name, KG.fingerprint)
    return None if value is None else str(value)


_OxTerm = Union[ox.NamedNode, ox.BlankNode, ox.Literal]


class _GraphCopy:
    """One named graph read from Oxigraph in one scan, answering the lookups :func:`read_documents` makes.

    Filling an rdflib ``Graph`` and asking it made most of a recount's 84 s of CPU at 3,000
    articles; this keeps each quad's terms as Oxigraph gives them and makes rdflib terms of the
    values asked for only.  Like ``Graph.value``, a lookup answers one value of several.
    """

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self._values: dict[tuple[str, str], _OxTerm] = {}  # (subject, predicate) -> the first object
        self._pairs: dict[str, list[tuple[_OxTerm, _OxTerm]]] = defaultdict(list)  # predicate -> (subject, object)
        for quad in quads:
            subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
            self._values.setdefault((subject.value, predicate), obj)
            self._pairs[predicate].append((subject, obj))

    def value(self, subject: Optional[Union[URIRef, BNode]], predicate: URIRef) -> Optional[Union[URIRef, BNode, Literal]]:
        found = None if subject is None else self._values.get((str(subject), str(predicate)))
        return None if found is None else _short_from_ox(found) if len(found.value) < 100 else from_ox(found)

    def subjects(self, predicate: URIRef, obj: Optional[URIRef] = None, unique: bool = False) -> Iterator[Union[URIRef, BNode]]:
        wanted = None if obj is None else to_ox(obj)
        subjects = (s for s, o in self._pairs.get(str(predicate), ()) if wanted is None or o == wanted)
        yield from (from_ox(s) for s in (dict.fromkeys(subjects) if unique else subjects))

    def __contains__(self, triple: tuple[URIRef, URIRef, None]) -> bool:
        return (str(triple[0]), str(triple[1])) in self._values


# The values a statement holds (offsets, classes, actors) recur across articles, and an rdflib
# literal costs 10 us to make: each short one is made once (not texts, which would fill the cache).
_short_from_ox = lru_cache(maxsize=1 << 14)(from_ox)


def _stored_graph(dataset: Dataset, name: URIRef) -> _GraphCopy:
    """A memory copy of one named graph (one range scan, then cheap lookups)."""
    return _GraphCopy(ox_store(dataset).quads_for_pattern(None, None, None, to_ox(name)))


def stored_document(dataset: Dataset, doc_id: str) -> Optional[tuple[Document, list[Triple]]]:
    """The document ``doc_id`` and its triples as the store holds them, or ``None``.

    A graph without its fingerprint is a write that was cut short (see :func:`_write`):
    no summary counts it, so it is no document here either.
    """
    name = document_iri(doc_id)
    graph = _stored_graph(dataset, name)
    if (name, KG.fingerprint, None) not in graph:
        return None
    return next(read_documents(cast(Graph, graph)), None)  # the lookups it makes are all a copy answers


def _summary_delta(dataset: Dataset, old: Optional[tuple[Document, list[Triple]]],
                   new: Optional[tuple[Document, list[Triple]]]) -> tuple[set[RDFTriple], set[RDFTriple]]:
    """The summary triples to delete and to insert when a document's share goes from ``old`` to ``new``.

    Only the nodes either share touches are read and rewritten, so the cost follows
    the document, not the store.
    """
    delta: Counter = Counter()
    described: dict[URIRef, set[RDFTriple]] = {}
    for share, sign in ((old, -1), (new, 1)):
        if share is not None:
            counts, description = summary_counts(*share)
            for key, n in counts.items():
                delta[key] += sign * n
            described.update(description)
    summary = _view(dataset, summary_graph())
    gone: set[RDFTriple] = set()
    added: set[RDFTriple] = set()
    for node, changes in by_node(delta).items():
        if not any(changes.values()):
            continue
        stored = _node_triples(dataset, summary, node)
        totals = Counter({p: int(o) for _, p, o in stored if p in COUNT_PROPERTIES})
        totals.update(changes)
        description = described.get(node) or {t for t in stored if t[1] not in COUNT_PROPERTIES + DERIVED_PROPERTIES}
        wanted = summary_node_triples(node, totals, description)
        gone |= stored - wanted
        added |= wanted - stored
    return gone, added


def _has(dataset: Dataset, name: URIRef, triple: RDFTriple) -> bool:
    """Whether graph ``name`` holds ``triple``: one index lookup in Oxigraph."""
    s, p, o = (to_ox(term) for term in triple)
    return next(ox_store(dataset).quads_for_pattern(s, p, o, to_ox(name)), None) is not None


def _node_triples(dataset: Dataset, summary: Graph, node: URIRef) -> set[RDFTriple]:
    quads = ox_store(dataset).quads_for_pattern(to_ox(node), None, None, to_ox(summary_graph()))
    return {(node, from_ox(q.predicate), from_ox(q.object)) for q in quads}


def _write(dataset: Dataset, name: URIRef, content: Optional[set[RDFTriple]], digest: Optional[str],
           old: Optional[tuple[Document, list[Triple]]], new: Optional[tuple[Document, list[Triple]]]) -> None:
    """Replace graph ``name`` by ``content`` stamped with ``digest`` (drop it for ``None``), moving the summary
    from the document's ``old`` share to its ``new`` one.

    The old graph and share go in one transaction, the content comes in
    slices of :data:`QUADS_PER_TRANSACTION` quads (handed to Oxigraph directly: a long
    article written as one SPARQL update, or even as one transaction, holds several
    times its size in memory), then the fingerprint and the new share in a last one.
    The summary thus counts exactly the document graphs that carry their fingerprint;
    a build killed before the last leaves a graph without one, which no count
    includes and the next build rewrites.
    """
    stamp = set() if digest is None else {(name, KG.fingerprint, Literal(digest))}
    doc_id = document_id(name)
    before = None if old is None else _view(dataset, name).value(name, KG.fingerprint)
    before = None if before is None else str(before)
    _update(dataset, [f"DROP SILENT GRAPH <{name}>"], _ledger(dataset, _summary_delta(dataset, old, None),
                                                               doc_id, before, None))
    if content is None:
        return
    content = list(content)
    for start in range(0, len(content), QUADS_PER_TRANSACTION):
        _extend(dataset, name, content[start:start + QUADS_PER_TRANSACTION])
    _update(dataset, [_data("INSERT", name, stamp)],
            _ledger(dataset, _summary_delta(dataset, None, new), doc_id, None, digest), last=True)


#: :func:`counted_digest` of no documents.
NO_DOCUMENTS = "0" * 32


def counted_digest(documents: Iterable[tuple[str, str]], value: str = NO_DOCUMENTS) -> str:
    """An order-free digest of ``(document id, fingerprint)`` pairs, added to (or taken out of) ``value``.

    The summary graph keeps the digest of the documents it counts (``kg:countedDocuments``),
    moved with each write; a store whose document graphs no longer match it was changed by
    someone else, and :func:`recount_summaries` recounts it.

    Examples
    --------
    >>> one = counted_digest([("a1", "f1")])
    >>> counted_digest([("a1", "f1"), ("a2", "f2")]) == counted_digest([("a2", "f2")], one)
    True
    >>> counted_digest([("a1", "f1")], one) == NO_DOCUMENTS  # adding twice takes it out again
    True
    """
    number = int(value, 16)
    for doc_id, digest in documents:
        number ^= int.from_bytes(hashlib.sha256(f"{doc_id}\n{digest}".encode("utf-8")).digest()[:16], "big")
    return f"{number:032x}"


def _ledger(dataset: Dataset, delta: tuple[set[RDFTriple], set[RDFTriple]], doc_id: str,
            before: Optional[str], after: Optional[str]) -> tuple[set[RDFTriple], set[RDFTriple]]:
    """``delta`` plus the move of the summary's ``kg:countedDocuments`` from fingerprint ``before`` to ``after``."""
    if before == after:
        return delta
    stored = _view(dataset, summary_graph()).value(summary_graph(), KG.countedDocuments)
    value = NO_DOCUMENTS if stored is None else str(stored)
    moved = counted_digest([(doc_id, d) for d in (before, after) if d is not None], value)
    gone, added = delta
    gone = gone | ({(summary_graph(), KG.countedDocuments, stored)} if stored is not None else set())
    return gone, added | {(summary_graph(), KG.countedDocuments, Literal(moved))}


def _extend(dataset: Dataset, name: URIRef, triples: Collection[RDFTriple]) -> None:
    """Add ``triples`` to graph ``name`` in one transaction, without going through SPARQL."""
    graph = to_ox(name)
    ox_store(dataset).extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph) for s, p, o in triples)
    _written(dataset, len(triples))


def _update(dataset: Dataset, update: list[str], summary: tuple[set[RDFTriple], set[RDFTriple]], *,
            last: bool = False) -> None:
    """Run ``update`` with the summary change, in one transaction when the change is small.

    A long article's share of the summaries (tens of thousands of counts) is written
    in slices of :data:`QUADS_PER_TRANSACTION` instead, ``update`` going with the first
    (or, ``last``, with the last), and the summaries' version marker taken away until
    the last slice is in: a build killed in between leaves summaries that
    :func:`recount_summaries` recounts, rather than sums that drift.
    """
    gone, added = summary
    if len(gone) + len(added) <= QUADS_PER_TRANSACTION:
        ox_store(dataset).update(" ;\n".join(update + _summary_data(gone, added)))
        _written(dataset, len(gone) + len(added))
        return
    marker = {_summary_marker()} if _summary_marker() in _view(dataset, summary_graph()) else set()
    gone, added, n = list(gone), list(added), QUADS_PER_TRANSACTION
    steps = [([] if last else update) + _summary_data(marker, ())]
    steps += [_summary_data(gone[i:i + n], ()) for i in range(0, len(gone), n)]
    steps += [_summary_data((), added[i:i + n]) for i in range(0, len(added), n)]
    steps += [(update if last else []) + _summary_data((), marker)]
    for step in filter(None, steps):
        ox_store(dataset).update(" ;\n".join(step))
        _written(dataset, n)  # at most


def _summary_data(gone: Collection[RDFTriple], added: Collection[RDFTriple]) -> list[str]:
    return ([_data("DELETE", summary_graph(), gone)] if gone else []) + (
        [_data("INSERT", summary_graph(), added)] if added else [])


def _summary_marker() -> RDFTriple:
    """The triple saying which version of kg counted the summaries (see :func:`recount_summaries`)."""
    return summary_graph(), OWL.versionInfo, Literal(SUMMARY_VERSION)


#: How many quads RocksDB may hold in its write buffers before a flush writes them to disk
#: (about 1 kB of memory each, in six indexes). It bounds what a build that adds articles one
#: at a time holds in memory (a clean build is bulk-loaded and does not need it).
QUADS_PER_FLUSH = 20_000
#: The most quads a document's write hands Oxigraph at once: a transaction holds its
#: writes in memory twice (batch and index) until it commits, on top of the write buffers.
QUADS_PER_TRANSACTION = 2_000


def _written(dataset: Dataset, quads: int) -> None:
    """Count quads written to ``dataset``'s buffers; flush once :data:`QUADS_PER_FLUSH` have piled up."""
    ox_store(dataset)  # a kg store
    dataset.store.unflushed += quads
    if dataset.store.unflushed >= QUADS_PER_FLUSH:
        flush(dataset)


def _data(verb: str, graph: URIRef, triples: Iterable[RDFTriple]) -> str:
    body = "\n".join(sorted(_ox_triple(t) for t in triples))
    return f"{verb} DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}"


def recount_summaries(dataset: Dataset) -> bool:
    """Recount the summary graph from the stored documents if it no longer counts them as they are
    (and give the articles of a store kept before day bands theirs).

    A write subtracts an article's old share as this version counts it, so sums kept by a
    version that counted other things would drift; the graph carries the version that kept
    it (``owl:versionInfo``, :data:`kg.rdf.summary.SUMMARY_VERSION`).  It also carries the
    digest of the documents it counts (:func:`counted_digest`), so a document graph that
    someone else dropped, added or replaced (through ``kg serve``, ``kg push``, any
    SPARQL client) is noticed too.  Either way the graph is recounted, an article at a
    time, the marks written last so an interrupted recount is redone.
    Returns whether it recounted.

    Examples
    --------
    >>> ds = open_store()
    >>> recount_summaries(ds), recount_summaries(ds)
    (True, False)
    """
    _add_day_bands(dataset)
    marker = _summary_marker()
    documents = sorted((doc_id, digest) for doc_id, digest in _fingerprinted_documents(dataset).items() if digest)
    counted = (summary_graph(), KG.countedDocuments, Literal(counted_digest(documents)))
    if all(_has(dataset, summary_graph(), triple) for triple in (marker, counted)):
        return False
    shares = (stored_document(dataset, doc_id) for doc_id, _ in documents)
    triples = list(summary_graph_triples(share for share in shares if share is not None)) + [marker, counted]
    ox_store(dataset).update(f"DROP SILENT GRAPH <{summary_graph()}>")
    for start in range(0, len(triples), QUADS_PER_TRANSACTION):
        _extend(dataset, summary_graph(), triples[start:start + QUADS_PER_TRANSACTION])
    return True


def _add_day_bands(dataset: Dataset) -> None:
    """Give each article of a store kept before ``kg:dayBand`` existed its day band.

    The date-paged queries find their page's articles by it, so without it they would
    skip an older store's articles silently; the band is derived from the stored date.
    """
    # MINUS, not FILTER NOT EXISTS: Oxigraph joins the two scans instead of a lookup per article (4 ms, not 30, at 3,000)
    rows = ox_store(dataset).query(
        f"SELECT ?g ?d ?date WHERE {{ {{ GRAPH ?g {{ ?d <{KG.dateBand}> ?band }} "
        f"MINUS {{ GRAPH ?g {{ ?d <{KG.dayBand}> ?day }} }} }} "
        f"OPTIONAL {{ GRAPH ?g {{ ?d <{SDO.datePublished}> ?date }} }} }}")
    missing = [(row["g"], row["d"], row["date"]) for row in rows]
    if missing:
        band = to_ox(KG.dayBand)
        ox_store(dataset).extend(ox.Quad(d, band, to_ox(Literal(day_band(date.value if date else None))), g)
                                 for g, d, date in missing)


def replace_document(dataset: Dataset, document: Document, triples: Iterable[Triple]) -> bool:
    """Make ``document``'s named graph hold exactly this document and its triples.

    Returns ``False`` (and writes nothing) when the stored graph already has the
    same content, so re-running a build is cheap and leaves the store unchanged.
    Otherwise the summary graph moves by the document's new share minus its old one
    (see :func:`kg.rdf.summary.summary_counts`), in the same transaction.

    Examples
    --------
    >>> ds = open_store()
    >>> d = Document(id="a1", text="Hi.")
    >>> replace_document(ds, d, []), replace_document(ds, d, [])
    (True, False)
    """
    triples = list(triples)
    content = document_graph_triples(document, triples)
    digest = fingerprint(content)
    if stored_fingerprint(dataset, document.id) == digest:
        return False
    old = stored_document(dataset, document.id)
    _write(dataset, document_iri(document.id), content, digest, old, (document, triples))
    return True


def remove_document(dataset: Dataset, doc_id: str) -> None:
    """Drop a document's named graph and its share of the summaries (entities are left to :func:`replace_entities`)."""
    _write(dataset, document_iri(doc_id), None, None, stored_document(dataset, doc_id), None)


def rename_entities(dataset: Dataset, renames: Mapping[str, str]) -> int:
    """Rewrite the statements that name an entity ``old`` to name ``renames[old]`` instead.

    Only the documents whose statements name an old entity (subject, object or
    speaker; found by index lookups) are read back, renamed and replaced, so their
    summaries and fingerprints move with them.  Returns how many documents changed.

    Examples
    --------
    >>> from kg.model import Triple
    >>> ds = open_store()
    >>> t = Triple(doc="a1", sentence_index=0, sentence="Putin met Macron.", start=0, end=17,
    ...            subject="Putin", relation="meet", object="Macron", subject_text="Putin", object_text="Macron")
    >>> _ = replace_document(ds, Document(id="a1", text="Putin met Macron."), [t])
    >>> rename_entities(ds, {"Putin": "Vladimir Putin"}), rename_entities(ds, {"Putin": "Vladimir Putin"})
    (1, 0)
    """
    renames = {old: new for old, new in renames.items() if old != new}
    docs = set()
    for old in renames:
        node = entity_iri(old)
        for predicate in (RDF.subject, RDF.object, PROV.wasAttributedTo):
            docs.update(_graphs_with(dataset, predicate, node))
    changed = 0
    for doc_id in sorted(docs):
        stored = stored_document(dataset, doc_id)
        if stored is None:
            continue
        document, triples = stored
        renamed = [t.renamed(lambda name: renames.get(name, name)) for t in triples]
        changed += replace_document(dataset, document, renamed)
    return changed


def _graphs_with(dataset: Dataset, predicate: URIRef, obj: URIRef) -> set[str]:
    quads = ox_store(dataset).quads_for_pattern(None, to_ox(predicate), to_ox(obj), None)
    names = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    return {document_id(n) for n in names if is_document_iri(n)}


def _in_store(dataset: Dataset, graph: Graph, name: str) -> bool:
    """Whether the store describes entity ``name`` or a statement names it (a bare thing is described by nothing)."""
    node = entity_iri(name)
    return (node, KG.fingerprint, None) in graph or any(
        _graphs_with(dataset, predicate, node) for predicate in (RDF.subject, RDF.object, PROV.wasAttributedTo))


def _describe(entities: Iterable[Entity]) -> dict[URIRef, set[RDFTriple]]:
    described: dict[URIRef, set[RDFTriple]] = defaultdict(set)
    for entity in entities:
        described[entity_iri(entity.name)].update(entity_triples(entity))
    return {node: triples for node, triples in described.items() if triples}  # a bare thing: nothing to write


def _fingerprinted(entities: Iterable[Entity]) -> tuple[dict[URIRef, set[RDFTriple]], dict[URIRef, str]]:
    """Each entity's description stamped with its ``kg:fingerprint``, and the fingerprints."""
    described = _describe(entities)
    digests = {node: fingerprint(triples) for node, triples in described.items()}
    for node, triples in described.items():
        triples.add((ox.NamedNode(node), _FINGERPRINT, ox.Literal(digests[node])))
    return described, digests


def _stored_entity_triples(graph: Graph, node: URIRef) -> set[RDFTriple]:
    found = set(graph.triples((node, None, None)))
    found |= set(graph.triples((None, SDO.mentions, node)))
    for record in graph.subjects(KG.mergedInto, node):
        found |= set(graph.triples((record, None, None)))
    return found


def replace_entities(dataset: Dataset, entities: Iterable[Entity], *, prune: bool = True,
                     current: Optional[set[URIRef]] = None) -> int:
    """Make the entities graph describe ``entities``; only changed entities are rewritten.

    Each entity carries a ``kg:fingerprint`` of its description, so adding one
    article touches only the entities it changed.  With ``prune`` (the default)
    entities no longer in ``entities`` are removed; ``prune=False`` only adds and
    updates, apart from entities an entity's merge log folds into it: those are
    removed and their statements renamed (:func:`rename_entities`).  ``current``
    names every entity still wanted when ``entities`` is only a slice of them, so an
    alias that is another entity's name is not taken for one merged away.  Returns
    how many entities were written or removed.

    Examples
    --------
    >>> ds = open_store()
    >>> replace_entities(ds, [Entity(name="Russia", type="Country")])
    1
    >>> replace_entities(ds, [Entity(name="Russia", type="Country")])
    0
    """
    graph = _view(dataset, entities_graph())
    entities = list(entities)
    wanted, digests = _fingerprinted(entities)
    # A stored entity that the merge log now folds into another is renamed in every
    # statement naming it, so old articles follow without being rebuilt.
    current = {entity_iri(e.name) for e in entities} | (current or set())  # a bare thing too: it is no alias
    merged = {m.alias: e.name for e in entities for m in e.merges
              if m.alias != e.name and entity_iri(m.alias) not in current and _in_store(dataset, graph, m.alias)}
    rename_entities(dataset, merged)
    if prune:
        stored = {s: str(o) for s, o in graph.subject_objects(KG.fingerprint)}
    else:  # look up only the entities at hand, so an incremental add costs what it touches
        lookup = list(wanted) + [entity_iri(alias) for alias in merged]
        stored = {node: str(value) for node in lookup if (value := graph.value(node, KG.fingerprint)) is not None}
    changed = [node for node in wanted if stored.get(node) != digests[node]]
    gone = [node for node in stored if node not in wanted]
    stale = [node for node in changed + gone if node in stored]
    new = set().union(*(wanted[node] for node in changed)) if changed else set()
    _rewrite_entities(dataset, stale, new)
    return len(changed) + len(gone)


def _rewrite_entities(dataset: Dataset, stale: Iterable[URIRef], new: set[RDFTriple]) -> None:
    """Drop the stored descriptions of ``stale`` entities and add ``new`` triples, in one transaction."""
    graph = _view(dataset, entities_graph())
    old: set[RDFTriple] = set()
    for node in stale:
        old |= _stored_entity_triples(graph, node)
    if not old and not new:
        return
    if not old:  # quads straight in: a SPARQL update costs several times their size
        _extend(dataset, entities_graph(), new)
    else:
        ox_store(dataset).update(_data("DELETE", entities_graph(), old) + " ;\n" + _data("INSERT", entities_graph(), new))
        _written(dataset, len(old) + len(new))


def _entity_slices(entities: list[Entity]) -> Iterator[list[Entity]]:
    # A well-known actor is described by a triple per article naming it: cut by size, not count.
    size, chunk = 0, []
    for entity in entities:
        chunk.append(entity)
        size += 8 + len(entity.aliases) + len(entity.titles) + len(entity.docs) + 5 * len(entity.merges)
        if size >= QUADS_PER_TRANSACTION:
            yield chunk
            size, chunk = 0, []
    if chunk:
        yield chunk


def write_entities(dataset: Dataset, entities: list[Entity]) -> None:
    """:func:`replace_entities` in bounded memory: in slices of about :data:`QUADS_PER_TRANSACTION`
    quads, then the gone ones removed.

    Each slice is a transaction, entities whole with their fingerprints, and the store
    is flushed as the slices pile up: the memory a write holds follows the slice, not the corpus.
    """
    wanted = {entity_iri(e.name) for e in entities}
    for chunk in _entity_slices(entities):
        replace_entities(dataset, chunk, prune=False, current=wanted)
    gone = [node for node in _view(dataset, entities_graph()).subjects(KG.fingerprint, None) if node not in wanted]
    for start in range(0, len(gone), 100):
        _rewrite_entities(dataset, gone[start:start + 100], set())


def flush(dataset: Dataset) -> None:
    """Write the store's buffers to disk and hand the memory they held back to the system."""
    ox_store(dataset).flush()
    dataset.store.unflushed = 0
    _return_free_memory()


@lru_cache(maxsize=1)
def _malloc_trim() -> Optional[Callable[[int], int]]:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return None


def _return_free_memory() -> None:
    # RocksDB's flushed write buffers leave holes in the C heap that glibc keeps for
    # reuse; without handing them back, a long build's memory creeps up with the store.
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def stored_entities(dataset: Dataset) -> list[Entity]:
    """The entities the store describes (to merge new articles' entities with)."""
    graph = _view(dataset, entities_graph())
    return sorted((entity_from_graph(graph, node) for node in described_entities(graph)), key=lambda e: e.name)


def to_dataset(
    documents: Iterable[Document],
    triples: Iterable[Triple],
    entities: Iterable[Entity],
    dataset: Optional[Dataset] = None,
) -> Dataset:
    """Add documents, their triples and the entities to ``dataset`` (a new one by default).

    Each document's named graph is replaced, so calling this twice with the same
    input leaves the same dataset.  Triples whose document is not among
    ``documents`` get a minimal document node so their provenance still resolves,
    and names no entity covers get a bare entity (see :func:`complete_entities`).

    Examples
    --------
    >>> d = Document(id="a1", text="Russia vetoed it.", title="Veto", date="2016-10-08")
    >>> t = Triple(doc="a1", sentence_index=0, sentence=d.text, start=0, end=17,
    ...            subject="Russia", relation="veto", object="draft", subject_text="Russia",
    ...            object_text="it", subject_type="Country")
    >>> ds = to_dataset([d], [t], [Entity(name="Russia", type="Country", mentions=1)])
    >>> sorted(str(g.identifier).rsplit("/", 1)[-1] for g in ds.graphs() if len(g))
    ['a1', 'entities', 'summary']
    """
    dataset = open_store() if dataset is None else dataset
    triples = list(triples)
    entities = complete_entities(entities, triples)
    by_doc = group_by_doc(triples)
    documents = {document.id: document for document in documents}  # a repeated id: the last one, as a replace
    shares = [(document, by_doc.pop(doc_id, [])) for doc_id, document in documents.items()]
    shares += [(Document(id=doc_id, text=""), orphans) for doc_id, orphans in sorted(by_doc.items())]
    if clean_start(dataset):
        with bulk_load(dataset) as load:
            load.entities(entities)
            load.documents(shares)
        return dataset
    recount_summaries(dataset)
    for document, own in shares:
        replace_document(dataset, document, own)
    replace_entities(dataset, entities)
    return dataset


#: The file in a store's directory while a bulk load fills it: a load cut short is started over.
LOADING = "kg-loading"
#: The most quads handed to Oxigraph's bulk loader at once: it sorts a call's quads in
#: memory before writing them to new files, so this bounds what a clean build holds. Each
#: call costs about 1 kB a quad at its peak: 200k set a 3,000-article build's peak (400 MB
#: against 250 MB with 50k), and smaller calls made the store no slower to write.
QUADS_PER_BULK = 50_000


def clean_start(dataset: Dataset) -> bool:
    """Whether the store can be filled by :func:`bulk_load`: it holds nothing, or only what a bulk
    load cut short left (which is cleared here, to be loaded again from the start).

    Examples
    --------
    >>> ds = open_store()
    >>> clean_start(ds), replace_document(ds, Document(id="a1", text="Hi."), []), clean_start(ds)
    (True, True, False)
    """
    store = ox_store(dataset)
    directory = dataset.store.directory
    if directory is not None and (directory / LOADING).exists():
        store.clear()
        return True
    return next(iter(store), None) is None


class bulk_load:
    """Fill an empty store (see :func:`clean_start`) in bulk: :meth:`entities`, then :meth:`documents`;
    the summary graph is summed on the way and written when the block ends.

    ``also`` is handed each unit of quads as it goes into the store (an entity, a document's
    graph, a summary node, with its graph's name), always in the same order for the same
    content: the exports are written from them instead of read back from the store
    (:class:`kg.rdf.files.StreamedExports`).  With ``dataset`` ``None`` nothing is stored and
    ``also`` alone gets the quads: the exports of a build whose store was changed article by article.

    What the store then holds equals what :func:`replace_entities` and
    :func:`replace_document` write one graph at a time, fingerprints, summary counts and
    ``kg:countedDocuments`` included, so later builds carry on incrementally.  The
    loader is not transactional: a mark file (:data:`LOADING`) stays in the store's
    directory until the load is complete, and :func:`clean_start` clears a store that
    still has it.

    Examples
    --------
    >>> ds = open_store()
    >>> with bulk_load(ds) as load:
    ...     load.documents([(Document(id="a1", text="Hi."), [])])
    >>> list(stored_documents(ds)) == ["a1"] and not recount_summaries(ds)
    True
    """

    def __init__(self, dataset: Optional[Dataset],
                 also: Optional[Callable[[ox.NamedNode, list[ox.Quad]], None]] = None) -> None:
        self.dataset, self.also = dataset, also
        self.totals: Counter = Counter()
        self.described: dict[URIRef, set[RDFTriple]] = {}
        self.counted: list[tuple[str, str]] = []

    def __enter__(self) -> "bulk_load":
        directory = None if self.dataset is None else self.dataset.store.directory
        if directory is not None:
            (directory / LOADING).touch()
        return self

    def entities(self, entities: Iterable[Entity]) -> None:
        """Describe ``entities`` (an entity named twice is described once, from both)."""
        graph = to_ox(entities_graph())

        def quads() -> Iterator[ox.Quad]:
            ordered = sorted(entities, key=lambda e: e.name)
            for start in range(len(ordered)):  # one entity at a time: a corpus's actors are large together
                if start and ordered[start - 1].name == ordered[start].name:
                    continue
                end = start + 1
                while end < len(ordered) and ordered[end].name == ordered[start].name:
                    end += 1
                for triples in _fingerprinted(ordered[start:end])[0].values():
                    yield from self._unit(graph, [ox.Quad(s, p, o, graph) for s, p, o in triples])
        self._load(quads())

    def documents(self, shares: Iterable[tuple[Document, list[Triple]]]) -> None:
        """Write each document's named graph, stamped with its fingerprint; ids must not repeat."""
        def quads() -> Iterator[ox.Quad]:
            for document, triples in shares:
                name = document_iri(document.id)
                graph = to_ox(name)
                content = document_graph_triples(document, triples)
                digest = fingerprint(content)
                content.add((graph, _FINGERPRINT, ox.Literal(digest)))
                yield from self._unit(graph, [ox.Quad(s, p, o, graph) for s, p, o in content])
                counts, description = summary_counts(document, triples)
                self.totals.update(counts)
                self.described.update(description)
                self.counted.append((document.id, digest))
        self._load(quads())

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:  # the mark stays: the next build starts over
            return
        graph = to_ox(summary_graph())
        counted = (summary_graph(), KG.countedDocuments, Literal(counted_digest(self.counted)))

        def quads() -> Iterator[ox.Quad]:
            for node, counts in by_node(self.totals).items():
                triples = summary_node_triples(node, counts, self.described.get(node, ()))
                yield from self._unit(graph, [_quad(t, graph) for t in triples])
            yield from self._unit(graph, [_quad(t, graph) for t in (_summary_marker(), counted)])
        self._load(quads())
        if self.dataset is None:
            return
        flush(self.dataset)
        # Each load leaves files of its own that every read then merges: compacted once here
        # (a fraction of a second on Wikinews), deep pages of the paged queries answer twice as fast.
        ox_store(self.dataset).optimize()
        directory = self.dataset.store.directory
        if directory is not None:
            (directory / LOADING).unlink(missing_ok=True)

    def nquads(self, path: Path) -> None:
        """Load the N-Quads file ``path`` (quads made elsewhere, such as the entities' by
        :func:`kg.rdf.files.entity_files`); they go to the store only, not to ``also``."""
        if self.dataset is None:
            return
        store = ox_store(self.dataset)
        # N-Quads is a quad per line: handed over :data:`QUADS_PER_BULK` lines at a time, as
        # :meth:`_load` does (the entities' file of a 3,000-article corpus, 390k quads, loaded
        # in one call was a build's peak: +220 MB)
        with open(path, "rb") as lines:
            while chunk := b"".join(itertools.islice(lines, QUADS_PER_BULK)):
                store.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)
                _return_free_memory()

    def _unit(self, graph: ox.NamedNode, quads: list[ox.Quad]) -> list[ox.Quad]:
        if self.also is not None and quads:
            self.also(graph, quads)
        return quads

    def _load(self, quads: Iterator[ox.Quad]) -> None:
        if self.dataset is None:  # only ``also`` wants them
            for _ in quads:
                pass
            return
        store = ox_store(self.dataset)
        while True:
            chunk = itertools.islice(quads, QUADS_PER_BULK)
            first = next(chunk, None)
            if first is None:
                return
            store.bulk_extend(itertools.chain((first,), chunk))
            # the loader's buffers, freed, stay with the process unless handed back: each call
            # would start higher than the last
            _return_free_memory()


def load_file(path: Union[str, Path]) -> Dataset:
    """An in-memory Oxigraph-backed dataset holding the RDF file ``path`` (format from its suffix)."""
    path = Path(path)
    name = rdf_format(path)
    if name is None:
        suffixes = ", ".join(f".{fmt.file_extension}" for fmt in FORMATS.values())
        raise ValueError(f"{path}: unknown RDF file type (use one of {suffixes})")
    store = Store()
    try:
        store.ox.load(path=str(path), format=FORMATS[name])
    except (SyntaxError, OSError, ValueError) as exc:
        raise ValueError(f"{path}: cannot read RDF ({str(exc).splitlines()[0]})") from None
    return _dataset(store)


def load_graph(directory: Union[str, Path], *, wait: float = 0.0,
               on_note: Optional[Callable[[str], None]] = None) -> Dataset:
    """The RDF of a ``kg build`` output directory (or an RDF file) for querying and export.

    Prefers the Oxigraph store ``DIR/store``, read while no build writes the folder
    (the folder's lock is held shared until the dataset is closed, see :mod:`kg.lock`).
    While a build writes it (waited for up to ``wait`` seconds), or another process
    holds the store (a running ``kg serve``), or there is none, the answer comes from
    the last complete export, ``DIR/graph.trig`` then ``DIR/graph.ttl``, and
    ``on_note`` is told so, with the export's time.  A store an older kg kept has its
    summaries recounted first (:func:`recount_summaries`), so the queries that read
    them answer as after a build.
    """
    from kg.lock import folder_lock

    directory = Path(directory)
    if directory.is_file():
        return load_file(directory)
    if not directory.is_dir():
        raise ValueError(f"{directory}: no such directory (run `kg build ... --out {directory}` first)")
    store = directory / "store"
    exports = [directory / name for name in ("graph.trig", "graph.ttl") if (directory / name).is_file()]
    if not store.is_dir() and not exports:
        raise ValueError(f"{directory}: no kg graph here (expected store/ or graph.trig; run `kg build` first)")
    lock = folder_lock(directory, shared=True, wait=wait)
    try:
        lock.acquire()
    except InUseError as busy:
        return _last_export(str(directory), busy, exports, on_note)
    try:
        dataset = _read_build(store, exports, wait, on_note)
    except BaseException:
        lock.release()
        raise
    if dataset.store.directory is not None:
        dataset.store.locks.append(lock)  # released with the store: no build writes under a reader
    else:  # a file read into memory: nothing left to guard
        lock.release()
    return dataset


def _read_build(store: Path, exports: list[Path], wait: float, on_note: Optional[Callable[[str], None]]) -> Dataset:
    if not store.is_dir():
        return load_file(exports[0])
    try:
        dataset = open_store(store, wait=wait)
    except StoreLockedError as busy:
        if not exports:
            raise
        return _last_export(str(store), busy, exports, on_note)
    recount_summaries(dataset)
    return dataset


def _last_export(what: str, busy: InUseError, exports: list[Path],
                 on_note: Optional[Callable[[str], None]]) -> Dataset:
    read_elsewhere(what, busy, exports[0] if exports else Path(what) / "graph.trig", on_note)
    return load_file(exports[0])
