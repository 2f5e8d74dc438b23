"""The knowledge graph as a Python object: build it, add to it, query it, view it.

A :class:`KnowledgeGraph` keeps, per document, the compact records extraction
produced (the document, its triples and its actors under document-local names).
Everything else — corpus-wide actor names, the RDF dataset, the NetworkX graph,
the HTML view — is derived from those records, so adding an article re-derives
instead of re-parsing.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Optional, Union

from kg.io import atomic_write_text
from kg.model import Document, Entity, Merge, Triple
from kg.pipeline import DocumentResult

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

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

    Examples
    --------
    >>> from kg.pipeline import DocumentResult
    >>> doc = Document(id="d1", text="Russia vetoed a draft.")
    >>> t = Triple(doc="d1", sentence_index=0, sentence=doc.text, start=0, end=22,
    ...            subject="Russia", relation="veto", object="draft",
    ...            subject_text="Russia", object_text="a draft", subject_type="Country")
    >>> g = KnowledgeGraph([DocumentResult(doc, (t,), (), 1, 5)])
    >>> [(x.subject, x.relation, x.object) for x in g.triples]
    [('Russia', 'veto', 'draft')]
    """

    def __init__(self, results: Iterable[DocumentResult] = (), *, aliases: Any = None) -> None:
        self.results: dict[str, DocumentResult] = {r.document.id: r for r in results}
        self.aliases = aliases
        #: Paths written by the last :meth:`save`, by kind ("turtle", "html", "store", ...).
        self.files: dict[str, Path] = {}

    # -- derived data -----------------------------------------------------------------
    @cached_property
    def _corpus(self):
        from kg.resolution import merge_entities

        local = (e for r in self._in_order() for e in r.entities)
        return merge_entities(local, aliases=self.aliases)

    def _in_order(self) -> list[DocumentResult]:
        # Derived views follow document ids, not arrival order, so a resumed or
        # incremental build gives the same files as a clean one.
        return [self.results[doc_id] for doc_id in sorted(self.results)]

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
        canonical = self._corpus.canonical
        out = []
        for result in self._in_order():
            doc_id = result.document.id
            for t in result.triples:
                out.append(
                    replace(
                        t,
                        subject=canonical(doc_id, t.subject),
                        object=canonical(doc_id, t.object),
                        attributed_to=t.attributed_to and canonical(doc_id, t.attributed_to),
                    )
                )
        return out

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
        for name in ("_corpus", "entities", "triples", "rdf", "nx"):
            self.__dict__.pop(name, None)

    # -- growing ---------------------------------------------------------------------
    def add(self, paths: Iterable[PathLike], **options: Any) -> "KnowledgeGraph":
        """Read, parse and add more articles; an article already present is replaced.

        Takes the options of :func:`build` except ``out``; returns ``self``.
        """
        self.last_read = 0
        for result in _analyse_paths(paths, skip=self._unchanged, **options):
            self.results[result.document.id] = result
        self._invalidate()
        return self

    def _unchanged(self, document: Document) -> bool:
        self.last_read += 1
        known = self.results.get(document.id)
        return known is not None and known.document == document

    # -- using -----------------------------------------------------------------------
    def query(self, sparql: Union[str, Path], **params: Any) -> list[dict[str, Any]]:
        """Run a SPARQL query (text, a ``.rq`` path or a library query name) with bound parameters.

        >>> g.query("actors-by-mentions", limit=5)  # doctest: +SKIP
        """
        from kg.queries import run_query

        return run_query(self.rdf, sparql, **params)

    def to_html(self, path: PathLike, **options: Any) -> Path:
        """Write the interactive HTML view (see :func:`kg.viz.write_html` for options)."""
        from kg.viz import write_html

        return write_html(self.nx, path, **options)

    def stats(self, top: int = 10) -> dict[str, Any]:
        """Counts, central actors, communities and strongest dyads (see :func:`kg.analysis.stats`)."""
        from kg.analysis import stats

        summary = stats(self.nx, top=top)
        summary["documents"] = len(self.results)
        summary["sentences"] = sum(r.sentences for r in self.results.values())
        summary["triples"] = len(self.triples)
        return summary

    def to_pandas(self):
        """``(entities, statements)`` as pandas DataFrames."""
        from kg.analysis import to_pandas

        return to_pandas(self.triples, self.entities, self.documents)

    # -- files -----------------------------------------------------------------------
    def save(self, out: PathLike, *, html: bool = True, store: Optional[str] = "store") -> dict[str, Path]:
        """Write records, the RDF store and every output file into ``out``; returns the paths by kind.

        ``store`` is the on-disk Oxigraph store's directory inside ``out`` (``None`` or
        ``"memory"`` for none). Only articles whose statements changed are rewritten
        in the store; every file is replaced atomically, so an interrupted save
        leaves the old one.
        """
        from kg.network import write_graphml
        from kg.rdf import export

        out = Path(out)
        self._save_records(out)
        paths = {kind: out / name for kind, name in OUTPUT_FILES.items()}
        if store in (None, "memory"):
            dataset, close = self.rdf, lambda: None
        else:
            dataset = self._write_store(out / store)
            close = dataset.close
            paths["store"] = out / store
        try:
            export(dataset, paths["turtle"], "turtle")
            export(dataset, paths["trig"], "trig")
        finally:
            close()
        write_graphml(self.nx, paths["graphml"])
        if html:
            self.to_html(paths["html"], title=f"kg: {len(self.results)} articles, {len(self.triples)} statements")
        else:
            del paths["html"]
        self.files = paths
        return paths

    def _save_records(self, out: Path) -> None:
        records = out / RECORDS_DIR
        _save_records(records, self.results.values())
        wanted = {_record_name(doc_id) for doc_id in self.results}
        for stale in records.glob("*.json"):
            if stale.name not in wanted:
                stale.unlink()

    def _write_store(self, directory: Path) -> "Dataset":
        from kg.rdf import to_dataset
        from kg.store import open_store, remove_document, stored_documents

        # Another build or `kg serve` may hold the store; wait a little before failing.
        dataset = open_store(directory, wait=30)
        try:
            for doc_id in set(stored_documents(dataset)) - set(self.results):
                remove_document(dataset, doc_id)
            to_dataset(self.documents.values(), self.triples, self.entities, dataset)
        except BaseException:
            dataset.close()
            raise
        return dataset


