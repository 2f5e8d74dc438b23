"""Pronouns keep to the words of one speaker, and a dummy "it" is no actor (issue 20).

In an interview a third-person pronoun never takes the other speaker's words (nor a
speaker's label) for its antecedent; "it depends", "it has to do with", "let it be"
name nothing.  Sentences written for these tests.
"""
from __future__ import annotations

import pytest

from kg.pipeline import extract

INTRO = "Wikinews spoke with the biologist Ines Varga about the reef.\n\n"


def spo(text: str) -> set[tuple[str, str, str]]:
    return {(t.subject, t.relation, t.object) for t in extract(text)}


def subjects_of(text: str, relation: str) -> set[str]:
    return {t.subject for t in extract(text) if t.relation == relation}


def test_an_it_opening_an_answer_is_not_the_interviewer():
    text = INTRO + ("((WN)) What did you find?\n\n"
                    "((Ines Varga)) It comes from the southern current.")
    assert "Wikinews" not in subjects_of(text, "come from")


def test_an_it_in_the_interviewers_turn_is_not_the_interviewer():
    text = INTRO + ("((WN)) You talk about boats. But if it came with a motor, the rules change.\n\n"
                    "((Ines Varga)) Yes, they do.")
    assert "Wikinews" not in subjects_of(text, "come with")


def test_a_pronoun_keeps_to_its_own_speakers_turn():
    text = INTRO + ("((WN)) Did the Coral Trust fund the survey?\n\n"
                    "((Ines Varga)) It paid for the boats, and we paid for the rest.")
    assert "Coral Trust" not in subjects_of(text, "pay for")


def test_it_depends_names_no_actor_but_a_reported_it_does():
    assert "Norvia Telecom" not in subjects_of(
        "Norvia Telecom lost customers in May. It depends on the weather.", "depend on")
    assert ("Norvia Telecom", "depend on", "imports") in spo("Norvia Telecom said it depends on imports.")


def test_it_has_to_do_with_names_no_actor():
    text = "Norvia Telecom lost customers in May. Most of the time, it has to do with the prices."
    assert not [t for t in extract(text) if t.subject == "Norvia Telecom" and t.object == "prices"]


def test_let_it_be_names_no_actor():
    text = "Norvia Telecom lost customers in May. Let it be raising the fees or closing shops, nothing helped."
    assert not [t for t in extract(text) if t.subject == "Norvia Telecom" and t.object == "fees"]


def test_he_after_told_is_the_teller_the_ner_missed_not_the_one_told():
    text = ("Pedro Alves opened a bakery in May. The carpenter Jonas Winch was on hand. "
            "Winch told Wikinews he began carving 20 years ago and also worked on several boats.")
    assert subjects_of(text, "work on") == {"Jonas Winch"}


def test_a_one_word_name_something_is_on_is_no_person_for_he():
    text = "The chef Pedro Alves praised the new menu on Twitter, stating he was proud of it."
    assert {t.subject for t in extract(text) if t.subject_text == "he"} <= {"Pedro Alves"}
    assert {e.name: e.type for e in _entities(text)}.get("Twitter") != "Person"


def test_a_platform_something_is_posted_to_is_no_person_for_he():
    text = "In a video posted to Twitter, the chef Pedro Alves thanked his staff. He said he was proud of them."
    assert {e.name: e.type for e in _entities(text)}.get("Twitter") != "Person"


def test_a_platform_a_claim_is_according_to_is_no_person_for_he():
    text = "Kessler founded the consultancy in 2004. According to Instagram, he travels to Lisbon every summer."
    assert subjects_of(text, "travel to") == {"Kessler"}


def test_a_surname_something_is_on_stays_the_person():
    text = "Senator Ana Ruiz proposed a tax. The council voted on Ruiz's plan. The vote on Ruiz was close."
    assert [e.name for e in _entities(text) if e.type == "Person"] == ["Ana Ruiz"]


@pytest.fixture(scope="module")
def nlp():
    from kg.pipeline.nlp import load_nlp

    return load_nlp()


def _entities(text: str):
    from kg.model import Document
    from kg.pipeline import corpus_entities

    return corpus_entities([Document("d", text)]).entities


def test_a_title_inside_an_organization_span_makes_a_titled_person(nlp):
    from spacy.tokens import Span

    from kg.resolution import document_entities

    with nlp.select_pipes(disable=["kg_actors"]):
        doc = nlp("Early on Monday, United States Representative Dario Velez died in hospital.")
    doc.ents = [Span(doc, 4, 9, "ORG")]  # the NER's reading of such a span in a Wikinews obituary
    found = {e.name: e for e in document_entities(doc, "d")}
    assert "Dario Velez" in found, sorted(found)
    assert found["Dario Velez"].type == "Person" and found["Dario Velez"].titles == ("United States Representative",)


def test_a_bare_surname_is_the_first_person_named_not_a_relative_named_later():
    text = ("United States Representative Dario Velez died on Monday. His parents, Tomas Velez and Rosa Velez, "
            "were farmers. In school, Velez wanted to become a lawyer, and he studied law in Ohio.")
    assert subjects_of(text, "study") == {"Dario Velez"}


def test_we_beside_an_unquoted_i_is_no_issuing_body():
    text = ("The Ministry of Fisheries issued new rules on Tuesday.\n\n"
            "My final word to voters is simple. We will inspect every trawler in the northern zone.")
    assert "Ministry of Fisheries" not in subjects_of(text, "inspect")
