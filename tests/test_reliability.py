"""Failures a reliability probe found: a crash on an ordinary article, one bad article
stopping a build, and a crafted rdflib term changing a query's shape."""
from __future__ import annotations

import pytest
from rdflib import XSD, Literal, URIRef

from fixtures_rdf import build
from kg.queries import run_query


def test_an_acronym_that_spells_a_country_does_not_crash_extraction(nlp):
    # "DC" spells the initials of "Democratic Republic of the Congo": a Country mention
    # without an ISO code of its own, which the name clustering used to concatenate.
    import kg

    triples = kg.extract("DC comics sell well.\n\nThe DRC has a new measles outbreak.\n")
    assert ("DR Congo", "have", "new measles outbreak") in {(t.subject, t.relation, t.object) for t in triples}


def test_a_crafted_literal_datatype_cannot_change_a_query():
    dataset = build()
    assert len(run_query(dataset, "events_by_class", **{"class": "ASSAULT"})) == 3
    assert run_query(dataset, "events_by_class", **{"class": Literal("ZZZ")}) == []
    closing = URIRef(str(XSD.string) + '>) ("ASSAULT") } VALUES (?zz) { (<http://x')
    with pytest.raises(ValueError, match="not a valid IRI"):
        run_query(dataset, "events_by_class", **{"class": Literal("ZZZ", datatype=closing)})
