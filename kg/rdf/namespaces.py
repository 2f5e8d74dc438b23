"""kg's RDF vocabulary, the prefixes it binds, and how it mints IRIs.

Standard vocabularies come first (RDFS, SKOS, PROV-O, schema.org, DCTERMS); the
closed :class:`KG` namespace holds only what they lack, so a typo such as
``KG.negatd`` raises instead of silently minting a new predicate.  Relation terms
(``rel:meet_with``) are minted from the relation lemma in the open
:func:`rel_namespace`, and every resource IRI is derived from content (a name, a
document id, a triple), so rebuilding the same corpus yields the same IRIs.

What a build mints (entities, documents, sentences, statements, relation terms, its
two bookkeeping graphs) is under its base IRI (:func:`base`; ``kg build --base-iri``,
:data:`DEFAULT_BASE` when none is given).  A build's IRIs carry their base, so opening
a build takes it from them (:func:`base_of`, :func:`using_base`); the vocabulary ``kg:``
stays at ``https://kg.example.org/ns#`` in every build, like schema.org's, so one
query reads any build.
"""
from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator, Optional, Union
from urllib.parse import unquote

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.hashing import digest
from kg.model import Merge, Triple

__all__ = [
    "CLASS_TYPES", "DEFAULT_BASE", "KG", "TYPE_CLASSES", "base", "base_of",
    "bind_prefixes", "check_base", "document_id", "entities_graph", "id_namespace", "prefixes", "rel_namespace",
    "set_base", "summary_graph", "using_base", "document_iri", "entity_iri", "entity_name",
    "is_document_iri", "is_entity_iri", "label_in_iri", "merge_iri", "relation_iri", "sentence_iri", "slug", "statement_iri", "summary_iri",
    "unslug", "vocabulary_table",
]

#: The base a build mints its IRIs under when given none; ``example.org`` is reserved, so it
#: never collides with real data.  It is also where kg's own vocabulary (:class:`KG`) lives.
DEFAULT_BASE = "https://kg.example.org/"


class KG(DefinedNamespace):
    """kg's own classes and properties (declared in ``kg/rdf/ontology.ttl``)."""

    _NS = Namespace(DEFAULT_BASE + "ns#")
    _fail = True

    # classes
    Statement: URIRef  # a triple read off one sentence, reified (subclass of rdf:Statement)
    Sentence: URIRef  # one sentence of an article
    Group: URIRef  # a collective actor schema.org has no class for ("rebel groups")
    Thing: URIRef  # an argument that is not an actor ("UN draft resolution")
    Merge: URIRef  # one line of the entity merge log

    # statement properties
    relation: URIRef  # the relation lemma as a literal ("meet with")
    relationClass: URIRef  # PLOVER event class ("CONSULT")
    negated: URIRef
    modality: URIRef  # "asserted", "hedged" or "future"
    confidence: URIRef
    subjectText: URIRef
    objectText: URIRef
    subjectTitle: URIRef
    objectTitle: URIRef
    circumstances: URIRef
    subjectType: URIRef
    objectType: URIRef

    # sentence properties (its index is in its IRI)
    start: URIRef
    end: URIRef

    # entity properties
    title: URIRef
    mentionCount: URIRef
    isoCode: URIRef  # ISO 3166-1 alpha-3
    standsFor: URIRef  # "the Kremlin" stands for Russia
    affiliation: URIRef  # "Russian airstrikes" are affiliated with Russia
    alias: URIRef
    rule: URIRef
    mergedInto: URIRef
    inDocument: URIRef

    # bookkeeping for incremental builds
    fingerprint: URIRef
    countedDocuments: URIRef  # digest of the (document, fingerprint) pairs the summary graph counts

    # summaries kept up to date by every write, so aggregate queries read counts, not statements
    RelationSummary: URIRef  # statements of one relation lemma and PLOVER class
    PairSummary: URIRef  # two actors named in one sentence
    member: URIRef
    statementCount: URIRef
    sentenceCount: URIRef
    articleCount: URIRef
    participantCount: URIRef
    negatedCount: URIRef
    hedgedCount: URIRef
    subjectCount: URIRef
    objectCount: URIRef
    attributedCount: URIRef
    speakerName: URIRef  # an actor with attributed statements -> its name, to page speakers by name
    band: URIRef
    degreeBand: URIRef
    statementBand: URIRef
    dateBand: URIRef
    dayBand: URIRef
    mentionBand: URIRef


