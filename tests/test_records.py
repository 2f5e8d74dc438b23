"""What a build keeps between runs: record files, ids met again, inputs respelled, its own outputs.

Each test builds a few short articles of its own into a temporary folder.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

import kg.graph
from kg.documents import InputProblem
from kg.records import Records, record_name, save_records

KG = [sys.executable, "-m", "kg.cli"]

VETO = "Veto story\n\nRussia vetoed a UN draft resolution on Saturday.\n"
TRADE = "Trade story\n\nGermany signed a trade agreement with Japan on Monday.\n"
TALKS = "Talks\n\nKerry met Lavrov in Geneva on Friday.\n"


def build(paths, out, **options):
    """Build quickly (no page, no store); returns the graph, the problems' lines and the articles parsed."""
    problems: list[InputProblem] = []
    parsed: list = []
    graph = kg.graph.build(paths, out=out, on_problem=problems.append, progress=parsed.append,
                           html=options.pop("html", False), store=options.pop("store", "memory"), **options)
    return graph, [str(p) for p in problems], [r.document.id for r in parsed]


# -- a build never reads what it wrote ------------------------------------------------


def test_building_a_folder_twice_into_itself_reads_only_the_articles(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "veto.txt").write_text(VETO)
    (corpus / "trade.txt").write_text(TRADE)
    monkeypatch.chdir(corpus)
    for _ in range(2):  # `kg build .`: the default --out is ./output
        graph, problems, _ = build(["."], "output", html=True)
        assert sorted(graph.results) == ["trade", "veto"] and problems == []
    for _ in range(2):  # --out equal to the folder read: graph.html lands beside the articles
        graph, problems, _ = build(["."], ".", html=True)
        assert sorted(graph.results) == ["trade", "veto"]
        # ./output is another build's folder now: its page is named, not read, its other files counted
        assert problems == ["output/graph.html: skipped: kg output (a page kg wrote, not an article)",
                            ".: skipped: other file type (6 files: .graphml, .json, .trig, .ttl; "
                            "folders are read for .htm .html .jsonl .md .ndjson .text .txt .xhtml)"]


# -- ids met again ---------------------------------------------------------------------


def test_same_file_name_from_another_folder_is_noted_naming_both(tmp_path):
    for folder, text in (("d1", VETO), ("d2", TRADE)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text)
    out = tmp_path / "out"
    build([tmp_path / "d1"], out)
    graph, problems, parsed = build([tmp_path / "d2"], out)
    assert parsed == ["report"]
    assert problems == [f"{tmp_path / 'd2' / 'report.txt'}: read: replaces an earlier article "
                        f"(id 'report' was read from {tmp_path / 'd1' / 'report.txt'} by an earlier build)"]
    # an edit of the same file is an update: no note
    (tmp_path / "d2" / "report.txt").write_text(TALKS)
    _, problems, parsed = build([tmp_path / "d2"], out)
    assert parsed == ["report"] and problems == []


def test_a_second_article_on_stdin_is_noted(tmp_path, monkeypatch):
    out = tmp_path / "out"
    for text, expected in ((VETO, []), (TRADE, ["<stdin>: read: replaces an earlier article "
                                                "(id 'stdin' was read from <stdin> by an earlier build)"])):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        _, problems, _ = build(["-"], out)
        assert problems == expected


