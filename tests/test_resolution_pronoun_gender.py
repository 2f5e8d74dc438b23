"""A "she" or "he" past its own paragraph: someone known to be of that gender before a nearer
person whose gender nothing says (sentences written for these tests)."""
from __future__ import annotations

from kg.resolution import document_entities


def holders(nlp, text, surface):
    return [e.name for e in document_entities(nlp(text), "t") if surface in e.aliases]


TEXT = ("Investigators said Senator Ana Ortiz was driving the van that hit a cyclist near Tarragona. "
        "She left the country two days later.\n\n"
        "The foreign minister, Kim Sato, met the ambassador on Friday.\n\n"
        'The cyclist\'s father, Tom Reyes, told reporters, "Now she should come back and answer for it."\n')


def test_she_in_a_later_paragraph_is_the_woman_named_before_not_the_nearer_unknown(nlp):
    assert holders(nlp, TEXT, "she") == ["Ana Ortiz"]


def test_she_in_her_own_paragraph_still_takes_the_nearest_person(nlp):
    text = ("The water board met on Monday. Its chair, Dana Sato, spoke first. "
            "Sato said she would open the dam in May.\n")
    assert holders(nlp, text, "she") == ["Dana Sato"]
