"""The knowledge graph as a Python object: build it, add to it, query it, view it.

A :class:`KnowledgeGraph` keeps, per document, the compact records extraction
produced (the document, its triples and its actors under document-local names).
Everything else — corpus-wide actor names, the RDF dataset, the NetworkX graph,
the HTML view — is derived from those records, so adding an article re-derives
instead of re-parsing.

A graph built into an output directory keeps the records on disk (``records/``,
one JSON file per article) and in memory only a few numbers per article
(:class:`Records`); :meth:`KnowledgeGraph.save` streams them article by article into
the store and the export files, so memory stays flat as the corpus grows.

A saved graph (built with ``out``, or opened with :func:`load`) answers SPARQL from
its on-disk Oxigraph store, never from a copy in memory: the store is opened for a
query and closed when idle (:class:`kg.rdf.reader.StoreReader`), so a notebook does
not keep ``kg build`` out of the folder. Its NetworkX graph, tables and page are made
one article at a time from the records. Adding articles to a saved graph saves it
again, so its files never lag behind it.
"""
from __future__ import annotations

import time
import weakref
from functools import cached_property, partial, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Optional, Union

from kg.lock import BUILD_WAIT, FOLDER_LOCK, InUseError, folder_lock, read_elsewhere
from kg.model import Document, Entity, Triple, evolve, uncovered_entities
from kg.pipeline.analyse import DocumentResult
from kg.pipeline.child import beside
from kg.records import Records, record_name, save_records

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

    from kg.network.analysis import Tables
    from kg.rdf.files import EntityFiles, StreamedExports
    from kg.rdf.reader import StoreReader

__all__ = ["BESIDE", "KnowledgeGraph", "NoInput", "OUTPUT_FILES", "PHASES", "RECORDS_DIR", "build", "load"]

PathLike = Union[str, Path]

#: Files ``KnowledgeGraph.save`` writes into an output directory.
OUTPUT_FILES = {
    "turtle": "graph.ttl",
    "trig": "graph.trig",
    "graphml": "graph.graphml",
    "html": "graph.html",
}
RECORDS_DIR = "records"


class NoInput(ValueError):
    """None of the given paths held a usable article."""


def _under_base(method: Callable) -> Callable:
    """``method`` run with the graph's base IRI as the one kg mints under (see :func:`kg.rdf.namespaces.using_base`)."""
    @wraps(method)
    def run(self: "KnowledgeGraph", *args: Any, **kwargs: Any) -> Any:
        from kg.rdf.namespaces import using_base

        with using_base(self.base_iri):
            return method(self, *args, **kwargs)
    return run


