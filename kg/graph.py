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
"""
from __future__ import annotations

from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, Union

from kg.model import Document, Entity, Triple, uncovered_entities
from kg.network import stream_graphml
from kg.pipeline.analyse import DocumentResult
from kg.records import Records, record_name, save_records

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

__all__ = ["KnowledgeGraph", "NoInput", "OUTPUT_FILES", "RECORDS_DIR", "build", "load"]

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
                 records: Optional[PathLike] = None, on_problem: Optional[Callable] = None) -> None:
        #: Per-document results by id; on disk under ``records`` when given (see :class:`Records`).
        self.results = Records(records, on_problem=on_problem)
        for result in results:
            self.results[result.document.id] = result
        self.results.flush()
        self.aliases = aliases
        #: Paths written by the last :meth:`save`, by kind ("turtle", "html", "store", ...).
        self.files: dict[str, Path] = {}

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

    def _resolved(self, canonical: Optional[Callable[[str, str], str]] = None
                  ) -> Iterator[tuple[Document, list[Triple]]]:
        """Each document with its triples under corpus-wide actor names, in id order, one at a time."""
        canonical = canonical or self._corpus.canonical
        for result in self._in_order():
            doc_id = result.document.id
            yield result.document, [t.renamed(partial(canonical, doc_id)) for t in result.triples]

    @property
    def documents(self) -> dict[str, Document]:
        """The documents by id, in id order."""
        return {r.document.id: r.document for r in self._in_order()}

    @cached_property
    def entities(self) -> list[Entity]:
        """Actors merged across documents, most mentioned first."""
        return sorted(self._corpus.entities, key=lambda e: (-e.mentions, e.name))

    @cached_property
    def triples(self) -> list[Triple]:
        """Every triple, with corpus-wide actor names."""
        return [t for _, triples in self._resolved() for t in triples]

    @cached_property
    def rdf(self) -> "Dataset":
        """The graph as an rdflib ``Dataset``: a named graph per document plus the actors."""
        from kg.rdf import to_dataset

        return to_dataset(self.documents.values(), self.triples, self.entities)

    @cached_property
    def nx(self) -> "nx.MultiDiGraph":
        """The graph as a NetworkX ``MultiDiGraph``: a node per actor, an edge per triple."""
        from kg.network import to_networkx

        return to_networkx(self.triples, self.entities, self.documents)

    def _invalidate(self) -> None:
        for name in ("_corpus", "entities", "triples", "rdf", "nx", "_node_table"):
            self.__dict__.pop(name, None)

    # -- growing ---------------------------------------------------------------------
    def add(self, paths: Iterable[PathLike], **options: Any) -> "KnowledgeGraph":
        """Read, parse and add more articles; an article already present is replaced.

        An article's id is its key: a later article with a known id replaces the earlier
        one, which is how an edited article is updated. When it comes from another file
        (another folder's ``report.txt``) or from stdin, ``on_problem`` gets a note
        naming both sources, since kg cannot tell an edit from a different article.

        Takes the options of :func:`build` except ``out``; returns ``self``.
        """
        self.last_read = 0
        on_problem = options.get("on_problem")
        try:
            for result in _analyse_paths(paths, skip=lambda d: self._unchanged(d, on_problem), aliases=self.aliases,
                                         **options):
                self.results[result.document.id] = result
        finally:
            # Also on Ctrl-C: what was analysed is kept for the next run.
            self.results.flush()
            self._invalidate()
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
    def query(self, sparql: Union[str, Path], **params: Any) -> list[dict[str, Any]]:
        """Run a SPARQL query (text, a ``.rq`` path or a library query name) with bound parameters.

        >>> g.query("actors-by-mentions", limit=5)  # doctest: +SKIP
        """
        from kg.rdf.queries import run_query

        return run_query(self.rdf, sparql, **params)

    def to_html(self, path: PathLike, **options: Any) -> Path:
        """Write the interactive HTML view (see :func:`kg.network.viz.write_html` for options)."""
        from kg.network.viz import write_html

        return write_html(self.nx, path, **options)

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

    def to_pandas(self):
        """``(entities, statements)`` as pandas DataFrames."""
        from kg.network.analysis import to_pandas

        return to_pandas(self.triples, self.entities, self.documents)

    # -- files -----------------------------------------------------------------------
    def save(self, out: PathLike, *, html: bool = True, store: Optional[str] = "store",
             on_stage: Optional[Callable[[str], None]] = None) -> dict[str, Path]:
        """Write records, the RDF store and every output file into ``out``; returns the paths by kind.

        ``store`` is the on-disk Oxigraph store's directory inside ``out`` (``None`` or
        ``"memory"`` for none). Only articles whose statements changed are rewritten
        in the store; every file is replaced atomically, so an interrupted save
        leaves the old one. ``on_stage`` is called with the name of each stage as it starts.
        """
        from kg.rdf import export
        from kg.rdf.files import export_store

        stage = on_stage or (lambda name: None)
        out = Path(out)
        self._save_records(out / RECORDS_DIR)
        paths = {kind: out / name for kind, name in OUTPUT_FILES.items()}
        stage("merging actors across articles")
        self.entities  # noqa: B018 - computed once here, so the stage says where the time goes
        if store in (None, "memory"):
            stage("writing Turtle and TriG")
            export(self.rdf, paths["turtle"], "turtle")
            export(self.rdf, paths["trig"], "trig")
        else:
            stage("writing the store")
            dataset = self._write_store(out / store)
            paths["store"] = out / store
            try:
                stage("writing Turtle and TriG")
                export_store(dataset, paths["turtle"], "turtle")
                export_store(dataset, paths["trig"], "trig")
            finally:
                dataset.close()
        stage("writing GraphML")
        stream_graphml(self.entities, self._resolved(), paths["graphml"])
        if html:
            from kg.network.viz import view_network, write_html

            stage("drawing the HTML view")
            # the page shows a few hundred nodes: build only those, not the whole graph
            write_html(view_network(self.entities, self._resolved, table=self._node_table), paths["html"],
                       title=f"kg: {len(self.results)} articles, {self._node_table[2]} statements")
        else:
            del paths["html"]
        self.files = paths
        return paths

    def _save_records(self, records: Path) -> None:
        if self.results.directory is None or self.results.directory.resolve() != records.resolve():
            save_records(records, self._in_order())
        # a record that could not be read is left alone: it may be anyone's file
        wanted = {record_name(doc_id) for doc_id in self.results} | self.results.unreadable
        for stale in records.glob("*.json"):
            if stale.name not in wanted:
                stale.unlink()

    def _write_store(self, directory: Path) -> "Dataset":
        """The Oxigraph store in ``directory`` made to hold this graph, written one article at a time."""
        from kg.rdf.store import (
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
            recount_summaries(dataset)  # a store an older kg kept
            for doc_id in set(stored_documents(dataset)) - set(self.results):
                remove_document(dataset, doc_id)
            # Entities first: Oxigraph writes them several times faster into a store not yet
            # holding the documents, and names no entity covers get a bare one, as in to_dataset.
            entities = list(self.entities)
            known = {e.name for e in entities}
            for _, triples in self._resolved():
                entities.extend(uncovered_entities(triples, known))
            write_entities(dataset, entities)
            # The documents need only the names merged away: the actors, with a merge-log line
            # per article naming them, are let go here and made again if asked for afterwards.
            canonical = CorpusEntities(names=self._corpus.names).canonical
            del entities, known
            self._invalidate()
            for document, triples in self._resolved(canonical):
                replace_document(dataset, document, triples)  # flushes as its writes pile up
            flush(dataset)  # the last writes' buffers, before the exports read the store
        except BaseException:
            dataset.close()
            raise
        return dataset


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
):
    from kg.documents import read_documents
    from kg.pipeline import run

    documents = read_documents(paths, on_problem=on_problem, strict=strict, exclude=exclude)
    if skip is not None:
        documents = (d for d in documents if not skip(d))
    for result in run(documents, model=model, n_process=jobs, batch_size=batch_size, dask=dask,
                      scheduler=scheduler, aliases=aliases):
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
    out = Path(out)
    files = [out, *(out / name for name in OUTPUT_FILES.values()), out / RECORDS_DIR, out / "graph.png"]
    if store not in (None, "memory"):
        files.append(out / store)
    return files + sorted(out.glob("view-*.html"))  # pages `kg view --around` writes


def load(out: PathLike, *, aliases: Any = None, on_problem: Optional[Callable] = None) -> KnowledgeGraph:
    """Open a graph that :func:`build` saved into ``out`` (``on_problem``: see :class:`KnowledgeGraph`).

    Raises
    ------
    FileNotFoundError
        When ``out`` holds no kg build.
    """
    records = Path(out) / RECORDS_DIR
    if not records.is_dir():
        raise FileNotFoundError(f"{out}: no kg build here (run 'kg build PATH --out {out}' first)")
    return KnowledgeGraph(aliases=aliases, records=records, on_problem=on_problem)


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
    on_stage: Optional[Callable[[str], None]] = None,
) -> KnowledgeGraph:
    """Build a knowledge graph from articles (files, directories, JSONL, ``-``).

    With ``out``, the graph already saved there is extended (unchanged articles
    are not parsed again) and every output file is rewritten. Records of parsed
    articles are saved as the build goes, so an interrupted build resumes.

    ``jobs`` worker processes parse (1: in this process); ``dask`` runs them on a
    Dask LocalCluster of ``jobs`` workers, ``scheduler`` on an existing cluster
    (see :mod:`kg.pipeline.parallel`). ``progress`` is called with each parsed
    article, ``on_stage`` with the name of each later stage as it starts.

    Raises
    ------
    NoInput
        When no path held a usable article; nothing in ``out`` is touched then.

    Examples
    --------
    >>> g = build(["seeds/"])  # doctest: +SKIP
    >>> g.nx.number_of_nodes() > 0  # doctest: +SKIP
    True
    """
    from kg.resolution import load_aliases

    parsed_aliases = load_aliases(aliases) if aliases else None
    graph = KnowledgeGraph(aliases=parsed_aliases, records=out and Path(out) / RECORDS_DIR, on_problem=on_problem)
    graph.add(paths, model=model, jobs=jobs, dask=dask, scheduler=scheduler, on_problem=on_problem,
              strict=strict, progress=progress, exclude=own_files(out, store) if out is not None else ())
    if not graph.last_read:
        raise NoInput("no usable input was read")
    if out is not None:
        graph.save(out, html=html, store=store, on_stage=on_stage)
    return graph
