"""Parsing and analysing documents on several cores or on a Dask cluster.

Work is shipped as batches of :class:`~kg.model.Document` s and comes back as
:class:`~kg.pipeline.analyse.DocumentResult` s: small frozen records, never ``Doc`` s.
A bounded number of batches is in flight, and results are yielded in input
order, so a corpus of any size streams through in constant memory and the
graph is the same as a single-process build's. A free worker gets the next
batch even while a long article holds up the output (see :func:`ordered`).

Each worker process loads the spaCy pipeline once (:func:`kg.pipeline.nlp.load_nlp`
caches it per process); with the ``fork`` start method the workers inherit the
parent's already loaded pipeline and its kg components. Dask workers load it
before the first batch is sent (:func:`warm_up`).

"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from contextlib import contextmanager
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, Sequence

from kg.model import Document
from kg.pipeline.analyse import DocumentResult, analyse_all
from kg.pipeline.child import ignore_interrupts
from kg.pipeline.nlp import default_model, load_nlp

if TYPE_CHECKING:
    from distributed import Client, LocalCluster
    from spacy.language import Language

__all__ = [
    "BATCH_CHARS", "BATCH_DOCUMENTS", "DaskError", "LOCAL_CLUSTER_CONFIG", "analyse_batch", "batches",
    "local_cluster", "ordered", "run_dask", "run_processes", "start_local_cluster", "warm_up",
]

#: Documents per batch sent to a worker: large enough that shipping the batch
#: costs little beside parsing it, small enough to keep every worker busy.
BATCH_DOCUMENTS = 16

#: A batch is closed early at this many characters, so that a long article travels
#: alone and does not hold up a worker with fifteen others queued behind it.
BATCH_CHARS = 60_000

#: Batches in flight per worker: one being parsed, one queued behind it.
INFLIGHT_PER_WORKER = 2

#: Dask settings of the LocalCluster that ``kg build --dask`` starts (a cluster at
#: ``--scheduler`` keeps its own). It has no dashboard, so nothing would read the workers'
#: statistical profiler (a stack sample every 10 ms: ~5% of a parsing worker's CPU) or its
#: system monitor and event-loop checks, run many times a second (~0.1 CPU s per second
#: between the scheduler, nannies and workers; ~0.02 with these settings). Dask's
#: ``MALLOC_TRIM_THRESHOLD_=65536`` makes glibc hand every freed parser array back to the
#: kernel and fault it in again (10x the page faults, ~8% more CPU); the workers get glibc's
#: own threshold, as kg's process pool and spaCy's do.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.tick.interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}

# A pipeline handed to the pool by the caller; forked workers inherit it.
_FORKED_NLP: Optional["Language"] = None


class DaskError(RuntimeError):
    """Dask was asked for but is not installed, or its scheduler cannot be reached."""


def batches(documents: Iterable[Document], size: int = BATCH_DOCUMENTS,
            chars: int = BATCH_CHARS) -> Iterator[list[Document]]:
    """Consecutive lists of at most ``size`` documents and about ``chars`` characters, read lazily.

    Examples
    --------
    >>> docs = [Document(id=str(i), text="x" * n) for i, n in enumerate([1, 1, 1, 9, 1])]
    >>> [len(b) for b in batches(docs, 2)], [len(b) for b in batches(docs, 3, chars=5)]
    ([2, 2, 1], [3, 1, 1])
    """
    batch: list[Document] = []
    length = 0
    for document in documents:
        if batch and (len(batch) >= size or length + len(document.text) > chars):
            yield batch
            batch, length = [], 0
        batch.append(document)
        length += len(document.text)
    if batch:
        yield batch


def analyse_batch(documents: Sequence[Document], model: Optional[str] = None,
                  batch_size: int = 32, aliases: Any = None,
                  min_confidence: Optional[float] = None) -> list[DocumentResult]:
    """Parse and analyse one batch in this process; the function workers run.

    Examples
    --------
    >>> [r.document.id for r in analyse_batch([Document(id="d", text="Russia vetoed it.")])]  # doctest: +SKIP
    ['d']
    """
    return list(analyse_all(_FORKED_NLP or load_nlp(model), documents, batch_size, aliases,
                            min_confidence=min_confidence))


def ordered(submit: Callable[[list[Document]], Any], work: Iterable[list[Document]], inflight: int,
            wait_any: Optional[Callable[[list], Any]] = None, window: Optional[int] = None) -> Iterator[DocumentResult]:
    """Results of every batch in input order, with at most ``inflight`` batches being worked on.

    ``submit(batch)`` returns a future (``concurrent.futures`` or Dask) whose result is
    that batch's list of results. With ``wait_any`` (block until one of the given futures
    is done) a free worker gets the next batch even while an earlier, long batch holds up
    the output; finished batches wait their turn, at most ``window`` (default
    ``4 * inflight``) batches in all.
    """
    window = window or 4 * inflight
    pending: deque = deque()
    work = iter(work)

    def fill() -> None:
        while len(pending) < window and sum(not f.done() for f in pending) < inflight:
            batch = next(work, None)
            if batch is None:
                return
            pending.append(submit(batch))

    fill()
    while pending:
        if wait_any is not None and not pending[0].done():
            wait_any([f for f in pending if not f.done()])
        else:
            results = pending.popleft().result()
            yield from results
        fill()


def run_processes(documents: Iterable[Document], *, jobs: int, model: Optional[str] = None,
                  nlp: Optional["Language"] = None, batch_size: int = 32,
                  batch_documents: int = BATCH_DOCUMENTS, aliases: Any = None,
                  min_confidence: Optional[float] = None) -> Iterator[DocumentResult]:
    """Analyse documents in a pool of ``jobs`` processes; in-process when one batch holds them all."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    global _FORKED_NLP

    work = batches(documents, batch_documents)
    first = list(islice(work, 2))
    if len(first) < 2:  # a pool is not worth starting for one batch
        for batch in first:
            yield from analyse_all(nlp or load_nlp(model), batch, batch_size, aliases, min_confidence=min_confidence)
        return
    context = _context()
    # A forked worker that collected the parent's garbage could close an Oxigraph store
    # left unclosed there, and hang waiting for RocksDB threads it does not have.
    gc.collect()
    if context.get_start_method() == "fork":
        # Loaded before forking, the pipeline is shared copy-on-write by the workers.
        _FORKED_NLP = nlp or load_nlp(model)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=ignore_interrupts)
    finished = False
    try:
        def submit(batch):
            return pool.submit(analyse_batch, batch, model, batch_size, aliases, min_confidence)

        def wait_any(futures):
            wait(futures, return_when=FIRST_COMPLETED)

        yield from ordered(submit, chain(first, work), jobs * INFLIGHT_PER_WORKER, wait_any)
        finished = True
    finally:
        # On Ctrl-C queued batches are dropped; the interrupted build resumes from its records.
        # Once all is done the idle workers are waited for: they exit at once, and their CPU
        # time is then counted with the parse (kg build --timings).
        pool.shutdown(wait=finished, cancel_futures=True)
        _FORKED_NLP = None


