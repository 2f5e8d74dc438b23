"""The pieces every RDF module shares: the triple type, literals, statement identity, fingerprints.

The bottom of :mod:`kg.rdf`: :mod:`~kg.rdf.mapping`, :mod:`~kg.rdf.summary` and
:mod:`~kg.rdf.store` build on it, and it builds on :mod:`~kg.rdf.namespaces` only.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

import pyoxigraph as ox
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.hashing import digest
from kg.model import Triple
from kg.rdf.namespaces import statement_iri

__all__ = [
    "FORMATS", "OxTerms", "RDFTriple", "date_literal", "distinct_statements", "emit", "fingerprint", "from_ox",
    "ox_literal",
    "rdf_format", "text_literal", "to_ox",
]

#: A triple as kg writes it: pyoxigraph terms from :mod:`kg.rdf.mapping` (what goes into the
#: store as it is), rdflib ones where it is read back or summed (:mod:`kg.rdf.summary`).
RDFTriple = tuple[Any, Any, Any]

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


class OxTerms:
    """The terms of an rdflib namespace as pyoxigraph nodes, each made once: ``OxTerms(RDFS).label``.

    The mapping writes pyoxigraph terms (the store's own: nothing to convert on the way in)
    from the one vocabulary, :mod:`kg.rdf.namespaces` and rdflib's namespaces.

    Examples
    --------
    >>> OxTerms(XSD).date
    <NamedNode value=http://www.w3.org/2001/XMLSchema#date>
    """

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        term = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, term)  # the next lookup is a plain attribute
        return term


_XSD = OxTerms(XSD)


@lru_cache(maxsize=1 << 14, typed=True)
def ox_literal(value: object) -> ox.Literal:
    """The literal rdflib makes of a Python value (an int, a bool, a ``Decimal``...), as a pyoxigraph term.

    A build writes the same few thousand such values over and over: each is made once
    (typed, so that 1 and True stay two literals).

    >>> ox_literal(3), ox_literal(True).value
    (<Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>, 'true')
    """
    return to_ox(Literal(value))


def text_literal(value: Optional[str]) -> Optional[ox.Literal]:
    """A plain literal, or ``None`` (left out by :func:`emit`) for no value."""
    return None if value is None else ox.Literal(value)


def date_literal(value: str) -> ox.Literal:
    """An ``xsd:date`` literal for an ISO day, a plain one for anything else.

    Examples
    --------
    >>> date_literal("2016-10-08").datatype.value, date_literal("last week").datatype.value
    ('http://www.w3.org/2001/XMLSchema#date', 'http://www.w3.org/2001/XMLSchema#string')
    """
    # A real ISO day is typed so SPARQL can compare dates; anything else stays a plain string.
    try:
        if _ISO_DAY.match(value) and date.fromisoformat(value):
            return ox.Literal(value, datatype=_XSD.date)
    except ValueError:
        pass
    return ox.Literal(value)


def to_ox(term: Any) -> Any:
    """The pyoxigraph term for an rdflib one (a graph gives its name); a pyoxigraph term as it is.

    >>> to_ox(Literal(3))
    <Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    kind = type(term)  # the usual ones first, by exact type: a build converts every term it writes
    if kind in _OX_TERMS:
        return term
    if kind is URIRef and not str.__eq__(term, _DEFAULT_GRAPH):
        return ox.NamedNode(term)
    if kind is Literal:
        return ox.Literal(term, language=term.language, datatype=_datatype(term.datatype))
    if term is None:
        return None
    if isinstance(term, Graph):
        term = term.identifier
    if term == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if isinstance(term, Literal):
        return ox.Literal(term, language=term.language, datatype=_datatype(term.datatype))
    raise ValueError(f"not an RDF term: {term!r}")


def from_ox(term: Union[ox.NamedNode, ox.BlankNode, ox.Literal]) -> Union[URIRef, BNode, Literal]:
    """The rdflib term for a pyoxigraph one (an ``xsd:string`` is a plain literal, as rdflib writes it).

    >>> from_ox(ox.NamedNode("http://example.org/a")), from_ox(ox.Literal("a"))
    (rdflib.term.URIRef('http://example.org/a'), rdflib.term.Literal('a'))
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # a plain literal to rdflib, as kg writes them
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise ValueError(f"not an RDF term: {term!r}")


_OX_TERMS = frozenset({ox.NamedNode, ox.Literal, ox.BlankNode, ox.DefaultGraph})
_DEFAULT_GRAPH = str(DATASET_DEFAULT_GRAPH_ID)


@lru_cache(maxsize=64)
def _datatype(iri: Optional[URIRef]) -> Optional[ox.NamedNode]:
    # a handful of datatypes, each made once
    return None if iri is None else ox.NamedNode(iri)


def emit(subject: Node, pairs: Iterable[tuple[Node, Optional[Node]]]) -> Iterator[RDFTriple]:
    """``(subject, predicate, object)`` for each pair whose object is not ``None``."""
    for predicate, obj in pairs:
        if obj is not None:
            yield subject, predicate, obj


def distinct_statements(triples: Iterable[Triple]) -> list[Triple]:
    """One triple per statement IRI (the graph keeps one node for repeated triples), in input order."""
    return list({statement_iri(t): t for t in triples}.values())


def fingerprint(triples: Iterable[RDFTriple]) -> str:
    """A digest of a set of triples, independent of their order and of their terms' library.

    Each triple counts as the line rdflib's ``n3()`` writes for it, whether its terms are
    rdflib's or pyoxigraph's, so a store kept by an older kg keeps its fingerprints.

    Examples
    --------
    >>> from rdflib import RDFS, URIRef
    >>> t = (URIRef("http://a"), RDFS.label, Literal("a"))
    >>> fingerprint([t]) == fingerprint({t}) == fingerprint([tuple(map(to_ox, t))]) != fingerprint([])
    True
    """
    return digest(*sorted(_line(t) for t in triples), separator="\n", size=32)


def _line(triple: RDFTriple) -> str:
    s, p, o = triple
    return f"{_n3(s)} {_n3(p)} {_n3(o)}"


def _n3(term: Any) -> str:
    """``term`` as rdflib's ``n3()`` writes it (an IRI without its validity check: kg's are minted valid)."""
    kind = type(term)
    if kind is ox.NamedNode:
        return f"<{term.value}>"
    if kind is ox.Literal:
        text = _quoted(term.value)
        if term.language:
            return f"{text}@{term.language}"
        datatype = term.datatype.value
        return text if datatype == _XSD_STRING else f"{text}^^<{datatype}>"
    if kind is URIRef:
        return f"<{term}>"
    return term.n3()


_XSD_STRING = str(XSD.string)


def _quoted(value: str) -> str:
    # rdflib's Literal._quote_encode, for the same fingerprints from either library's terms
    if "\n" in value:
        encoded = value.replace("\\", "\\\\")
        if '"""' in value:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + "\\" + '"'
        return '"""%s"""' % encoded.replace("\r", "\\r")
    return '"%s"' % value.replace("\n", "\\n").replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
