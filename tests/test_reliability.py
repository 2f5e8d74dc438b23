"""Failures a reliability probe found: a crash on an ordinary article, one bad article
stopping a build, and a crafted rdflib term changing a query's shape."""
from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_rdf import build
from rdflib import XSD, Literal, URIRef

from kg.rdf.queries import run_query


def test_an_acronym_that_spells_a_country_does_not_crash_extraction(nlp):
    # "DC" spells the initials of "Democratic Republic of the Congo": a Country mention
    # without an ISO code of its own, which the name clustering used to concatenate.
    import kg

    triples = kg.extract("DC comics sell well.\n\nThe DRC has a new measles outbreak.\n")
    assert ("DR Congo", "have", "new measles outbreak") in {(t.subject, t.relation, t.object) for t in triples}


def test_a_crafted_literal_datatype_cannot_change_a_query():
    dataset = build()
    assert len(run_query(dataset, "events_by_class", **{"class": "ASSAULT"})) == 3
    assert run_query(dataset, "events_by_class", **{"class": Literal("ZZZ")}) == []
    closing = URIRef(str(XSD.string) + '>) ("ASSAULT") } VALUES (?zz) { (<http://x')
    with pytest.raises(ValueError, match="not a valid IRI"):
        run_query(dataset, "events_by_class", **{"class": Literal("ZZZ", datatype=closing)})


def _fails_on(doc_id: str):
    """``kg.pipeline.analyse`` with a bug that strikes one document."""
    from kg.pipeline import analyse as module

    real = module.analyse

    def analyse(doc, document, aliases=None, min_confidence=None):
        if document.id == doc_id:
            return {}["a bug in kg"]
        return real(doc, document, aliases, min_confidence)
    return analyse


def test_a_document_that_crashes_the_analysis_is_reported_and_the_build_goes_on(tmp_path, monkeypatch, nlp):
    from click.testing import CliRunner

    from kg.cli import main

    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "one", "text": "Norway sued Sweden over fishing rights."}\n'
                      '{"id": "bad", "text": "Chile recalled its ambassador to Peru."}\n'
                      '{"id": "two", "text": "Kenya closed its border with Somalia."}\n')
    monkeypatch.setattr("kg.pipeline.analyse.analyse", _fails_on("bad"))
    result = CliRunner().invoke(main, ["build", str(corpus), "--out", str(tmp_path / "o"), "--no-html"])
    assert result.exit_code == 0, result.output
    failures = [line for line in result.output.splitlines() if "analysis failed" in line]
    assert failures[0].startswith(f"kg: {corpus}:2: skipped: analysis failed (bad: KeyError: 'a bug in kg' at kg/")
    assert failures[1:] == ["kg: skipped 1 input: 1 analysis failed"]
    assert "Traceback" not in result.output
    rows = CliRunner().invoke(main, ["query", "statements_per_article", "--graph", str(tmp_path / "o"),
                                     "--format", "csv"]).output
    assert "one" in rows and "two" in rows and ",bad" not in rows


def test_a_worker_process_reports_a_crashing_document_instead_of_stopping_the_pool(monkeypatch, nlp):
    from kg.model import Document
    from kg.pipeline.parallel import run_processes

    monkeypatch.setattr("kg.pipeline.analyse.analyse", _fails_on("bad"))  # forked workers inherit it
    documents = [Document(id=i, text=t) for i, t in (("one", "Norway sued Sweden."), ("bad", "Chile left."),
                                                     ("two", "Kenya closed its border with Somalia."))]
    results = list(run_processes(documents, jobs=2, nlp=nlp, batch_documents=1))
    assert [r.document.id for r in results] == ["one", "bad", "two"]
    assert [bool(r.error) for r in results] == [False, True, False]
    assert "KeyError" in results[1].error and results[0].triples and results[2].triples


def _running(pid: int) -> bool:
    try:  # a zombie (state Z) has ended and waits for its reaper
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_parser_workers_die_with_a_killed_build(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    corpus = Path(__file__).parent / "data" / "wikinews_slice.jsonl"
    build = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(tmp_path / "o"),
                              "--jobs", "2", "--no-html"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, workers = time.monotonic() + 120, []
        while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
            time.sleep(0.1)
            workers = [int(c) for task in Path(f"/proc/{build.pid}/task").iterdir()
                       for c in (task / "children").read_text().split()]
        assert len(workers) >= 2, "the build never started its workers"
        time.sleep(3)  # mid-batch: a worker left alone then blocks on sending its results
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_running(w) for w in workers):
            time.sleep(0.05)
        alive = [w for w in workers if _running(w)]
        for w in alive:
            os.kill(w, signal.SIGKILL)
        assert not alive, "parser workers outlived the killed build"
    finally:
        build.kill()
