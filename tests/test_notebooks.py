"""The notebooks in notebooks/ run top to bottom offline and show what they promise,
on the seeds built in the notebook and on a saved build opened with ``kg.graph.load``."""
from __future__ import annotations

import json

import nbformat
import pytest
from conftest import ROOT
from nbclient import NotebookClient

NOTEBOOKS = ROOT / "notebooks"
SLICE = ROOT / "tests" / "data" / "wikinews_slice.jsonl"


def _run(name: str) -> str:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    # Run where the committed notebook sits (it reads ../seeds) without touching its outputs.
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return json.dumps([cell.get("outputs", []) for cell in notebook.cells])


@pytest.fixture(scope="module")
def saved_build(tmp_path_factory):
    """The 40-article Wikinews slice built into a folder, as ``kg build ... --out DIR`` leaves it."""
    import kg

    out = tmp_path_factory.mktemp("slice-build")
    kg.build([SLICE], out=out)
    return out


@pytest.mark.slow
def test_explore_notebook_queries_ranks_and_shows_the_view(monkeypatch):
    monkeypatch.delenv("KG_NOTEBOOK_GRAPH", raising=False)
    outputs = _run("explore.ipynb")
    assert "Vladimir Putin" in outputs  # the person in the most statements
    assert "3 articles" in outputs
    assert "explore.html" in outputs  # the inline view's frame


@pytest.mark.slow
def test_compare_notebook_splits_by_year_and_draws_a_chart(monkeypatch):
    monkeypatch.delenv("KG_NOTEBOOK_GRAPH", raising=False)
    outputs = _run("compare-articles.ipynb")
    for year in ("2015", "2016", "2017"):
        assert year in outputs
    assert "image/png" in outputs


@pytest.mark.slow
def test_notebooks_run_on_a_saved_build(saved_build, monkeypatch):
    import kg

    monkeypatch.setenv("KG_NOTEBOOK_GRAPH", str(saved_build))
    explore = _run("explore.ipynb")
    assert "40 articles" in explore and f"saved in {saved_build}" in explore  # the build, not the seeds
    graph = kg.graph.load(saved_build)
    top = next(name for name, kind, _ in graph.most_connected(50) if kind == "Person")
    assert f"{top} and " in explore  # its statements and those with its closest partner
    assert "explore.html" in explore
    compare = _run("compare-articles.ipynb")
    years = {(doc.date or "")[:4] for doc in graph.documents.values()}
    assert years and all(year in compare for year in years)
    assert "image/png" in compare
