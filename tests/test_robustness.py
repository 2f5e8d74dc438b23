"""Hostile and random input never crashes kg, never escapes the output directory, never interleaves builds."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pyoxigraph
import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.graph import NoInput
from kg.model import Document

KG = [sys.executable, "-m", "kg.cli"]

# Text that looks like news often enough to reach the extraction rules, plus anything at all.
WORDS = st.sampled_from(["Russia", "the minister", "he", "vetoed", "did not", "accused", "of", "a draft",
                         "said", "Putin", "and", "which", "met with", ",", ".", '"', "\n\n", "<script>"])
NEWSLIKE = st.lists(WORDS, max_size=40).map(" ".join)
TEXT = st.one_of(st.text(max_size=300), NEWSLIKE)
# KG_FUZZ_EXAMPLES=2000 for a long run; CI's default keeps the suite quick.
FUZZ = settings(max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(TEXT)
def test_extract_never_crashes_and_gives_well_formed_triples(text):
    for t in kg.extract(text):
        assert 0.0 <= t.confidence <= 1.0
        assert t.modality in ("asserted", "hedged", "future")
        assert t.subject and t.relation and t.object
        assert text[t.start:t.end] == t.sentence


@FUZZ
@given(st.lists(st.fixed_dictionaries({"id": st.text(min_size=1, max_size=20), "text": TEXT}), max_size=3))
def test_build_from_random_jsonl_gives_rdf_a_strict_parser_reads(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("fuzz") / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    try:
        graph = kg.build([path])
    except NoInput:
        return  # every record was empty, foreign or a duplicate id: reported, not a crash
    nquads = graph.rdf.serialize(format="nquads")
    list(pyoxigraph.parse(nquads.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS))


def test_hostile_document_id_stays_inside_the_output_directory(tmp_path):
    out = tmp_path / "out"
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "../../etc/passwd", "text": "Russia vetoed a UN draft resolution."}) + "\n")
    graph = kg.build([corpus], out=out, html=False)
    assert "../../etc/passwd" in graph.documents
    inside = {p.resolve() for p in out.rglob("*")}
    assert all(str(p).startswith(str(out.resolve())) for p in inside)
    assert not (tmp_path / "etc").exists()
    with open(out / "graph.trig", "rb") as handle:
        list(pyoxigraph.parse(handle, format=pyoxigraph.RdfFormat.TRIG))


def test_second_build_on_a_busy_store_waits_for_it(tmp_path):
    from kg.rdf.store import open_store

    article = tmp_path / "a.txt"
    article.write_text("Veto\n\nRussia vetoed a UN draft resolution on Saturday.\n")
    out = tmp_path / "out"
    held = open_store(out / "store")  # another process's build, as far as the store can tell
    release = threading.Timer(3.0, held.close)
    release.start()
    started = time.monotonic()
    proc = subprocess.run(KG + ["build", str(article), "--out", str(out), "--no-html"], capture_output=True,
                          text=True, cwd=ROOT)
    release.join()
    assert proc.returncode == 0, proc.stderr
    assert time.monotonic() - started >= 2.5  # it waited rather than writing beside the holder
    assert "Russia" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_unusable_input_leaves_existing_outputs_intact(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Veto\n\nRussia vetoed a UN draft resolution on Saturday.\n")
    out = tmp_path / "out"
    kg.build([article], out=out, html=False)
    before = (out / "graph.ttl").read_bytes()
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    proc = subprocess.run(KG + ["build", str(junk), "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "junk.txt" in proc.stderr
    assert (out / "graph.ttl").read_bytes() == before


def test_unusable_input_through_the_library_raises_a_clear_error(tmp_path):
    with pytest.raises(NoInput, match="no usable input"):
        kg.build([tmp_path / "missing.txt"])


def test_extract_accepts_a_document():
    triples = kg.extract(Document(id="x", text="Peru signed a trade agreement with Chile."))
    assert {t.doc for t in triples} == {"x"}


# -- interruption ----------------------------------------------------------------------------
# A build killed at any moment leaves every output either absent, as it was, or complete, a
# store that opens, and no process behind; the next run finishes the job, and its graph is
# byte for byte the one an uninterrupted build writes (no statement twice).
SLICE = ROOT / "tests" / "data" / "wikinews_slice.jsonl"
EXPORTS = ("graph.ttl", "graph.trig", "graph.graphml", "graph.html")


@pytest.fixture(scope="module")
def interrupted_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("interrupt")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(SLICE.read_text(encoding="utf-8").splitlines(keepends=True)[:16]), encoding="utf-8")
    reference = folder / "reference"
    proc = subprocess.run(KG + ["build", str(corpus), "--out", str(reference), "--jobs", "1"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return corpus, reference


def start_build(corpus, out, jobs):
    # A session of its own, like a terminal's job: the signal can go to the whole group.
    return subprocess.Popen(KG + ["build", str(corpus), "--out", str(out), "--jobs", str(jobs)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for(condition, proc, timeout=120.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"the build ended (exit {proc.returncode}) before the moment to interrupt it: "
                        f"{proc.stderr.read()[-2000:]}")
        assert time.monotonic() < deadline, "the build never reached the moment to interrupt it"
        time.sleep(0.002)


def assert_outputs_whole(out):
    import networkx as nx

    for name in EXPORTS:
        path = out / name
        if not path.exists():
            continue
        data = path.read_bytes()
        if name == "graph.ttl":
            list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
        elif name == "graph.trig":
            list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TRIG))
        elif name == "graph.graphml":
            nx.read_graphml(path)
        else:
            assert data.rstrip().endswith(b"</html>"), "graph.html is cut short"
    if (out / "store").exists():
        from kg.rdf.store import open_store

        store = open_store(out / "store")
        try:
            assert len(store) >= 0
        finally:
            store.close()


def assert_no_process_left(proc):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)  # any member of the build's process group still alive?
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    pytest.fail("worker processes outlived the interrupted build")


@pytest.mark.parametrize("sig, jobs, to_group", [
    (signal.SIGINT, 2, True),    # Ctrl-C in a terminal reaches the build and its workers
    (signal.SIGTERM, 2, False),  # kill PID, or a batch system's time limit
    (signal.SIGKILL, 1, False),  # nothing runs after it: only the write discipline protects outputs
    (signal.SIGKILL, 2, False),
])
def test_build_killed_while_reading_resumes_without_duplicates(interrupted_corpus, tmp_path, sig, jobs, to_group):
    corpus, reference = interrupted_corpus
    out = tmp_path / "out"
    proc = start_build(corpus, out, jobs)
    wait_for(lambda: len(list((out / "records").glob("*.json"))) >= 3, proc)
    (os.killpg if to_group else os.kill)(proc.pid, sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode != 0
    if sig != signal.SIGKILL:
        assert "Traceback" not in stderr
        assert stderr.strip().splitlines()[-1].startswith("kg: error: interrupted")
    assert_no_process_left(proc)
    assert_outputs_whole(out)

    again = subprocess.run(KG + ["build", str(corpus), "--out", str(out), "--jobs", str(jobs)],
                           capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 0, again.stderr
    for name in ("graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    assert not list(out.glob(".*.tmp")), "temporary files left behind"


def test_build_killed_while_writing_exports_keeps_the_previous_ones(interrupted_corpus, tmp_path):
    corpus, reference = interrupted_corpus
    out = tmp_path / "out"
    first = corpus.parent / "first-half.jsonl"
    first.write_text("".join(corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:8]), encoding="utf-8")
    assert subprocess.run(KG + ["build", str(first), "--out", str(out), "--jobs", "1"], cwd=ROOT,
                          capture_output=True).returncode == 0
    before = {name: (out / name).read_bytes() for name in EXPORTS}

    proc = start_build(corpus, out, 1)
    wait_for(lambda: any(out.glob(".graph.*.tmp")), proc)  # an export is being written
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert_outputs_whole(out)
    for name in EXPORTS:  # each export is the old one or a complete new one, never a mix
        assert (out / name).read_bytes() in (before[name], (reference / name).read_bytes()), name

    again = subprocess.run(KG + ["build", str(corpus), "--out", str(out), "--jobs", "1"],
                           capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 0, again.stderr
    assert (out / "graph.ttl").read_bytes() == (reference / "graph.ttl").read_bytes()
    assert not list(out.glob(".*.tmp")), "temporary files left behind"


def test_outputs_are_as_readable_as_any_file_the_user_writes(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Veto\n\nRussia vetoed a UN draft resolution on Saturday.\n")
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    kg.build([article], out=tmp_path / "out", html=False)
    for name in ("graph.ttl", "graph.trig", "graph.graphml"):
        assert (tmp_path / "out" / name).stat().st_mode & 0o777 == plain.stat().st_mode & 0o777, name


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="zombies are read from /proc")
def test_a_temporary_of_a_killed_unreaped_writer_is_cleaned_up(tmp_path):
    # A build killed while its forked GraphML writer was mid-file: the writer dies too, but in a
    # container nobody may reap it, so its pid still answers kill(pid, 0) as a zombie.
    from kg.io import atomic_write_text

    pid = os.fork()
    if pid == 0:
        os._exit(0)
    try:
        for _ in range(200):  # the child has exited, not been reaped: a zombie
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rpartition(")")[2].split()[0] == "Z":
                    break
            time.sleep(0.01)
        left = tmp_path / f".graph.graphml.{pid}.abcd1234.tmp"
        left.write_text("<graphml half written")
        atomic_write_text(tmp_path / "graph.graphml", "<graphml/>")
        assert (tmp_path / "graph.graphml").read_text() == "<graphml/>"
        assert not left.exists()
    finally:
        os.waitpid(pid, 0)