class KnowledgeGraph:
    """Documents, the triples read off them and the actors they name.

    Parameters
    ----------
    results
        One :class:`~kg.pipeline.DocumentResult` per document (document-local names).
    aliases
        Parsed aliases file (see :func:`kg.resolution.load_aliases`) honoured when
        actors are merged across documents.
    records
        Directory of per-document JSON records: results are kept there rather than in
        memory, and the records already there are part of the graph (see :class:`Records`).
    on_problem
        Called with an :class:`~kg.documents.InputProblem` for a record file that cannot
        be read back (default: a warning).

    Examples
    --------
    >>> from kg.pipeline.analyse import DocumentResult
    >>> doc = Document(id="d1", text="Russia vetoed a draft.")
    >>> t = Triple(doc="d1", sentence_index=0, sentence=doc.text, start=0, end=22,
    ...            subject="Russia", relation="veto", object="draft",
    ...            subject_text="Russia", object_text="a draft", subject_type="Country")
    >>> g = KnowledgeGraph([DocumentResult(doc, (t,), (), 1, 5)])
    >>> [(x.subject, x.relation, x.object) for x in g.triples]
    [('Russia', 'veto', 'draft')]
    """

    def __init__(self, results: Iterable[DocumentResult] = (), *, aliases: Any = None,
                 records: Optional[PathLike] = None, on_problem: Optional[Callable] = None,
                 base_iri: Optional[str] = None) -> None:
        from kg.rdf.namespaces import DEFAULT_BASE, check_base

        #: The base every IRI of this graph is minted under (see :mod:`kg.rdf.base`).
        self.base_iri = DEFAULT_BASE if base_iri is None else check_base(base_iri)
        #: Per-document results by id; on disk under ``records`` when given (see :class:`Records`).
        self.results = Records(records, on_problem=on_problem)
        for result in results:
            self.results[result.document.id] = result
        self.results.flush()
        self.aliases = aliases
        #: Paths written by the last :meth:`save`, by kind ("turtle", "html", "store", ...).
        self.files: dict[str, Path] = {}
        #: Wall seconds of each phase of the last :meth:`add` and :meth:`save`, in order
        #: (see :data:`PHASES`): what a build spent where.
        self.timings: dict[str, float] = {}
        #: CPU seconds of the same phases, this process and the worker processes it waited for
        #: (steadier than wall seconds on a shared machine).
        self.cpu_timings: dict[str, float] = {}
        #: ``(graphs, default-graph triples)`` the store held that kg did not write, at the last :meth:`save`
        #: (left there, not exported; see :func:`kg.rdf.store.foreign_data`).
        self.foreign: tuple[int, int] = (0, 0)
        #: The output folder this graph is saved in (its records are there), else ``None``.
        self.out: Optional[Path] = None
        self._save_options: dict[str, Any] = {}
        self._reader: Optional["StoreReader"] = None
        self._memory_rdf: Optional["Dataset"] = None

    def __repr__(self) -> str:
        # cheap: counts kept per article, nothing merged or read back
        where = f", saved in {self.out}" if self.out is not None else ", in memory"
        return (f"<KnowledgeGraph: {len(self.results)} articles, {self.results.sentences()} sentences, "
                f"{self.results.triples()} statements{where}>")

    # -- derived data -----------------------------------------------------------------
    @cached_property
    def _corpus(self):
        from kg.pipeline.child import in_child

        # in a child process: the merge's scratch memory, which grows with the corpus, is
        # handed back whole when it ends instead of staying for the rest of a build
        return in_child(self._merge)

    def _merge(self):
        from kg.resolution import merge_entities

        local = (e for doc_id in self._ids() for e in self.results.entities(doc_id))
        return merge_entities(local, aliases=self.aliases, keep_parts=False)

    def _ids(self) -> list[str]:
        # Derived views follow document ids, not arrival order, so a resumed or
        # incremental build gives the same files as a clean one.
        return sorted(self.results)

    def _in_order(self) -> Iterator[DocumentResult]:
        return (self.results[doc_id] for doc_id in self._ids())

    @cached_property
    def _entity_types(self) -> dict[str, str]:
        """Each corpus entity's type by name: the one type its statements give it (see :func:`_typed`)."""
        return {e.name: e.type for e in self._corpus.entities}

    def _resolved(self, canonical: Optional[Callable[[str, str], str]] = None,
                  types: Optional[Mapping[str, str]] = None) -> Iterator[tuple[Document, list[Triple]]]:
        """Each document with its triples under corpus-wide actor names and types, in id order, one at a time."""
        canonical = canonical or self._corpus.canonical
        # a name no entity has takes the type of its first statement, as its network node does
        types = dict(self._entity_types if types is None else types)
        for result in self._in_order():
            doc_id = result.document.id
            yield result.document, [_typed(t.renamed(partial(canonical, doc_id)), types) for t in result.triples]

    @property
    def documents(self) -> Mapping[str, Document]:
        """The documents by id, in id order (read from the records one at a time when asked)."""
        return _Documents(self)

    @cached_property
    def entities(self) -> list[Entity]:
        """Actors merged across documents, most mentioned first."""
        return sorted(self._corpus.entities, key=lambda e: (-e.mentions, e.name))

    @cached_property
    def triples(self) -> list[Triple]:
        """Every triple, with corpus-wide actor names."""
        return [t for _, triples in self._resolved() for t in triples]

    @property
    @_under_base
    def rdf(self) -> "Dataset":
        """The graph as an rdflib ``Dataset``: a named graph per document plus the actors and summaries.

        A saved graph's dataset is its Oxigraph store itself, not a copy; it stays open
        (and a ``kg build`` into the folder waits) until :meth:`close`. A graph never
        saved, or saved with ``store="memory"``, is built in memory.
        """
        if self.out is not None:
            return self._store_reader().dataset(pin=True)
        return self._memory_dataset()

    def _memory_dataset(self) -> "Dataset":
        from kg.rdf import to_dataset

        if self._memory_rdf is None:
            self._memory_rdf = to_dataset(self.documents.values(), self.triples, self.entities)
        return self._memory_rdf

    def _store_reader(self) -> "StoreReader":
        from kg.rdf.reader import StoreReader

        if self._reader is None:
            self._reader = StoreReader(self.out)
            weakref.finalize(self, self._reader.close)  # a graph let go of lets go of its store
        return self._reader

    def close(self) -> None:
        """Let go of the saved graph's store (see :attr:`rdf`); the next query opens it again."""
        if self._reader is not None:
            self._reader.close()

    def __enter__(self) -> "KnowledgeGraph":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @cached_property
    def nx(self) -> "nx.MultiDiGraph":
        """The graph as a NetworkX ``MultiDiGraph``: a node per actor, an edge per triple.

        Made one article at a time from the records, so the triples are never all held
        besides the graph.
        """
        from kg.network import subnetwork

        return subnetwork(self.entities, self._resolved())

    def _invalidate(self) -> None:
        for name in ("_corpus", "_entity_types", "entities", "triples", "nx", "_node_table"):
            self.__dict__.pop(name, None)
        self._memory_rdf = None
        self.close()  # the store is about to change

    # -- growing ---------------------------------------------------------------------
    def add(self, paths: Iterable[PathLike], **options: Any) -> "KnowledgeGraph":
        """Read, parse and add more articles; an article already present is replaced.

        An article's id is its key: a later article with a known id replaces the earlier
        one, which is how an edited article is updated. When it comes from another file
        (another folder's ``report.txt``) or from stdin, ``on_problem`` gets a note
        naming both sources, since kg cannot tell an edit from a different article.

        Takes the options of :func:`build` except ``out``; returns ``self``. A saved graph
        (:attr:`out`) is saved again when something was added, so its store and files
        (``graph.ttl``, ``graph.trig``, ``graph.graphml``, ``graph.html``) never lag behind it.
        """
        self.last_read = changed = 0
        started, cpu = time.perf_counter(), _cpu_seconds()
        on_problem = options.get("on_problem")
        if self.out is not None:  # what this graph wrote into its folder is no article
            options.setdefault("exclude", own_files(self.out, self._save_options.get("store", "store")))
        try:
            for result in _analyse_paths(paths, skip=lambda d: self._unchanged(d, on_problem), aliases=self.aliases,
                                         **options):
                self.results[result.document.id] = result
                changed += 1
        finally:
            # Also on Ctrl-C: what was analysed is kept for the next run.
            self.results.flush()
            self._invalidate()
            self.timings = {"parse+extract": time.perf_counter() - started}
            self.cpu_timings = {"parse+extract": _cpu_seconds() - cpu}
        if self.out is not None and changed:
            self.save(self.out, **self._save_options)
        return self

    def _unchanged(self, document: Document, on_problem: Optional[Callable] = None) -> bool:
        self.last_read += 1
        # an article the aliases file speaks of is resolved again, so its corrections apply within it
        if self.results.holds(document) and not (
                self.aliases is not None and self.aliases.touches(document.id, document.text)):
            self.results.relocate(document)
            return True
        note = None if on_problem is None else self.results.replacing(document)
        if note is not None:
            on_problem(note)
        return False

    # -- using -----------------------------------------------------------------------
    @_under_base
    def query(self, sparql: Union[str, Path], **params: Any) -> list[dict[str, Any]]:
        """Run a SPARQL query (text, a ``.rq`` path or a library query name) with bound parameters.

        >>> g.query("actors-by-mentions", limit=5)  # doctest: +SKIP
        """
        from kg.rdf.queries import run_query

        if self.out is None:
            return run_query(self._memory_dataset(), sparql, **params)
        with self._store_reader().using() as dataset:
            return run_query(dataset, sparql, **params)

    def to_html(self, path: PathLike, **options: Any) -> Path:
        """Write the interactive HTML view (see :func:`kg.network.viz.write_html` for options).

        The whole-graph view of a graph whose NetworkX graph was not asked for is made
        from the few hundred nodes it shows, as :meth:`save` makes ``graph.html``.
        """
        from kg.network.viz import view_network, write_html

        if "nx" in self.__dict__ or options.get("around") or options.get("min_mentions"):
            return write_html(self.nx, path, **options)
        network = view_network(self.entities, self._resolved, max_nodes=options.get("max_nodes"),
                               table=self._node_table)
        return write_html(network, path, **options)

    def stats(self, top: int = 10) -> dict[str, Any]:
        """Counts, central actors, communities and strongest dyads (see :func:`kg.network.analysis.stats`)."""
        from kg.network.analysis import stats

        summary = stats(self.nx, top=top)
        summary["documents"] = len(self.results)
        summary["sentences"] = self.results.sentences()
        summary["triples"] = summary["counts"]["statements"]  # distinct, as everywhere
        return summary

    @cached_property
    def _node_table(self) -> tuple:
        """Each node's type and mentions, its degree and the edge count (:func:`kg.network.node_table`).

        Counted one article at a time, so it is cheap on a corpus whose whole graph would
        not fit in memory; the saved page and the build summary share it.
        """
        from kg.network import node_table

        return node_table(self.entities, self._resolved())

    def counts(self) -> dict[str, int]:
        """Documents, sentences, statements and actors, counted as ``kg stats`` and the queries count.

        A statement is one edge of :attr:`nx` (repeated triples of one sentence are one); an
        actor a node of an actor type in at least one (:func:`kg.network.count_actors`).
        Counted one article at a time, like :meth:`most_connected`.
        """
        from kg.network import count_actors

        nodes, degree, edges = self._node_table
        return {"documents": len(self.results), "sentences": self.results.sentences(),
                "statements": edges, "actors": count_actors(nodes, degree)}

    def most_connected(self, n: int = 10) -> list[tuple[str, str, int]]:
        """The ``n`` actors in the most statements: ``(name, type, statements)``, most first."""
        from kg.network import is_actor

        nodes, degree, _ = self._node_table
        actors = [name for name, (type_, _) in nodes.items() if is_actor(type_) and degree[name]]
        return [(name, nodes[name][0], degree[name]) for name in sorted(actors, key=lambda a: (-degree[a], a))[:n]]

    def to_pandas(self) -> "Tables":
        """The actors and the statements as pandas DataFrames: ``tables.entities``, ``tables.statements``.

        A named pair, so ``entities, statements = graph.to_pandas()`` works too; see
        :func:`kg.network.analysis.to_pandas` for the columns. Made one article at a time.
        """
        from kg.network.analysis import to_pandas

        document: dict[str, Document] = {}

        def triples() -> Iterator[Triple]:
            for doc, resolved in self._resolved():
                document.clear()  # to_pandas looks each triple's article up here as it goes
                document[doc.id] = doc
                yield from resolved

        return to_pandas(triples(), self.entities, document)

    # -- files -----------------------------------------------------------------------
    @_under_base
    def save(self, out: PathLike, *, html: bool = True, store: Optional[str] = "store",
             on_stage: Optional[Callable[[str], None]] = None) -> dict[str, Path]:
        """Write records, the RDF store and every output file into ``out``; returns the paths by kind.

        ``store`` is the on-disk Oxigraph store's directory inside ``out`` (``None`` or
        ``"memory"`` for none). Only articles whose statements changed are rewritten
        in the store; every file is replaced atomically, so an interrupted save
        leaves the old one. The folder is locked while it is written (:func:`kg.lock.folder_lock`).
        A graph saved where its records are (a build's or a loaded graph's folder) is
        saved there again, with the same options, by :meth:`add`.
        ``on_stage`` is called with the name of each stage as it starts.
        """
        out = Path(out)
        self.close()  # this process's own reader holds the folder shared: the writer would wait on it
        with folder_lock(out):  # re-entrant: a build already has it
            return self._save(out, html, store, on_stage)

    def _save(self, out: Path, html: bool, store: Optional[str],
              on_stage: Optional[Callable[[str], None]] = None) -> dict[str, Path]:
        import shutil

        from kg.io import atomic_write, scratch_folder
        from kg.rdf import export
        from kg.rdf.base import save_base
        from kg.rdf.files import StreamedExports
        from kg.rdf.store import foreign_data

        for phase in list(PHASES)[1:]:  # a save's own phases, from this save only
            self.timings.pop(phase, None)
            self.cpu_timings.pop(phase, None)
        clock = _PhaseClock(self.timings, on_stage, self.cpu_timings)
        self._save_records(out / RECORDS_DIR)
        save_base(out, self.base_iri)
        paths = {kind: out / name for kind, name in OUTPUT_FILES.items()}
        clock.start("actors")
        self.entities  # noqa: B018 - computed once here, so the stage says where the time goes
        clock.stop()
        if not html:
            del paths["html"]
        # GraphML and the page need the records and the actors, not the RDF: a forked child writes
        # them while this process writes the store and the exports, so a save keeps two cores busy.
        # It is forked before the store is opened (a child must not inherit an open RocksDB).
        network = beside(partial(self._write_network, paths["graphml"], paths.get("html")))
        # The entities' graph (a third of the quads, and of the work of making them) is described
        # by another child meanwhile, into a scratch folder (not ``out``; a killed build's is removed by the next).
        scratch = described = None
        if store not in (None, "memory"):
            scratch = scratch_folder("kg-entities-")
            described = beside(partial(self._entity_files, scratch))
        try:
            if store in (None, "memory"):
                clock.start("exports")
                export(self._memory_dataset(), paths["turtle"], "turtle")
                export(self._memory_dataset(), paths["trig"], "trig")
            else:
                clock.start("store")
                # Turtle and TriG are written from the quads on their way into the store (reading
                # the store back costs ten times more), both files whole or not at all.
                with atomic_write(paths["turtle"], "wb") as turtle, atomic_write(paths["trig"], "wb") as trig:
                    exports = StreamedExports(turtle, trig)
                    dataset = self._write_store(out / store, exports, described)
                    paths["store"] = out / store
                    written = exports.seconds, exports.cpu_seconds  # beside the store, until now
                    try:
                        self.foreign = foreign_data(dataset)
                        clock.start("exports")  # the last parts, then the files move into place
                        exports.close()
                    finally:
                        dataset.close()
                clock.stop()
                # the exports' share of the store phase is counted as theirs
                for seconds, spent in zip((self.timings, self.cpu_timings), written):
                    seconds["store"] -= spent
                    seconds["exports"] += spent
            clock.stop()
        except BaseException:
            network.cancel()
            if described is not None:
                described.cancel()
            raise
        finally:
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
        for phase in BESIDE[:1 + bool(html)]:  # the child has been at them since the store began
            if on_stage is not None:
                on_stage(PHASES[phase])
        clock.start("waited", quiet=True)
        table, timings, cpu = network.result()
        clock.stop()
        self.timings.update(timings)
        # the child's CPU came in with it when it was waited for: counted in its own phases only
        self.cpu_timings["waited"] = max(0.0, self.cpu_timings["waited"] - sum(cpu.values()))
        self.cpu_timings.update(cpu)
        self.__dict__["_node_table"] = table  # what counts() and most_connected() read, as the child made it
        self.files = paths
        if self.results.directory is not None and self.results.directory.resolve() == (out / RECORDS_DIR).resolve():
            self.out, self._save_options = out, {"html": html, "store": store}
        return paths

    def _write_network(self, graphml: Path, html: Optional[Path]) -> tuple[tuple, dict[str, float], dict[str, float]]:
        """Write GraphML and (unless ``html`` is ``None``) the page; returns the node table and the
        seconds (wall, CPU) of each."""
        from kg.network import stream_graphml  # here: NetworkX is not needed to open a graph and query it

        timings: dict[str, float] = {}
        cpu: dict[str, float] = {}
        clock = _PhaseClock(timings, None, cpu)
        clock.start("graphml")
        stream_graphml(self.entities, self._resolved(), graphml)
        if html is not None:
            from kg.network.viz import view_network, write_html

            clock.start("view")
            # the page shows a few hundred nodes: build only those, not the whole graph
            write_html(view_network(self.entities, self._resolved, table=self._node_table), html,
                       title=f"kg: {len(self.results)} articles, {self._node_table[2]} statements")
        clock.stop()
        return self._node_table, timings, cpu

    def _save_records(self, records: Path) -> None:
        if self.results.directory is None or self.results.directory.resolve() != records.resolve():
            save_records(records, self._in_order())
        # a record that could not be read is left alone: it may be anyone's file
        wanted = {record_name(doc_id) for doc_id in self.results} | self.results.unreadable
        for stale in records.glob("*.json"):
            if stale.name not in wanted:
                stale.unlink()

    def _all_entities(self) -> list[Entity]:
        """The corpus entities, and a bare one for each name no entity covers (as in ``to_dataset``)."""
        entities = list(self.entities)
        known = {e.name for e in entities}
        for _, triples in self._resolved():
            entities.extend(uncovered_entities(triples, known))
        return entities

    def _entity_files(self, folder: Path) -> "EntityFiles":
        from kg.rdf.files import entity_files

        return entity_files(self._all_entities(), folder)

    def _write_store(self, directory: Path, exports: "StreamedExports", described: beside) -> "Dataset":
        """The Oxigraph store in ``directory`` made to hold this graph: loaded in bulk when it is
        empty (a clean build), else changed one article at a time.

        ``exports`` gets every quad of the graph either way, in one order (the articles, the
        entities, the summary: see :class:`kg.rdf.store.bulk_load`); ``described`` is the child
        writing the entities' graph (:func:`kg.rdf.files.entity_files`) beside this process.
        """
        from kg.rdf.store import (
            bulk_load,
            clean_start,
            flush,
            open_store,
            recount_summaries,
            remove_document,
            replace_document,
            stored_documents,
            write_entities,
        )
        from kg.resolution import CorpusEntities

        # Another build or `kg serve` may hold the store; wait a little before failing.
        dataset = open_store(directory, wait=30)
        try:
            clean = clean_start(dataset)
            # The documents need only the names merged away: the actors, with a merge-log line
            # per article naming them, are let go before them and made again if asked for afterwards.
            canonical, types = CorpusEntities(names=self._corpus.names).canonical, self._entity_types
            if clean:
                with bulk_load(dataset, exports.add) as load:
                    self._invalidate()
                    load.documents(self._resolved(canonical, types))
                    entities = described.result()  # the child has described them meanwhile
                    load.nquads(entities.nquads)
                    exports.append(entities)
                return dataset
            recount_summaries(dataset)  # a store an older kg kept
            for doc_id in set(stored_documents(dataset)) - set(self.results):
                remove_document(dataset, doc_id)
            # Entities first: Oxigraph writes them several times faster into a store not yet holding the documents.
            write_entities(dataset, self._all_entities())
            self._invalidate()
            # the store changes article by article; the exports get every quad, as a clean build's
            with bulk_load(None, exports.add) as feed:
                for document, triples in self._resolved(canonical, types):
                    replace_document(dataset, document, triples)  # flushes as its writes pile up
                    feed.documents([(document, triples)])
                exports.append(described.result())
            flush(dataset)  # the last writes' buffers
        except BaseException:
            dataset.close()
            raise
        return dataset


