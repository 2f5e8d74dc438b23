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
    from kg.pipeline.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seeds_graph():
    """The knowledge graph of the three seed articles, built once."""
    import kg

    return kg.build([SEEDS])


def unavailable(name: str) -> None:
    """Skip a test whose binary is missing here; fail it where CI demands it (KG_REQUIRE_SERVERS)."""
    if os.environ.get("KG_REQUIRE_SERVERS"):
        pytest.fail(f"{name} is not installed but KG_REQUIRE_SERVERS is set (CI must run this test)")
    pytest.skip(f"{name} is not installed")


def require_binary(name: str) -> str:
    """Path of an executable on PATH (see :func:`unavailable` when it is missing)."""
    path = shutil.which(name)
    if path is None:
        unavailable(name)
    return path
