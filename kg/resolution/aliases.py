"""The aliases file: a user's corrections to actor merging, honoured by every later build.

Format: UTF-8 text, one rule per line, fields separated by a TAB; blank lines
and lines starting with ``#`` are ignored::

    # force: every actor called "Assad" is Bashar Assad
    Assad<TAB>Bashar Assad
    # split: "Johnson" in article 017 is not Boris Johnson
    !Johnson<TAB>Boris Johnson<TAB>017
    # split everywhere
    !Washington<TAB>United States

``alias<TAB>canonical`` merges every actor named ``alias`` into ``canonical``;
``!alias<TAB>canonical`` keeps actors named ``alias`` apart from ``canonical``.
An optional third field limits the rule to one document id.

The alias may be any surface form the article uses, not only a name: a
description ("the minister") or a surname ("Johnson").  Rules are honoured
twice: within an article, while its mentions are clustered (see
:func:`kg.resolution.resolve`), and across articles (see
:func:`kg.resolution.merge_entities`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

__all__ = ["Aliases", "AliasesError", "load_aliases", "parse_aliases"]


class AliasesError(ValueError):
    """A malformed aliases file; the message names the file and line."""


@dataclass(frozen=True)
class AliasRule:
    """One line of an aliases file."""

    alias: str
    canonical: str
    split: bool = False
    doc: Optional[str] = None

    def applies(self, name: str, doc: Optional[str]) -> bool:
        """Whether this rule is about an actor ``name`` of document ``doc``."""
        return name.casefold() == self.alias.casefold() and (self.doc is None or self.doc == doc)

    def line(self) -> str:
        """The rule as a line of an aliases file."""
        fields = ["!" * self.split + self.alias, self.canonical] + ([self.doc] if self.doc is not None else [])
        return "\t".join(fields)


@dataclass(frozen=True)
class Aliases:
    """Parsed aliases file: rules to force merges and to split them."""

    rules: tuple[AliasRule, ...] = ()

    @property
    def forced(self) -> tuple[AliasRule, ...]:
        return tuple(r for r in self.rules if not r.split)

    @property
    def splits(self) -> tuple[AliasRule, ...]:
        return tuple(r for r in self.rules if r.split)

    def for_document(self, doc_id: Optional[str], text: Optional[str] = None) -> "Aliases":
        """The rules that can change how actors of one article cluster.

        A rule counts when it names this document, or names none and (given the
        article's ``text``) its alias occurs in it.

        Examples
        --------
        >>> a = parse_aliases("!Johnson\\tBoris Johnson\\td7\\nAssad\\tBashar Assad\\n")
        >>> [r.alias for r in a.for_document("d7", "Johnson met Hollande.").rules]
        ['Johnson']
        >>> [r.alias for r in a.for_document("d8", "Assad spoke.").rules]
        ['Assad']
        """
        folded = text.casefold() if text is not None else None
        return Aliases(tuple(
            r for r in self.rules if (r.doc is None or r.doc == doc_id)
            and (r.doc is not None or folded is None or r.alias.casefold() in folded)
        ))

    def touches(self, doc_id: str, text: str) -> bool:
        """Whether an article must be resolved again for these rules to apply within it."""
        return bool(self.for_document(doc_id, text).rules)

    def text(self) -> str:
        """The rules as the text of an aliases file (:func:`parse_aliases` reads it back)."""
        return "".join(r.line() + "\n" for r in self.rules)


def parse_aliases(text: str, source: str = "<aliases>") -> Aliases:
    """Parse the text of an aliases file.

    Examples
    --------
    >>> a = parse_aliases("Assad\\tBashar Assad\\n!Johnson\\tBoris Johnson\\td7\\n")
    >>> [(r.alias, r.canonical, r.split, r.doc) for r in a.rules]
    [('Assad', 'Bashar Assad', False, None), ('Johnson', 'Boris Johnson', True, 'd7')]
    >>> parse_aliases("Assad Bashar Assad", "a.tsv")
    Traceback (most recent call last):
    ...
    kg.resolution.aliases.AliasesError: a.tsv:1: expected 'alias<TAB>canonical[<TAB>doc]', got 'Assad Bashar Assad'
    """
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.rstrip("\r\n").split("\t")]
        if len(fields) not in (2, 3) or not all(fields[:2]):
            raise AliasesError(f"{source}:{number}: expected 'alias<TAB>canonical[<TAB>doc]', got {line.strip()!r}")
        alias, canonical = fields[0], fields[1]
        split = alias.startswith("!")
        alias = alias[1:].strip() if split else alias
        if not alias:
            raise AliasesError(f"{source}:{number}: empty alias after '!'")
        rules.append(AliasRule(alias, canonical, split, fields[2] or None if len(fields) == 3 else None))
    return Aliases(tuple(rules))


def load_aliases(path: Union[str, Path]) -> Aliases:
    """Read an aliases file (format in the module docstring).

    Raises
    ------
    AliasesError
        One line naming the file (and line) and the problem.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise AliasesError(f"{path}: cannot read aliases file: {reason}") from exc
    return parse_aliases(text, str(path))
