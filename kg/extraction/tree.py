"""A parsed ``Doc``'s dependency tree read once, for rules that walk it many times.

``Token.children`` walks the token's whole subtree and builds a new ``Token`` object
for every child on every call; the extraction rules ask each verb for its children
fifteen to twenty times. :func:`children_of` reads them once per token of the
``Doc`` being analysed (documents are analysed one after another).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["children_of"]

#: ``(doc, table)`` of the last ``Doc`` asked about; replaced whole, so a reader never
#: sees one ``Doc`` with another's table (Dask workers may run threads).
_LAST: tuple = (None, {})


def children_of(token: "Token") -> tuple["Token", ...]:
    """``tuple(token.children)``, read once per token of the most recent ``Doc``.

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["Russia", "vetoed", "it"], heads=[1, 1, 1],
    ...           deps=["nsubj", "ROOT", "dobj"])
    >>> [t.text for t in children_of(doc[1])]
    ['Russia', 'it']
    """
    global _LAST
    doc, table = _LAST
    if doc is not token.doc:
        # only the tokens asked about are read: a table of the whole Doc costs more than it saves
        table = {}
        _LAST = (token.doc, table)
    found = table.get(token.i)
    if found is None:
        found = table[token.i] = tuple(token.children)
    return found
