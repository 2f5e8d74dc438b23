"""Shared fixtures: the spaCy pipeline is loaded once per test session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seeds_graph():
    """The knowledge graph of the three seed articles, built once."""
    import kg

    return kg.build([SEEDS])


def require_binary(name: str) -> str:
    """Path of an executable; skips the test where it is missing, unless CI demands it."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("KG_REQUIRE_SERVERS"):
            pytest.fail(f"{name} is not installed but KG_REQUIRE_SERVERS is set (CI must run this test)")
        pytest.skip(f"{name} is not installed")
    return path
