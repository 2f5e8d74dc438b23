"""Actors across articles: merge rules, the aliases file and ``kg entities``."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.model import Entity
from kg.resolution import AliasesError, load_aliases, merge_entities


def person(name, doc, **kw):
    return Entity(name=name, type="Person", docs=(doc,), mentions=1, **kw)


def names(corpus):
    return sorted(e.name for e in corpus.entities)


def test_same_name_merges_across_documents_and_counts_mentions():
    corpus = merge_entities([person("Angela Merkel", "a"), person("Angela Merkel", "b")])
    [merkel] = corpus.entities
    assert merkel.docs == ("a", "b") and merkel.mentions == 2
    assert any(m.rule == "same name" and m.doc == "b" for m in merkel.merges)


def test_unambiguous_surname_merges_with_the_full_name():
    corpus = merge_entities([person("Olaf Scholz", "a"), person("Scholz", "b")])
    assert names(corpus) == ["Olaf Scholz"]
    assert corpus.canonical("b", "Scholz") == "Olaf Scholz"


def test_ambiguous_surname_stays_apart():
    corpus = merge_entities([person("Boris Johnson", "a"), person("Lyndon Johnson", "b"),
                             person("Johnson", "c")])
    assert names(corpus) == ["Boris Johnson", "Johnson", "Lyndon Johnson"]
    assert corpus.canonical("c", "Johnson") == "Johnson"


def test_same_name_with_another_type_stays_apart_under_distinct_names():
    corpus = merge_entities([person("Jordan", "a"), Entity("Jordan", "Country", docs=("b",), iso="JOR")])
    assert sorted(e.type for e in corpus.entities) == ["Country", "Person"]
    assert corpus.canonical("a", "Jordan") != corpus.canonical("b", "Jordan")
    assert {corpus.canonical("a", "Jordan"), corpus.canonical("b", "Jordan")} == set(names(corpus))


def test_same_name_with_conflicting_affiliation_stays_apart():
    corpus = merge_entities([person("Ali Khan", "a", affiliation="Pakistan"),
                             person("Ali Khan", "b", affiliation="India")])
    assert names(corpus) == ["Ali Khan", "Ali Khan (India)"]


def write(tmp_path, text):
    path = tmp_path / "aliases.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_aliases_file_forces_a_merge(tmp_path):
    aliases = load_aliases(write(tmp_path, "# mine\nThe Donald\tDonald Trump\n"))
    corpus = merge_entities([person("Donald Trump", "a"), person("The Donald", "b")], aliases=aliases)
    [trump] = corpus.entities
    assert trump.name == "Donald Trump"
    assert any(m.alias == "The Donald" and m.rule == "aliases file" for m in trump.merges)


def test_aliases_file_splits_a_merge_in_one_document(tmp_path):
    aliases = load_aliases(write(tmp_path, "!Scholz\tOlaf Scholz\tb\n"))
    corpus = merge_entities([person("Olaf Scholz", "a"), person("Scholz", "b"), person("Scholz", "c")],
                            aliases=aliases)
    assert corpus.canonical("b", "Scholz") == "Scholz"
    assert corpus.canonical("c", "Scholz") == "Olaf Scholz"


def test_bad_aliases_line_names_file_and_line(tmp_path):
    path = write(tmp_path, "A\tB\nno tab here\n")
    with pytest.raises(AliasesError, match=r"aliases\.tsv:2: expected"):
        load_aliases(path)


def test_missing_aliases_file_is_one_line_error(tmp_path):
    with pytest.raises(AliasesError, match="cannot read aliases file"):
        load_aliases(tmp_path / "nope.tsv")


@pytest.fixture()
def articles(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Merkel visits Paris\n\nGerman Chancellor Angela Merkel arrived in Paris. Merkel met the press.\n",
        encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Talks end\n\nMerkel left Paris on Tuesday after the talks.\n", encoding="utf-8")
    return tmp_path


def test_kg_entities_lists_merged_actors_as_jsonl(articles):
    from kg.cli import main

    result = CliRunner().invoke(main, ["entities", str(articles), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = {r["name"]: r for r in map(json.loads, result.output.splitlines())}
    merkel = records["Angela Merkel"]
    assert merkel["docs"] == ["a", "b"] and "German Chancellor" in merkel["titles"]
    assert {m["rule"] for m in merkel["merges"]} >= {"surname", "title and name"}
    assert merkel["surface"]["b"] == ["Angela Merkel", "Merkel"] or "Merkel" in merkel["surface"]["b"]


def test_kg_entities_table_and_bad_aliases_file(articles, tmp_path):
    from kg.cli import main

    table = CliRunner().invoke(main, ["entities", str(articles)])
    assert table.exit_code == 0 and "Angela Merkel  (Person" in table.output
    bad = write(tmp_path, "only one field\n")
    result = CliRunner().invoke(main, ["entities", str(articles), "--aliases", str(bad)])
    assert result.exit_code == 1
    assert "aliases.tsv:1:" in result.output and "Traceback" not in result.output


def test_accents_do_not_keep_a_name_apart():
    corpus = merge_entities([person("Recep Tayyip Erdoğan", "a"), person("Erdogan", "b")])
    assert names(corpus) == ["Recep Tayyip Erdoğan"]


def test_a_bare_first_name_does_not_merge_across_documents():
    corpus = merge_entities([person("Kim Kardashian", "a"), person("Kim", "b")])
    assert names(corpus) == ["Kim", "Kim Kardashian"]


def test_a_lone_one_word_person_joins_the_organization_of_that_name():
    corpus = merge_entities([Entity("Twitter", "Organization", docs=("a",), mentions=5), person("Twitter", "b"),
                             person("Ford", "c"), Entity("Ford", "Organization", docs=("d",)),
                             person("Gerald Ford", "e")])
    assert corpus.canonical("b", "Twitter") == "Twitter" and corpus.get("Twitter").type == "Organization"
    assert corpus.canonical("c", "Ford") == "Gerald Ford"  # a surname stays a person


def test_merging_does_not_depend_on_reading_order():
    parts = [person("Olaf Scholz", "a"), person("Scholz", "b"), person("Olaf Scholz", "c"),
             Entity("Germany", "Country", docs=("b",), iso="DEU"), Entity("Germany", "Country", docs=("a",))]
    forward, backward = merge_entities(parts), merge_entities(reversed(parts))
    assert sorted(map(repr, forward.entities)) == sorted(map(repr, backward.entities))


def org(name, doc, **kw):
    return Entity(name=name, type="Organization", docs=(doc,), mentions=1, **kw)


def country(name, iso, doc):
    return Entity(name=name, type="Country", docs=(doc,), iso=iso, mentions=1)


def test_an_organization_without_its_state_merges_when_its_article_names_that_state():
    corpus = merge_entities([org("Kenyan Interior Ministry", "a"), country("Kenya", "KEN", "a"),
                             org("Interior Ministry", "b"), country("Kenya", "KEN", "b"),
                             org("Interior Ministry", "c")])  # c names no state
    assert corpus.canonical("b", "Interior Ministry") == "Kenyan Interior Ministry"
    assert corpus.canonical("c", "Interior Ministry") != "Kenyan Interior Ministry"
    merged = corpus.get("Kenyan Interior Ministry")
    assert any(m.alias == "Interior Ministry" and m.rule == "without state" and m.doc == "b" for m in merged.merges)


def test_an_organization_without_its_state_stays_apart_when_two_states_have_one():
    corpus = merge_entities([org("Kenyan Interior Ministry", "a"), org("Ugandan Interior Ministry", "b"),
                             org("Interior Ministry", "c"), country("Kenya", "KEN", "c"),
                             country("Uganda", "UGA", "c")])
    assert corpus.canonical("c", "Interior Ministry") == "Interior Ministry"


def test_british_spelling_does_not_keep_an_organization_apart():
    corpus = merge_entities([org("Kenyan Defense Ministry", "a"), org("Defence Ministry", "b"),
                             country("Kenya", "KEN", "b")])
    assert names(corpus) == ["Kenya", "Kenyan Defense Ministry"]


LINDQVIST = ("Lindqvist visits Madrid\n\nForeign Minister Anna Lindqvist met Pedro Alves in Madrid on Monday. "
             "Lindqvist, a farmer from Uppsala, later criticised Alves.\n")


def test_kg_entities_honours_a_split_within_an_article(tmp_path):
    from kg.cli import main

    (tmp_path / "a.txt").write_text(LINDQVIST, encoding="utf-8")
    aliases = write(tmp_path, "!Lindqvist\tAnna Lindqvist\ta\n")
    result = CliRunner().invoke(main, ["entities", str(tmp_path / "a.txt"), "--format", "jsonl",
                                       "--aliases", str(aliases)])
    assert result.exit_code == 0, result.output
    records = {r["name"]: r for r in map(json.loads, result.output.splitlines())}
    assert "Lindqvist" in records and "Lindqvist" not in records["Anna Lindqvist"]["aliases"]
    assert records["Lindqvist"]["kept_apart"] == [{"from": "Anna Lindqvist", "doc": "a"}]
    table = CliRunner().invoke(main, ["entities", str(tmp_path / "a.txt"), "--aliases", str(aliases)])
    assert "kept apart from 'Anna Lindqvist' (aliases file, a)" in table.output


def test_a_later_build_with_the_aliases_file_splits_within_an_article_in_rdf_and_networkx(tmp_path):
    from rdflib.namespace import RDFS

    import kg

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(LINDQVIST, encoding="utf-8")
    out = tmp_path / "out"
    before = kg.build([tmp_path / "in"], out=out, store=None, html=False)
    assert "Lindqvist" not in before.nx and ("Anna Lindqvist", "criticise") in {
        (t.subject, t.relation) for t in before.triples}
    aliases = write(tmp_path, "!Lindqvist\tAnna Lindqvist\ta\n")
    after = kg.build([tmp_path / "in"], out=out, aliases=aliases, store=None, html=False)
    assert ("Lindqvist", "criticise") in {(t.subject, t.relation) for t in after.triples}
    assert "Lindqvist" in after.nx and "Anna Lindqvist" in after.nx
    assert any(u == "Lindqvist" for u, _, data in after.nx.edges(data=True))
    labels = {str(o) for o in after.rdf.objects(None, RDFS.label)}
    assert {"Lindqvist", "Anna Lindqvist"} <= labels
