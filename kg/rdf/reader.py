"""A saved build's RDF for a long-lived reader (a notebook): opened when asked, let go when idle.

Only one process at a time can have an Oxigraph store open, so a notebook that kept a
build's store open would keep ``kg build`` (and ``kg serve``) out of that folder for as
long as the notebook runs.  A :class:`StoreReader` opens the store for a query and
closes it again after :data:`IDLE_SECONDS` without one: queries in a row pay the
opening once (about 0.1 s), and a build started meanwhile gets the folder as soon as
the notebook has been idle that long.  A caller that wants the dataset itself (rdflib's
API, ``KnowledgeGraph.rdf``) *pins* it: it stays open until :meth:`StoreReader.close`.
"""
from __future__ import annotations

import math
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional, Union

if TYPE_CHECKING:
    from rdflib import Dataset

__all__ = ["IDLE_SECONDS", "StoreReader"]

#: Seconds without a query after which a reader closes the store (``KG_STORE_IDLE`` overrides).
IDLE_SECONDS = float(os.environ.get("KG_STORE_IDLE", "20"))


class StoreReader:
    """The RDF of the build in ``directory`` (its Oxigraph store, else its ``graph.trig``), opened on demand.

    Parameters
    ----------
    directory
        A ``kg build`` output folder.
    idle
        Seconds after the last use at which an on-disk store is closed again
        (:data:`IDLE_SECONDS` when ``None``; ``math.inf``: kept open until :meth:`close`).

    Examples
    --------
    >>> reader = StoreReader("output/")  # doctest: +SKIP
    >>> with reader.using() as dataset:  # doctest: +SKIP
    ...     len(dataset)
    >>> reader.close()  # doctest: +SKIP
    """

    def __init__(self, directory: Union[str, Path], *, idle: Optional[float] = None) -> None:
        self.directory = Path(directory)
        self.idle = IDLE_SECONDS if idle is None else idle
        self._dataset: Optional["Dataset"] = None
        self._pinned = False
        self._used = 0.0
        self._timer: Optional[threading.Timer] = None
        self._lock = threading.RLock()  # a query and the idle timer's close never overlap

    @property
    def is_open(self) -> bool:
        return self._dataset is not None

    def dataset(self, *, pin: bool = False) -> "Dataset":
        """The open dataset; ``pin`` keeps it open until :meth:`close` (for a caller that holds on to it)."""
        from kg.rdf.store import load_graph

        with self._lock:
            if self._dataset is None:
                self._dataset = load_graph(self.directory)
            self._pinned = self._pinned or pin
            return self._dataset

    @contextmanager
    def using(self) -> Iterator["Dataset"]:
        """The dataset for one use (a query), closed :attr:`idle` seconds after the last use ends."""
        with self._lock:
            try:
                yield self.dataset()
            finally:
                self._used = time.monotonic()
                self._close_later()

    def _close_later(self, after: Optional[float] = None) -> None:
        # A build saved without a store is read from graph.trig into memory: no lock to let
        # go of, and a parse to pay again, so that one is kept.
        if self.idle == math.inf or self._pinned or self._dataset is None or not (self.directory / "store").is_dir():
            return
        if self._timer is None:  # one timer at a time, which looks again when it fires
            self._timer = threading.Timer(self.idle if after is None else after, self._close_if_idle)
            self._timer.daemon = True  # never keeps the interpreter alive
            self._timer.start()

    def _close_if_idle(self) -> None:
        with self._lock:  # waits for a query still running
            self._timer = None
            left = self._used + self.idle - time.monotonic()
            if left > 0.01:
                self._close_later(left)
            elif not self._pinned:
                self.close()

    def close(self) -> None:
        """Close the dataset (releasing the store for other processes); the next use opens it again."""
        with self._lock:
            dataset, self._dataset, self._pinned = self._dataset, None, False
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if dataset is not None:
                dataset.close()
