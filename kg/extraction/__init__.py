"""Dependency rules that read ``subject | relation | object`` triples off a parsed ``Doc``.

The spec is ``GUIDELINES.md`` of the evaluation data: tight argument spans,
relations as lemma + particle + governing preposition, passive turned active,
coordination expanded, and factuality (negation, modality, attribution) on
every triple.  Modules by subject:

- :mod:`~kg.extraction.triples` — frames turned into :class:`~kg.model.Triple` s, sentence by sentence;
- :mod:`~kg.extraction.arguments` — argument spans, titles, entity types;
- :mod:`~kg.extraction.subjects` — who a clause's subject is, borrowed if need be;
- :mod:`~kg.extraction.clauses` — verbal predicates;
- :mod:`~kg.extraction.nominal` — nominal events and appositions;
- :mod:`~kg.extraction.factuality` — negation, modality, attribution;
- :mod:`~kg.extraction.circumstances` — when and where, kept beside the triple;
- :mod:`~kg.extraction.confidence` — the score that ranks triples.
"""
from __future__ import annotations

from kg.extraction.triples import sentence_triples, triples

__all__ = ["triples", "sentence_triples"]