# Each term made once: a DefinedNamespace builds and checks the term on every attribute access,
# and a build reads these a few million times (its terms stay what ``KG[name]`` gives).
for _name in KG.__annotations__:
    setattr(KG, _name, KG._NS[_name])


# One base at a time per process: a build, or the build a command opened (see using_base).
_current = [DEFAULT_BASE]


def base() -> str:
    """The base IRI kg mints under now: :data:`DEFAULT_BASE`, or the one of the build at hand."""
    return _current[-1]


def check_base(iri: str) -> str:
    """``iri`` as a base: an absolute http(s) IRI ending in ``/`` (added when missing), else ``ValueError``.

    Examples
    --------
    >>> check_base("https://news.example.com/kg")
    'https://news.example.com/kg/'
    >>> check_base("news")
    Traceback (most recent call last):
    ValueError: base IRI must be an absolute http(s) IRI such as https://data.example.com/kg/, not 'news'
    """
    text = str(iri).strip()
    if not re.fullmatch(r"https?://[^\s<>\"{}|^`\\#?]+", text):
        raise ValueError(f"base IRI must be an absolute http(s) IRI such as https://data.example.com/kg/, not {iri!r}")
    return text if text.endswith("/") else text + "/"


def set_base(iri: Optional[str]) -> str:
    """Mint under ``iri`` (``None``: :data:`DEFAULT_BASE`) from now on: a command working on one build.

    A library caller that keeps several builds at hand uses :func:`using_base` instead.
    """
    _current[-1] = DEFAULT_BASE if iri is None else check_base(iri)
    return base()


@contextmanager
def using_base(iri: Optional[str]) -> Iterator[str]:
    """Mint under ``iri`` (checked by :func:`check_base`; ``None``: the base in use) inside the block.

    Examples
    --------
    >>> with using_base("https://news.example.com/"):
    ...     str(entity_iri("Russia"))
    'https://news.example.com/id/entity/Russia'
    >>> str(entity_iri("Russia"))
    'https://kg.example.org/id/entity/Russia'
    """
    _current.append(base() if iri is None else check_base(iri))
    try:
        yield base()
    finally:
        _current.pop()


def base_of(iri: Union[str, URIRef]) -> Optional[str]:
    """The base a kg document, entity or graph IRI was minted under, or ``None`` for another IRI.

    Examples
    --------
    >>> base_of("https://news.example.com/id/doc/a1"), base_of("http://example.org/x")
    ('https://news.example.com/', None)
    """
    match = re.match(r"^(.*/)id/(?:doc|entity|graph)/[^/]*$", str(iri))
    return match.group(1) if match else None


def id_namespace() -> Namespace:
    """Resources: entities, documents, sentences, statements (``{base}id/``)."""
    return Namespace(base() + "id/")


def rel_namespace() -> Namespace:
    """Relation terms, one per lemma: ``rel:meet_with`` (``{base}rel/``)."""
    return Namespace(base() + "rel/")


def entities_graph() -> URIRef:
    """The named graph holding every entity's description."""
    return URIRef(base() + "id/graph/entities")


def summary_graph() -> URIRef:
    """The named graph holding the counts summed over all documents (see ``kg.rdf.store``)."""
    return URIRef(base() + "id/graph/summary")


def prefixes() -> dict[str, Namespace]:
    """Prefixes bound on every graph kg writes (one place, so exports and queries agree)."""
    return {
        "kg": Namespace(str(KG._NS)),
        "rel": rel_namespace(),
        "entity": Namespace(f"{id_namespace()}entity/"),
        "rdf": Namespace(str(RDF)),
        "rdfs": Namespace(str(RDFS)),
        "owl": Namespace(str(OWL)),
        "xsd": Namespace(str(XSD)),
        "skos": Namespace(str(SKOS)),
        "prov": Namespace(str(PROV)),
        "schema": Namespace(str(SDO)),
        "dcterms": Namespace(str(DCTERMS)),
    }


#: kg entity type -> RDF class.
TYPE_CLASSES: dict[str, URIRef] = {
    "Person": SDO.Person,
    "Organization": SDO.Organization,
    "Country": SDO.Country,
    "Place": SDO.Place,
    "Group": KG.Group,
    "Thing": KG.Thing,
}
CLASS_TYPES: dict[URIRef, str] = {cls: name for name, cls in TYPE_CLASSES.items()}

