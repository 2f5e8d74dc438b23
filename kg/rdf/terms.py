"""The pieces every RDF module shares: the triple type, literals, statement identity, fingerprints.

The bottom of :mod:`kg.rdf`: :mod:`~kg.rdf.mapping`, :mod:`~kg.rdf.summary` and
:mod:`~kg.rdf.store` build on it, and it builds on :mod:`~kg.rdf.namespaces` only.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Iterable, Iterator, Optional

from rdflib import XSD, Literal
from rdflib.term import Node

from kg.model import Triple
from kg.rdf.namespaces import statement_iri

__all__ = ["RDFTriple", "date_literal", "distinct_statements", "emit", "fingerprint", "text_literal"]

RDFTriple = tuple[Node, Node, Node]

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
    digest = hashlib.sha256()
    # line by line, as if joined by newlines: a long article's lines are joined nowhere
    for i, line in enumerate(sorted(_line(t) for t in triples)):
        digest.update((line if i == 0 else "\n" + line).encode("utf-8"))
    return digest.hexdigest()[:32]


def _line(triple: RDFTriple) -> str:
    return " ".join(term.n3() for term in triple)