#: The phases of a build, as :attr:`KnowledgeGraph.timings` names them, and what each does.
PHASES = {
    "parse+extract": "parsing articles",
    "actors": "merging actors across articles",
    "store": "writing the store",
    "exports": "writing Turtle and TriG",
    "graphml": "writing GraphML",
    "view": "drawing the HTML view",
    "waited": "waiting for GraphML and the view",
}
#: The phases a forked child runs beside the store and the exports (their seconds overlap those).
BESIDE = ("graphml", "view")


class _PhaseClock:
    """Wall seconds per phase, added into ``timings`` (CPU seconds into ``cpu``); ``on_stage`` is told
    each phase as it starts."""

    def __init__(self, timings: dict[str, float], on_stage: Optional[Callable[[str], None]],
                 cpu: Optional[dict[str, float]] = None) -> None:
        self.timings, self.on_stage, self.cpu = timings, on_stage, {} if cpu is None else cpu
        self.phase: Optional[str] = None
        self.since = self.cpu_since = 0.0

    def start(self, phase: str, quiet: bool = False) -> None:
        self.stop()
        if self.on_stage is not None and not quiet:
            self.on_stage(PHASES[phase])
        self.phase, self.since, self.cpu_since = phase, time.perf_counter(), _cpu_seconds()

    def stop(self) -> None:
        if self.phase is not None:
            self.timings[self.phase] = time.perf_counter() - self.since
            self.cpu[self.phase] = _cpu_seconds() - self.cpu_since
            self.phase = None


