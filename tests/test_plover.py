"""PLOVER classes of open relations."""
from __future__ import annotations

import pytest

from kg.extraction.plover import relation_class
from kg.model import RELATION_CLASSES


@pytest.mark.parametrize("relation, expected", [
    ("veto", "REJECT"), ("reject", "REJECT"), ("cancel visit to", "REJECT"),
    ("accuse of", "ACCUSE"), ("lash out at", "ACCUSE"), ("condemn", "ACCUSE"),
    ("meet with", "CONSULT"), ("hold talks with", "CONSULT"), ("host", "CONSULT"),
    ("bomb", "ASSAULT"), ("strike", "ASSAULT"), ("shoot down", "ASSAULT"),
    ("carry out airstrikes on", "ASSAULT"), ("launch attack on", "ASSAULT"),
    ("impose sanctions on", "SANCTION"), ("expel", "SANCTION"),
    ("call for", "REQUEST"), ("urge", "REQUEST"), ("threaten", "THREATEN"),
    ("sign agreement with", "AGREE"), ("agree to", "AGREE"), ("support", "SUPPORT"),
    ("withdraw from", "RETREAT"), ("pull out of", "RETREAT"), ("deploy", "MOBILIZE"),
    ("arrest", "COERCE"), ("send aid to", "AID"), ("cooperate with", "COOPERATE"),
    ("be ally of", "COOPERATE"), ("protest", "PROTEST"), ("back down", "CONCEDE"),
    ("say", "STATEMENT"), ("tell", "STATEMENT"), ("add", "STATEMENT"),
])
def test_lexicon_classes(relation, expected):
    assert relation_class(relation) == expected


def test_unknown_and_empty_relations_are_other():
    assert relation_class("admire") == "OTHER"
    assert relation_class("") == "OTHER"
    assert relation_class("be aware of") == "OTHER"


def test_phrasal_verb_wins_over_its_head():
    # "fire" alone is an attack; "fire back" at a critic is an accusation
    assert relation_class("fire") == "ASSAULT"
    assert relation_class("fire back") == "ACCUSE"


def test_every_class_is_known():
    for relation in ("veto", "meet", "say", "frobnicate"):
        assert relation_class(relation) in RELATION_CLASSES


def test_a_hazard_as_subject_makes_no_assault(nlp):
    """A fire, a storm, an accident harm people, but no actor assaulted anyone."""
    from kg.pipeline import extract

    found = {(t.subject, t.relation): t.relation_class for t in extract(
        "A fire killed four workers at the mill.\n\nThe hurricane destroyed the harbour.\n\n"
        "Insurgents killed two guards at the mill.")}
    assert found[("fire", "kill")] == "OTHER"
    assert found[("hurricane", "destroy")] == "OTHER"
    assert found[("insurgents", "kill")] == "ASSAULT"
