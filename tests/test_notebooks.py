"""The notebooks in notebooks/ run top to bottom offline and show what they promise."""
from __future__ import annotations

import json

import nbformat
import pytest
from conftest import ROOT
from nbclient import NotebookClient

NOTEBOOKS = ROOT / "notebooks"


def _run(name: str, tmp_path) -> str:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    # Run where the committed notebook sits (it reads ../seeds) without touching its outputs.
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return json.dumps([cell.get("outputs", []) for cell in notebook.cells])


@pytest.mark.slow
def test_explore_notebook_queries_ranks_and_shows_the_view(tmp_path):
    outputs = _run("explore.ipynb", tmp_path)
    assert "Vladimir Putin" in outputs
    assert "3 articles" in outputs
    assert "explore.html" in outputs  # the inline view's frame


@pytest.mark.slow
def test_compare_notebook_splits_by_year_and_draws_a_chart(tmp_path):
    outputs = _run("compare-articles.ipynb", tmp_path)
    for year in ("2015", "2016", "2017"):
        assert year in outputs
    assert "image/png" in outputs