def _cpu_seconds() -> float:
    """CPU seconds of this process and of the child processes it has waited for."""
    import os

    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _typed(triple: Triple, types: dict[str, str]) -> Triple:
    """``triple`` with its subject's and object's types those of their corpus entities
    (a name no entity has: the type it had where first seen, added to ``types``).

    An entity has one type, so every count that asks "is this an actor?" (the summary
    graph's degrees and pairs, ``kg stats``, the page, :meth:`KnowledgeGraph.most_connected`)
    gets one answer; a sentence's own reading of the type ("Twitter" as a thing in one
    article, an organisation across the corpus) gives way to the corpus's.
    """
    subject = types.setdefault(triple.subject, triple.subject_type)
    obj = types.setdefault(triple.object, triple.object_type)
    if (subject, obj) == (triple.subject_type, triple.object_type):
        return triple
    return evolve(triple, subject_type=subject, object_type=obj)


class _Documents(Mapping[str, Document]):
    """A graph's documents by id, in id order, each read from its record when asked for."""

    def __init__(self, graph: KnowledgeGraph) -> None:
        self._results = graph.results
        self._ids = graph._ids

    def __getitem__(self, doc_id: str) -> Document:
        return self._results[doc_id].document

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids())

    def __len__(self) -> int:
        return len(self._results)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._results

    def __repr__(self) -> str:
        return f"<{len(self)} documents>"


