"""Actor resolution (placeholder until the resolution work lands: identity mapping)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import Entity, Triple


@Language.component("kg_actors")
def kg_actors(doc: Doc) -> Doc:
    return doc


def resolve(doc: Doc, triples: list[Triple]) -> list[Triple]:
    return list(triples)


def document_entities(doc: Doc, doc_id: str) -> list[Entity]:
    return []


@dataclass
class CorpusEntities:
    entities: list[Entity] = field(default_factory=list)

    def canonical(self, doc_id: str, name: str) -> str:
        return name


def merge_entities(entities: Iterable[Entity], aliases: Optional[object] = None) -> CorpusEntities:
    return CorpusEntities(list(entities))
