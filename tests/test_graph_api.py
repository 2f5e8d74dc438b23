"""The Python API on a saved build: what a notebook does with ``kg.graph.load(DIR)``.

A loaded graph answers SPARQL from the build's Oxigraph store, lets go of the store
when idle so ``kg build`` can get in, saves itself again when articles are added, and
makes its NetworkX graph, tables and page from the records.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time

import pytest
from conftest import ROOT, SEEDS

#: An article of our own, not in the seeds: what ``graph.add`` brings in.
NEW_ARTICLE = ("Title: Ministers meet in Oslo\nDate: 2018-03-02\n\n"
               "Norwegian Prime Minister Erna Solberg met Swedish Prime Minister Stefan Lofven in Oslo on Friday. "
               "Solberg praised Sweden for its help with the border.\n")


class OtherProcess:
    """Another Python process that tries to open a store for writing, as ``kg build`` would, when asked.

    It imports kg before the first try, so a try takes milliseconds, not an interpreter's start.
    """

    CODE = """import sys
from kg.rdf.store import open_store, StoreLockedError
print("ready", flush=True)
for line in sys.stdin:
    try:
        open_store(line.strip()).close()
        print("opened", flush=True)
    except StoreLockedError:
        print("locked", flush=True)
"""

    def __enter__(self) -> "OtherProcess":
        self.process = subprocess.Popen([sys.executable, "-c", self.CODE], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert self.process.stdout.readline().strip() == "ready"
        return self

    def opens(self, store) -> bool:
        self.process.stdin.write(f"{store}\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip() == "opened"

    def __exit__(self, *exc) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """The seeds built into a folder, as ``kg build seeds --out DIR`` leaves it."""
    import kg

    out = tmp_path_factory.mktemp("build")
    kg.build([SEEDS], out=out)
    return out


@pytest.fixture
def loaded(saved, tmp_path):
    """A copy of the saved build (tests may change it), opened with ``kg.graph.load``."""
    import kg

    folder = tmp_path / "out"
    shutil.copytree(saved, folder)
    graph = kg.graph.load(folder)
    yield graph
    graph.close()


def test_loaded_graph_answers_as_kg_query(loaded, seeds_graph):
    from kg.rdf.queries import run_query
    from kg.rdf.store import load_graph

    rows = loaded.query("actor_statements", actor="Vladimir Putin")
    assert rows and all("Vladimir Putin" in (row["subject"], row["object"]) for row in rows)
    loaded.close()
    dataset = load_graph(loaded.out)  # what `kg query --graph DIR` runs on
    try:
        assert run_query(dataset, "actor_statements", actor="Vladimir Putin") == rows
    finally:
        dataset.close()
    # the graph built in memory from the same articles says the same
    assert seeds_graph.query("actor_statements", actor="Vladimir Putin") == rows


def test_rdf_of_a_loaded_graph_is_the_store_itself(loaded):
    from rdflib import RDFS, Literal, URIRef

    from kg.rdf.store import load_graph

    marker = URIRef("https://example.org/notebook-note")
    loaded.rdf.add((marker, RDFS.label, Literal("written through rdflib")))
    loaded.close()
    dataset = load_graph(loaded.out)
    try:
        assert (marker, RDFS.label, Literal("written through rdflib")) in dataset
    finally:
        dataset.close()


def test_an_idle_graph_lets_go_of_its_store_for_a_build(loaded, monkeypatch):
    import kg.rdf.reader

    monkeypatch.setattr(kg.rdf.reader, "IDLE_SECONDS", 1.0)
    loaded._reader = None  # made again with the short idle time
    with OtherProcess() as build:
        assert loaded.query("actors_by_mentions", limit=3)
        assert not build.opens(loaded.out / "store")  # held right after a query
        time.sleep(1.5)
        assert build.opens(loaded.out / "store")  # let go once idle
    assert loaded.query("actors_by_mentions", limit=3)  # and opened again when asked


def test_rdf_holds_the_store_until_close(loaded, monkeypatch):
    import kg.rdf.reader

    monkeypatch.setattr(kg.rdf.reader, "IDLE_SECONDS", 0.2)
    loaded._reader = None
    with OtherProcess() as build:
        assert len(loaded.rdf) > 0
        assert loaded.query("actors_by_mentions", limit=3)
        time.sleep(0.5)
        assert not build.opens(loaded.out / "store")  # the caller may still use the dataset
        loaded.close()
        assert build.opens(loaded.out / "store")


def test_adding_to_a_loaded_graph_saves_every_file(loaded, tmp_path):
    article = tmp_path / "oslo.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    before = {name: (loaded.out / name).stat().st_mtime_ns for name in ("graph.ttl", "graph.trig", "graph.graphml")}
    loaded.add([article])
    assert len(loaded.documents) == 4
    for name, mtime in before.items():
        text = (loaded.out / name).read_text(encoding="utf-8")
        assert "Solberg" in text, name
        assert (loaded.out / name).stat().st_mtime_ns != mtime
    assert "Solberg" in (loaded.out / "graph.html").read_text(encoding="utf-8")
    rows = loaded.query("actor_statements", actor="Erna Solberg")
    assert any(row["relation"] == "meet" for row in rows)
    reloaded = __import__("kg").graph.load(loaded.out)
    assert len(reloaded.documents) == 4 and reloaded.query("actor_statements", actor="Erna Solberg") == rows
    reloaded.close()


def test_networkx_and_tables_of_a_loaded_graph_match_the_built_one(loaded, seeds_graph):
    assert sorted(loaded.nx.edges(keys=True)) == sorted(seeds_graph.nx.edges(keys=True))
    tables = loaded.to_pandas()
    entities, statements = tables  # still a pair
    assert entities is tables.entities and statements is tables.statements
    assert len(statements) == len(seeds_graph.triples)
    dates = {doc_id: doc.date for doc_id, doc in seeds_graph.documents.items()}
    assert (statements["date"] == statements["doc"].map(dates)).all()  # each row its own article's date
    stats = loaded.stats(top=3)
    assert stats["documents"] == 3 and stats["triples"] == len(seeds_graph.triples)


def test_page_of_a_loaded_graph(loaded, tmp_path):
    page = loaded.to_html(tmp_path / "view.html")
    html = page.read_text(encoding="utf-8")
    assert "Vladimir Putin" in html
    assert "nx" not in loaded.__dict__  # drawn from the shown part, not from the whole graph
    around = loaded.to_html(tmp_path / "putin.html", around="Vladimir Putin", hops=1)
    assert "Vladimir Putin" in around.read_text(encoding="utf-8")


def test_repr_says_what_the_graph_holds(loaded, seeds_graph):
    assert repr(loaded) == (f"<KnowledgeGraph: 3 articles, {loaded.results.sentences()} sentences, "
                            f"{len(seeds_graph.triples)} statements, saved in {loaded.out}>")
    assert repr(seeds_graph).endswith(", in memory>")


def test_kg_offers_its_api_without_importing_it(saved):
    code = ("import kg, sys\n"
            "names = dir(kg)\n"
            "assert 'spacy' not in sys.modules\n"
            "assert {'build', 'extract', 'load', 'graph', 'KnowledgeGraph'} <= set(names), names\n"
            f"print(kg.graph.load({str(saved)!r}))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "3 articles" in done.stdout
