"""The base IRI of a build, kept in its output folder so every later command mints under it.

``kg build --base-iri IRI`` (``kg.build(..., base_iri=...)``) sets it when a folder is first
built; it is written to ``DIR/build.json``, and ``kg query``, ``serve``, ``push``, ``export``,
a later ``kg build`` into the folder and ``kg.load`` read it from there.  A folder built
before there was a choice has none and so the default, :data:`~kg.rdf.namespaces.DEFAULT_BASE`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional, Union

from kg.io import atomic_write_text
from kg.rdf.namespaces import DEFAULT_BASE, check_base

__all__ = ["BUILD_FILE", "build_base", "folder_base", "save_base", "stored_base"]

#: The file in a build folder that says how the build was made (its base IRI).
BUILD_FILE = "build.json"


def stored_base(out: Union[str, Path]) -> Optional[str]:
    """The base IRI the build in folder ``out`` was made with, or ``None`` when it says none.

    Examples
    --------
    >>> stored_base("no/such/folder") is None
    True
    """
    path = Path(out) / BUILD_FILE
    if not path.is_file():
        return None
    try:
        value = json.loads(path.read_text(encoding="utf-8"))["base_iri"]
        return check_base(value)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a kg build file ({exc}); remove it to use the default base IRI") from None


def folder_base(path: Union[str, Path]) -> str:
    """The base IRI to read the build at ``path`` with (a build folder, its store, or one of its files).

    Examples
    --------
    >>> folder_base("no/such/folder") == DEFAULT_BASE
    True
    """
    path = Path(path)
    for folder in (path, path.parent):
        found = stored_base(folder)
        if found is not None:
            return found
    return DEFAULT_BASE


def build_base(out: Optional[Union[str, Path]], requested: Optional[str] = None) -> str:
    """The base IRI of a build into ``out`` (``None``: kept in memory), asked for as ``requested``.

    A folder keeps the base it was first built with: asking for another one is an error,
    since the IRIs already written would no longer match the new ones.

    Examples
    --------
    >>> build_base(None, "https://news.example.com/kg")
    'https://news.example.com/kg/'
    >>> build_base(None) == DEFAULT_BASE
    True
    """
    stored = None if out is None else stored_base(out)
    wanted = None if requested is None else check_base(requested)
    if stored is not None and wanted is not None and wanted != stored:
        raise ValueError(f"{out} was built with the base IRI {stored}; a build keeps its base "
                         f"(build into a new folder to use {wanted})")
    return wanted or stored or DEFAULT_BASE


def save_base(out: Union[str, Path], iri: str) -> None:
    """Write ``DIR/build.json`` saying the build in ``out`` mints under ``iri`` (a temp file, then renamed)."""
    atomic_write_text(Path(out) / BUILD_FILE, json.dumps({"base_iri": check_base(iri)}, indent=2) + "\n")
