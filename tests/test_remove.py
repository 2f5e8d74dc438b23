"""`kg remove`: an article taken out of a build leaves what a build without it gives."""
from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

KG = [sys.executable, "-m", "kg.cli"]
ARTICLES = {
    "peru": "Expulsion\n\nPeru expelled the Bolivian ambassador on Monday. Bolivia condemned Peru.\n",
    "chile": "Lawsuit\n\nChile sued the mining company. The company criticised Chile.\n",
    "kenya": "Talks\n\nKenya met Uganda in Nairobi. Uganda praised Kenya for the talks.\n",
}
FILES = ("graph.ttl", "graph.trig", "graph.graphml", "graph.html")


def _build(src, out):
    proc = subprocess.run(KG + ["build", str(src), "--out", str(out), "-j", "1"], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stderr


@pytest.fixture(scope="module")
def removed_and_clean(tmp_path_factory):
    folder = tmp_path_factory.mktemp("remove")
    src = folder / "src"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
    _build(src, folder / "removed")
    proc = subprocess.run(KG + ["remove", "chile", "--out", str(folder / "removed")], capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "removed 1 article(s)" in proc.stdout and "chile" in proc.stdout
    (src / "chile.txt").unlink()
    _build(src, folder / "clean")
    return folder / "removed", folder / "clean"


@pytest.mark.parametrize("name", FILES)
def test_removing_an_article_gives_the_files_of_a_build_without_it(removed_and_clean, name):
    removed, clean = removed_and_clean
    assert (removed / name).read_bytes() == (clean / name).read_bytes()
    assert "Chile" not in (removed / name).read_text(encoding="utf-8")


def test_removing_an_article_leaves_its_records_and_store_as_a_build_without_it(removed_and_clean):
    from kg.rdf import canonical_lines
    from kg.rdf.store import load_graph

    removed, clean = removed_and_clean
    assert sorted(p.name for p in (removed / "records").iterdir()) == sorted(
        p.name for p in (clean / "records").iterdir())
    stores = [load_graph(folder) for folder in (removed, clean)]
    try:
        assert canonical_lines(stores[0]) == canonical_lines(stores[1])
    finally:
        for dataset in stores:
            dataset.close()


def test_removing_an_unknown_article_changes_nothing_and_says_so_in_one_line(removed_and_clean):
    removed, _ = removed_and_clean
    before = (removed / "graph.ttl").read_bytes()
    proc = subprocess.run(KG + ["remove", "kenya", "nowhere", "--out", str(removed)], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"kg: error: {removed}: no article 'nowhere' in this build"
    assert (removed / "graph.ttl").read_bytes() == before


def test_removing_a_long_article_takes_its_parts(tmp_path):
    from kg.graph import KnowledgeGraph, remove
    from kg.model import Document
    from kg.pipeline import DocumentResult

    parts = ["x", "x#2", "x#3", "x#a", "y"]
    graph = KnowledgeGraph([DocumentResult(Document(id=i, text="Hi."), (), (), 1, 1) for i in parts],
                           records=tmp_path / "out" / "records")
    graph.save(tmp_path / "out", html=False)
    assert remove(tmp_path / "out", ["x"]) == ["x", "x#2", "x#3"]
    assert sorted(KnowledgeGraph(records=tmp_path / "out" / "records").results) == ["x#a", "y"]
