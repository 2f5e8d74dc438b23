"""A :class:`Cluster`: the mentions of one actor in one article, as the coreference rules grow it.

Shared by :mod:`~kg.resolution.coref`, which grows clusters, and
:mod:`~kg.resolution.corrections`, which moves names between them as the aliases file says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from kg.resolution import gazetteer as gz
from kg.resolution.mentions import Candidate

__all__ = ["Cluster"]


@dataclass(eq=False)
class Cluster:
    """The mentions of one actor in one article, growing while rules run."""

    type: Optional[str]
    mentions: list[Candidate] = field(default_factory=list)
    merges: list[tuple[str, str]] = field(default_factory=list)  # (alias, rule)
    iso: Optional[str] = None

    @property
    def names(self) -> list[Candidate]:
        return [m for m in self.mentions if m.kind == "name" and m.name]

    @property
    def canonical(self) -> str:
        if self.type == "Country" and self.iso and (country := gz.country_name(self.iso)):
            return country
        names = [m.name or m.text for m in self.names] or [m.name or m.text for m in self.mentions]
        if self.type == "Person":
            return max(names, key=lambda n: (len(n.split()), -names.index(n)))
        full = [n for n in names if not n.isupper()] or names
        # "Russian Foreign Ministry" before "Russia's foreign ministry": a name, not a phrase
        return max(full, key=lambda n: (not re.search(r"['’]s\b", n), len(n.split()), len(n), -full.index(n)))

    def add(self, mention: Candidate, rule: str) -> None:
        self.mentions.append(mention)
        mention.clusters.append(self)
        self.merges.append((mention.text, rule))

    @property
    def gender(self) -> Optional[str]:
        named = next((m.gender for m in self.mentions if m.gender and m.kind != "pronoun"), None)
        return named or next((m.gender for m in self.mentions if m.gender), None)

    @property
    def titles(self) -> list[str]:
        return list(dict.fromkeys(m.title for m in self.mentions if m.title))

    def role_iso(self) -> Optional[str]:
        """The state a title, or a description beside a name, says this actor serves."""
        return next((m.iso for m in self.mentions if m.iso and (m.kind == "name" or m.rule == "apposition")),
                    self.iso)
