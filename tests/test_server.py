"""A real SPARQL endpoint: serve a store, query it over HTTP, push to it, stop it."""
from __future__ import annotations

from typing import Optional

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
    for query, name in (("actor_statements", '"} ; DROP ALL ; {"'), ("actor_timeline", "x\" } } ; CLEAR ALL ; #\n{")):
        with pytest.raises(ValueError, match="^no actor named"):  # a name like any other, matching none
            run_query(served.url, query, actor=name)
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
        assert push(dataset, server.url) == 0  # the server holds every graph already
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
    with Server(writable=True) as server:
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
    assert "SPARQL endpoint" not in result.output  # no address announced for a server that never ran
    ds = build(tmp_path / "store")  # held open by this process
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "store"), "--port", "0"])
    ds.close()
    assert result.exit_code == 1, result.output
    assert "in use by another process" in result.output and "Traceback" not in result.output


# --- safe to leave running -------------------------------------------------------------

def _count(url: str) -> int:
    return run_query(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]


def _send(method: str, url: str, body: bytes = b"", headers: Optional[dict] = None):
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, data=body or None, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


def test_the_default_server_refuses_a_cross_origin_page_s_writes(served):
    import urllib.parse

    before = _count(served.url)
    assert before > 0
    form = {"Origin": "http://evil.example", "Content-Type": "application/x-www-form-urlencoded"}
    drop = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    assert _send("POST", f"{served.url}/update", drop, form)[0] == 403
    rebound = {**form, "Host": "attacker.example"}  # DNS rebinding: the page's own host name
    assert _send("POST", f"{served.url}/update", drop, rebound)[0] == 403
    summary = urllib.parse.quote("https://kg.example.org/id/graph/summary", safe="")
    assert _send("DELETE", f"{served.url}/store?graph={summary}", headers=form)[0] == 403
    triple = b"<http://evil/s> <http://evil/p> <http://evil/o> ."
    assert _send("PUT", f"{served.url}/store?default", triple, {"Content-Type": "application/n-triples"})[0] == 403
    assert _count(served.url) == before


def test_a_cross_origin_page_cannot_read_the_answers(served):
    # No CORS header: the browser withholds the answer from a page on another origin,
    # and a preflighted request (a fetch with a JSON body or custom headers) is refused.
    status, headers = _send("GET", f"{served.url}/query?query=ASK%7B%7D", headers={"Origin": "http://evil.example"})
    assert status == 200 and not any(h.lower().startswith("access-control-") for h in headers)
    preflight = {"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"}
    status, headers = _send("OPTIONS", f"{served.url}/query", headers=preflight)
    assert status >= 400 and not any(h.lower().startswith("access-control-") for h in headers)


def test_a_busy_port_is_an_error_not_another_server_s_answers(served, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main
    from kg.rdf.server import Server

    store = tmp_path / "store"
    build(store).close()
    with pytest.raises(RuntimeError, match="port is in use"):
        Server(store, port=served.port).start()
    assert not open_store(store).close()  # the failed server left the store free
    result = CliRunner().invoke(main, ["serve", "--store", str(store), "--port", str(served.port)])
    assert result.exit_code == 1 and "port is in use" in result.output
    assert "SPARQL endpoint" not in result.output and len(result.output.strip().splitlines()) == 1


def test_serve_says_what_is_wrong_with_the_store_or_the_port(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    _binary()
    out = tmp_path / "out"
    build(out / "store").close()
    (out / "graph.ttl").write_text("")
    runner = CliRunner()
    result = runner.invoke(main, ["serve", "--store", str(out)])  # the build folder, not its store
    assert result.exit_code == 1 and "not a store" in result.output and str(out / "store") in result.output
    assert not (out / "CURRENT").exists()  # no new store made among the build's files
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["serve", "--store", str(tmp_path / "empty")])
    assert result.exit_code == 1 and "not an Oxigraph store" in result.output
    result = runner.invoke(main, ["serve", "--store", str(out / "store"), "--port", "70000"])
    assert result.exit_code == 1 and "port 70000" in result.output and "SPARQL endpoint" not in result.output
    assert "Traceback" not in result.output


def _children(pid: int) -> list[int]:
    from pathlib import Path

    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _gone(pid: int, timeout: float = 10.0) -> bool:
    import os
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not __import__("pathlib").Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_a_writable_server_warns_and_dies_with_a_killed_kg_serve(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    from kg.rdf.server import free_port

    _binary()
    store = tmp_path / "store"
    build(store).close()
    port = free_port()
    kg = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port),
                           "--writable"], stderr=subprocess.PIPE, text=True)
    try:
        banner, warning = kg.stderr.readline(), kg.stderr.readline()
        assert f"http://127.0.0.1:{port}/query" in banner and "read-write" in banner
        assert "warning" in warning and "web page" in warning and f"{port}/update" in warning
        (server,) = _children(kg.pid)
        os.kill(kg.pid, signal.SIGKILL)
        kg.wait()
        assert _gone(server), "the oxigraph server outlived kg serve"
    finally:
        kg.kill()
        kg.stderr.close()
    open_store(store).close()  # and its lock went with it


