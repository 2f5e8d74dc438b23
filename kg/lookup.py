"""Finding what a user typed: one rule for actor names and event classes, everywhere.

Every command and query that takes an actor (``kg query`` parameters, ``kg view
--around``, the Python API) matches it the same way: the canonical name or any
surface form (alias) the build saw, ignoring case, accents and extra spaces.  A name
that matches nothing is an error naming the closest known names, never an empty
answer.
"""
from __future__ import annotations

import difflib
import unicodedata
from typing import Hashable, Iterable, Mapping, Optional, Sequence, TypeVar

from kg.model import RELATION_CLASSES

__all__ = ["UnknownName", "closest", "match_class", "match_name", "normalise", "unknown_name"]

Key = TypeVar("Key", bound=Hashable)


class UnknownName(ValueError):
    """A name or class that matches nothing; the message lists the closest known ones."""


def normalise(name: str) -> str:
    """The form names are compared in: case-folded, accents dropped, spaces collapsed.

    Examples
    --------
    >>> normalise("  François   HOLLANDE ")
    'francois hollande'
    """
    decomposed = unicodedata.normalize("NFKD", str(name))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def closest(name: str, names: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``names`` that look most like ``name`` (difflib), best first.

    Examples
    --------
    >>> closest("Vladimir Putinn", ["Vladimir Putin", "Russia", "Putin"])
    ['Vladimir Putin']
    >>> closest("pelosi", ["Nancy Pelosi", "Russia"])
    ['Nancy Pelosi']
    """
    by_form: dict[str, str] = {}
    for candidate in names:
        by_form.setdefault(normalise(candidate), candidate)
    found = difflib.get_close_matches(normalise(name), list(by_form), n=n, cutoff=0.6)
    if len(found) < n:  # a surname or a fragment: "pelosi" for "Nancy Pelosi"
        wanted = normalise(name)
        found += [form for form in sorted(by_form) if wanted and wanted in form.split() and form not in found]
    return [by_form[form] for form in found[:n]]


def unknown_name(name: str, names: Iterable[str], what: str = "actor") -> UnknownName:
    """The one-line error for a name that matches nothing, with the closest known names."""
    near = closest(name, names)
    hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
    return UnknownName(f"no {what} named {name!r}{hint}")


def match_name(name: str, labelled: Iterable[tuple[str, Key]], *, exact: Sequence[Key] = (),
               display: Optional[Mapping[Key, str]] = None, what: str = "actor") -> list[Key]:
    """The keys whose name or alias equals ``name`` under :func:`normalise`.

    ``labelled`` yields ``(name or alias, key)`` pairs; ``exact`` are keys already found
    by an exact lookup, returned as they are.  Raises :class:`UnknownName` when nothing
    matches, naming the closest keys by their ``display`` name (the canonical name)
    when given, else by the closest names themselves.

    Examples
    --------
    >>> match_name("donald TRUMP", [("Donald Trump", 1), ("Trump", 1), ("Russia", 2)])
    [1]
    >>> match_name("Vladimir Putinn", [("Vladimir Putin", 1)])
    Traceback (most recent call last):
    kg.lookup.UnknownName: no actor named 'Vladimir Putinn'; did you mean 'Vladimir Putin'?
    """
    if exact:
        return list(exact)
    wanted, keys, found = normalise(name), {}, []
    for label, key in labelled:
        keys.setdefault(label, key)
        if normalise(label) == wanted and key not in found:
            found.append(key)
    if not found:
        if display is None:
            raise unknown_name(name, keys, what)
        near = [display.get(keys[label], label) for label in closest(name, keys, n=10)]
        raise unknown_name(name, list(dict.fromkeys(near))[:3], what)
    return found


def match_class(value: str, known: Optional[Iterable[str]] = None) -> str:
    """A PLOVER event class as kg writes it (upper case); an unknown one lists the valid classes.

    Examples
    --------
    >>> match_class("assault")
    'ASSAULT'
    >>> match_class("FIGHT")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.lookup.UnknownName: no event class 'FIGHT'; the classes are AGREE, CONSULT, ...
    """
    classes = tuple(known or RELATION_CLASSES)
    wanted = normalise(value).upper()
    if wanted in classes:
        return wanted
    near = closest(value, classes, n=1)
    hint = f" (did you mean {near[0]}?)" if near else ""
    raise UnknownName(f"no event class {value!r}{hint}; the classes are {', '.join(classes)}")
