"""A real SPARQL 1.1 endpoint over a kg store, and pushing a graph to any endpoint.

:func:`serve` runs the ``oxigraph`` server binary (the ``oxigraph`` package from
PyPI) on the store directory, read-write and with the union of the named graphs
as default graph, so kg's queries run unchanged over HTTP.  An Oxigraph store can
be open in one process only: while it is served, ``kg build`` on the same store
fails with a clear message, and new articles reach the server with ``kg push``.

:func:`push` speaks the SPARQL 1.1 Graph Store HTTP Protocol (one ``PUT`` per
named graph), which Oxigraph, Fuseki, GraphDB and Virtuoso all implement.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Optional, Union

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.lock import Lock, store_lock
from kg.rdf.queries import endpoint_url, http_send
from kg.rdf.store import StoreLockedError, open_store, recount_summaries

__all__ = ["Server", "free_port", "oxigraph_binary", "push", "serve"]


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` executable: on ``PATH`` or beside this Python (a venv)."""
    found = shutil.which("oxigraph")
    if found:
        return found
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    raise FileNotFoundError("the `oxigraph` server is not installed (pip install oxigraph)")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class Server:
    """A running ``oxigraph serve`` process; use as a context manager to stop it.

    ``store_dir=None`` serves an empty in-memory store (handy as a push target).
    """

    def __init__(self, store_dir: Union[str, Path, None] = None, *, port: Optional[int] = None,
                 host: str = "127.0.0.1") -> None:
        self.store_dir = None if store_dir is None else Path(store_dir)
        self.host = host
        self.port = port or free_port(host)
        self.process: Optional[subprocess.Popen] = None
        self._lock: Optional[Lock] = None

    @property
    def url(self) -> str:
        """Base URL: queries go to ``/query``, updates to ``/update``, graphs to ``/store``."""
        return f"http://{self.host}:{self.port}"

    def command(self) -> list[str]:
        command = [oxigraph_binary(), "serve", "--bind", f"{self.host}:{self.port}", "--union-default-graph"]
        if self.store_dir is not None:
            command += ["--location", str(self.store_dir)]
        return command

    def start(self, timeout: float = 30.0) -> "Server":
        """Start the server and wait until it answers a query."""
        if self.store_dir is not None and not self.store_dir.is_dir():
            raise ValueError(f"{self.store_dir}: no such store directory (run `kg build` first)")
        if self.store_dir is not None and self._lock is None:  # kg's store lock, as any kg opener holds it
            self._lock = store_lock(self.store_dir).acquire()
        self.process = subprocess.Popen(self.command(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._release()
                message = self.process.stderr.read().decode("utf-8", "replace").strip()
                last = message.splitlines()[-1] if message else f"exit code {self.process.returncode}"
                if "lock" in message.lower():
                    raise StoreLockedError(f"{self.store_dir}: the store is in use by another process ({last})")
                raise RuntimeError(f"oxigraph server failed to start: {last}")
            if self._answers():
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"oxigraph server did not answer on {self.url} within {timeout:.0f} s")

    def _answers(self) -> bool:
        query = urllib.parse.urlencode({"query": "ASK {}"})
        try:
            with urllib.request.urlopen(f"{self.url}/query?{query}", timeout=1) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (SIGTERM, then SIGKILL if it lingers)."""
        if self.process is None or self.process.poll() is not None:
            self._release()
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "Server":
        return self.start() if self.process is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


def serve(store_dir: Union[str, Path], port: int = 7878, host: str = "127.0.0.1") -> int:
    """Serve ``store_dir`` at ``http://host:port`` until interrupted; returns the exit code.

    A store an older kg kept has its summaries recounted first (:func:`kg.rdf.store.recount_summaries`).
    """
    if Path(store_dir).is_dir():
        dataset = open_store(store_dir)
        try:
            recount_summaries(dataset)
        finally:
            dataset.close()
    server = Server(store_dir, port=port, host=host).start()
    try:
        return server.process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()


def push(dataset: Dataset, url: str, *, timeout: float = 120.0) -> int:
    """Put every named graph of ``dataset`` (and a non-empty default graph) to a Graph Store endpoint.

    ``url`` is the Graph Store URL (Fuseki: ``http://host:3030/ds/data``) or a bare
    Oxigraph server URL, which gets ``/store``.  Each ``PUT`` replaces that graph on
    the server, so pushing twice is idempotent.
    Returns the number of graphs sent.
    """
    base = endpoint_url(url, "/store")
    sent = 0
    names = {g.identifier for g in dataset.graphs()} | {DATASET_DEFAULT_GRAPH_ID}
    for name in sorted(names):
        graph = Graph(store=dataset.store, identifier=name)
        if not len(graph):
            continue
        query = "default" if name == DATASET_DEFAULT_GRAPH_ID else urllib.parse.urlencode({"graph": str(name)})
        body = graph.serialize(format="nt", encoding="utf-8")
        separator = "&" if "?" in base else "?"
        http_send(urllib.request.Request(f"{base}{separator}{query}", data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"}), timeout)
        sent += 1
    return sent