def run_dask(documents: Iterable[Document], *, scheduler: Optional[str] = None, jobs: Optional[int] = None,
             model: Optional[str] = None, batch_size: int = 32,
             batch_documents: int = BATCH_DOCUMENTS, aliases: Any = None,
             min_confidence: Optional[float] = None) -> Iterator[DocumentResult]:
    """Analyse documents on a Dask cluster: ``scheduler`` (``tcp://host:8786``) or a new LocalCluster.

    Workers need kg and the model installed; each loads the model once, before the
    first batch is sent (:func:`warm_up`).

    Raises
    ------
    DaskError
        When dask.distributed cannot be imported or the scheduler not reached.
    ModelNotFound
        When a worker does not have the model installed.
    """
    Client, _, distributed_wait = _dask()
    model = model or default_model()  # chosen here, so workers do not consult their own KG_MODEL
    if scheduler:
        try:
            client, cluster = Client(scheduler), None
        except OSError as exc:
            raise DaskError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    else:
        cluster = start_local_cluster(jobs)
        client = Client(cluster)
    try:
        warm_up(client, model)
        workers = max(1, sum(client.nthreads().values()))

        def submit(batch):
            # pure=False: two batches with equal documents are still two pieces of work.
            return client.submit(analyse_batch, batch, model, batch_size, aliases, min_confidence, pure=False)

        def wait_any(futures):
            distributed_wait(futures, return_when="FIRST_COMPLETED")

        yield from ordered(submit, batches(documents, batch_documents), workers * INFLIGHT_PER_WORKER, wait_any)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def start_local_cluster(jobs: Optional[int] = None) -> "LocalCluster":
    """A Dask LocalCluster of ``jobs`` (default: all cores) one-thread worker processes, set up for parsing.

    Loopback only, no dashboard, :data:`LOCAL_CLUSTER_CONFIG` applied. The caller closes it.

    Raises
    ------
    DaskError
        When dask.distributed cannot be imported.
    """
    import dask

    _, LocalCluster, _ = _dask()
    # Read when the scheduler, nannies and workers are created; workers get a copy.
    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        return LocalCluster(n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                            dashboard_address=None)


def warm_up(client: "Client", model: Optional[str] = None) -> None:
    """Load the model on every worker of ``client``'s cluster now, all at once.

    A worker without the model fails here, before any batch is sent, rather than on
    its first batch; workers that join later load the model with their first batch.

    Raises
    ------
    ModelNotFound
        When a worker does not have the model installed.
    """
    client.run(_load_model, model or default_model())


@contextmanager
def local_cluster(jobs: Optional[int] = None, model: Optional[str] = None) -> Iterator[str]:
    """A warmed-up LocalCluster (see :func:`start_local_cluster`) for several builds: its scheduler address.

    Pass the address as ``scheduler=`` to :func:`kg.build`; workers keep the model between builds.

    Examples
    --------
    >>> import kg
    >>> with local_cluster(2) as address:  # doctest: +SKIP
    ...     graph = kg.build(["corpus.jsonl"], scheduler=address)
    """
    Client, _, _ = _dask()
    cluster = start_local_cluster(jobs)
    try:
        with Client(cluster) as client:
            warm_up(client, model)
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _load_model(model: Optional[str]) -> None:
    # Run on a worker: the loaded pipeline stays there, nothing is sent back.
    load_nlp(model)


def _context():
    # fork shares the loaded model; platforms without it (macOS, Windows) spawn and reload.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _dask():
    try:
        from distributed import Client, LocalCluster, wait
    except ImportError:
        raise DaskError("--dask needs dask.distributed: pip install 'kg[dask]'") from None
    return Client, LocalCluster, wait

