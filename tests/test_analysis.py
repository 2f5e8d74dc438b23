"""Centrality, communities, dyads and tables on graphs whose answers are known by construction."""
from __future__ import annotations

import networkx as nx
import pytest
from test_network import sample, sample_graph

from kg.network.analysis import communities, stats, to_pandas


def test_hub_is_most_central_by_every_measure():
    summary = stats(sample_graph(), top=3)
    for measure in ("degree", "betweenness"):
        assert summary["central"][measure][0][0] == "Vladimir Putin"
    # Things ("draft") are not actors and are never ranked
    assert all(name != "draft" for name, _ in summary["central"]["degree"])
    assert summary["counts"]["statements"] == 5 and summary["counts"]["negated"] == 1


def test_pagerank_favours_the_node_everyone_acts_on():
    g = nx.MultiDiGraph()
    g.add_nodes_from("abcd", type="Person")
    for source in "abc":
        g.add_edge(source, "d", relation="call")
    assert stats(g)["central"]["pagerank"][0][0] == "d"


def test_two_cliques_are_two_communities():
    g = nx.MultiDiGraph()
    for group in ("abcd", "wxyz"):
        for u in group:
            for v in group:
                if u < v:
                    g.add_edge(u, v)
    g.add_edge("a", "w")
    assert sorted(sorted(c) for c in communities(g)) == [list("abcd"), list("wxyz")]


def test_dyads_count_statements_per_pair_and_class():
    dyads = stats(sample_graph())["dyads"]
    top = dyads["overall"][0]
    assert top["actors"] == ["Barack Obama", "Vladimir Putin"] and top["statements"] == 2
    assert len(dyads["by_class"]["CONSULT"]) == 2


def test_dyads_of_a_class_keep_their_direction():
    from kg.cli.view import format_stats

    g = nx.MultiDiGraph()
    g.add_nodes_from(["Moscow", "Aleppo"], type="Place")
    for _ in range(2):
        g.add_edge("Moscow", "Aleppo", relation="bomb", relation_class="ASSAULT")
    summary = stats(g)
    assert summary["dyads"]["by_class"]["ASSAULT"] == [{"actors": ["Moscow", "Aleppo"], "statements": 2}]
    assert "     2  Moscow -> Aleppo" in format_stats(summary)


def test_to_pandas_tables():
    pytest.importorskip("pandas")
    triples, entities, documents = sample()
    entities_df, statements_df = to_pandas(triples, entities, documents)
    assert len(entities_df) == 5 and len(statements_df) == 5
    assert statements_df.loc[statements_df.relation == "veto", "date"].item() == "2016-05-03"
