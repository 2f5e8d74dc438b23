"""The query library answers correctly on a hand-checked fixture; parameters are always bound."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures_rdf import HOLLANDE, PUTIN, build
from rdflib import Literal

from kg.rdf import canonical_lines
from kg.rdf.queries import Query, library, resolve_query, run_query, with_values

ROOT = Path(__file__).resolve().parent.parent
INJECTION = '"} ; DROP ALL ; {"'
D = dt.date


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def dataset(request, tmp_path_factory):
    ds = build(None if request.param == "memory" else tmp_path_factory.mktemp("q") / "store")
    yield ds
    ds.close()


def _project(rows, *columns):
    return [tuple(row[c] for c in columns) for row in rows]


# Each entry: query name -> (parameters, columns to compare, expected rows counted by hand
# from the statement list in fixtures_rdf.py).
EXPECTED = {
    "actors_by_mentions": ({}, ("name", "type", "mentions", "articles"), [
        ("Russia", "Country", 5, 2), (PUTIN, "Person", 5, 3), (HOLLANDE, "Person", 4, 3),
        ("Turkey", "Country", 2, 1), ("Boris Johnson", "Person", 1, 1), ("France", "Country", 1, 1),
        ("civilians", "Group", 1, 1)]),
    "actors_by_degree": ({}, ("name", "out", "in", "degree"), [
        (HOLLANDE, 3, 2, 5), (PUTIN, 3, 2, 5), ("Russia", 3, 1, 4), ("Boris Johnson", 1, 0, 1),
        ("France", 0, 1, 1), ("Turkey", 1, 0, 1), ("civilians", 0, 1, 1)]),
    "actor_statements": ({"actor": "Putin"}, ("role", "subject", "relation", "object", "modality", "date"), [
        ("object", HOLLANDE, "meet with", PUTIN, "future", D(2015, 11, 24)),
        ("subject", PUTIN, "meet with", HOLLANDE, "future", D(2015, 11, 24)),
        ("subject", PUTIN, "meet with", HOLLANDE, "asserted", D(2016, 10, 8)),
        ("subject", PUTIN, "cancel visit to", "France", "asserted", D(2016, 10, 12)),
        ("object", HOLLANDE, "meet with", PUTIN, "hedged", D(2016, 10, 12))]),
    "actor_timeline": ({"actor": "Russia"}, ("date", "subject", "relation", "object", "class", "negated"), [
        (D(2016, 10, 8), "Russia", "veto", "UN draft resolution", "REJECT", False),
        (D(2016, 10, 8), "Russia", "target", "civilians", "ASSAULT", True),
        (D(2016, 10, 12), HOLLANDE, "accuse of", "Russia", "ACCUSE", False),
        (D(2016, 10, 12), "Russia", "commit", "war crimes", "ASSAULT", False)]),
    "between_actors": ({"actor1": "Hollande", "actor2": PUTIN}, ("date", "subject", "modality", "class"), [
        (D(2015, 11, 24), HOLLANDE, "future", "CONSULT"), (D(2015, 11, 24), PUTIN, "future", "CONSULT"),
        (D(2016, 10, 8), PUTIN, "asserted", "CONSULT"), (D(2016, 10, 12), HOLLANDE, "hedged", "CONSULT")]),
    "dyad_by_class": ({"actor1": "Russia", "actor2": HOLLANDE}, ("subject", "object", "class", "events"), [
        (HOLLANDE, "Russia", "ACCUSE", 1)]),
    "events_by_class": ({"class": "ASSAULT"}, ("date", "subject", "relation", "object", "negated"), [
        (D(2015, 11, 24), "Turkey", "shoot down", "Russian warplane", False),
        (D(2016, 10, 8), "Russia", "target", "civilians", True),
        (D(2016, 10, 12), "Russia", "commit", "war crimes", False)]),
    "statements_with_evidence": ({}, ("doc", "subject", "relation", "object", "speaker"), [
        ("a3", "Turkey", "shoot down", "Russian warplane", None),
        ("a3", HOLLANDE, "meet with", PUTIN, None), ("a3", PUTIN, "meet with", HOLLANDE, None),
        ("a1", "Russia", "veto", "UN draft resolution", None), ("a1", PUTIN, "meet with", HOLLANDE, None),
        ("a1", "Russia", "target", "civilians", "Russia"), ("a1", "Boris Johnson", "call for", "protests", None),
        ("a2", PUTIN, "cancel visit to", "France", None), ("a2", HOLLANDE, "meet with", PUTIN, None),
        ("a2", HOLLANDE, "accuse of", "Russia", None), ("a2", "Russia", "commit", "war crimes", HOLLANDE)]),
    "relations_by_frequency": ({}, ("relation", "statements", "negatedCount", "articles"), [
        ("meet with", 4, 0, 3), ("accuse of", 1, 0, 1), ("call for", 1, 0, 1), ("cancel visit to", 1, 0, 1),
        ("commit", 1, 0, 1), ("shoot down", 1, 0, 1), ("target", 1, 1, 1), ("veto", 1, 0, 1)]),
    "attributions": ({}, ("speaker", "subject", "relation", "object", "negated"), [
        (HOLLANDE, "Russia", "commit", "war crimes", False), ("Russia", "Russia", "target", "civilians", True)]),
    "negated_and_hedged": ({}, ("subject", "relation", "negated", "modality", "speaker"), [
        ("Russia", "target", True, "asserted", "Russia"), (HOLLANDE, "meet with", False, "hedged", None)]),
    "statements_per_article": ({}, ("doc", "date", "statements", "sentences", "participants"), [
        ("a2", D(2016, 10, 12), 4, 3, 5), ("a1", D(2016, 10, 8), 4, 4, 7), ("a3", D(2015, 11, 24), 3, 2, 4)]),
    "cooccurrence": ({}, ("actor1", "actor2", "sentences", "articles"), [
        (HOLLANDE, PUTIN, 3, 3), ("France", PUTIN, 1, 1), (HOLLANDE, "Russia", 1, 1), ("Russia", "civilians", 1, 1)]),
}


def test_every_library_query_has_a_checked_answer():
    assert set(library()) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_answers(dataset, name):
    params, columns, expected = EXPECTED[name]
    assert _project(run_query(dataset, name, **params), *columns) == expected


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_query_is_documented(name):
    query = library()[name]
    assert query.title.endswith(".") and len(query.description) > 40
    required = {p.name for p in query.params if p.default is None}
    assert required == set(EXPECTED[name][0])
    for param in query.params:
        assert param.description
        if param.kind == "int":  # paging: sets the LIMIT/OFFSET clause, has a default
            assert param.default.isdigit() and f"{param.name.upper()} {param.default}" in query.text
        else:
            assert param.example and f"?{param.name}" in query.text


@pytest.mark.parametrize("name", ["actor_statements", "events_by_class", "actor_timeline"])
def test_the_injection_string_is_just_a_string(dataset, name):
    size = len(dataset)
    param = library()[name].params[0].name
    with pytest.raises(ValueError, match="^no (actor named|event class)"):  # a name like any other
        run_query(dataset, name, **{param: INJECTION})
    assert len(dataset) == size


def test_a_text_query_binds_parameters_too(dataset):
    rows = run_query(dataset, "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }",
                     name=INJECTION)
    assert rows == []
    rows = run_query(dataset, "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }",
                     name="Turkey")
    assert rows == [{"s": "https://kg.example.org/id/entity/Turkey"}]


def test_missing_and_unknown_parameters_are_errors(dataset):
    with pytest.raises(ValueError, match="needs parameter"):
        run_query(dataset, "actor_timeline")
    with pytest.raises(ValueError, match="has no parameter"):
        run_query(dataset, "actor_timeline", actor="Putin", when="now")
    with pytest.raises(ValueError, match="no query named"):
        run_query(dataset, "no_such_query")


def test_values_go_first_in_the_where_group_whatever_precedes_it():
    text = '# {"tricky"}\nPREFIX x: <http://x/#a>\nSELECT ?a (STR("{\'") AS ?b) WHERE { ?a ?p ?name }'
    out = with_values(text, {"name": Literal("v")})
    assert out.endswith('WHERE { VALUES (?name) { ("v") } ?a ?p ?name }')
    with pytest.raises(ValueError):
        with_values("SELECT ?a { }", {"bad name": Literal("v")})


def test_resolve_query_reads_files_names_and_text(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# Mine.\n# @param who: a name; example: Putin\nSELECT ?who {}\n")
    query = resolve_query(str(path))
    assert (query.name, query.title, query.params[0].example) == ("mine", "Mine.", "Putin")
    assert resolve_query("cooccurrence").path == ROOT / "queries" / "cooccurrence.rq"
    assert isinstance(resolve_query("ASK {}"), Query)


# --- the CLI -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory):
    from kg.rdf import export

    out = tmp_path_factory.mktemp("out")
    ds = build(out / "store")
    export(ds, out / "graph.trig")
    ds.close()
    return out


def _kg(*args):
    from kg.cli import main

    return CliRunner().invoke(main, list(args))


def test_cli_query_formats(build_dir):
    result = _kg("query", "between_actors", "-p", "actor1=Putin", "-p", f"actor2={HOLLANDE}",
                 "--graph", str(build_dir), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["date"] for r in rows] == ["2015-11-24", "2015-11-24", "2016-10-08", "2016-10-12"]
    result = _kg("query", "relations_by_frequency", "--graph", str(build_dir), "--format", "csv")
    assert result.output.splitlines()[:2] == ["relation,class,statements,negatedCount,articles",
                                             "meet with,CONSULT,4,0,3"]
    result = _kg("query", str(ROOT / "queries" / "actors_by_degree.rq"), "--graph", str(build_dir))
    assert result.exit_code == 0 and "Francois Hollande" in result.output and "7 row(s)" in result.output


def test_cli_query_errors_are_one_line(build_dir, tmp_path):
    for args in (["actor_timeline"], ["actor_timeline", "-p", "actor"], ["SELECT WHERE {"],
                 ["nope.rq"], ["actors_by_degree", "--graph", str(tmp_path)]):
        result = _kg("query", *args, "--graph", str(build_dir)) if "--graph" not in args else _kg("query", *args)
        assert result.exit_code == 1, (args, result.output)
        assert "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1 and result.output.startswith("kg: error:"), result.output


def test_cli_lists_the_library():
    result = _kg("query", "--list", "--format", "csv")
    assert result.exit_code == 0
    assert ("actor_timeline,A timeline of one actor: its events in date order.,"
            '"actor (e.g. Vladimir Putin), limit (default 100), offset (default 0)"') in result.output


def test_cli_export_round_trips_through_pyoxigraph(build_dir, tmp_path):
    import pyoxigraph as ox

    out = tmp_path / "g.nq"
    result = _kg("export", "--format", "nquads", "--graph", str(build_dir), "-o", str(out))
    assert result.exit_code == 0, result.output
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(canonical_lines(build()))


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_speakers_follow_a_merge_and_a_removal(store, tmp_path):
    """a2 was built calling its speaker "Hollande"; a merge folds him into Francois Hollande, then a1 goes."""
    from dataclasses import replace

    from fixtures_rdf import DOCUMENTS, ENTITIES, TRIPLES

    from kg.model import Entity, Merge
    from kg.rdf import to_dataset
    from kg.rdf.store import open_store, remove_document, replace_entities

    def speakers(**page):
        return [row["speaker"] for row in run_query(ds, "attributions", **page)]

    said = [replace(t, attributed_to="Hollande") if t.attributed_to == HOLLANDE else t
            for t in TRIPLES if t.doc in ("a1", "a2")]
    ds = to_dataset(DOCUMENTS[:2], said, ENTITIES, open_store(None if store == "memory" else tmp_path / "s"))
    assert speakers() == ["Hollande", "Russia"] and speakers(limit=1, offset=1) == ["Russia"]
    merged = Entity(name=HOLLANDE, type="Person", docs=("a1", "a2"),
                    merges=(Merge(alias="Hollande", entity=HOLLANDE, rule="surname"),))
    replace_entities(ds, [merged], prune=False)
    assert speakers() == [HOLLANDE, "Russia"] and speakers(limit=1) == [HOLLANDE]
    remove_document(ds, "a1")  # Russia's only claim goes; Hollande is still named in a2
    assert speakers() == [HOLLANDE] and speakers(offset=1) == []
    ds.close()


def test_the_library_can_come_from_any_folder(tmp_path):
    (tmp_path / "mine.rq").write_text((ROOT / "queries" / "cooccurrence.rq").read_text())
    assert list(library(tmp_path)) == ["mine"]
    assert resolve_query("mine", tmp_path).title.startswith("Pairs of actors")


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_an_alias_shared_by_two_actors_matches_both(store, tmp_path):
    from dataclasses import replace

    from fixtures_rdf import DOCUMENTS, ENTITIES, TRIPLES

    from kg.rdf import to_dataset
    from kg.rdf.store import open_store

    shared = [replace(e, aliases=e.aliases + ("the leaders",)) if e.name in (PUTIN, HOLLANDE) else e
              for e in ENTITIES]
    ds = to_dataset(DOCUMENTS, TRIPLES, shared, open_store(None if store == "memory" else tmp_path / "s"))
    rows = run_query(ds, "actor_timeline", actor="the leaders")
    # statements naming Putin or Hollande: a1 s1, a2 s0, s1, s2 (accuse), a3 s1 twice
    assert len(rows) == 6 and {r["doc"] for r in rows} == {"a1", "a2", "a3"}
    assert len(run_query(ds, "between_actors", actor1="the leaders", actor2="Russia")) == 1


# Paging: long answers come a page at a time, and walking the pages covers everything.
PAGES = {
    # statements in date order: a3 (2015) has 3, then a1's 4, then a2's; limit counts rows
    ("statements_with_evidence", 1, 1): ("doc", ["a3"]),
    ("statements_with_evidence", 3, 2): ("doc", ["a3", "a1", "a1"]),
    # rankings keep the top `limit` rows
    ("relations_by_frequency", 2, None): ("relation", ["meet with", "accuse of"]),
    ("actors_by_mentions", 3, None): ("name", ["Russia", PUTIN, HOLLANDE]),
    ("actors_by_degree", 1, None): ("name", [HOLLANDE]),
    ("statements_per_article", 1, 2): ("doc", ["a3"]),
    ("attributions", 1, 0): ("speaker", [HOLLANDE]),  # speakers by name: Francois Hollande, Russia
    ("attributions", 1, 1): ("speaker", ["Russia"]),
    ("negated_and_hedged", 1, 1): ("doc", ["a2"]),  # claims: a1's negated one, a2's hedged one
}


@pytest.mark.parametrize("name, limit, offset", sorted(PAGES, key=str))
def test_a_page_is_a_slice_of_the_answer(dataset, name, limit, offset):
    column, expected = PAGES[name, limit, offset]
    page = {"limit": limit} if offset is None else {"limit": limit, "offset": offset}
    assert [row[column] for row in run_query(dataset, name, **page)] == expected


def test_walking_the_pages_gives_every_statement(dataset):
    pages = [run_query(dataset, "statements_with_evidence", limit=3, offset=k) for k in range(0, 15, 3)]
    assert [len(page) for page in pages] == [3, 3, 3, 2, 0]
    assert [row for page in pages for row in page] == run_query(dataset, "statements_with_evidence")


@pytest.mark.parametrize("name", sorted(n for n, q in library().items() if any(p.name == "limit" for p in q.params)))
def test_limit_counts_rows_in_every_query(dataset, name):
    """`limit` and `offset` count result rows, whatever the query pages by inside."""
    params = EXPECTED[name][0]
    every = run_query(dataset, name, **params)
    for limit, offset in ((1, 0), (2, 1), (1, len(every) - 1)):
        if offset >= 0 and "offset" in {p.name for p in library()[name].params}:
            assert run_query(dataset, name, limit=limit, offset=offset, **params) == every[offset:offset + limit]
        elif not offset:
            assert run_query(dataset, name, limit=limit, **params) == every[:limit]


def test_cooccurrence_keeps_the_most_frequent_pairs(dataset):
    assert _project(run_query(dataset, "cooccurrence", limit=1), "actor1", "actor2", "sentences") == [
        (HOLLANDE, PUTIN, 3)]
    assert len(run_query(dataset, "cooccurrence", limit=3)) == 3


@pytest.mark.parametrize("value", ["1; DROP ALL", -1, "", 2.5, INJECTION])
def test_a_page_size_must_be_a_whole_number(dataset, value):
    with pytest.raises(ValueError, match="whole number"):
        run_query(dataset, "relations_by_frequency", limit=value)


def test_events_of_a_class_page_by_statement(dataset):
    rows = run_query(dataset, "events_by_class", limit=2, offset=1, **{"class": "ASSAULT"})
    assert _project(rows, "relation", "object") == [("target", "civilians"), ("commit", "war crimes")]


# --- pages found by key, not by sorting everything -----------------------------------
# between_actors and events_by_class take the first statements of a pair (from one actor's
# rdf:subject index) or a class (kg:relationClass), dated through their articles, and sort
# only those. A corpus over several
# years, with undated articles, ties on a date across both directions, and names and a
# class that need percent-encoding, checks every page against Python's own sort.

ODD, ERDOGAN, ODD_CLASS = "al-Assad's men 100%", "Recep Tayyip Erdoğan", "ODD class/é"


def _paging_corpus():
    from kg.model import Document, Entity, Triple

    dates = [None, "2014-03-01", "2014-12-31", "2015-01-01", "2015-01-01", None, "2016-06-06", "2020-02-02"]
    documents = [Document(id=f"p{i}", text="s0 s1 s2", date=date) for i, date in enumerate(dates)]
    triples, expected = [], []
    for i, document in enumerate(documents):
        for index in range(3):
            forward = (i + index) % 2 == 0
            subject, obj = (ODD, ERDOGAN) if forward else (ERDOGAN, ODD)
            triples.append(Triple(doc=document.id, sentence_index=index, sentence=f"s{index}", start=3 * index,
                                  end=3 * index + 2, subject=subject, relation="meet", object=obj,
                                  subject_text=subject, object_text=obj, subject_type="Person", object_type="Person",
                                  negated=index == 2, relation_class=ODD_CLASS if index else "CONSULT"))
            # SPARQL sorts an unbound date first; each (date, doc, sentence) holds one statement
            expected.append(((document.date or "", document.id, index), subject, index != 0))
    entities = [Entity(name=name, type="Person", aliases=(name,)) for name in (ODD, ERDOGAN)]
    expected.sort()
    return documents, triples, entities, expected


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def paging(request, tmp_path_factory):
    from kg.rdf import to_dataset
    from kg.rdf.store import open_store

    documents, triples, entities, expected = _paging_corpus()
    store = open_store(None if request.param == "memory" else tmp_path_factory.mktemp("p") / "store")
    ds = to_dataset(documents, triples, entities, store)
    yield ds, expected
    ds.close()


def _keys(rows):
    return [(str(row["date"] or ""), row["doc"], row["subject"]) for row in rows]


@pytest.mark.parametrize("limit", [1, 2, 5, 30])
def test_pages_between_two_actors_follow_the_date_order(paging, limit):
    dataset, expected = paging
    wanted = [(key[0], key[1], subject) for key, subject, _ in expected]
    for offset in range(0, len(wanted) + limit, limit):
        rows = run_query(dataset, "between_actors", actor1=ODD, actor2=ERDOGAN, limit=limit, offset=offset)
        assert _keys(rows) == wanted[offset:offset + limit], offset
    assert len(run_query(dataset, "between_actors", actor1=ERDOGAN, actor2=ODD)) == len(wanted) == 24


@pytest.mark.parametrize("limit", [1, 3, 7, 30])
def test_pages_of_one_event_class_follow_the_date_order(paging, limit):
    dataset, expected = paging
    wanted = [(key[0], key[1], subject) for key, subject, odd in expected if odd]
    for offset in range(0, len(wanted) + limit, limit):
        rows = run_query(dataset, "events_by_class", limit=limit, offset=offset, **{"class": ODD_CLASS})
        assert _keys(rows) == wanted[offset:offset + limit], offset
    assert len(wanted) == 16
    with pytest.raises(ValueError, match="no event class 'ODD class'.*ODD class/é"):
        run_query(dataset, "events_by_class", **{"class": "ODD class"})


# Speakers who said a lot, and names that only differ late or in case: a page of attributions
# may end inside a speaker's statements, and must still be the slice of the whole answer.
SPEAKERS = {"Hamid Karzai": 7, "Hamid Karzai's office": 3, "hamid": 2, "NATO": 1, "Nato spokesman": 5,
            "Zoran Đinđić": 4, "Ángela": 2, "Amnesty": 6}


def _speakers_corpus():
    from kg.model import Document, Triple

    dates = [None, "2011-05-02", "2011-05-02", "2009-01-20", None, "2013-07-04"]
    documents = [Document(id=f"q{i}", text="t0 t1 t2 t3 t4 t5 t6 t7", date=date) for i, date in enumerate(dates)]
    triples, expected = [], []
    for n, (speaker, said) in enumerate(sorted(SPEAKERS.items())):
        for k in range(said):
            document, index = documents[(3 * n + k) % len(documents)], (n + k) % 8
            triples.append(Triple(doc=document.id, sentence_index=index, sentence=f"t{index}", start=3 * index,
                                  end=3 * index + 2, subject="Kabul", relation="claim", object=f"thing {n} {k}",
                                  subject_text="Kabul", object_text="it", subject_type="City",
                                  attributed_to=speaker))
            expected.append((speaker, document.date or "", document.id, index))
    # by speaker name (code point order: upper case, then lower case, then accented), then date (none first)
    return documents, triples, [(s, doc, f"t{i}") for s, _, doc, i in sorted(expected)]


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_pages_of_attributions_are_slices_of_the_whole_answer(store, tmp_path):
    from kg.rdf import to_dataset
    from kg.rdf.store import open_store

    documents, triples, wanted = _speakers_corpus()
    ds = to_dataset(documents, triples, [], open_store(None if store == "memory" else tmp_path / "s"))
    keys = [(row["speaker"], row["doc"], row["sentence"]) for row in run_query(ds, "attributions", limit=1000)]
    assert keys == wanted and len(keys) == 30
    assert [s for s, _, _ in keys[:7]] == ["Amnesty"] * 6 + ["Hamid Karzai"]
    for limit in (1, 2, 4, 9, 30):
        pages = [run_query(ds, "attributions", limit=limit, offset=offset) for offset in range(0, 31, limit)]
        assert [(row["speaker"], row["doc"], row["sentence"]) for page in pages for row in page] == wanted, limit
    ds.close()


def test_pages_within_one_sentence_are_slices_of_the_whole_answer(tmp_path):
    """Statements of one sentence are in subject-name order on every page, as in the whole answer."""
    from kg.model import Document, Triple
    from kg.rdf import to_dataset
    from kg.rdf.store import open_store

    text = "Brigades North, South, East and West shelled each other and the port."
    pairs = [("North Brigade", "South Brigade"), ("South Brigade", "North Brigade"), ("East Brigade", "port"),
             ("West Brigade", "port"), ("North Brigade", "port"), ("South Brigade", "port")]
    triples = [Triple(doc="d", sentence_index=0, sentence=text, start=0, end=len(text), subject=s, relation=verb,
                      object=o, subject_text=s, object_text=o, subject_type="Group",
                      object_type="Thing" if o == "port" else "Group", relation_class="ASSAULT")
               for s, o in pairs for verb in ("shell", "bomb")]
    for store in (None, tmp_path / "s"):
        ds = to_dataset([Document(id="d", text=text, date="2021-05-01")], triples, [], open_store(store))
        for name, params, rows in (("events_by_class", {"class": "ASSAULT"}, 12),
                                   ("between_actors", {"actor1": "North Brigade", "actor2": "South Brigade"}, 4)):
            whole = run_query(ds, name, **params)
            assert len(whole) == rows
            assert [row["subject"] for row in whole] == sorted(row["subject"] for row in whole)
            assert [row for k in range(rows) for row in run_query(ds, name, limit=1, offset=k, **params)] == whole
        ds.close()


def test_a_pair_of_one_actor_with_itself_lists_each_statement_once(tmp_path):
    from kg.model import Document, Triple
    from kg.rdf import to_dataset
    from kg.rdf.store import open_store

    t = Triple(doc="s", sentence_index=0, sentence="Russia reformed itself.", start=0, end=23, subject="Russia",
               relation="reform", object="Russia", subject_text="Russia", object_text="itself",
               subject_type="Country", object_type="Country")
    for store in (None, tmp_path / "s"):
        ds = to_dataset([Document(id="s", text=t.sentence, date="2020-01-01")], [t], [], open_store(store))
        assert len(run_query(ds, "between_actors", actor1="Russia", actor2="Russia")) == 1
        assert _project(run_query(ds, "dyad_by_class", actor1="Russia", actor2="Russia"), "events", "first") == [
            (1, D(2020, 1, 1))]
        ds.close()


def test_a_pair_or_class_with_no_events_gives_no_rows(dataset):
    assert run_query(dataset, "dyad_by_class", actor1="Turkey", actor2="France") == []
    assert run_query(dataset, "between_actors", actor1="Turkey", actor2="France") == []
    assert run_query(dataset, "events_by_class", **{"class": "AID"}) == []


def test_dyad_totals_and_dates_follow_a_removed_article(dataset):
    """Putin and Hollande meet (CONSULT) in a1 (2016-10-08, P->H), a2 (2016-10-12, H->P) and a3 (2015-11-24, both)."""
    from fixtures_rdf import DOCUMENTS, TRIPLES

    from kg.rdf.store import remove_document, replace_document

    columns = ("subject", "object", "class", "events", "first", "last")
    both = [(HOLLANDE, PUTIN, "CONSULT", 2, D(2015, 11, 24), D(2016, 10, 12)),
            (PUTIN, HOLLANDE, "CONSULT", 2, D(2015, 11, 24), D(2016, 10, 8))]
    assert _project(run_query(dataset, "dyad_by_class", actor1=PUTIN, actor2="Hollande"), *columns) == both
    remove_document(dataset, "a3")
    try:
        assert _project(run_query(dataset, "dyad_by_class", actor1=PUTIN, actor2="Hollande"), *columns) == [
            (HOLLANDE, PUTIN, "CONSULT", 1, D(2016, 10, 12), D(2016, 10, 12)),
            (PUTIN, HOLLANDE, "CONSULT", 1, D(2016, 10, 8), D(2016, 10, 8))]
        assert len(run_query(dataset, "between_actors", actor1=PUTIN, actor2="Hollande")) == 2
    finally:
        replace_document(dataset, DOCUMENTS[2], [t for t in TRIPLES if t.doc == "a3"])
    assert _project(run_query(dataset, "dyad_by_class", actor1=PUTIN, actor2="Hollande"), *columns) == both


# One rule for names: every parameter that takes an actor matches its name or an alias in any
# case; a name that matches nothing, or an unknown class, is an error naming what would match.

def test_an_actor_is_found_in_any_case_and_by_alias(dataset):
    expected = run_query(dataset, "actor_timeline", actor="Russia")
    assert expected and run_query(dataset, "actor_timeline", actor="  rUSSIA ") == expected
    assert _project(run_query(dataset, "between_actors", actor1="putin", actor2="HOLLANDE"), "date") == [
        (D(2015, 11, 24),), (D(2015, 11, 24),), (D(2016, 10, 8),), (D(2016, 10, 12),)]


def test_an_unknown_actor_is_an_error_naming_the_closest(dataset):
    with pytest.raises(ValueError, match=r"^no actor named 'Vladimir Putinn'; did you mean 'Vladimir Putin'\?$"):
        run_query(dataset, "actor_timeline", actor="Vladimir Putinn")
    with pytest.raises(ValueError, match="no actor named 'Turkye'.*'Turkey'"):
        run_query(dataset, "dyad_by_class", actor1="Russia", actor2="Turkye")


def test_a_class_is_found_in_any_case_and_an_unknown_one_lists_the_classes(dataset):
    assert run_query(dataset, "events_by_class", **{"class": "assault"}) == run_query(
        dataset, "events_by_class", **{"class": "ASSAULT"}) != []
    with pytest.raises(ValueError, match="no event class 'FIGHT'.*the classes are AGREE, CONSULT, .*ASSAULT"):
        run_query(dataset, "events_by_class", **{"class": "FIGHT"})


def test_cli_name_errors_are_one_line_with_suggestions(build_dir):
    result = _kg("query", "actor_timeline", "-p", "actor=vladimir putinn", "--graph", str(build_dir))
    assert result.exit_code == 1
    assert result.output == "kg: error: no actor named 'vladimir putinn'; did you mean 'Vladimir Putin'?\n"
    result = _kg("query", "events_by_class", "-p", "class=fight", "--graph", str(build_dir))
    assert result.exit_code == 1 and result.output.startswith("kg: error: no event class 'fight'")
    result = _kg("query", "actor_timeline", "-p", "actor=hollande", "--graph", str(build_dir), "--format", "csv")
    assert result.exit_code == 0 and result.output.count("\n") == 1 + 5, result.output  # his degree


def test_tables_fit_80_columns_with_labels_and_csv_keeps_iris(build_dir, monkeypatch):
    from kg.cli import main

    monkeypatch.setenv("COLUMNS", "80")
    for name in ("actors_by_degree", "statements_with_evidence", "between_actors"):
        args = ["-p", "actor1=Putin", "-p", f"actor2={HOLLANDE}"] if name == "between_actors" else []
        result = CliRunner().invoke(main, ["query", name, *args, "--graph", str(build_dir)])
        assert result.exit_code == 0, result.output
        assert max(map(len, result.output.splitlines())) <= 80, result.output
        assert "https://" not in result.output and PUTIN in result.output
    result = CliRunner().invoke(main, ["query", "actors_by_degree", "--graph", str(build_dir), "--format", "csv"])
    assert "https://kg.example.org/id/entity/Vladimir_Putin,Vladimir Putin," in result.output


def test_serve_takes_a_build_directory_like_every_other_command(build_dir, monkeypatch):
    import kg.rdf.server

    served = []
    monkeypatch.setattr(kg.rdf.server, "serve", lambda store, **options: served.append(store) or 0)
    for option, value in (("--graph", build_dir), ("--store", build_dir / "store")):
        result = _kg("serve", option, str(value), "--port", "1")
        assert result.exit_code == 0, result.output
    assert served == [build_dir / "store"] * 2


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_every_query_answers_the_same_under_another_base_iri(store, tmp_path):
    """Nothing in a query names the base IRI: a build minted under another base gets the same answers."""
    from kg.rdf.namespaces import entity_iri, using_base

    with using_base("https://news.example.com/data/"):
        ds = build(None if store == "memory" else tmp_path / "store")
        assert str(entity_iri(PUTIN)) == "https://news.example.com/data/id/entity/Vladimir_Putin"
        assert not [q for q in ds.quads() if any("kg.example.org/id/" in str(term) for term in q)]
        for name, (params, columns, expected) in EXPECTED.items():
            assert _project(run_query(ds, name, **params), *columns) == expected, name
    ds.close()


def test_pages_count_the_rows_of_undated_and_same_day_articles_before_them(tmp_path):
    """A page is cut by the rows the articles before it hold; undated ones come first, a day's by id."""
    from kg.model import Document, Triple
    from kg.rdf import to_dataset
    from kg.rdf.store import open_store

    def article(doc, date, flags):
        sentences = [f"Sentence {i} of {doc}." for i in range(len(flags))]
        triples = [Triple(doc=doc, sentence_index=i, sentence=s, start=sum(len(x) + 1 for x in sentences[:i]),
                          end=sum(len(x) + 1 for x in sentences[:i]) + len(s), subject=f"Ann {doc}",
                          relation="greet", object=f"Bob {i}", subject_text=f"Ann {doc}", object_text=f"Bob {i}",
                          subject_type="Person", object_type="Person", **flag)
                   for i, (s, flag) in enumerate(zip(sentences, flags))]
        return Document(id=doc, text=" ".join(sentences), date=date), triples

    negated, hedged, plain = {"negated": True}, {"modality": "hedged"}, {}
    corpus = [article("b", "2020-05-05", [hedged, plain]), article("u", None, [plain, negated, plain]),
              article("c", "2020-01-01", [plain]), article("a", "2020-05-05", [plain, hedged])]
    ds = to_dataset([d for d, _ in corpus], [t for _, ts in corpus for t in ts], [], open_store(tmp_path / "s"))
    every = run_query(ds, "statements_with_evidence")
    assert [row["doc"] for row in every] == ["u", "u", "u", "c", "a", "a", "b", "b"]
    claims = run_query(ds, "negated_and_hedged")
    assert [row["doc"] for row in claims] == ["u", "a", "b"]
    for name, answer in (("statements_with_evidence", every), ("negated_and_hedged", claims)):
        for limit in (1, 2, 3):
            for offset in range(len(answer) + 1):
                assert run_query(ds, name, limit=limit, offset=offset) == answer[offset:offset + limit], (name, limit)
    ds.close()


