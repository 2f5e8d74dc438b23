"""Builds on several processes, on Dask, and after a kill give the single-process graph."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

from kg.model import Document
from kg.pipeline.parallel import batches, ordered

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "seeds", ROOT / "tests" / "data" / "wikinews_slice.jsonl"]
ARTICLES = 3 + 40


@pytest.fixture(scope="module")
def single_process_graph(nlp):
    import kg

    return kg.build(INPUTS, jobs=1)


def _named_graphs(dataset):
    from rdflib import XSD, Graph, Literal
    from rdflib.compare import to_isomorphic

    def plain(term):  # RDF 1.1: a plain literal is an xsd:string (Oxigraph's store says so, rdflib's does not)
        return Literal(str(term)) if isinstance(term, Literal) and term.datatype == XSD.string else term

    def normal(graph):
        copy = Graph()
        for triple in graph:
            copy.add(tuple(map(plain, triple)))
        return to_isomorphic(copy)

    # a built or loaded graph's dataset is its Oxigraph store
    return {g.identifier: normal(g) for g in dataset.graphs() if len(g)}


def _assert_same_graph(a, b, ordered=True):
    if ordered:
        assert list(a.results) == list(b.results)  # same documents, same order
    assert a.results == b.results  # same triples and actors, field by field
    assert sorted(map(repr, a.triples)) == sorted(map(repr, b.triples))
    left, right = _named_graphs(a.rdf), _named_graphs(b.rdf)
    assert left.keys() == right.keys()
    for name in left:
        assert left[name] == right[name], name  # rdflib.compare isomorphism, graph by graph


def _slices(items, size):
    items = list(items)
    return (items[i:i + size] for i in range(0, len(items), size))


def test_ordered_keeps_input_order_and_bounds_work_in_flight():
    submitted = []

    def submit(batch):
        submitted.append(batch)
        future = Future()
        future.set_result([f"r{x}" for x in batch])
        return future

    got = []
    for result in ordered(submit, _slices(range(10), 3), inflight=2, window=3):
        got.append(result)
        started = -(-len(got) // 3)  # batches whose results are being handed out
        assert len(submitted) <= started + 3  # a huge input is not read ahead beyond the window
    assert got == [f"r{x}" for x in range(10)]


def test_ordered_feeds_free_workers_while_a_long_batch_holds_up_the_output():
    submitted, seen_when_first_done = [], []

    def submit(batch):
        future = Future()
        future.batch = batch
        submitted.append(future)
        return future

    def wait_any(futures):
        assert len(futures) <= 2  # never more than `inflight` batches being worked on
        others = [f for f in futures if f is not submitted[0]]
        slow_still_running = sum(f.done() for f in submitted[1:]) < 3
        finished = others[0] if others and slow_still_running else futures[0]
        if finished is submitted[0]:
            seen_when_first_done.append(len(submitted))
        finished.set_result([f"r{x}" for x in finished.batch])

    got = list(ordered(submit, _slices(range(12), 2), inflight=2, wait_any=wait_any))
    assert got == [f"r{x}" for x in range(12)]
    assert seen_when_first_done == [5]  # batches 1-3 ran beside the slow first one, 4 queued


def test_process_pool_build_equals_single_process(single_process_graph):
    import kg

    pooled = kg.build(INPUTS, jobs=2)
    _assert_same_graph(pooled, single_process_graph)


def test_dask_local_cluster_build_equals_single_process(single_process_graph):
    pytest.importorskip("distributed")
    import kg

    # A LocalCluster of 2 worker processes, 1 thread each, no dashboard: loopback only.
    on_dask = kg.build(INPUTS, jobs=2, dask=True)
    _assert_same_graph(on_dask, single_process_graph)


@pytest.fixture(scope="module")
def running_cluster():
    """A LocalCluster started and warmed up by kg, as a user keeps one running: its address."""
    pytest.importorskip("distributed")
    from kg.pipeline.parallel import local_cluster

    with local_cluster(2) as address:
        yield address


def _worker_state():
    import dask

    from kg.pipeline.nlp import _load

    return _load.cache_info().currsize, dask.config.get("distributed.worker.profile.enabled")


def test_dask_existing_cluster_build_equals_single_process(running_cluster, single_process_graph):
    from distributed import Client

    import kg

    with Client(running_cluster) as client:
        # the model is loaded on every worker before any batch; kg's cluster settings reached them
        assert set(client.run(_worker_state).values()) == {(1, False)}
    on_cluster = kg.build(INPUTS, scheduler=running_cluster)
    _assert_same_graph(on_cluster, single_process_graph)


def test_dask_worker_without_the_model_is_a_model_error(running_cluster):
    import kg
    from kg.pipeline.nlp import ModelNotFound

    with pytest.raises(ModelNotFound, match="no_such_model"):
        kg.build(INPUTS, scheduler=running_cluster, model="no_such_model")


@pytest.fixture(scope="module")
def resumed(single_process_graph, tmp_path_factory):
    """A CLI build killed mid-way (SIGKILL), then run again: ``(out, graph, saved, parsed)``."""
    import kg
    from kg.records import INDEX

    out = tmp_path_factory.mktemp("resume") / "out"
    records = out / "records"
    # Flush every 4 documents so the kill lands between flushes on any machine speed.
    child = ("import sys, kg.records; kg.records.FLUSH_DOCUMENTS = 4; from kg.cli import main; "
             "sys.exit(main(['build', *sys.argv[1:]]))")
    proc = subprocess.Popen(
        [sys.executable, "-c", child, *map(str, INPUTS), "--out", str(out), "--jobs", "1", "--no-html"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "CI": "1"},
    )
    deadline = time.monotonic() + 300
    while _count(records) < 12 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    saved = _count(records)
    assert not (out / "graph.ttl").exists()
    for path in records.iterdir():  # a kill leaves whole records, no temporary files
        if path.name != INDEX:  # the index may end in a torn line: its reader passes over it
            json.loads(path.read_text(encoding="utf-8"))
    parsed = []
    graph = kg.build(INPUTS, out=out, jobs=1, html=False, progress=parsed.append)
    return out, graph, saved, len(parsed)


def test_killed_build_resumes_without_duplicates(resumed, single_process_graph):
    from rdflib import Dataset

    out, graph, saved, parsed = resumed
    assert 12 <= saved < ARTICLES
    assert parsed == ARTICLES - saved  # only what the killed build had not saved
    assert _count(out / "records") == ARTICLES
    assert sorted(map(repr, graph.triples)) == sorted(map(repr, single_process_graph.triples))
    assert graph.entities == single_process_graph.entities  # merges do not depend on build order
    written = Dataset()
    written.parse(out / "graph.trig", format="trig")  # whole, parseable output
    assert sum("/id/doc/" in str(name) for name in _named_graphs(written)) == ARTICLES
    assert _named_graphs(written) == _named_graphs(single_process_graph.rdf)


def _count(records: Path) -> int:
    return sum(1 for p in records.glob("*.json")) if records.is_dir() else 0


def test_progress_total_is_counted_only_when_cheap(tmp_path):
    from kg.cli.build import _count_documents

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Russia vetoed it.")
    b.write_text("France agreed.")
    lines = tmp_path / "many.jsonl"
    lines.write_text(json.dumps({"id": "x", "text": "Russia vetoed it."}) + "\n")
    assert _count_documents([a, b]) == 2
    # a JSONL's lines are counted in 1 MB blocks (a gigabyte in about a second), blank ones not
    lines.write_bytes(lines.read_bytes() * 2 + b"\n" + json.dumps({"id": "y", "text": "No end."}).encode())
    assert _count_documents([a, lines]) == 4
    assert _count_documents([tmp_path]) is None  # a directory may hold 100k files: not walked
    assert _count_documents(["-"]) is None


def test_batches_are_lazy():
    def endless():
        n = 0
        while True:
            n += 1
            yield Document(id=str(n), text="x")

    first = next(batches(endless(), 4))
    assert [d.id for d in first] == ["1", "2", "3", "4"]


def _long_article() -> Document:
    countries = ["France", "Germany", "Brazil", "Japan", "Canada", "Kenya", "Mexico", "Norway", "Egypt", "Chile"]
    paragraphs = ["Chancellor Angela Merkel visited Paris on Monday."]
    for i in range(40):
        accuser, accused = countries[i % 10], countries[(i * 3 + 1) % 10]
        paragraphs.append(f"{accuser} accused {accused} of breaking the trade agreement in round {i + 1}. "
                          "The talks continued in Geneva.")
    paragraphs.append("Merkel criticised Russia over the gas pipeline.")
    return Document(id="long", text="\n\n".join(paragraphs))


def test_long_article_parsed_in_pieces_keeps_spans_and_actors(nlp):
    from kg.pipeline import analyse_all, pieces

    article = _long_article()
    text = article.text
    assert len(list(pieces(text, 1500))) >= 3  # really split
    (whole,) = analyse_all(nlp, [article], chunk_chars=10**9)
    (split,) = analyse_all(nlp, [article], chunk_chars=1500)

    def read(t):
        return t.subject, t.relation, t.object, t.subject_span, t.object_span, t.sentence_index

    assert [read(t) for t in split.triples] == [read(t) for t in whole.triples]
    assert split.tokens == whole.tokens and split.entities == whole.entities
    for t in split.triples:
        assert text[t.start:t.end] == t.sentence
        for span, surface in ((t.subject_span, t.subject_text), (t.object_span, t.object_text)):
            assert span and text[span[0]:span[1]] and text[span[0]:span[1]] in surface
    last = split.triples[-1]  # the last paragraph, pieces away from the first: "Merkel" is Angela Merkel
    assert (last.subject, last.relation, last.object) == ("Angela Merkel", "criticise over", "Russia")
    assert text[slice(*last.subject_span)] == "Merkel"
    assert ("France", "accuse", "Germany") in {(t.subject, t.relation.split()[0], t.object) for t in split.triples}


def test_parse_batches_bounded_by_characters_give_each_article_its_own_result(nlp, monkeypatch):
    import kg.pipeline.analyse as analyse
    from kg.pipeline import analyse_all

    short = [Document(id="s1", text="Kerry met Lavrov in Geneva on Friday."),
             Document(id="s2", text="Germany signed a trade agreement with Japan.")]
    stream = [short[0], _long_article(), short[1]]
    alone = [result for document in stream for result in analyse_all(nlp, [document], chunk_chars=1500)]
    monkeypatch.setattr(analyse, "BATCH_CHARS", 2000)  # a few pieces per spaCy batch, cut inside the long article
    batched = list(analyse_all(nlp, stream, chunk_chars=1500))
    assert [r.document.id for r in batched] == ["s1", "long", "s2"]
    assert [r.triples for r in batched] == [r.triples for r in alone]
    assert [r.entities for r in batched] == [r.entities for r in alone]
    assert ("Kerry", "meet", "Lavrov") in {(t.subject_text, t.relation.split()[0], t.object_text) for t in batched[0].triples}


def test_pieces_cover_the_text_exactly_within_the_limit():
    from kg.pipeline import pieces

    text = _long_article().text + " " + "word " * 900  # a last paragraph longer than the limit
    got = list(pieces(text, 1000))
    assert "".join(p for p, _ in got) == text
    assert all(len(p) <= 1000 for p, _ in got)
    assert [last for _, last in got] == [False] * (len(got) - 1) + [True]
    assert all(p.endswith(("\n", " ")) for p, _ in got[:-1])  # never inside a word


def test_a_long_article_travels_in_a_batch_of_its_own():
    docs = [Document(id=str(i), text="x" * n) for i, n in enumerate([100, 100, 50_000, 100, 100])]
    assert [[d.id for d in b] for b in batches(docs, 16, chars=10_000)] == [["0", "1"], ["2"], ["3", "4"]]


def test_build_into_a_directory_keeps_records_on_disk(single_process_graph, tmp_path):
    import kg
    from kg.graph import load

    graph = kg.build(INPUTS, out=tmp_path, jobs=1, html=False)
    assert not graph.results._kept  # nothing but compact summaries stays in memory
    assert _count(tmp_path / "records") == ARTICLES
    _assert_same_graph(graph, single_process_graph)
    _assert_same_graph(load(tmp_path), single_process_graph, ordered=False)  # read back from disk
    from rdflib import Dataset

    written = Dataset()
    written.parse(tmp_path / "graph.trig", format="trig")  # streamed out of the store
    assert _named_graphs(written) == _named_graphs(single_process_graph.rdf)


def _crash():
    os._exit(3)


def _refuse():
    raise ValueError("no such actor")


def test_in_child_returns_the_result_and_raises_the_childs_errors_here():
    from kg.pipeline.child import in_child

    parent = os.getpid()
    assert in_child(os.getpid) != parent  # it did run in another process
    assert in_child(lambda: {"names": [("d1", "Putin")]}) == {"names": [("d1", "Putin")]}
    with pytest.raises(ValueError, match="no such actor"):
        in_child(_refuse)
    with pytest.raises(ChildProcessError, match="exit code 3"):
        in_child(_crash)


def test_a_step_beside_this_process_runs_while_this_one_works_and_a_cancelled_one_is_stopped(tmp_path):
    import time

    from kg.pipeline.child import beside

    flag = tmp_path / "flag"
    task = beside(lambda: (flag.write_text("started"), os.getpid())[1])
    deadline = time.monotonic() + 30
    while not flag.exists() and time.monotonic() < deadline:  # the child runs before result() is asked
        time.sleep(0.05)
    assert flag.read_text() == "started"
    assert task.result() != os.getpid()
    slow = beside(lambda: time.sleep(60))
    slow.cancel()
    assert not slow.child.is_alive()


def test_in_child_runs_here_inside_a_daemonic_worker():
    # a pool's workers may not have children of their own: the function runs in the worker
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:  # its workers are daemonic
        worker, ran_in = pool.apply(_pid_and_in_child_pid)
    assert worker == ran_in


def _pid_and_in_child_pid():
    from kg.pipeline.child import in_child

    return os.getpid(), in_child(os.getpid)


def test_the_corpus_merge_sent_back_from_a_child_equals_the_merge_made_here(single_process_graph):
    import pickle

    from kg.resolution import merge_entities

    graph = single_process_graph
    here = merge_entities((e for doc_id in sorted(graph.results) for e in graph.results.entities(doc_id)),
                          keep_parts=False)
    assert graph._corpus == here
    assert here.entities and here.names  # something was merged, and renamed
    assert pickle.loads(pickle.dumps(here)) == here
