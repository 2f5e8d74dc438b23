"""The HTML view as a file: offline, escaped, selecting what it should."""
from __future__ import annotations

import re

import networkx as nx
import pytest
from click.testing import CliRunner
from test_network import sample_graph

from kg.cli import main
from kg.network import write_graphml
from kg.network.viz import ViewError, view_data, view_subgraph, write_html

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*https?:|@import[^;]*https?:|url\(\s*["']?https?:""", re.I)


def test_page_has_no_external_reference(tmp_path):
    html = write_html(sample_graph(), tmp_path / "g.html").read_text(encoding="utf-8")
    assert not EXTERNAL.findall(html)
    assert "vis.Network" in html  # vis-network is inlined, not fetched


def test_article_text_never_appears_as_markup(tmp_path):
    html = write_html(sample_graph(), tmp_path / "g.html",
                      title="<script>alert(2)</script>").read_text(encoding="utf-8")
    assert "<script>alert(" not in html
    assert "<img src=x" not in html and "<b>night</b>" not in html
    assert "&lt;script&gt;alert(2)" in html  # the title, escaped
    assert r"\u003cscript\u003ealert(1)" in html  # the sentence, as JSON data


def test_view_data_styles_and_highlights():
    data = view_data(sample_graph())
    assert len(data["nodes"]) == 6 and len(data["edges"]) == 5
    negated = next(e for e in data["edges"] if e["negated"])
    assert negated["dashes"] is True and negated["label"] == "not criticize"
    hedged = next(e for e in data["edges"] if e["modality"] == "hedged")
    assert hedged["color"] != negated["color"]
    veto = next(e for e in data["edges"] if e["relation"] == "veto")
    assert veto["statements"][0]["segments"][:2] == [["Russia", "subject"], [" vetoed the ", None]]
    assert {entry["type"] for entry in data["legend"]} == {"Person", "Country", "Thing"}
    assert data["dates"] == ["2015-10-02", "2016-05-03"] and "CONSULT" in data["classes"]


def test_every_actor_is_labelled_and_minor_things_are_not():
    g = sample_graph()
    g.add_edge("Angela Merkel", "draft", relation="read", sentence="Angela Merkel read the draft.")
    g.add_edge("Angela Merkel", "memo", relation="sign", sentence="Angela Merkel signed a memo.")
    g.nodes["memo"]["type"] = "Thing"
    nodes = {n["name"]: n for n in view_data(g)["nodes"]}
    assert all(n["label"] == n["name"] and not n["minor"] for n in nodes.values() if n["type"] != "Thing")
    assert nodes["draft"]["label"] == "draft" and not nodes["draft"]["minor"]  # in two statements
    assert nodes["memo"]["label"] == "" and nodes["memo"]["minor"]  # in one: hidden until asked for
    assert nodes["memo"]["color"]["background"] != nodes["Angela Merkel"]["color"]


def test_around_hops_and_min_mentions():
    g = sample_graph()
    assert set(view_subgraph(g, around="putin", hops=1)) == {
        "Vladimir Putin", "Francois Hollande", "Angela Merkel", "Barack Obama"}
    assert set(view_subgraph(g, min_mentions=2)) == {"Vladimir Putin", "Francois Hollande", "Barack Obama"}
    with pytest.raises(ViewError):
        view_subgraph(g, around="Nobody")
    # the rule every command uses: any case, and a near miss names the actor meant
    assert set(view_subgraph(g, around="VLADIMIR putin", hops=1)) == set(view_subgraph(g, around="putin", hops=1))
    with pytest.raises(ViewError, match="did you mean 'Vladimir Putin'"):
        view_subgraph(g, around="Vladimir Putn")


def test_large_graph_is_capped_to_the_most_connected():
    g = nx.MultiDiGraph(nx.barabasi_albert_graph(2000, 2, seed=1))
    sub = view_subgraph(g)
    assert 0 < sub.number_of_nodes() <= 250
    assert max(g.degree, key=lambda x: x[1])[0] in sub


def test_cap_keeps_actors_before_busier_things():
    g = nx.MultiDiGraph()
    for i in range(30):  # things said about everyone, and a few actor-to-actor statements
        g.add_node(f"actor {i}", type="Person")
        g.add_node(f"thing {i % 3}", type="Thing")
        g.add_edge(f"actor {i}", f"thing {i % 3}", relation="mention")
        g.add_edge(f"actor {i}", f"actor {(i + 1) % 30}", relation="meet")
    sub = view_subgraph(g, max_nodes=30)
    assert set(sub) == {f"actor {i}" for i in range(30)}


def test_cli_view_and_stats_from_graphml(tmp_path):
    write_graphml(sample_graph(), tmp_path / "graph.graphml")
    runner = CliRunner()
    result = runner.invoke(main, ["view", "--graph", str(tmp_path), "--around", "Vladimir Putin"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "view-Vladimir-Putin.html").is_file()
    result = runner.invoke(main, ["stats", "--graph", str(tmp_path)])
    assert result.exit_code == 0 and "Vladimir Putin" in result.output
    missing = runner.invoke(main, ["view", "--graph", str(tmp_path / "nothing")])
    assert missing.exit_code == 1 and "Traceback" not in missing.output


@pytest.mark.parametrize("max_nodes", [12, 40, 0])
def test_view_of_a_corpus_built_in_parts_draws_what_the_whole_graph_draws(seeds_graph, max_nodes):
    """`kg build` draws its page from the few hundred nodes shown, never holding the whole graph."""
    from kg.network.viz import view_network

    part = view_network(seeds_graph.entities, seeds_graph._resolved, max_nodes=max_nodes)
    whole = view_data(seeds_graph.nx, max_nodes=max_nodes)
    drawn = [n for n, extra in part.nodes(data="extra") if not extra]
    assert len(drawn) <= (max_nodes or seeds_graph.nx.number_of_nodes())
    assert view_data(part, max_nodes=max_nodes) == whole
    if max_nodes:  # a part of the graph, its totals those of the whole
        assert 0 < whole["shown"]["statements"] < whole["shown"]["of_statements"] == seeds_graph.nx.number_of_edges()