def test_unicode_equivalent_ids_are_one_article_everywhere(tmp_path):
    path = tmp_path / "ids.jsonl"
    path.write_text(json.dumps({"id": "caf\u00e9", "text": VETO}, ensure_ascii=False) + "\n"
                    + json.dumps({"id": "cafe\u0301", "text": TRADE}, ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    graph, problems, _ = build([path], out)
    assert problems == [f"{path}:2: skipped: duplicate id ('café' already read from {path}:1)"]
    assert list(graph.results) == ["caf\u00e9"]
    assert [p.name for p in (out / "records").glob("*.json")] == [record_name("cafe\u0301")]
    assert record_name("caf\u00e9") == record_name("cafe\u0301")
    trig = (out / "graph.trig").read_text()
    assert "Russia vetoed" in trig and "Germany signed" not in trig


# -- damaged record files ------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in (("veto", VETO), ("trade", TRADE), ("talks", TALKS)):
        (folder / f"{name}.txt").write_text(text)
    return folder


def test_a_cut_record_is_named_and_its_article_parsed_again(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out)
    cut = out / "records" / record_name("trade")
    cut.write_text(cut.read_text()[:40])  # a write cut short by a full disk
    alien = out / "records" / "mine.json"
    alien.write_text('{"hello": 1}')  # somebody else's file
    graph, problems, parsed = build([corpus], out)
    assert problems == [
        f"{cut}: skipped: corrupt record (Unterminated string starting at; left as is, its article is parsed again "
        "when next built)",
        f"{alien}: skipped: not a kg record (no 'document' field; left as is)",
    ]
    assert parsed == ["trade"] and sorted(graph.results) == ["talks", "trade", "veto"]
    assert json.loads(cut.read_text())["document"]["id"] == "trade"  # whole again
    assert alien.read_text() == '{"hello": 1}'  # not ours: never deleted
    assert {"Germany", "Japan"} <= {t.subject for t in graph.triples} | {t.object for t in graph.triples}


def test_stats_and_query_on_a_folder_with_a_cut_record_say_one_line(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out, store="store")
    cut = out / "records" / record_name("veto")
    cut.write_text('{"document": {"id": "veto"')
    stats = subprocess.run(KG + ["stats", "--graph", str(out), "--format", "json"], capture_output=True,
                           text=True, cwd=ROOT)
    assert stats.returncode == 0 and "Traceback" not in stats.stderr
    assert stats.stderr.splitlines() == [f"kg: {cut}: skipped: corrupt record (Expecting ',' delimiter; "
                                         "left as is, its article is parsed again when next built)"]
    assert json.loads(stats.stdout)["counts"]
    query = subprocess.run(KG + ["query", "statements_per_article", "--graph", str(out), "--format", "csv"],
                           capture_output=True, text=True, cwd=ROOT)
    assert query.returncode == 0 and "Traceback" not in query.stderr


def test_a_record_file_that_is_not_json_text_is_reported_not_raised(tmp_path):
    records = tmp_path / "records"
    records.mkdir()
    (records / "0123456789abcdef0123.json").write_bytes(b"\xff\xfe\x00garbage")
    (records / "list.json").write_text("[1, 2]")
    problems: list[InputProblem] = []
    assert len(Records(records, on_problem=problems.append)) == 0
    assert [(p.reason, p.source) for p in problems] == [
        ("corrupt record", str(records / "0123456789abcdef0123.json")), ("not a kg record", str(records / "list.json"))]
    with pytest.warns(RuntimeWarning) as caught:
        Records(records)  # a library caller without on_problem still hears of it
    assert [str(w.message).split(": skipped: ")[1].split(" (")[0] for w in caught] == ["corrupt record",
                                                                                        "not a kg record"]


# -- the same corpus under another path ---------------------------------------------


def test_the_same_corpus_by_another_path_is_not_parsed_again(tmp_path, monkeypatch):
    corpus = tmp_path / "corp"
    corpus.mkdir()
    (corpus / "A.jsonl").write_text("".join(json.dumps({"id": n, "text": t}) + "\n"
                                            for n, t in (("veto", VETO), ("trade", TRADE))))
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    _, _, parsed = build(["corp/A.jsonl"], out)
    assert parsed == ["veto", "trade"]
    _, problems, parsed = build([str(corpus / "A.jsonl")], out)  # absolute now
    assert parsed == [] and problems == []
    moved = tmp_path / "moved"
    corpus.rename(moved)
    (moved / "A.jsonl").write_text(json.dumps({"id": "talks", "text": TALKS}) + "\n"  # a line added on top
                                   + (moved / "A.jsonl").read_text())
    _, problems, parsed = build(["moved/A.jsonl"], out)
    assert parsed == ["talks"] and problems == []
    # the sources follow the files, so the outputs equal a clean build of the same command
    _, _, _ = build(["moved/A.jsonl"], tmp_path / "clean")
    for name in ("graph.trig", "graph.ttl", "graph.graphml"):
        assert (out / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name
    assert "moved/A.jsonl:3" in (out / "graph.trig").read_text()


# -- saving records at scale ----------------------------------------------------------


def _result(n: int):
    from kg.model import Document
    from kg.pipeline import DocumentResult

    return DocumentResult(Document(id=f"a{n}", text=f"Kerry met Lavrov on day {n}."), (), (), 1, 7)


def test_saving_records_lists_their_folder_once_not_once_per_record(tmp_path, monkeypatch):
    records = tmp_path / "records"
    listed: list = []
    real_scandir = os.scandir

    def counting(path="."):
        listed.append(os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", counting)
    for start in range(0, 300, 50):  # flushes as a build does them
        save_records(records, [_result(n) for n in range(start, start + 50)])
    assert listed.count(str(records)) <= 1, f"records/ listed {listed.count(str(records))} times for 300 records"
    assert len(list(records.glob("*.json"))) == 300


def test_a_dead_writers_temporary_is_removed_when_its_file_is_written(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    records = tmp_path / "records"
    records.mkdir()
    name = record_name("a1")
    stale = records / f".{name}.{dead.pid}.k2j4_x9q.tmp"
    live = records / f".{name}.{os.getpid()}.abcd1234.tmp"  # a writer still at work: not ours to remove
    stale.write_text("{half a rec")
    live.write_text("{being written")
    save_records(records, [_result(1)])
    assert not stale.exists() and live.exists()
    assert json.loads((records / name).read_text())["document"]["id"] == "a1"


def test_opening_a_build_reads_its_index_not_its_records_until_one_changes(tmp_path, monkeypatch):
    import kg.records
    from kg.model import Document
    from kg.pipeline import DocumentResult

    records = tmp_path / "records"
    kept = Records(records)
    for n in range(3):
        kept[f"a{n}"] = _result(n)
    kept.flush()
    read: list = []
    real = kg.records._read_record
    monkeypatch.setattr(kg.records, "_read_record", lambda path, report: read.append(path.name) or real(path, report))
    opened = Records(records)
    assert read == [] and sorted(opened) == ["a0", "a1", "a2"] and opened.sentences() == 3
    assert opened.holds(_result(2).document) and not opened.holds(Document(id="a2", text="Another text."))
    # a record written by anything else (an older kg, a copy, an edit) is read, never taken from the index
    edited = Document(id="a1", text="Kerry met Lavrov. Then he left.")
    (records / record_name("a1")).write_text(json.dumps(kg.records.to_record(DocumentResult(edited, (), (), 2, 9))))
    opened = Records(records)
    assert read == [record_name("a1")] and opened.sentences() == 4 and opened.holds(edited)
    del read[:]
    assert sorted(Records(records)) == ["a0", "a1", "a2"] and read == []  # and indexed for the next reader
    (records / record_name("a0")).unlink()
    assert sorted(Records(records)) == ["a1", "a2"] and read == []
    # an index grown long with lines of rewritten records is cut back to one line per record by a reader
    index = records / kg.records.INDEX
    index.write_text(index.read_text() * 1000)
    assert sorted(Records(records)) == ["a1", "a2"] and read == []
    assert len(index.read_text().splitlines()) == 2
    assert sorted(Records(records)) == ["a1", "a2"] and read == []


# -- lone surrogates through the commands --------------------------------------------


@pytest.mark.parametrize("command", ["extract", "entities"])
def test_commands_read_a_file_with_lone_surrogates(tmp_path, command):
    path = tmp_path / "m.jsonl"
    path.write_text('{"id": "ok", "text": "Russia vetoed a UN draft resolution on Monday."}\n'
                    '{"id": "\\ud800", "title": "T\\udc00", "text": "France condemned the veto \\udfff."}\n')
    proc = subprocess.run(KG + [command, str(path), "--format", "jsonl"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.splitlines() == [
        f"kg: {path}:2: read: invalid Unicode (lone surrogate dropped from text; replaced by U+FFFD in id, title)",
        "kg: notes: 1 invalid Unicode"]
    assert "France" in proc.stdout and "Russia" in proc.stdout


def test_build_with_lone_surrogates_keeps_every_article(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_text('{"id": "ok", "text": "Russia vetoed a UN draft resolution on Monday."}\n'
                    '{"id": "\\ud800", "url": "https://x.org/\\ud800", "text": "France condemned the veto."}\n')
    graph, problems, _ = build([path], tmp_path / "out", store="store")
    assert sorted(graph.results) == ["ok", "\ufffd"]
    assert problems == [f"{path}:2: read: invalid Unicode (lone surrogate replaced by U+FFFD in id, url)"]
