"""kg: knowledge graphs of who did what to whom, built from news text.

>>> import kg
>>> kg.Triple.__name__
'Triple'
"""
from kg.model import Document, Entity, Mention, Triple

__all__ = ["Document", "Entity", "KnowledgeGraph", "Mention", "Triple", "build", "extract", "read_documents"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # Heavy modules (spaCy, rdflib) load on first use, so ``import kg`` stays instant.
    if name == "extract":
        from kg.pipeline import extract

        return extract
    if name in ("build", "KnowledgeGraph"):
        from kg import graph

        return getattr(graph, name)
    if name == "read_documents":
        from kg.documents import read_documents

        return read_documents
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
