"""A small hand-written corpus for the RDF, store, query and server tests (no spaCy).

Three articles, eleven statements.  The expected query answers in the tests were
counted by hand from the lists below, not taken from kg's output.

a1 2016-10-08  s0 Russia | veto | UN draft resolution                 REJECT
               s1 Vladimir Putin | meet with | Francois Hollande      CONSULT
               s2 Russia | target | civilians   negated, said by Russia  ASSAULT
               s3 Boris Johnson | call for | protests                 REQUEST
a2 2016-10-12  s0 Vladimir Putin | cancel visit to | France           REJECT
               s1 Francois Hollande | meet with | Vladimir Putin  hedged  CONSULT
               s2 Francois Hollande | accuse of | Russia              ACCUSE
               s2 Russia | commit | war crimes  said by Francois Hollande  ASSAULT
a3 2015-11-24  s0 Turkey | shoot down | Russian warplane              ASSAULT
               s1 Vladimir Putin | meet with | Francois Hollande  future  CONSULT
               s1 Francois Hollande | meet with | Vladimir Putin  future  CONSULT
"""
from __future__ import annotations

from kg.model import Document, Entity, Merge, Triple

A1 = [
    "Russia vetoed a UN draft resolution on Syria.",
    "Vladimir Putin met with Francois Hollande in Paris.",
    "Russia has said its airstrikes are not targeting civilians.",
    "Boris Johnson called for protests outside the Russian embassy.",
]
A2 = [
    "Putin cancelled his visit to France.",
    "Hollande could meet Putin next week.",
    'Francois Hollande accused Russia of war crimes, "} ; DROP ALL ; {".',
]
A3 = [
    "Turkey shot down a Russian warplane.",
    "Putin and Hollande will meet in Moscow.\nBoth said so.",
]


def _document(doc_id: str, sentences: list[str], **fields) -> Document:
    return Document(id=doc_id, text=" ".join(sentences), **fields)


DOCUMENTS = [
    _document("a1", A1, title="Russia vetoes UN resolution", date="2016-10-08", source="seeds/a1.txt"),
    _document("a2", A2, title="Putin cancels Paris visit", date="2016-10-12",
              url="https://example.com/a2?x=1&y=2"),
    _document("a3", A3, title="Turkey shoots down Russian jet", date="2015-11-24"),
]


def _triple(doc: str, sentences: list[str], index: int, subject: str, relation: str, obj: str,
            **fields) -> Triple:
    start = sum(len(s) + 1 for s in sentences[:index])
    fields.setdefault("subject_text", subject)
    fields.setdefault("object_text", obj)
    return Triple(doc=doc, sentence_index=index, sentence=sentences[index], start=start,
                  end=start + len(sentences[index]), subject=subject, relation=relation, object=obj, **fields)


PUTIN, HOLLANDE = "Vladimir Putin", "Francois Hollande"
TRIPLES = [
    _triple("a1", A1, 0, "Russia", "veto", "UN draft resolution", object_text="a UN draft resolution",
            subject_type="Country", relation_class="REJECT", confidence=0.9),
    _triple("a1", A1, 1, PUTIN, "meet with", HOLLANDE, subject_type="Person", object_type="Person",
            relation_class="CONSULT", subject_title="Russian President", circumstances="in Paris on Friday"),
    _triple("a1", A1, 2, "Russia", "target", "civilians", subject_text="its airstrikes", negated=True,
            attributed_to="Russia", subject_type="Country", object_type="Group", relation_class="ASSAULT"),
    _triple("a1", A1, 3, "Boris Johnson", "call for", "protests", subject_type="Person",
            relation_class="REQUEST", subject_title="Foreign Secretary"),
    _triple("a2", A2, 0, PUTIN, "cancel visit to", "France", subject_text="Putin", subject_type="Person",
            object_type="Country", relation_class="REJECT"),
    _triple("a2", A2, 1, HOLLANDE, "meet with", PUTIN, subject_text="Hollande", object_text="Putin",
            modality="hedged", subject_type="Person", object_type="Person", relation_class="CONSULT"),
    _triple("a2", A2, 2, HOLLANDE, "accuse of", "Russia", subject_type="Person", object_type="Country",
            relation_class="ACCUSE"),
    _triple("a2", A2, 2, "Russia", "commit", "war crimes", attributed_to=HOLLANDE, subject_type="Country",
            relation_class="ASSAULT", confidence=0.3),
    _triple("a3", A3, 0, "Turkey", "shoot down", "Russian warplane", object_text="a Russian warplane",
            subject_type="Country", relation_class="ASSAULT"),
    _triple("a3", A3, 1, PUTIN, "meet with", HOLLANDE, subject_text="Putin", object_text="Hollande",
            modality="future", subject_type="Person", object_type="Person", relation_class="CONSULT"),
    _triple("a3", A3, 1, HOLLANDE, "meet with", PUTIN, subject_text="Hollande", object_text="Putin",
            modality="future", subject_type="Person", object_type="Person", relation_class="CONSULT"),
]

ENTITIES = [
    Entity(name="Russia", type="Country", aliases=("Moscow", "Russia"), mentions=5, docs=("a1", "a2"), iso="RUS"),
    Entity(name=PUTIN, type="Person", aliases=("Putin", "Vladimir Putin"), titles=("Russian President",),
           mentions=5, docs=("a1", "a2", "a3"),
           merges=(Merge(alias="Putin", entity=PUTIN, rule="surname", doc="a2"),
                   Merge(alias="Putin", entity=PUTIN, rule="surname", doc="a3"))),
    Entity(name=HOLLANDE, type="Person", aliases=("Francois Hollande", "Hollande"), mentions=4,
           docs=("a1", "a2", "a3")),
    Entity(name="Boris Johnson", type="Person", aliases=("Boris Johnson",), titles=("Foreign Secretary",),
           mentions=1, docs=("a1",)),
    Entity(name="France", type="Country", aliases=("France",), mentions=1, docs=("a2",), iso="FRA"),
    Entity(name="Turkey", type="Country", aliases=("Turkey",), mentions=2, docs=("a3",), iso="TUR"),
    Entity(name="civilians", type="Group", aliases=("civilians",), mentions=1, docs=("a1",)),
    Entity(name="UN draft resolution", type="Thing", aliases=("a UN draft resolution",), mentions=1, docs=("a1",)),
    Entity(name="protests", type="Thing", aliases=("protests",), mentions=1, docs=("a1",)),
    Entity(name="war crimes", type="Thing", aliases=("war crimes",), mentions=1, docs=("a2",)),
    Entity(name="Russian warplane", type="Thing", aliases=("a Russian warplane",), mentions=1, docs=("a3",),
           affiliation="Russia"),
]


def build(store=None):
    """The fixture corpus as a dataset on ``store`` (a directory, or memory when ``None``)."""
    from kg.rdf import to_dataset
    from kg.rdf.store import open_store

    return to_dataset(DOCUMENTS, TRIPLES, ENTITIES, open_store(store))
