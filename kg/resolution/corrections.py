"""The user's aliases file applied within one article, while its mentions cluster.

:func:`correct_names` runs once the names are clustered, so that descriptions and
pronouns then follow the corrected names; :func:`correct_targets` runs for each
description or pronoun.  A rule's alias is a mention's name or its words without
a leading article ("Johnson", "the minister"); its canonical name is the actor's
(see :mod:`kg.resolution.aliases` for the file).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.resolution.clusters import Cluster
from kg.resolution.mentions import Candidate, clean

if TYPE_CHECKING:
    from kg.resolution.aliases import Aliases

__all__ = ["correct_names", "correct_targets"]


def _says(m: Candidate, alias: str) -> bool:
    """Whether a mention is the alias of a rule: its name, or its words without a leading article."""
    folded = clean(alias).casefold()
    return (m.name or "").casefold() == folded or clean(m.text).casefold() == folded


def _is(c: Cluster, canonical: str) -> bool:
    folded = canonical.casefold()
    return c.canonical.casefold() == folded or any((m.name or "").casefold() == folded for m in c.names)


def correct_names(clusters: list[Cluster], aliases: "Aliases") -> list[Cluster]:
    """Named mentions moved as the aliases file says: out of the actor a split names, into a forced one.

    Examples
    --------
    >>> from kg.resolution.aliases import parse_aliases
    >>> anna = Cluster("Person")
    >>> for text in ("Anna Lindqvist", "Lindqvist"):
    ...     anna.add(Candidate(0, 0, text, "name", 0, 0, 0, name=text), "surname")
    >>> [c.canonical for c in correct_names([anna], parse_aliases("!Lindqvist\\tAnna Lindqvist\\n"))]
    ['Anna Lindqvist', 'Lindqvist']
    """
    for rule in aliases.rules:
        target = next((c for c in clusters if _is(c, rule.canonical)), None)
        if target is None:
            continue
        for c in list(clusters):
            if (c is target) != rule.split:
                continue
            moving = [m for m in c.mentions if m.kind == "name" and _says(m, rule.alias)
                      and (m.name or "").casefold() != rule.canonical.casefold()]
            if not moving or rule.split and len(moving) == len(c.mentions):
                continue
            goes_to = target if not rule.split else Cluster(type=c.type, iso=c.iso)
            if goes_to not in clusters:
                clusters.append(goes_to)
            for m in moving:
                c.mentions.remove(m)
                m.clusters.remove(c)
                logged = next((x for x in c.merges if x[0] == m.text), None)
                if logged is not None:
                    c.merges.remove(logged)
                goes_to.add(m, "aliases file")
    return [c for c in clusters if c.mentions]


def correct_targets(clusters: list[Cluster], m: Candidate, targets: list[Cluster],
                    aliases: "Aliases") -> list[Cluster]:
    """Where a description or pronoun goes once the aliases file has had its say."""
    for rule in aliases.rules:
        if not _says(m, rule.alias):
            continue
        if rule.split:
            targets = [c for c in targets if not _is(c, rule.canonical)]
        else:
            forced = [c for c in clusters if _is(c, rule.canonical)][:1]
            if forced:
                m.rule, targets = "aliases file", forced
    return targets
