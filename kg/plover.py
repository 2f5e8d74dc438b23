"""PLOVER event classes (placeholder until the resolution work lands)."""


def relation_class(relation: str) -> str:
    return "OTHER"
