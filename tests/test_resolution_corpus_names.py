"""Corpus names an analyst can read: one type per name, a state in brackets, never a number."""
from __future__ import annotations

import re

from kg.model import Entity
from kg.resolution import merge_entities


def ent(name, typ, doc, mentions=1, **kw):
    return Entity(name=name, type=typ, docs=(doc,), mentions=mentions, **kw)


def country(name, iso, doc, mentions=1):
    return ent(name, "Country", doc, mentions, iso=iso)


def names(corpus):
    return sorted(e.name for e in corpus.entities)


def test_a_company_a_pronoun_made_a_person_merges_with_the_company():
    # a "she" resolved to the firm in two articles; the firm is "it" in another
    corpus = merge_entities([ent("Brightline", "Person", "a", 3, aliases=("Brightline", "she")),
                             ent("Brightline", "Person", "b", 2, aliases=("Brightline", "her")),
                             ent("Brightline", "Organization", "c", 2, aliases=("Brightline", "it"))])
    assert names(corpus) == ["Brightline"]
    assert corpus.get("Brightline").type == "Organization"


def test_a_titled_person_the_ner_called_an_organization_once_is_one_person():
    corpus = merge_entities([ent("Marta Olsen", "Person", "a", 2, titles=("Governor",)),
                             ent("Marta Olsen", "Organization", "b")])
    assert names(corpus) == ["Marta Olsen"] and corpus.get("Marta Olsen").type == "Person"


def test_a_news_outlet_named_like_one_is_an_organization_without_other_cues():
    corpus = merge_entities([ent("Harbour News", "Person", "a", 2, aliases=("Harbour News", "I")),
                             ent("Harbour News", "Organization", "b")])
    assert names(corpus) == ["Harbour News"] and corpus.get("Harbour News").type == "Organization"


def test_a_titled_person_and_an_it_organization_of_one_name_stay_two_actors_told_apart_by_type():
    corpus = merge_entities([ent("Lowell", "Person", "a", 3, titles=("Senator",)),
                             ent("Lowell", "Organization", "b", 1, aliases=("Lowell", "it"))])
    assert names(corpus) == ["Lowell", "Lowell (Organization)"]


def test_bare_institutions_are_told_apart_by_the_state_their_article_is_about():
    corpus = merge_entities([
        ent("Senate", "Organization", "a"), country("Chile", "CHL", "a", 4),
        ent("Senate", "Organization", "b"), country("Chile", "CHL", "b", 2), country("Peru", "PER", "b", 1),
        ent("Senate", "Organization", "c"), country("Peru", "PER", "c", 3),
        ent("Senate", "Organization", "d"), country("Peru", "PER", "d", 2),
        ent("Senate", "Organization", "e"),  # names no state
    ])
    assert names(corpus) == ["Chile", "Peru", "Senate", "Senate (Chile)", "Senate (Peru)"]
    assert corpus.canonical("a", "Senate") == corpus.canonical("b", "Senate") == "Senate (Chile)"
    assert corpus.canonical("c", "Senate") == corpus.canonical("d", "Senate") == "Senate (Peru)"


def test_a_bare_institution_joins_the_one_named_with_its_articles_state():
    corpus = merge_entities([
        ent("Chilean Senate", "Organization", "a"), ent("Senate of Chile", "Organization", "b"),
        ent("Senate", "Organization", "c"), country("Chile", "CHL", "c", 2), country("Peru", "PER", "c", 1),
        ent("Senate", "Organization", "d"), country("Peru", "PER", "d", 2),
    ])
    assert corpus.canonical("b", "Senate of Chile") == corpus.canonical("c", "Senate") \
        == corpus.canonical("a", "Chilean Senate")
    assert corpus.canonical("d", "Senate") == "Senate (Peru)"


def test_a_named_agency_only_one_state_has_is_that_one_wherever_it_is_mentioned():
    corpus = merge_entities([ent("Chilean Seismic Survey", "Organization", "a"),
                             ent("Seismic Survey", "Organization", "b"), country("Peru", "PER", "b")])
    assert corpus.canonical("b", "Seismic Survey") == "Chilean Seismic Survey"


def test_no_corpus_name_ever_carries_a_number():
    parts = []
    for k, (state, iso) in enumerate([("Chile", "CHL"), ("Peru", "PER"), ("Ghana", "GHA"), ("Chile", "CHL")]):
        parts += [ent("Supreme Court", "Organization", f"d{k}"), country(state, iso, f"d{k}")]
    parts += [ent("Supreme Court", "Organization", "x"), ent("Supreme Court", "Organization", "y")]
    corpus = merge_entities(parts)
    assert not any(re.search(r"\d\)$", n) for n in names(corpus)), names(corpus)
    assert "Supreme Court (Chile)" in names(corpus) and "Supreme Court" in names(corpus)


def test_an_acronym_alone_joins_the_one_actor_another_article_wrote_it_beside():
    corpus = merge_entities([ent("Lakeside Gazette", "Organization", "a", 3, aliases=("Lakeside Gazette", "LG")),
                             ent("LG", "Organization", "b", 2),
                             ent("KPF", "Organization", "c", aliases=("KPF",)),
                             ent("Kent Police Federation", "Organization", "d", aliases=("KPF",)),
                             ent("Kenya Pharmacy Forum", "Organization", "e", aliases=("KPF",))])
    assert corpus.canonical("b", "LG") == "Lakeside Gazette"
    assert corpus.canonical("c", "KPF") == "KPF"  # two actors went by it


def test_one_institution_under_two_spellings_of_its_state_is_one_actor_but_embassies_are_many():
    corpus = merge_entities([ent("US Senate", "Organization", "a"), ent("United States Senate", "Organization", "b"),
                             ent("US Embassy", "Organization", "c"), ent("United States Embassy", "Organization", "d")])
    assert corpus.canonical("a", "US Senate") == corpus.canonical("b", "United States Senate")
    assert corpus.canonical("c", "US Embassy") != corpus.canonical("d", "United States Embassy")


def test_an_acronym_joins_the_actor_most_articles_wrote_it_beside():
    gazette = [ent("Lakeside Gazette", "Organization", d, 3, aliases=("Lakeside Gazette", "LG")) for d in "abcd"]
    corpus = merge_entities([*gazette, ent("Lime Grove", "Organization", "e", aliases=("Lime Grove", "LG")),
                             ent("LG", "Organization", "f", 2)])
    assert corpus.canonical("f", "LG") == "Lakeside Gazette"