def _record_name(doc_id: str) -> str:
    # Ids come from file names and JSON: hash them so any id is a safe file name.
    return hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:20] + ".json"


def _record(result: DocumentResult) -> dict[str, Any]:
    return {
        "document": vars(result.document),
        "triples": [t.to_dict() for t in result.triples],
        "entities": [e.to_dict() for e in result.entities],
        "sentences": result.sentences,
        "tokens": result.tokens,
    }


def _from_record(record: Mapping[str, Any]) -> DocumentResult:
    def entity(e: Mapping[str, Any]) -> Entity:
        fields = dict(e)
        for name in ("aliases", "titles", "docs"):
            fields[name] = tuple(fields.get(name) or ())
        fields["merges"] = tuple(Merge(**m) for m in fields.get("merges") or ())
        return Entity(**fields)

    return DocumentResult(
        document=Document(**record["document"]),
        triples=tuple(Triple.from_dict(t) for t in record["triples"]),
        entities=tuple(entity(e) for e in record["entities"]),
        sentences=record["sentences"],
        tokens=record["tokens"],
    )


#: A running build saves the records of finished documents this often (documents,
#: seconds), so a killed build resumes where it stopped.
FLUSH_DOCUMENTS = 50
FLUSH_SECONDS = 10.0


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
    records: Optional[PathLike] = None,
):
    import time

    from kg.documents import read_documents
    from kg.pipeline import run

    documents = read_documents(paths, on_problem=on_problem, strict=strict)
    if skip is not None:
        documents = (d for d in documents if not skip(d))
    pending: list[DocumentResult] = []
    flushed = time.monotonic()
    try:
        for result in run(documents, model=model, n_process=jobs, batch_size=batch_size, dask=dask,
                          scheduler=scheduler):
            if progress is not None:
                progress(result)
            if records is not None:
                pending.append(result)
                if len(pending) >= FLUSH_DOCUMENTS or time.monotonic() - flushed > FLUSH_SECONDS:
                    _save_records(records, pending)
                    pending, flushed = [], time.monotonic()
            yield result
    finally:
        # Also on Ctrl-C: what was analysed is kept for the next run.
        if records is not None:
            _save_records(records, pending)


def _save_records(records: PathLike, results: Iterable[DocumentResult]) -> None:
    """Write the record file of each result atomically (a killed build leaves whole files).

    A record whose file already holds the same text is left alone, so a rebuild touches nothing.
    """
    records = Path(records)
    for result in results:
        records.mkdir(parents=True, exist_ok=True)
        path = records / _record_name(result.document.id)
        text = json.dumps(_record(result), ensure_ascii=False, sort_keys=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            atomic_write_text(path, text)


def load(out: PathLike, *, aliases: Any = None) -> KnowledgeGraph:
    """Open a graph that :func:`build` saved into ``out``.

    Raises
    ------
    FileNotFoundError
        When ``out`` holds no kg build.
    """
    records = Path(out) / RECORDS_DIR
    if not records.is_dir():
        raise FileNotFoundError(f"{out}: no kg build here (run 'kg build PATH --out {out}' first)")
    results = []
    for path in sorted(records.glob("*.json")):
        results.append(_from_record(json.loads(path.read_text(encoding="utf-8"))))
    return KnowledgeGraph(results, aliases=aliases)


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
) -> KnowledgeGraph:
    """Build a knowledge graph from articles (files, directories, JSONL, ``-``).

    With ``out``, the graph already saved there is extended (unchanged articles
    are not parsed again) and every output file is rewritten. Records of parsed
    articles are saved as the build goes, so an interrupted build resumes.

    ``jobs`` worker processes parse (1: in this process); ``dask`` runs them on a
    Dask LocalCluster of ``jobs`` workers, ``scheduler`` on an existing cluster
    (see :mod:`kg.parallel`).

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
    if out is not None and (Path(out) / RECORDS_DIR).is_dir():
        graph = load(out, aliases=parsed_aliases)
    else:
        graph = KnowledgeGraph(aliases=parsed_aliases)
    graph.add(paths, model=model, jobs=jobs, dask=dask, scheduler=scheduler, on_problem=on_problem,
              strict=strict, progress=progress, records=out and Path(out) / RECORDS_DIR)
    if not graph.last_read:
        raise NoInput("no usable input was read")
    if out is not None:
        graph.save(out, html=html, store=store)
    return graph
