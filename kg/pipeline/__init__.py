"""From documents to resolved triples and actors: the entry points of the pipeline.

- :mod:`~kg.pipeline.nlp` chooses and loads the spaCy pipeline, kg's components added;
- :mod:`~kg.pipeline.analyse` reads one parsed document's triples and actors
  (:class:`DocumentResult`), long articles parsed in pieces (:func:`pieces`);
- :mod:`~kg.pipeline.parallel` runs that on several cores or a Dask cluster, in input order;
- :mod:`~kg.pipeline.child` runs one step of a build in a forked child;
- this module dispatches: :func:`run` (documents -> results), :func:`extract` (one
  text -> triples) and :func:`corpus_entities` (documents -> merged actors, no triples).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Union

from kg.model import Document, Triple
from kg.pipeline.analyse import CHUNK_CHARS, DocumentResult, analyse_all, pieces
from kg.pipeline.nlp import ModelNotFound, default_model, load_nlp
from kg.pipeline.parallel import DaskError, run_dask, run_processes

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.resolution import Aliases, CorpusEntities

__all__ = [
    "CHUNK_CHARS", "DaskError", "DocumentResult", "ModelNotFound", "analyse_all", "corpus_entities",
    "default_model", "extract", "load_nlp", "pieces", "run",
]


def run(
    documents: Iterable[Document],
    nlp: Optional["Language"] = None,
    *,
    model: Optional[str] = None,
    batch_size: int = 32,
    n_process: int = 1,
    dask: bool = False,
    scheduler: Optional[str] = None,
    aliases: Optional["Aliases"] = None,
    min_confidence: Optional[float] = None,
) -> Iterator[DocumentResult]:
    """Parse and analyse documents, streaming, in input order.

    Parameters
    ----------
    n_process
        Worker processes (see :func:`~kg.pipeline.parallel.run_processes`); 1 parses here.
    dask, scheduler
        Run on a Dask cluster: a new LocalCluster of ``n_process`` workers, or the
        one at ``scheduler`` (``tcp://host:8786``); see :func:`~kg.pipeline.parallel.run_dask`.
    min_confidence
        Leave out triples scored below this (0 keeps every triple); default: the
        ``KG_MIN_CONFIDENCE`` setting, else :data:`kg.extraction.confidence.MIN_CONFIDENCE`.

    Examples
    --------
    >>> results = run([Document(id="d1", text="Russia vetoed a UN draft resolution.")])  # doctest: +SKIP
    """
    from kg.extraction.confidence import min_confidence as setting

    # chosen here, so that workers (a Dask cluster's too) do not consult their own settings
    cut = setting() if min_confidence is None else min_confidence
    if dask or scheduler:
        if nlp is not None:
            raise ValueError("a loaded pipeline cannot be sent to Dask workers; pass model= instead")
        yield from run_dask(documents, scheduler=scheduler, jobs=n_process, model=model, batch_size=batch_size,
                            aliases=aliases, min_confidence=cut)
    elif n_process > 1:
        yield from run_processes(documents, jobs=n_process, model=model, nlp=nlp, batch_size=batch_size,
                                 aliases=aliases, min_confidence=cut)
    else:
        yield from analyse_all(nlp or load_nlp(model), documents, batch_size, aliases, min_confidence=cut)


def extract(text: Union[str, Document], *, model: Optional[str] = None, doc_id: str = "text",
            min_confidence: Optional[float] = None) -> list[Triple]:
    """Triples of one text, actors resolved within it (``min_confidence``: as for :func:`run`).

    Examples
    --------
    >>> [(t.subject, t.relation, t.object) for t in extract("Russia vetoed a UN draft resolution.")]  # doctest: +SKIP
    [('Russia', 'veto', 'UN draft resolution')]
    """
    document = text if isinstance(text, Document) else Document(id=doc_id, text=text)
    results = list(run([document], model=model, min_confidence=min_confidence))
    for result in results:
        if result.error:
            raise RuntimeError(f"{document.id}: analysis failed ({result.error})")
    return [t for result in results for t in result.triples]


def corpus_entities(
    documents: Iterable[Document],
    aliases: Union["Aliases", str, Path, None] = None,
    model: Optional[str] = None,
) -> "CorpusEntities":
    """Parse documents and merge their actors: what ``kg entities`` lists.

    Only the parser and ``kg_actors`` run (no triple extraction), so this is the
    quick way to check how a corpus's actors merge.

    Examples
    --------
    >>> c = corpus_entities([Document("a", "Boris Johnson spoke. Johnson left.")])  # doctest: +SKIP
    >>> [e.name for e in c.entities]  # doctest: +SKIP
    ['Boris Johnson']
    """
    from kg.resolution import Aliases, document_entities, load_aliases, merge_entities

    if aliases is not None and not isinstance(aliases, Aliases):
        aliases = load_aliases(aliases)
    nlp = load_nlp(model)
    # entities need only the parse and kg_actors, not the triples: no extraction here
    pairs = ((d.text, d.id) for d in documents)
    local = (e for doc, doc_id in nlp.pipe(pairs, as_tuples=True) for e in document_entities(doc, doc_id, aliases))
    return merge_entities(local, aliases=aliases)