def test_pushing_two_builds_into_one_server_keeps_both(tmp_path):
    from fixtures_rdf import DOCUMENTS, ENTITIES, PUTIN, TRIPLES

    from kg.model import Entity, Merge
    from kg.rdf import to_dataset
    from kg.rdf.server import Server, push

    _binary()
    by_name = {e.name: e for e in ENTITIES}
    # The fixture corpus cut in two builds, a1 and a2, then a3; the actors both name
    # (Putin, Hollande) are split by hand so that the halves add up to the whole's.
    first = [e for e in ENTITIES if set(e.docs) <= {"a1", "a2"}] + [
        Entity(name=PUTIN, type="Person", aliases=("Putin", "Vladimir Putin"), titles=("Russian President",),
               mentions=3, docs=("a1", "a2"), merges=(Merge(alias="Putin", entity=PUTIN, rule="surname", doc="a2"),)),
        Entity(name=HOLLANDE, type="Person", aliases=("Francois Hollande", "Hollande"), mentions=2, docs=("a1", "a2")),
    ]
    second = [by_name["Turkey"], by_name["Russian warplane"],
              Entity(name=PUTIN, type="Person", aliases=("Putin",), mentions=2, docs=("a3",),
                     merges=(Merge(alias="Putin", entity=PUTIN, rule="surname", doc="a3"),)),
              Entity(name=HOLLANDE, type="Person", aliases=("Hollande",), mentions=2, docs=("a3",))]
    halves = [to_dataset([d for d in DOCUMENTS if d.id in docs], [t for t in TRIPLES if t.doc in docs], entities)
              for docs, entities in (({"a1", "a2"}, first), ({"a3"}, second))]
    whole = build()
    with Server(writable=True) as server:
        push(halves[0], server.url)
        push(halves[1], server.url)
        # an actor of each build still answers
        assert [r["relation"] for r in run_query(server.url, "actor_statements", actor="Boris Johnson")] == ["call for"]
        assert [r["relation"] for r in run_query(server.url, "actor_statements", actor="Turkey")] == ["shoot down"]
        # the shared graphs add up to the whole corpus's: every query answers as on one build of it
        for name, query in library().items():
            params = {p.name: p.example for p in query.params if p.default is None}
            assert run_query(server.url, query, **params) == run_query(whole, query, **params), name
        assert push(halves[1], server.url) == 0  # pushing again changes nothing
        assert run_query(server.url, "actors_by_degree") == run_query(whole, "actors_by_degree")


def test_push_into_a_read_only_server_is_refused(served):
    from kg.model import Document
    from kg.rdf import to_dataset
    from kg.rdf.server import push

    another = to_dataset([Document(id="b1", text="Norway sued Sweden.")], [], [])
    with pytest.raises(ValueError, match="HTTP 403"):
        push(another, served.url)
