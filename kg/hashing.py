"""The one way kg turns content into a short hex digest that is the same on every run.

IRIs, statement keys, record file names and fingerprints are all minted from content
(never from counters or memory addresses), so rebuilding the same corpus gives the same
names and the same files.
"""
from __future__ import annotations

import hashlib

__all__ = ["SEPARATOR", "digest"]

#: Between the parts of one digest: a control character no name or text kg reads contains.
SEPARATOR = "\x1f"


def digest(*parts: object, size: int = 16, algorithm: str = "sha256", separator: str = SEPARATOR) -> str:
    """The first ``size`` hex digits of the hash of ``parts`` joined by ``separator``, ``None`` as "".

    The parts are hashed one after the other, so a long join is never built in memory.

    Examples
    --------
    >>> digest("Russia", None, 3) == digest("Russia", "", "3")
    True
    >>> len(digest("a", size=10)), digest("a", "b") == digest("a\\x1fb")
    (10, True)
    """
    hashed = hashlib.new(algorithm)
    for i, part in enumerate(parts):
        text = "" if part is None else str(part)
        hashed.update((separator + text if i else text).encode("utf-8"))
    return hashed.hexdigest()[:size]
