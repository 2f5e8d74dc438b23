"""An article's cost follows what it says: a repeated sentence is one statement with a count."""
from __future__ import annotations

import networkx as nx
import pytest

import kg
from kg.graph import load
from kg.rdf.queries import run_query
from kg.rdf.store import load_graph

SENTENCE = "Peru expelled the Bolivian ambassador."
OTHER = "Chile sued the mining company on Tuesday."
REPEATS = 1_200  # 47,000 characters: one part (kg.documents.readers.MAX_CHARS)


def _article(path, repeats):
    path.write_text("Expulsion\n\n" + " ".join([SENTENCE] * repeats) + f"\n\n{OTHER}\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("repeats")
    out = {}
    for repeats in (1, REPEATS):
        out[repeats] = folder / f"out{repeats}"
        kg.build([_article(folder / f"expulsion{repeats}.txt", repeats)], out=out[repeats], html=False)
    return out


def _rows(out, sparql):
    dataset = load_graph(out)
    try:
        return [tuple(r.values()) for r in run_query(dataset, sparql)]
    finally:
        dataset.close()


def test_a_sentence_repeated_in_an_article_is_one_statement_with_its_count(builds):
    rows = _rows(builds[REPEATS], """
        PREFIX kg: <https://kg.example.org/ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX schema: <https://schema.org/>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?relation ?n ?text WHERE {
          ?s kg:relation ?relation ; prov:wasDerivedFrom ?sentence .
          OPTIONAL { ?s kg:mentionCount ?count }  # left out when it is 1 (README, RDF section)
          BIND (COALESCE(?count, 1) AS ?n)
          GRAPH ?article { ?sentence kg:start ?start ; kg:end ?end }
          ?article schema:text ?body .  # a sentence's text is its slice of the article's
          BIND (SUBSTR(?body, ?start + 1, ?end - ?start) AS ?text) }
        ORDER BY ?relation""")
    assert rows == [("expel", REPEATS, SENTENCE), ("sue", 1, OTHER)]
    sentences = _rows(builds[REPEATS], "PREFIX kg: <https://kg.example.org/ns#> "
                                       "PREFIX prov: <http://www.w3.org/ns/prov#> "
                                       "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?x prov:wasDerivedFrom ?s }")
    assert sentences == [(2,)]  # the first of the repeats, not one node per repeat


def test_the_files_grow_with_the_text_not_with_the_repeats(builds):
    text_growth = (len(SENTENCE) + 1) * (REPEATS - 1)  # the article's text is kept whole (schema:text)
    for name in ("graph.ttl", "graph.trig"):
        once, repeated = ((builds[n] / name).stat().st_size for n in (1, REPEATS))
        assert repeated - once < 1.2 * text_growth, name
    records = [sum(p.stat().st_size for p in (builds[n] / "records").iterdir()) for n in (1, REPEATS)]
    assert records[1] - records[0] < 1.2 * text_growth


def test_networkx_and_graphml_carry_the_count_on_one_edge(builds):
    graph = load(builds[REPEATS]).nx
    expel = [d for _, _, d in graph.edges(data=True) if d["relation"] == "expel"]
    assert [d["mention_count"] for d in expel] == [REPEATS]
    from_file = nx.read_graphml(builds[REPEATS] / "graph.graphml")
    assert sorted(d["mention_count"] for _, _, d in from_file.edges(data=True)) == [1, REPEATS]


def test_summaries_count_the_statement_once(builds):
    degree = _rows(builds[REPEATS], "PREFIX kg: <https://kg.example.org/ns#> "
                                    "SELECT ?n WHERE { GRAPH <https://kg.example.org/id/graph/summary> "
                                    "{ OPTIONAL { <https://kg.example.org/id/entity/Peru> kg:subjectCount ?s } "
                                    "OPTIONAL { <https://kg.example.org/id/entity/Peru> kg:objectCount ?o } "
                                    "BIND (COALESCE(?s, 0) + COALESCE(?o, 0) AS ?n) } }")
    assert degree == [(1,)]
