"""A real SPARQL endpoint: serve a store, query it over HTTP, push to it, stop it."""
from __future__ import annotations

import pytest
from conftest import unavailable
from fixtures_rdf import HOLLANDE, build

from kg.rdf import canonical_lines
from kg.rdf.queries import library, run_query
from kg.rdf.store import StoreLockedError, open_store

pytestmark = pytest.mark.server


def _binary():
    from kg.rdf.server import oxigraph_binary

    try:
        return oxigraph_binary()
    except FileNotFoundError:
        unavailable("oxigraph")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from kg.rdf.server import Server

    _binary()
    store = tmp_path_factory.mktemp("served") / "store"
    build(store).close()
    with Server(store) as server:
        yield server


def test_sparqlwrapper_gets_the_same_answers_as_the_library(served):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{served.url}/query")
    client.setQuery(library()["actors_by_degree"].text)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    got = [(r["name"]["value"], int(r["degree"]["value"])) for r in rows]
    assert got[:3] == [(HOLLANDE, 5), ("Vladimir Putin", 5), ("Russia", 4)]
    assert len(got) == 7


def test_every_library_query_runs_remotely_like_locally(served):
    local = build()
    for name, query in library().items():
        params = {p.name: p.example for p in query.params if p.default is None}
        assert run_query(served.url, query, **params) == run_query(local, query, **params), name
        if any(p.name == "limit" for p in query.params):  # a page of one gives the same first row
            assert run_query(served.url, query, limit=1, **params) == run_query(local, query, limit=1, **params)


def test_the_injection_string_matches_nothing_over_http(served):
    before = run_query(served.url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert run_query(served.url, "actor_statements", actor='"} ; DROP ALL ; {"') == []
    assert run_query(served.url, "actor_timeline", actor="x\" } } ; CLEAR ALL ; #\n{") == []
    assert run_query(served.url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == before


def test_a_served_store_is_locked_for_builds(served):
    with pytest.raises(StoreLockedError, match="in use"):
        open_store(served.store_dir)


def test_push_fills_an_empty_server_and_is_idempotent(tmp_path):
    from kg.rdf.server import Server, push

    _binary()
    dataset = build()
    with Server() as server:
        assert push(dataset, server.url) == 5  # three articles, the entities, the summaries
        assert push(dataset, server.url) == 5
        count = run_query(server.url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert count == [{"n": len(canonical_lines(dataset))}]
        rows = run_query(server.url, "relations_by_frequency")
        assert rows[0]["relation"] == "meet with" and rows[0]["statements"] == 4


def test_cli_push_and_unreachable_endpoint(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main
    from kg.rdf import export
    from kg.rdf.server import Server, free_port

    _binary()
    export(build(), tmp_path / "graph.trig")
    with Server() as server:
        result = CliRunner().invoke(main, ["push", "--endpoint", server.url, "--graph", str(tmp_path)])
        assert result.exit_code == 0, result.output
        rows = CliRunner().invoke(main, ["query", "cooccurrence", "--endpoint", server.url, "--format", "csv"])
        assert rows.output.splitlines()[1] == f"{HOLLANDE},Vladimir Putin,3,3"
    dead = f"http://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(main, ["push", "--endpoint", dead, "--graph", str(tmp_path)])
    assert result.exit_code == 1 and result.output.startswith("kg: error:") and "cannot reach" in result.output


def test_cli_serve_reports_a_missing_or_busy_store_in_one_line(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    _binary()
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "nope")])
    assert result.exit_code == 1 and "no such store directory" in result.output
    ds = build(tmp_path / "store")  # held open by this process
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "store"), "--port", "0"])
    ds.close()
    assert result.exit_code == 1, result.output
    assert "in use by another process" in result.output and "Traceback" not in result.output
