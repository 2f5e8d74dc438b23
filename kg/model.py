"""The domain types kg passes between its stages, defined once.

A :class:`Document` goes in, :class:`Triple` s come out of extraction, and
:class:`Mention` s of one real-world actor are gathered into an :class:`Entity`.
All are frozen dataclasses: hashable, comparable, safe to share between stages.
"""
from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional, Tuple

__all__ = [
    "Document", "ENTITY_TYPES", "Entity", "MODALITIES", "Mention", "Merge", "RELATION_CLASSES", "Span", "Triple",
    "evolve",
    "uncovered_entities",
]

#: Char offsets ``(start, end)`` into :attr:`Document.text`.
Span = Tuple[int, int]

#: Entity types kg assigns to actors; arguments that are not actors get ``"Thing"``.
ENTITY_TYPES = ("Person", "Organization", "Country", "Group", "Place", "Thing")

#: Modality values of a triple (see GUIDELINES: asserted, hedged, future).
MODALITIES = ("asserted", "hedged", "future")

#: The PLOVER event classes kg assigns to relations, plus the two fall-backs
#: (:func:`kg.extraction.plover.relation_class` decides which).
RELATION_CLASSES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "STATEMENT", "OTHER",
)


@dataclass(frozen=True)
class Document:
    """One news article.

    Examples
    --------
    >>> Document(id="a1", text="Russia vetoed it.", title="Veto").title
    'Veto'
    """

    id: str
    text: str
    title: Optional[str] = None
    date: Optional[str] = None  # ISO 8601 day, e.g. "2015-10-02"
    url: Optional[str] = None
    source: Optional[str] = None  # where it was read from: a path, "-" or "path:line"