def _analyse_paths(
    paths: Iterable[PathLike],
    *,
    model: Optional[str] = None,
    jobs: int = 1,
    dask: bool = False,
    scheduler: Optional[str] = None,
    batch_size: int = 32,
    on_problem: Optional[Callable] = None,
    strict: bool = False,
    skip: Optional[Callable[[Document], bool]] = None,
    progress: Optional[Callable[[DocumentResult], None]] = None,
    aliases: Any = None,
    exclude: Iterable[PathLike] = (),
    min_confidence: Optional[float] = None,
):
    from kg.documents import read_documents
    from kg.pipeline import run

    documents = read_documents(paths, on_problem=on_problem, strict=strict, exclude=exclude)
    if skip is not None:
        documents = (d for d in documents if not skip(d))
    for result in run(documents, model=model, n_process=jobs, batch_size=batch_size, dask=dask,
                      scheduler=scheduler, aliases=aliases, min_confidence=min_confidence):
        if result.error:  # reported, not kept: the next build tries the article again
            _report_failure(result, on_problem, strict)
            continue
        if progress is not None:
            progress(result)
        yield result


def _report_failure(result: DocumentResult, on_problem: Optional[Callable], strict: bool) -> None:
    import warnings

    from kg.documents import InputError, InputProblem

    document = result.document
    source = document.source or document.id
    detail = result.error if source == document.id else f"{document.id}: {result.error}"
    problem = InputProblem(source, None, "analysis failed", detail)
    if on_problem is not None:
        on_problem(problem)
    else:  # a bug in kg, not in the input: never silent
        warnings.warn(str(problem), RuntimeWarning, stacklevel=3)
    if strict:
        raise InputError(problem)


