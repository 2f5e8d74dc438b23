"""kg: knowledge graphs of who did what to whom, built from news text.

>>> import kg
>>> kg.Triple.__name__
'Triple'
>>> "build" in dir(kg) and "load" in dir(kg)
True
"""
from kg.model import Document, Entity, Mention, Triple

__all__ = [
    "Document", "Entity", "KnowledgeGraph", "Mention", "Triple", "build", "extract", "graph", "load",
    "read_documents",
]
__version__ = "0.1.0"

#: Names imported on first use, by the module that holds them: heavy modules (spaCy,
#: rdflib) load then, so ``import kg`` stays instant.
_LAZY = {
    "build": "kg.graph",
    "load": "kg.graph",
    "KnowledgeGraph": "kg.graph",
    "extract": "kg.pipeline",
    "read_documents": "kg.documents",
}


def __getattr__(name: str):
    import importlib

    if name == "graph":  # the module itself: kg.graph.load(...) without importing kg.graph first
        return importlib.import_module("kg.graph")
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