# Kept verbatim in a slug: letters and digits of any script plus a few unreserved marks;
# everything else is percent-encoded, so the slug is a valid IRI segment and reversible.
_SAFE = re.compile(r"[^\W_]|[-']")
_ALL_SAFE = re.compile(r"(?:[^\W_]|[-' ])*")


def bind_prefixes(graph: Graph) -> Graph:
    """Bind kg's prefixes on ``graph`` (a ``Graph`` or ``Dataset``) and return it.

    Examples
    --------
    >>> g = bind_prefixes(Graph())
    >>> str(dict(g.namespaces())["rel"]) == str(rel_namespace())
    True
    """
    for prefix, namespace in prefixes().items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


# A build mints the same few thousand segments (document ids, actor names) hundreds of
# thousands of times, and a document id is seldom all letters: remembered, not re-encoded.
@lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """A reversible IRI path segment for any text: spaces become ``_``, the rest is kept or %-encoded.

    Letters and digits of any script stay as they are (IRIs allow them); ``/``, ``.``,
    ``_``, ``~``, ``%``, ``#``, ``?`` and controls are percent-encoded, so no slug can climb
    out of its namespace.

    Examples
    --------
    >>> slug("Vladimir Putin")
    'Vladimir_Putin'
    >>> slug("../../etc/passwd")
    '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd'
    >>> slug("Recep Tayyip Erdoğan")
    'Recep_Tayyip_Erdoğan'
    >>> unslug(slug("al-Assad's_men 100%"))
    "al-Assad's_men 100%"
    """
    text = unicodedata.normalize("NFC", text)
    if _ALL_SAFE.fullmatch(text):  # most names: one regex instead of one per character (a build mints many)
        return text.replace(" ", "_") or "~"
    out = []
    for char in text:
        if char == " ":
            out.append("_")
        elif _SAFE.match(char):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out) or "~"  # "~" is encoded everywhere else, so it cannot collide


def unslug(segment: str) -> str:
    """Inverse of :func:`slug`.

    Examples
    --------
    >>> unslug("Vladimir_Putin")
    'Vladimir Putin'
    """
    return "" if segment == "~" else unquote(segment.replace("_", " "))


def _minted_from(iri: Union[str, URIRef], kind: str) -> str:
    prefix = f"{id_namespace()}{kind}/"
    if not str(iri).startswith(prefix):
        raise ValueError(f"not a kg {kind} IRI: {iri}")
    return unslug(str(iri)[len(prefix):])


def entity_iri(name: str) -> URIRef:
    """The IRI of the actor (or thing) whose canonical name is ``name``.

    Examples
    --------
    >>> entity_iri("Vladimir Putin")
    rdflib.term.URIRef('https://kg.example.org/id/entity/Vladimir_Putin')
    """
    return URIRef(f"{id_namespace()}entity/{slug(name)}")


def entity_name(iri: Union[str, URIRef]) -> str:
    """The canonical name an :func:`entity_iri` was minted from.

    Examples
    --------
    >>> entity_name(entity_iri("Ban Ki-moon"))
    'Ban Ki-moon'
    """
    return _minted_from(iri, "entity")


def is_entity_iri(iri: Union[str, URIRef]) -> bool:
    """Whether ``iri`` names an entity, as :func:`entity_iri` makes them.

    Examples
    --------
    >>> is_entity_iri(entity_iri("Russia")), is_entity_iri(document_iri("a1"))
    (True, False)
    """
    return str(iri).startswith(f"{id_namespace()}entity/")


