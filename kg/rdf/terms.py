"""The pieces every RDF module shares: the triple type, literals, statement identity, fingerprints.

The bottom of :mod:`kg.rdf`: :mod:`~kg.rdf.mapping`, :mod:`~kg.rdf.summary` and
:mod:`~kg.rdf.store` build on it, and it builds on :mod:`~kg.rdf.namespaces` only.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

import pyoxigraph as ox
from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg.hashing import digest
from kg.model import Triple
from kg.rdf.namespaces import statement_iri

__all__ = [
    "FORMATS", "RDFTriple", "date_literal", "distinct_statements", "emit", "fingerprint", "rdf_format", "text_literal",
]

RDFTriple = tuple[Node, Node, Node]

#: The RDF files kg writes and reads, by ``kg export --format`` name. Each pyoxigraph format
#: knows its file suffix (``.file_extension``) and media type (``.media_type``, which rdflib
#: also takes as a format name).
FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
}


def rdf_format(path: Union[str, Path]) -> Optional[str]:
    """The :data:`FORMATS` name of an RDF file, from its suffix; ``None`` for any other file.

    Examples
    --------
    >>> rdf_format("out/graph.TTL"), rdf_format("a.jsonld"), rdf_format("a.rdf"), rdf_format("README")
    ('turtle', 'json-ld', None, None)
    """
    found = ox.RdfFormat.from_extension(Path(path).suffix.lstrip(".").lower())
    return next((name for name, fmt in FORMATS.items() if fmt == found), None)

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def text_literal(value: Optional[str]) -> Optional[Literal]:
    """A plain literal, or ``None`` (left out by :func:`emit`) for no value."""
    return None if value is None else Literal(value)


def date_literal(value: str) -> Literal:
    """An ``xsd:date`` literal for an ISO day, a plain one for anything else.

    Examples
    --------
    >>> date_literal("2016-10-08").datatype == XSD.date, date_literal("last week").datatype
    (True, None)
    """
    # A real ISO day is typed so SPARQL can compare dates; anything else stays a plain string.
    try:
        if _ISO_DAY.match(value) and date.fromisoformat(value):
            return Literal(value, datatype=XSD.date)
    except ValueError:
        pass
    return Literal(value)


def emit(subject: Node, pairs: Iterable[tuple[Node, Optional[Node]]]) -> Iterator[RDFTriple]:
    """``(subject, predicate, object)`` for each pair whose object is not ``None``."""
    for predicate, obj in pairs:
        if obj is not None:
            yield subject, predicate, obj


def distinct_statements(triples: Iterable[Triple]) -> list[Triple]:
    """One triple per statement IRI (the graph keeps one node for repeated triples), in input order."""
    return list({statement_iri(t): t for t in triples}.values())


def fingerprint(triples: Iterable[RDFTriple]) -> str:
    """A digest of a set of triples, independent of their order.

    Examples
    --------
    >>> from rdflib import RDFS, URIRef
    >>> t = (URIRef("http://a"), RDFS.label, Literal("a"))
    >>> fingerprint([t]) == fingerprint({t}) != fingerprint([])
    True
    """
    return digest(*sorted(_line(t) for t in triples), separator="\n", size=32)


def _line(triple: RDFTriple) -> str:
    # an IRI as URIRef.n3() writes it, without its validity check: kg's IRIs are minted valid
    return " ".join(f"<{term}>" if type(term) is URIRef else term.n3() for term in triple)