def own_files(out: PathLike, store: Optional[str] = "store") -> list[Path]:
    """What kg writes into ``out``, which a build never reads back as articles.

    ``kg build .`` puts its output folder inside the folder it reads, and ``--out .``
    its files beside the articles: ``graph.html`` is no news article.

    Examples
    --------
    >>> [p.name for p in own_files("out")][:3]
    ['out', 'graph.ttl', 'graph.trig']
    """
    from kg.rdf.base import BUILD_FILE

    out = Path(out)
    files = [out, *(out / name for name in OUTPUT_FILES.values()), out / RECORDS_DIR, out / "graph.png",
             out / FOLDER_LOCK, out / BUILD_FILE]
    if store not in (None, "memory"):
        files.append(out / store)
    return files + sorted(out.glob("view-*.html"))  # pages `kg view --around` writes


def load(out: PathLike, *, aliases: Any = None, on_problem: Optional[Callable] = None) -> KnowledgeGraph:
    """Open a graph that :func:`build` saved into ``out`` (``on_problem``: see :class:`KnowledgeGraph`).

    Nothing is read but a few numbers per article: queries run on the build's store
    (opened for them, closed after :data:`kg.rdf.reader.IDLE_SECONDS` idle, or by
    :meth:`KnowledgeGraph.close`), and the NetworkX graph, tables and page are made from
    the records when asked for. ``graph.add(...)`` saves the folder again.

    Raises
    ------
    FileNotFoundError
        When ``out`` holds no kg build.

    Examples
    --------
    >>> graph = load("output/")  # doctest: +SKIP
    >>> graph.query("actors_by_degree", limit=3)  # doctest: +SKIP
    """
    from kg.rdf.base import folder_base

    records = Path(out) / RECORDS_DIR
    if not records.is_dir():
        raise FileNotFoundError(f"{out}: no kg build here (run 'kg build PATH --out {out}' first)")
    graph = KnowledgeGraph(aliases=aliases, records=records, on_problem=on_problem, base_iri=folder_base(out))
    graph.out = Path(out)
    graph._save_options = {"html": (graph.out / OUTPUT_FILES["html"]).is_file(),
                           "store": "store" if (graph.out / "store").is_dir() else "memory"}
    return graph


