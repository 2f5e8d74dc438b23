"""A Wikinews build (the 40-article slice in tests/data) has no pronoun or indefinite actor.

Not a list of names: the check is that no node label, in any output, is a word of the
closed class of pronouns, determiners and indefinites (``NON_ACTOR_WORDS``).
"""
from __future__ import annotations

import pytest
from conftest import ROOT
from rdflib.namespace import RDFS

from kg.resolution.mentions import NON_ACTOR_WORDS, non_actor

SLICE = ROOT / "tests" / "data" / "wikinews_slice.jsonl"


@pytest.fixture(scope="module")
def wikinews():
    import kg

    return kg.build([SLICE], html=False, store=None)


def test_the_closed_list_is_words_not_names():
    assert all(w == w.lower() and len(w.split()) <= 2 for w in NON_ACTOR_WORDS)


def test_no_entity_is_a_pronoun(wikinews):
    assert [e.name for e in wikinews.entities if non_actor(e.name)] == []


def test_no_networkx_node_is_a_pronoun(wikinews):
    assert [n for n in wikinews.nx.nodes if non_actor(n)] == []


def test_no_statement_has_a_pronoun_argument(wikinews):
    assert [(t.subject, t.relation, t.object) for t in wikinews.triples
            if non_actor(t.subject) or non_actor(t.object)] == []


def test_no_rdf_label_is_a_pronoun(wikinews):
    labels = {str(o) for o in wikinews.rdf.objects(None, RDFS.label)}
    assert labels and [label for label in labels if non_actor(label)] == []


def test_no_central_actor_or_community_member_in_stats_is_a_pronoun(wikinews):
    summary = wikinews.stats(top=30)
    central = [name for ranking in summary["central"].values() for name, _ in ranking]
    members = [name for community in summary["communities"] for name in community]
    assert central and members
    assert [n for n in central + members if non_actor(n)] == []


def test_an_actors_degree_is_one_number_everywhere(wikinews):
    """An actor's degree (the statements naming it) is the same in kg stats, the actors_by_degree
    query and most_connected, although some sentences read an actor's type otherwise than the
    corpus does: an entity has one type, its statements take it."""
    api = {name: degree for name, _, degree in wikinews.most_connected(100_000)}
    assert len(api) > 100
    query = {row["name"]: row["degree"] for row in wikinews.query("actors_by_degree", limit=100_000)}
    assert query == api
    central = {name: degree for name, degree in wikinews.stats(top=100_000)["central"]["degree"] if degree}
    assert central == api
