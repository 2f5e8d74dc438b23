"""kg's RDF vocabulary, the prefixes it binds, and how it mints IRIs.

Standard vocabularies come first (RDFS, SKOS, PROV-O, schema.org, DCTERMS); the
closed :class:`KG` namespace holds only what they lack, so a typo such as
``KG.negatd`` raises instead of silently minting a new predicate.  Relation terms
(``rel:meet_with``) are minted from the relation lemma in the open :data:`REL`
namespace, and every resource IRI is derived from content (a name, a document id,
a triple), so rebuilding the same corpus yields the same IRIs.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Union
from urllib.parse import unquote

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.hashing import digest
from kg.model import Merge, Triple

__all__ = [
    "BASE", "CLASS_TYPES", "ENTITIES_GRAPH", "ID", "KG", "PREFIXES", "REL", "SUMMARY_GRAPH", "TYPE_CLASSES",
    "bind_prefixes", "document_id", "document_iri", "entity_iri", "entity_name",
    "is_document_iri", "is_entity_iri", "label_in_iri", "merge_iri", "relation_iri", "sentence_iri", "slug", "statement_iri", "summary_iri",
    "unslug", "vocabulary_table",
]

#: Base of everything kg mints; ``example.org`` is reserved, so it never collides with real data.
BASE = "https://kg.example.org/"


class KG(DefinedNamespace):
    """kg's own classes and properties (declared in ``kg/rdf/ontology.ttl``)."""

    _NS = Namespace(BASE + "ns#")
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
    mentionBand: URIRef


#: Relation terms, one per lemma: ``rel:meet_with``.
REL = Namespace(BASE + "rel/")
#: Resources: entities, documents, sentences, statements.
ID = Namespace(BASE + "id/")
#: The named graph holding every entity's description.
ENTITIES_GRAPH = URIRef(BASE + "id/graph/entities")
#: The named graph holding the counts summed over all documents (see ``kg.rdf.store``).
SUMMARY_GRAPH = URIRef(BASE + "id/graph/summary")

#: Prefixes bound on every graph kg writes (one place, so exports and queries agree).
PREFIXES: dict[str, Namespace] = {
    "kg": Namespace(str(KG._NS)),
    "rel": REL,
    "entity": Namespace(f"{ID}entity/"),
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


def bind_prefixes(graph: Graph) -> Graph:
    """Bind kg's prefixes on ``graph`` (a ``Graph`` or ``Dataset``) and return it.

    Examples
    --------
    >>> g = bind_prefixes(Graph())
    >>> str(dict(g.namespaces())["rel"]) == str(REL)
    True
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


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
    prefix = f"{ID}{kind}/"
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
    return URIRef(f"{ID}entity/{slug(name)}")


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
    return str(iri).startswith(f"{ID}entity/")


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
    return URIRef(f"{ID}doc/{slug(doc_id)}")


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
    >>> is_document_iri(document_iri("a1")), is_document_iri(ID + "graph/entities")
    (True, False)
    """
    return str(iri).startswith(f"{ID}doc/")


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
    return URIRef(f"{document_iri(triple.doc)}/statement/{digest(*triple.identity())}")


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
    return URIRef(f"{ID}summary/{kind}/{digest(*key)}")


def relation_iri(relation: str) -> URIRef:
    """The kg term for a relation lemma: words joined by ``_``, lower-cased.

    Examples
    --------
    >>> relation_iri("meet with")
    rdflib.term.URIRef('https://kg.example.org/rel/meet_with')
    >>> relation_iri("Lash  out at")
    rdflib.term.URIRef('https://kg.example.org/rel/lash_out_at')
    """
    return REL[slug(" ".join(relation.lower().split()))]


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