def label_in_iri(name: str) -> bool:
    """Whether an entity's IRI spells its name with nothing but ``_`` for a space, so a query
    reads the name from the IRI (``REPLACE(..., "_", " ")``) and no label need be stored.

    Examples
    --------
    >>> label_in_iri("war crimes"), label_in_iri("U.S. troops"), label_in_iri("")
    (True, False, False)
    """
    segment = slug(name)
    return "%" not in segment and segment != "~"


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a document, also the name of its named graph.

    Examples
    --------
    >>> document_iri("002_0c7c")
    rdflib.term.URIRef('https://kg.example.org/id/doc/002%5F0c7c')
    """
    return URIRef(f"{id_namespace()}doc/{slug(doc_id)}")


def document_id(iri: Union[str, URIRef]) -> str:
    """Inverse of :func:`document_iri`.

    Examples
    --------
    >>> document_id(document_iri("../a b"))
    '../a b'
    """
    return _minted_from(iri, "doc")


def is_document_iri(iri: Union[str, URIRef]) -> bool:
    """Whether ``iri`` names a document (and so its named graph), as :func:`document_iri` makes them.

    Examples
    --------
    >>> is_document_iri(document_iri("a1")), is_document_iri(entities_graph())
    (True, False)
    """
    return str(iri).startswith(f"{id_namespace()}doc/")


def sentence_iri(doc_id: str, index: int) -> URIRef:
    """The IRI of sentence ``index`` (0-based) of a document.

    Examples
    --------
    >>> sentence_iri("a1", 3)
    rdflib.term.URIRef('https://kg.example.org/id/doc/a1/sentence/3')
    """
    return URIRef(f"{document_iri(doc_id)}/sentence/{int(index)}")


def statement_iri(triple: Triple) -> URIRef:
    """A statement's IRI, from what it says and where: rebuilding gives the same IRI.

    The factuality flags are part of the identity, so "X attacked Y" and "X did not
    attack Y" in one sentence stay two statements.

    Examples
    --------
    >>> t = Triple(doc="a1", sentence_index=0, sentence="Russia vetoed it.", start=0, end=17,
    ...            subject="Russia", relation="veto", object="it", subject_text="Russia", object_text="it")
    >>> statement_iri(t) == statement_iri(t)
    True
    >>> str(statement_iri(t)).startswith("https://kg.example.org/id/doc/a1/statement/")
    True
    """
    # keyed by the parts as digest() reads them: False and 0 are equal keys, but not equal text
    parts = tuple("" if part is None else str(part) for part in triple.identity())
    return URIRef(f"{document_iri(triple.doc)}/statement/{_parts_digest(parts)}")


# A build asks for each statement's IRI several times (its graph, its article's counts, the summaries).
@lru_cache(maxsize=1 << 12)
def _parts_digest(parts: tuple[str, ...]) -> str:
    return digest(*parts)


def merge_iri(entity: str, merge: Merge) -> URIRef:
    """The IRI of one merge-log line of ``entity``."""
    return URIRef(f"{entity_iri(entity)}/merge/{digest(merge.alias, merge.entity, merge.rule, merge.doc)}")


def summary_iri(kind: str, *key: object) -> URIRef:
    """The IRI of the summary node counting statements with this ``key``.

    Examples
    --------
    >>> str(summary_iri("relation", "veto", "REJECT")).startswith("https://kg.example.org/id/summary/relation/")
    True
    """
    return URIRef(f"{id_namespace()}summary/{kind}/{digest(*key)}")


def relation_iri(relation: str) -> URIRef:
    """The kg term for a relation lemma: words joined by ``_``, lower-cased.

    Examples
    --------
    >>> relation_iri("meet with")
    rdflib.term.URIRef('https://kg.example.org/rel/meet_with')
    >>> relation_iri("Lash  out at")
    rdflib.term.URIRef('https://kg.example.org/rel/lash_out_at')
    """
    return rel_namespace()[slug(" ".join(relation.lower().split()))]


def vocabulary_table() -> str:
    """kg's own terms as a Markdown table (term, kind, meaning), read from ``kg/rdf/ontology.ttl``.

    The README's vocabulary section is this table, so docs and ontology cannot drift.

    Examples
    --------
    >>> vocabulary_table().splitlines()[0]
    '| term | kind | meaning |'
    """
    from pathlib import Path

    ontology = Graph().parse(Path(__file__).with_name("ontology.ttl"))
    rows = ["| term | kind | meaning |", "|---|---|---|"]
    kinds = {OWL.Class: "class", OWL.ObjectProperty: "property (IRI)", OWL.DatatypeProperty: "property (literal)"}
    for name in KG.__annotations__:
        term = KG[name]
        kind = next((kinds[k] for k in ontology.objects(term, RDF.type) if k in kinds), "")
        comment = " ".join(str(ontology.value(term, RDFS.comment) or "").split()).replace("|", "\\|")
        rows.append(f"| `kg:{name}` | {kind} | {comment} |")
    return "\n".join(rows)