def remove(out: PathLike, ids: Iterable[str], *, store: Optional[str] = "store", wait: float = BUILD_WAIT,
           on_wait: Optional[Callable[[str], None]] = None) -> list[str]:
    """Take articles out of the build in ``out``: its records, store and files become what a
    build without them gives. Returns the ids removed, in order.

    An id also takes the parts a long article was cut into (``id#2``, ``id#3`` …, see
    :func:`kg.documents.read_documents`). Articles stay in a build until removed: a build
    only adds and replaces.

    Raises
    ------
    KeyError
        When an id is not in the build (nothing is removed then).
    FileNotFoundError
        When ``out`` holds no kg build.

    Examples
    --------
    >>> remove("output", ["old-article"])  # doctest: +SKIP
    ['old-article']
    """
    out = Path(out)
    with folder_lock(out, wait=wait, on_wait=on_wait):
        graph = load(out)
        gone = []
        for doc_id in ids:
            found = sorted((d for d in graph.results if d == doc_id or _part_of(d, doc_id)), key=_part_number)
            if not found:
                raise KeyError(f"{out}: no article {doc_id!r} in this build")
            gone += [d for d in found if d not in gone]
        for doc_id in gone:
            del graph.results[doc_id]
        has_store = store not in (None, "memory") and (out / store).is_dir()
        graph.save(out, html=(out / OUTPUT_FILES["html"]).is_file(), store=store if has_store else None)
    return gone


def _part_of(doc_id: str, whole: str) -> bool:
    head, sep, number = doc_id.rpartition("#")
    return bool(sep) and head == whole and number.isdigit()


def _part_number(doc_id: str) -> int:
    head, sep, number = doc_id.rpartition("#")
    return int(number) if sep and number.isdigit() else 1