@dataclass(frozen=True)
class Triple:
    """A ``subject | relation | object`` statement read off one sentence.

    ``subject``/``object``/``attributed_to`` hold canonical actor names once
    resolution has run, the surface words stay in ``subject_text``/``object_text``.
    ``start``/``end`` are the sentence's char offsets in the document text.
    The ``*_span`` fields locate the arguments in the document text; they are
    bookkeeping for resolution and highlighting and are not part of equality.

    Examples
    --------
    >>> t = Triple(doc="d", sentence_index=0, sentence="Russia vetoed a draft.",
    ...            start=0, end=22, subject="Russia", relation="veto", object="draft",
    ...            subject_text="Russia", object_text="a draft")
    >>> t.to_dict()["relation"]
    'veto'
    """

    doc: str
    sentence_index: int
    sentence: str
    start: int
    end: int
    subject: str
    relation: str
    object: str
    subject_text: str
    object_text: str
    subject_title: Optional[str] = None
    object_title: Optional[str] = None
    negated: bool = False
    modality: str = "asserted"
    attributed_to: Optional[str] = None
    confidence: float = 0.5
    subject_type: str = "Thing"
    object_type: str = "Thing"
    relation_class: str = "OTHER"
    # when and where, as written ("in 1990 at Charles City"): never the object (GUIDELINES)
    circumstances: Optional[str] = field(default=None, compare=False)
    # how many sentences of the article, word for word the same, made the statement (this one the first)
    mentions: int = field(default=1, compare=False)
    subject_span: Optional[Span] = field(default=None, compare=False)
    object_span: Optional[Span] = field(default=None, compare=False)
    relation_span: Optional[Span] = field(default=None, compare=False)
    attributed_span: Optional[Span] = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready record of ``kg extract`` (spans as ``[start, end]`` lists)."""
        record = asdict(self)
        for name in ("subject_span", "object_span", "relation_span", "attributed_span"):
            if record[name] is not None:
                record[name] = list(record[name])
        return record

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> "Triple":
        """Inverse of :meth:`to_dict`; unknown keys are ignored."""
        values = dict(record)  # a build's records are read back a triple at a time: kept cheap
        for unknown in record.keys() - cls.__dataclass_fields__.keys():
            del values[unknown]
        for name in ("subject_span", "object_span", "relation_span", "attributed_span"):
            if values.get(name) is not None:
                values[name] = tuple(values[name])
        return cls(**values)

    def identity(self) -> tuple:
        """What makes this statement itself: its sentence, what it says, its factuality and speaker.

        Two triples with equal identities are one statement (one IRI in the RDF, one edge key
        in the network), however else they differ.
        """
        return (self.doc, self.sentence_index, self.subject, self.relation, self.object, self.negated,
                self.modality, self.attributed_to)

    def renamed(self, rename: Callable[[str], str]) -> "Triple":
        """This triple with its actors (subject, object, speaker) renamed by ``rename``.

        Examples
        --------
        >>> t = Triple(doc="d", sentence_index=0, sentence="Putin met Macron.", start=0, end=17,
        ...            subject="Putin", relation="meet", object="Macron", subject_text="Putin",
        ...            object_text="Macron")
        >>> t.renamed(lambda name: {"Putin": "Vladimir Putin"}.get(name, name)).subject
        'Vladimir Putin'
        """
        return evolve(self, subject=rename(self.subject), object=rename(self.object),
                      attributed_to=self.attributed_to and rename(self.attributed_to))


def evolve(triple: Triple, **changes: Any) -> Triple:
    """``dataclasses.replace(triple, **changes)``, without its per-field bookkeeping.

    Triples are made by the hundred per article and changed twice each (actor
    names, relation class); ``replace`` re-runs ``__init__`` field by field.
    :class:`~kg.model.Triple` has no ``__post_init__``, so copying its fields is the same.

    Examples
    --------
    >>> from dataclasses import replace
    >>> t = Triple(doc="d", sentence_index=0, sentence="A met B.", start=0, end=8, subject="A",
    ...            relation="meet", object="B", subject_text="A", object_text="B")
    >>> evolve(t, object="C") == replace(t, object="C")
    True
    """
    cls = type(triple)
    if hasattr(cls, "__post_init__"):  # then copying fields would skip it
        return dataclasses.replace(triple, **changes)
    unknown = changes.keys() - triple.__dict__.keys()
    if unknown:
        raise TypeError(f"Triple has no field {sorted(unknown)[0]!r}")
    new = object.__new__(cls)
    new.__dict__.update(triple.__dict__, **changes)
    return new



@dataclass(frozen=True)
class Mention:
    """One place in a document where an actor is named, described or referred to.

    ``kind`` is ``"name"`` ("Vladimir Putin"), ``"description"`` ("the Russian
    leader") or ``"pronoun"`` ("he").  ``entity`` is the canonical name the
    mention resolved to within its document.
    """

    doc: str
    start: int
    end: int
    text: str
    entity: str
    kind: str = "name"
    title: Optional[str] = None


# Slots for the two types a corpus holds by the hundred thousand (an actor per article,
# a merge-log line per joined mention): half the memory of an instance with a dict.
@dataclass(frozen=True, slots=True)
class Merge:
    """One line of the merge log: ``alias`` joined ``entity`` because of ``rule``."""

    alias: str
    entity: str
    rule: str
    doc: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world actor (or a thing acted on) with every name it goes by.

    Examples
    --------
    >>> e = Entity(name="Vladimir Putin", type="Person", aliases=("Putin",))
    >>> e.type, e.aliases
    ('Person', ('Putin',))
    """

    name: str
    type: str = "Thing"
    aliases: Tuple[str, ...] = ()
    titles: Tuple[str, ...] = ()
    mentions: int = 0
    docs: Tuple[str, ...] = ()
    iso: Optional[str] = None  # ISO 3166-1 alpha-3 for countries
    stands_for: Optional[str] = None  # "the Kremlin" -> "Russia"
    affiliation: Optional[str] = None  # "Russian airstrikes" -> "Russia"
    merges: Tuple[Merge, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def uncovered_entities(triples: Iterable[Triple], known: set[str], *, speakers: bool = True) -> Iterator[Entity]:
    """A bare :class:`Entity` for each name the triples use that is not in ``known`` (which grows).

    What every projection adds for the arguments no merge made an entity of, so that each
    node or IRI a statement points to is described. A subject or object gets the triple's
    argument type (``"Thing"`` when extraction found none), a speaker ``"Thing"``;
    ``speakers=False`` leaves speakers out (they are no node of the network).

    Examples
    --------
    >>> t = Triple(doc="a1", sentence_index=0, sentence="s", start=0, end=1, subject="Russia",
    ...            relation="veto", object="draft", subject_text="Russia", object_text="draft",
    ...            subject_type="Country", attributed_to="Lavrov")
    >>> [(e.name, e.type) for e in uncovered_entities([t, t], {"draft"})]
    [('Russia', 'Country'), ('Lavrov', 'Thing')]
    """
    for triple in triples:
        names = [(triple.subject, triple.subject_type), (triple.object, triple.object_type)]
        if speakers:
            names.append((triple.attributed_to, "Thing"))
        for name, type_ in names:
            if name is not None and name not in known:
                known.add(name)
                yield Entity(name=name, type=type_ or "Thing")