# --- pages cut by year, then by day -------------------------------------------------
# statements_with_evidence and negated_and_hedged find the year and then the day where a
# page ends (kg:dateBand, kg:dayBand) and read only the articles up to it.


def test_day_bands_follow_the_order_dates_sort_in():
    from kg.rdf.summary import date_band, day_band

    # the order a store sorts these dates in: an unbound date first, then as strings
    dates = [None, "1815-06-18", "1900-01-01", "2019", "2019 spring", "2019-02-28", "2019-02-28T10:00",
             "2019-03", "2019-03-01", "2019-12-31", "2020-01-01", "2300-01-01"]
    keys = [(date_band(d), day_band(d)) for d in dates]
    assert keys == sorted(keys)
    assert day_band("2019-03-01") == 301 and day_band("2019-12-31") == 1231 and day_band(None) == 0


def _dated_corpus():
    """Articles over two years, several on one day, undated ones, a month-only date; some claims."""
    from kg.model import Document, Triple

    negated, hedged, both, plain = {"negated": True}, {"modality": "hedged"}, {"negated": True, "modality": "hedged"}, {}
    plan = [("k", "2021-03-04", [plain, hedged, plain]), ("j", "2021-03-04", [negated, plain]),
            ("i", "2021-03-04", [plain]), ("h", "2021-03-05", [both, plain, plain, plain]),
            ("g", "2020-12-31", [plain, plain]), ("f", "2020-02-29", [hedged]), ("e", None, [plain, negated]),
            ("d", "2020-02", [plain, plain]), ("c", "2021-01-09", [plain, both]), ("b", "2022-07-01", [plain])]
    documents, triples = [], []
    for doc, date, flags in plan:
        sentences = [f"Sentence {i} of {doc}." for i in range(len(flags))]
        documents.append(Document(id=doc, text=" ".join(sentences), date=date))
        for i, (sentence, flag) in enumerate(zip(sentences, flags)):
            start = sum(len(s) + 1 for s in sentences[:i])
            triples.append(Triple(doc=doc, sentence_index=i, sentence=sentence, start=start, end=start + len(sentence),
                                  subject=f"Ann {doc}", relation="greet", object=f"Bob {i}", subject_text=f"Ann {doc}",
                                  object_text=f"Bob {i}", subject_type="Person", object_type="Person", **flag))
    return documents, triples