def load_network(out: PathLike, *, wait: float = 0.0, on_note: Optional[Callable[[str], None]] = None,
                 on_problem: Optional[Callable] = None) -> "nx.MultiDiGraph":
    """The NetworkX graph of a build folder: from its records, else from its ``graph.graphml``.

    While a build writes the folder (waited for up to ``wait`` seconds) the records are
    half old, half new: the graph then comes from the last complete ``graph.graphml``,
    and ``on_note`` is told so, with the file's time. ``on_problem`` is :func:`load`'s.

    Raises
    ------
    FileNotFoundError
        When ``out`` holds no kg build.
    ValueError
        When the GraphML file cannot be read.
    """
    from kg.network import read_graphml

    out = Path(out)
    graphml = out / OUTPUT_FILES["graphml"]
    if (out / RECORDS_DIR).is_dir():
        try:
            with folder_lock(out, shared=True, wait=wait):
                return load(out, on_problem=on_problem).nx
        except InUseError as busy:
            read_elsewhere(str(out), busy, graphml, on_note)
    elif not graphml.is_file():
        load(out)  # raises: no build here
    try:
        return read_graphml(graphml)
    except Exception as exc:  # a damaged file is the user's to fix: say which and why
        raise ValueError(f"{graphml}: cannot read GraphML ({exc})") from None


def build(
    paths: Iterable[PathLike],
    *,
    out: Optional[PathLike] = None,
    model: Optional[str] = None,
    aliases: Optional[PathLike] = None,
    jobs: int = 1,
    dask: bool = False,
    scheduler: Optional[str] = None,
    on_problem: Optional[Callable] = None,
    strict: bool = False,
    progress: Optional[Callable[[DocumentResult], None]] = None,
    html: bool = True,
    store: Optional[str] = "store",
    wait: float = BUILD_WAIT,
    on_wait: Optional[Callable[[str], None]] = None,
    on_stage: Optional[Callable[[str], None]] = None,
    base_iri: Optional[str] = None,
    min_confidence: Optional[float] = None,
) -> KnowledgeGraph:
    """Build a knowledge graph from articles (files, directories, JSONL, ``-``).

    With ``out``, the graph already saved there is extended (unchanged articles
    are not parsed again) and every output file is rewritten. Records of parsed
    articles are saved as the build goes, so an interrupted build resumes.
    The build has ``out`` to itself from start to end (:func:`kg.lock.folder_lock`):
    another build into it waits up to ``wait`` seconds (``on_wait`` is told why), then
    fails with :class:`kg.lock.InUseError`.

    ``jobs`` worker processes parse (1: in this process); ``dask`` runs them on a
    Dask LocalCluster of ``jobs`` workers, ``scheduler`` on an existing cluster
    (see :mod:`kg.pipeline.parallel`). ``progress`` is called with each parsed
    article, ``on_stage`` with the name of each later stage as it starts.
    ``base_iri`` is the base every IRI is minted under (default
    :data:`kg.rdf.namespaces.DEFAULT_BASE`); a folder keeps the base it was first built
    with (``DIR/build.json``, :mod:`kg.rdf.base`), so a later build into it needs none.
    Triples scored below ``min_confidence`` are left out (0 keeps every triple; default: the
    ``KG_MIN_CONFIDENCE`` setting, else :data:`kg.extraction.confidence.MIN_CONFIDENCE`);
    articles already in ``out`` keep the cut they were parsed with.

    Raises
    ------
    NoInput
        When no path held a usable article; nothing in ``out`` is touched then.
    ValueError
        When ``base_iri`` is not an absolute http(s) IRI, or not the base ``out`` was built with.

    Examples
    --------
    >>> g = build(["seeds/"])  # doctest: +SKIP
    >>> g.nx.number_of_nodes() > 0  # doctest: +SKIP
    True
    """
    from kg.rdf.base import build_base
    from kg.resolution import load_aliases

    parsed_aliases = load_aliases(aliases) if aliases else None
    options = dict(model=model, jobs=jobs, dask=dask, scheduler=scheduler, on_problem=on_problem, strict=strict,
                   progress=progress, min_confidence=min_confidence)
    base = build_base(out, base_iri)
    if out is None:
        return _read_into(KnowledgeGraph(aliases=parsed_aliases, on_problem=on_problem, base_iri=base), paths, options)
    out = Path(out)
    created = not out.exists()
    lock = folder_lock(out, wait=wait, on_wait=on_wait).acquire()
    try:  # the records are read under the lock: no other build changes them before this one saves
        graph = KnowledgeGraph(aliases=parsed_aliases, records=out / RECORDS_DIR, on_problem=on_problem, base_iri=base)
        _read_into(graph, paths, dict(options, exclude=own_files(out, store)))
        graph.save(out, html=html, store=store, on_stage=on_stage)
    except NoInput:
        if created:  # leave no folder behind that holds only the lock
            (out / FOLDER_LOCK).unlink(missing_ok=True)
            _remove_empty(out)
        raise
    finally:
        lock.release()
    return graph


def _read_into(graph: KnowledgeGraph, paths: Iterable[PathLike], options: dict[str, Any]) -> KnowledgeGraph:
    graph.add(paths, **options)
    if not graph.last_read:
        raise NoInput("no usable input was read")
    return graph


def _remove_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass
