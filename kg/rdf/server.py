"""A real SPARQL 1.1 endpoint over a kg store, and pushing a build to any endpoint.

:func:`serve` runs the ``oxigraph`` server binary (the ``oxigraph`` package from
PyPI) on the store directory, with the union of the named graphs as default graph,
so kg's queries run unchanged over HTTP.  It serves **read-only** unless asked for
``writable``: the SPARQL protocol takes an update as a form POST, which any web page
the user visits can send to ``127.0.0.1`` (browsers send such a cross-origin POST
without asking first), so a writable server lets any page change or wipe the store.
The read-only server answers ``/update`` and every Graph Store write with 403.  It
sends no CORS headers, so a page on another origin can send it queries but cannot
read the answers; it does not check the ``Host`` header either, so a page using DNS
rebinding can read the graph (the news it was built from), not change it.

A store is open in one process at a time: while it is served, ``kg build`` on the
same store waits and then fails with a clear message.  The server process holds the
store's lock and ends with the process that started it, even one killed outright.

:func:`push` speaks the SPARQL 1.1 Graph Store HTTP Protocol (``GET`` and ``PUT``
per named graph), which Oxigraph, Fuseki, GraphDB and Virtuoso all implement, and
merges a build into what the endpoint already holds (see :func:`push`).
"""
from __future__ import annotations

import errno
import fcntl
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from rdflib import OWL, Dataset, Graph, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.lock import Lock, store_lock
from kg.model import Entity
from kg.rdf.mapping import entity_triples
from kg.rdf.namespaces import KG, document_iri, entities_graph, is_document_iri, summary_graph
from kg.rdf.queries import endpoint_url, http_send
from kg.rdf.store import (
    StoreLockedError,
    open_store,
    recount_summaries,
    replace_document,
    replace_entities,
    stored_document,
    stored_documents,
    stored_entities,
)
from kg.rdf.summary import SUMMARY_VERSION

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


def is_loopback(host: str) -> bool:
    """Whether ``host`` is an address of this machine only (``127.0.0.1``, ``::1``, ``localhost``).

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_store(store_dir: Union[str, Path]) -> Path:
    """``store_dir`` if it holds an Oxigraph store; else a ``ValueError`` saying what it is instead."""
    path = Path(store_dir)
    if not path.is_dir():
        raise ValueError(f"{path}: no such store directory (run `kg build` first)")
    if (path / "CURRENT").is_file():
        return path
    if (path / "store" / "CURRENT").is_file():
        raise ValueError(f"{path}: a kg build folder, not a store; its store is --store {path / 'store'}")
    raise ValueError(f"{path}: not an Oxigraph store (no CURRENT file); give the store/ folder of a build")


def _check_port(host: str, port: int) -> None:
    if not 0 < port < 65536:
        raise ValueError(f"port {port}: must be between 1 and 65535")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        # as the server binds: a port whose old connections linger in TIME_WAIT is free
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host.strip("[]"), port))
        except socket.gaierror as exc:
            raise ValueError(f"{host}: not a host name or address to listen on ({exc.strerror})") from None
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise RuntimeError(f"{host}:{port}: the port is in use by another program; "
                                   "choose another --port") from None
            raise RuntimeError(f"{host}:{port}: cannot listen there ({exc.strerror})") from None


class Server:
    """A running ``oxigraph`` server process; use as a context manager to stop it.

    ``store_dir=None`` serves an empty in-memory store (handy as a push target), which
    is writable; a store directory is served read-only unless ``writable=True``.
    """

    def __init__(self, store_dir: Union[str, Path, None] = None, *, port: Optional[int] = None,
                 host: str = "127.0.0.1", writable: Optional[bool] = None) -> None:
        self.store_dir = None if store_dir is None else Path(store_dir)
        self.host = host
        self.port = port or free_port(host)
        self.writable = self.store_dir is None if writable is None else writable
        if not self.writable and self.store_dir is None:
            raise ValueError("a read-only server needs a store directory")
        self.process: Optional[subprocess.Popen] = None
        self._lock: Optional[Lock] = None

    @property
    def url(self) -> str:
        """Base URL: queries go to ``/query``, updates to ``/update``, graphs to ``/store``."""
        return f"http://{self.host}:{self.port}"

    def command(self) -> list[str]:
        mode = "serve" if self.writable else "serve-read-only"
        command = [oxigraph_binary(), mode, "--bind", f"{self.host}:{self.port}", "--union-default-graph"]
        if self.store_dir is not None:
            command += ["--location", str(self.store_dir)]
        return command

    def start(self, timeout: float = 30.0) -> "Server":
        """Start the server and wait until it answers a query.

        Raises ``ValueError`` for a store directory that is not a store or a bad port,
        ``RuntimeError`` when the port is taken or the server fails, and
        :class:`~kg.rdf.store.StoreLockedError` when another process holds the store.
        """
        if self.store_dir is not None:
            check_store(self.store_dir)
        _check_port(self.host, self.port)
        if self.store_dir is not None and self._lock is None:  # kg's store lock, as any kg opener holds it
            self._lock = store_lock(self.store_dir).acquire()
        command = self.command()
        errors = tempfile.TemporaryFile()  # not a pipe: nobody reads it while the server runs
        lock = self._lock_file()
        try:
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors,
                                            pass_fds=() if lock is None else (lock,),
                                            preexec_fn=_child_setup(lock, os.getpid()))
        finally:
            if lock is not None:
                os.close(lock)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._release()
                raise self._failure(errors)
            if self._answers():
                # A server answering is ours only while ours runs (the port was free a moment ago).
                if self.process.poll() is not None:
                    self._release()
                    raise self._failure(errors)
                errors.close()
                return self
            time.sleep(0.1)
        self.stop()
        errors.close()
        raise RuntimeError(f"oxigraph server did not answer on {self.url} within {timeout:.0f} s")

    def _lock_file(self) -> Optional[int]:
        # A read-only server does not lock the store, and a build writing under it would
        # corrupt what it serves: the server process takes RocksDB's own lock instead.
        if self.writable or self.store_dir is None:
            return None
        return os.open(self.store_dir / "LOCK", os.O_RDWR | os.O_CREAT, 0o644)

    def _failure(self, errors) -> Exception:
        errors.seek(0)
        message = errors.read().decode("utf-8", "replace").strip()
        errors.close()
        lines = message.splitlines()
        # oxigraph prints "Error: ..." and then a backtrace: the first line is the message
        first = next((line[len("Error:"):].strip() for line in lines if line.startswith("Error:")),
                     lines[0] if lines else f"exit code {self.process and self.process.returncode}")
        if "lock" in message.lower():
            return StoreLockedError(f"{self.store_dir}: the store is in use by another process ({first})")
        if "address already in use" in message.lower():
            return RuntimeError(f"{self.host}:{self.port}: the port is in use by another program; "
                                "choose another --port")
        return RuntimeError(f"oxigraph server failed to start: {first}")

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
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "Server":
        return self.start() if self.process is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


def _child_setup(lock: Optional[int], parent: int) -> Callable[[], None]:
    def setup() -> None:  # runs in the child between fork and exec
        from kg.pipeline.child import die_with_parent

        die_with_parent(signal.SIGTERM, parent)  # oxigraph closes the store cleanly on SIGTERM
        if lock is not None:
            try:
                fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                sys.stderr.write("Error: the store's lock is held by another process\n")
                sys.stderr.flush()
                os._exit(1)
    return setup


def serve(store_dir: Union[str, Path], port: int = 7878, host: str = "127.0.0.1", *, writable: bool = False,
          started: Optional[Callable[[Server], None]] = None) -> int:
    """Serve ``store_dir`` at ``http://host:port`` until interrupted; returns the exit code.

    Read-only unless ``writable`` (see the module docstring for what a writable server
    exposes).  ``started(server)`` is called once the server answers.  A store an older
    kg kept has its summaries recounted first (:func:`kg.rdf.store.recount_summaries`).
    """
    store_dir = check_store(store_dir)
    dataset = open_store(store_dir)
    try:
        recount_summaries(dataset)
    finally:
        dataset.close()
    server = Server(store_dir, port=port, host=host, writable=writable).start()
    try:
        if started is not None:
            started(server)
        return server.process.wait() if server.process is not None else 1
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()


# --- push ----------------------------------------------------------------------------


class _GraphStore:
    """The graphs of a SPARQL 1.1 Graph Store endpoint, fetched and replaced whole."""

    def __init__(self, url: str, timeout: float) -> None:
        self.base = endpoint_url(url, "/store")
        self.timeout = timeout

    def _url(self, name) -> str:
        query = "default" if name == DATASET_DEFAULT_GRAPH_ID else urllib.parse.urlencode({"graph": str(name)})
        return f"{self.base}{'&' if '?' in self.base else '?'}{query}"

    def get(self, name) -> Graph:
        """The graph ``name`` as the endpoint holds it (empty when it has none)."""
        request = urllib.request.Request(self._url(name), headers={"Accept": "application/n-triples"})
        try:
            body = http_send(request, self.timeout)
        except ValueError as exc:
            if "HTTP 404" in str(exc):
                return Graph()
            raise
        return Graph().parse(data=body.decode("utf-8"), format="nt")

    def put(self, name, triples: Iterable) -> None:
        graph = Graph()
        for triple in triples:
            graph.add(triple)
        body = graph.serialize(format="nt", encoding="utf-8")
        http_send(urllib.request.Request(self._url(name), data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"}), self.timeout)


def push(dataset: Dataset, url: str, *, timeout: float = 120.0) -> int:
    """Merge the build in ``dataset`` into what a Graph Store endpoint holds; returns the graphs sent.

    ``url`` is the Graph Store URL (Fuseki: ``http://host:3030/ds/data``) or a bare
    Oxigraph server URL, which gets ``/store``.  Each article's graph replaces the
    endpoint's graph of that article; the articles the endpoint holds and the build
    does not stay.  The two graphs all articles share are merged, not replaced: the
    summary counts move by each sent article's new share minus the share of the version
    it replaces (as a build moves them), and the entities graph gets the build's actors,
    an actor of the same name in both described once, with both sets of names and
    articles.  Actors are matched by name only: two builds that call one person by two
    names keep two actors (build the articles together to merge them).  An article whose
    graph the endpoint already holds unchanged is not sent, so pushing twice is idempotent.

    The summary is sent first without its version marker and again with it at the end,
    so an interrupted push leaves a summary that ``kg serve`` recounts on its next start;
    a push refuses to merge into such a summary.

    Raises
    ------
    ValueError
        When the endpoint cannot be reached, refuses a graph (a read-only server), or
        holds a summary kg cannot merge into.
    """
    remote = _GraphStore(url, timeout)
    scratch = open_store()  # the endpoint's shared graphs and the pushed articles' old versions
    summary = remote.get(summary_graph())
    if len(summary) and summary.value(summary_graph(), OWL.versionInfo) is None:
        raise ValueError(f"{remote.base}: the endpoint's summary graph is incomplete (an interrupted push?); "
                         "restart `kg serve` on its store to recount it, then push again")
    if len(summary) and str(summary.value(summary_graph(), OWL.versionInfo)) != SUMMARY_VERSION:
        raise ValueError(f"{remote.base}: the endpoint's summaries were counted by another version of kg; "
                         "restart `kg serve` on its store with this kg to recount them, then push again")
    _fill(scratch, summary_graph(), summary)
    _fill(scratch, entities_graph(), remote.get(entities_graph()))
    held = {e.name: e for e in stored_entities(scratch)}

    changed = []
    for doc_id, digest in sorted(stored_documents(dataset).items()):
        name = document_iri(doc_id)
        share = stored_document(dataset, doc_id)
        if digest is None or share is None:
            continue  # an article whose write was cut short: no summary counts it
        old = remote.get(name)
        if str(old.value(name, KG.fingerprint)) == digest:
            continue  # the endpoint has this very version
        _fill(scratch, name, old)
        replace_document(scratch, *share)  # moves the scratch summary from the old share to the new
        scratch.remove_graph(scratch.graph(name))
        changed.append(name)
    entities = _merged_entities(held, stored_entities(dataset))
    others: list = [g.identifier for g in dataset.graphs()
              if g.identifier not in (summary_graph(), entities_graph(), DATASET_DEFAULT_GRAPH_ID)
              and not is_document_iri(g.identifier) and len(g)]
    if not changed and not others and _described(entities) == _described(held):
        return 0
    counts = [t for t in _view(scratch, summary_graph()) if t[1] != OWL.versionInfo]
    remote.put(summary_graph(), counts)
    for name in changed:
        remote.put(name, _view(dataset, name))
    fresh = open_store()
    replace_entities(fresh, sorted(entities.values(), key=lambda e: e.name))
    remote.put(entities_graph(), _view(fresh, entities_graph()))
    for name in others:
        remote.put(name, _view(dataset, name))
    remote.put(summary_graph(), counts + [(summary_graph(), OWL.versionInfo, Literal(SUMMARY_VERSION))])
    return len(changed) + len(others) + 2


def _view(dataset: Dataset, name) -> Graph:
    return Graph(store=dataset.store, identifier=name)


def _fill(dataset: Dataset, name, triples: Graph) -> None:
    graph = dataset.graph(name)
    graph.addN((s, p, o, graph) for s, p, o in triples)


def _merged_entities(held: dict[str, Entity], pushed: Iterable[Entity]) -> dict[str, Entity]:
    """The endpoint's entities with the pushed ones added; one of the same name described once.

    An actor's mention count is the sum over its articles, and an entity records only the
    total: an article both describe is counted once, as the pushed build counts it when it
    describes all the endpoint's articles, else as the endpoint did (the pushed count of the
    shared articles estimated in proportion to their number).
    """
    merged = dict(held)
    for entity in pushed:
        old = merged.get(entity.name)
        if old is None or set(old.docs) <= set(entity.docs):
            merged[entity.name] = entity
            continue
        shared = set(old.docs) & set(entity.docs)
        mentions = old.mentions + entity.mentions - round(entity.mentions * len(shared) / max(1, len(entity.docs)))
        merged[entity.name] = replace(
            entity,
            type=entity.type if entity.type != "Thing" else old.type,
            aliases=_union(old.aliases, entity.aliases), titles=_union(old.titles, entity.titles),
            mentions=mentions, docs=_union(old.docs, entity.docs),
            iso=entity.iso or old.iso, stands_for=entity.stands_for or old.stands_for,
            affiliation=entity.affiliation or old.affiliation, merges=_union(old.merges, entity.merges),
        )
    return merged


def _described(entities: dict[str, Entity]) -> set:
    return {triple for entity in entities.values() for triple in entity_triples(entity)}


def _union(first: tuple, second: tuple) -> tuple:
    return tuple(sorted(set(first) | set(second), key=str))