@pytest.mark.parametrize("name, docs", [
    # undated first, then by date as a string ("2020-02" before "2020-02-29"), a day's articles by id
    ("statements_with_evidence", "e e d d f g g c c i j j k k k h h h h b"),
    ("negated_and_hedged", "e f c j k h"),  # h's claim is both negated and hedged: one row
])
def test_pages_cut_by_day_are_slices_of_the_whole_answer(tmp_path, name, docs):
    from kg.rdf import to_dataset
    from kg.rdf.store import open_store

    documents, triples = _dated_corpus()
    ds = to_dataset(documents, triples, [], open_store(tmp_path / "s"))
    whole = run_query(ds, name, limit=1000)
    assert " ".join(row["doc"] for row in whole) == docs
    for limit in (1, 2, 3, 5):
        for offset in range(len(whole) + 1):
            assert run_query(ds, name, limit=limit, offset=offset) == whole[offset:offset + limit], (limit, offset)
    ds.close()


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
@pytest.mark.parametrize("name", ["actor_statements", "actor_timeline"])
def test_an_actors_statements_come_a_page_at_a_time(store, tmp_path, name):
    from dataclasses import replace

    from fixtures_rdf import DOCUMENTS, ENTITIES, TRIPLES

    from kg.rdf import to_dataset
    from kg.rdf.store import open_store

    # an alias naming two actors: six statements name Putin or Hollande, four of them both (a1 s1, a2 s1,
    # a3 s1 twice), each of those one timeline row but two actor_statements rows (one per role)
    shared = [replace(e, aliases=e.aliases + ("the leaders",)) if e.name in (PUTIN, HOLLANDE) else e
              for e in ENTITIES]
    ds = to_dataset(DOCUMENTS, TRIPLES, shared, open_store(None if store == "memory" else tmp_path / "s"))
    whole = run_query(ds, name, actor="the leaders")
    assert len(whole) == {"actor_statements": 10, "actor_timeline": 6}[name]
    for limit in (1, 2, 4):
        walk = [row for offset in range(0, len(whole), limit)
                for row in run_query(ds, name, actor="the leaders", limit=limit, offset=offset)]
        assert walk == whole, limit
    assert run_query(ds, name, actor="the leaders", limit=2, offset=len(whole)) == []
    ds.close()
