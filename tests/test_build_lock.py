"""One writer per build folder: concurrent builds, the store's lock across reopenings, reads during a build."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, SEEDS

from kg.lock import InUseError, Lock, folder_lock
from kg.rdf.namespaces import document_id, is_document_iri

KG = [sys.executable, "-m", "kg.cli"]
SLICE = ROOT / "tests" / "data" / "wikinews_slice.jsonl"


def _articles(path: Path, first: int, count: int) -> Path:
    lines = SLICE.read_text(encoding="utf-8").splitlines()[first:first + count]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _documents_in(trig: Path) -> set[str]:
    with open(trig, "rb") as handle:
        return {document_id(q.graph_name.value) for q in ox.parse(handle, format=ox.RdfFormat.TRIG)
                if isinstance(q.graph_name, ox.NamedNode) and is_document_iri(q.graph_name.value)}


def test_two_builds_into_one_folder_at_once_keep_both_sets_of_articles(tmp_path):
    other = _articles(tmp_path / "other.jsonl", 0, 3)
    out = tmp_path / "out"
    builds = [subprocess.Popen(KG + ["build", str(source), "--out", str(out), "-j", "1", "--no-html"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
              for source in (SEEDS, other)]
    results = [(b.wait(timeout=600), b.stderr.read()) for b in builds]
    assert all(code == 0 for code, _ in results), results
    # the one that came second said it waited, in one line
    assert any("is in use by another kg build" in err and "waiting up to" in err for _, err in results), results
    seeds = {p.stem for p in SEEDS.glob("*.txt")}
    wanted = seeds | {json.loads(line)["id"] for line in other.read_text().splitlines()}
    assert len(wanted) == 6
    assert len(list((out / "records").glob("*.json"))) == 6
    assert _documents_in(out / "graph.trig") == wanted
    from kg.rdf.store import load_graph, stored_documents

    dataset = load_graph(out)
    try:
        assert set(stored_documents(dataset)) == wanted
    finally:
        dataset.close()


def test_a_build_gives_up_on_a_busy_folder_after_its_wait_with_one_line(tmp_path):
    out = tmp_path / "out"
    article = tmp_path / "a.txt"
    article.write_text("Veto\n\nRussia vetoed a UN draft resolution on Saturday.\n")
    with folder_lock(out):  # a build of this process, as far as the other can tell
        started = time.monotonic()
        proc = subprocess.run(KG + ["build", str(article), "--out", str(out), "--wait", "1"],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    error = [line for line in proc.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(error) == 1 and f"output folder {out} is in use by another kg build" in error[0]
    assert "gave up after 1 s" in error[0]
    assert time.monotonic() - started < 60  # refused before loading a model or parsing
    assert not (out / "records").exists()


def test_a_lock_is_reentrant_in_one_process_and_shared_by_readers(tmp_path):
    with folder_lock(tmp_path), folder_lock(tmp_path):  # a build that saves takes it twice
        pass
    with folder_lock(tmp_path, shared=True):
        with pytest.raises(InUseError, match="open for reading in this process"):
            folder_lock(tmp_path).acquire()
    reader = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from kg.lock import folder_lock
        with folder_lock({str(tmp_path)!r}, shared=True):
            print("reading", flush=True)
            time.sleep(30)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "reading"
        with folder_lock(tmp_path, shared=True):  # readers share it
            pass
        with pytest.raises(InUseError, match="kg query, kg serve or an open dataset"):
            folder_lock(tmp_path, wait=0.3).acquire()  # a writer waits for them
    finally:
        reader.kill()
        reader.wait()
    folder_lock(tmp_path, wait=5).acquire().release()  # the kernel dropped the reader's lock with it


def test_a_polling_opener_cannot_take_the_store_while_a_build_reopens_it(tmp_path):
    # The report's row 6: a build reopens its store to empty caches, and RocksDB's lock is
    # free for a moment each time; a second opener polling open_store must not get in.
    out = tmp_path / "out"
    build = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import kg.rdf.store, kg.rdf.files
        kg.rdf.store.QUADS_PER_FLUSH = 200      # reopen the store very often
        kg.rdf.files.QUADS_PER_READ = 200
        from kg.cli import main
        main(["build", {str(SEEDS)!r}, "--out", {str(out)!r}, "-j", "1", "--no-html"])
    """)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    poller = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import os, time
        from kg.rdf.store import open_store, StoreLockedError
        store = {str(out / 'store')!r}
        while not os.path.exists(os.path.join(store, "CURRENT")):
            time.sleep(0.005)
        tries = 0
        while True:
            tries += 1
            try:
                dataset = open_store(store)
                break
            except StoreLockedError:
                time.sleep(0.001)
        time.sleep(2)  # hold it, as a second build would
        dataset.close()
        print(tries, flush=True)
    """)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    code, err = build.wait(timeout=600), build.stderr.read()
    assert code == 0, err
    assert "cannot reopen the store" not in err
    assert poller.wait(timeout=60) == 0, poller.stderr.read()
    assert int(poller.stdout.read()) > 1  # it tried while the build had the store
    assert {"graph.ttl", "graph.trig", "graph.graphml"} <= {p.name for p in out.iterdir()}


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    out = tmp_path_factory.mktemp("read") / "out"
    article = out.parent / "a.txt"
    article.write_text("Veto\n\nRussia vetoed a UN draft resolution on Saturday.\n")
    proc = subprocess.run(KG + ["build", str(article), "--out", str(out), "-j", "1"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.mark.parametrize("command, export", [
    (["query", "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <http://schema.org/NewsArticle> }",
      "--format", "csv"], "graph.trig"),
    (["export", "--format", "nquads"], "graph.trig"),
    (["stats", "--format", "json"], "graph.graphml"),
])
def test_reading_during_a_build_answers_from_the_last_exports_and_says_so(finished, command, export):
    with Lock(finished / ".kg.lock", role="kg build"):  # a build is writing the folder
        proc = subprocess.run(KG + command + ["--graph", str(finished)], capture_output=True, text=True,
                              cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    notes = [line for line in proc.stderr.splitlines() if line.startswith("kg: note:")]
    assert len(notes) == 1, proc.stderr
    assert f"{finished} is in use by another kg build" in notes[0] and f"answering from {export} of " in notes[0]
    assert proc.stdout.strip()
    quiet = subprocess.run(KG + command + ["--graph", str(finished)], capture_output=True, text=True, cwd=ROOT)
    assert quiet.returncode == 0 and "note" not in quiet.stderr
    if command[0] != "export":
        assert quiet.stdout == proc.stdout  # the last exports hold what the finished build holds


def test_reading_a_first_build_still_running_is_refused_in_one_line(tmp_path):
    (tmp_path / "records").mkdir()
    with folder_lock(tmp_path):
        proc = subprocess.run(KG + ["stats", "--graph", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "holds no finished graph yet" in proc.stderr


def test_kg_serve_waits_its_turn_for_a_store_a_build_holds(tmp_path):
    from kg.rdf.server import Server, oxigraph_binary
    from kg.rdf.store import StoreLockedError

    try:
        oxigraph_binary()
    except FileNotFoundError:
        from conftest import unavailable

        unavailable("oxigraph")
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from kg.rdf.store import open_store
        dataset = open_store({str(tmp_path / 'store')!r})
        print("open", flush=True)
        time.sleep(30)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreLockedError, match=r"the store is in use by another process \(pid \d+"):
            Server(tmp_path / "store").start()
    finally:
        holder.kill()
        holder.wait()
    with Server(tmp_path / "store") as server:  # its turn once the holder is gone
        assert server.process.poll() is None
