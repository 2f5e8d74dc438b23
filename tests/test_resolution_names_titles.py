"""Names cut out of their titles, and bare surnames the NER left out, on sentences written for them."""
from __future__ import annotations

from kg.resolution import document_entities
from kg.resolution.component import _by_surname


def names(nlp, text):
    return {e.name: e for e in document_entities(nlp(text), "t")}


def test_a_title_of_an_institution_is_not_glued_to_the_name(nlp):
    found = names(nlp, "Reporters waited outside. The Speaker of the Assembly Marta Olsen said the vote "
                       "would go ahead on Tuesday.")
    assert "Marta Olsen" in found and found["Marta Olsen"].type == "Person"
    assert not any(n.startswith("Assembly") for n in found)


def test_speaker_of_the_house_before_a_name_leaves_the_person(nlp):
    found = names(nlp, "The committee met in the morning. Critics of Speaker of the House Jonas Lindqvist "
                       "walked out before noon.")
    assert "Jonas Lindqvist" in found
    assert not any(n.startswith("House ") for n in found)


def person(name, mentions):
    return {"name": name, "type": "Person", "mentions": [[0, 1]] * mentions}


def test_a_bare_surname_goes_to_the_full_name_that_dominates_it_in_the_article():
    found = [person("Lena Marsh", 12), person("Otto Marsh", 2)]
    assert _by_surname(found, "Marsh")["name"] == "Lena Marsh"


def test_a_bare_surname_two_people_share_about_equally_stays_unresolved():
    found = [person("Lena Marsh", 5), person("Otto Marsh", 3)]
    assert _by_surname(found, "Marsh") is None


INTERVIEW = ("Wayne Holt runs a bakery in Leeds. Everyone calls him Wayne.\n\n"
             "((WN)) How did the year go?\n\n"
             "((Wayne Holt)) It was hard. Flour doubled in price.\n\n"
             "((WN)) Will you stay open?\n\n"
             "((Wayne Holt)) We will, as long as the customers come.\n")


def test_an_interviewers_label_is_not_the_interviewees_first_name(nlp):
    holt = names(nlp, INTERVIEW)["Wayne Holt"]
    assert "WN" not in holt.aliases


def test_a_label_is_the_name_it_abbreviates_not_a_word_opening_sentences(nlp):
    text = ("Ravi Holt has run a bakery in Leeds since 2001. He spoke to Wikinews in March.\n\n"
            "((WN)) How did the year go?\n\n"
            "((Ravi Holt)) Whenever flour doubled in price, we cut the hours.\n\n"
            "((WN)) What did you do?\n\n"
            "((Ravi Holt)) Whenever prices rose, we cut the hours.\n\n"
            "((WN)) Will you stay open?\n\n"
            "((Ravi Holt)) Whenever I can.\n")
    found = names(nlp, text)
    assert "Whenever" not in found
    assert "WN" in found["Wikinews"].aliases


def test_a_platform_is_not_glued_to_the_name_after_it(nlp):
    for text in ("The morning after the game, on Twitter Lopez accused the league of bias.",
                 "Ellen Morrison lost the final. Later that night on Facebook Morrison said she would appeal."):
        found = names(nlp, text)
        assert not any(n.startswith(("Twitter ", "Facebook ")) for n in found), found


def test_a_name_is_cut_before_an_organization_the_ner_glued_to_it(nlp):
    found = names(nlp, "Twitter Inc. said the outage was over. The mayor confirmed on Twitter the Regional "
                       "Water Authority would cut supply to the valley.")
    assert "Regional Water Authority" in found
    found = names(nlp, "Rosa Alvarez won the vote. Her win made Alvarez the Green Party's first mayor in the region.")
    assert "Green Party" in found and found["Green Party"].type == "Organization"
    assert not any(" the " in n for n in found)


def test_a_company_named_after_a_platform_stays_whole(nlp):
    found = names(nlp, "Facebook Ireland Limited was fined on Monday. YouTube Movies added forty titles.")
    assert "Facebook Ireland Limited" in found and "YouTube Movies" in found


def test_a_surname_of_several_words_the_ner_calls_an_organization_is_the_person(nlp):
    found = names(nlp, "Senator Brian Holt and Mayor Gloria La Riva met in Denver. Holt and La Riva disagreed "
                       "about the budget.")
    assert "La Riva" in found["Gloria La Riva"].aliases and "La Riva" not in found


def test_two_surnames_the_ner_glued_with_and_are_two_people(nlp):
    from spacy.tokens import Span

    from kg.resolution.names import _unglued

    doc = nlp("Brian Holt and Gloria La Riva met in Denver. Holt and La Riva disagreed about the budget.")
    second = next(s for s in doc.sents if s.start > 0)  # "Holt and La Riva", as one name
    doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 3, 6, "PERSON"), Span(doc, second.start, second.start + 4, "PERSON")]
    pieces = [doc[a:b].text for a, b, _ in _unglued(doc, second.start, second.start + 4, "PERSON")]
    assert pieces == ["Holt", "La Riva"]
    # a name with "and" in it that the article does not use in parts stays whole
    doc = nlp("Marks and Spencer Holdings reported a loss.")
    doc.ents = [Span(doc, 0, 4, "PERSON")]
    assert [doc[a:b].text for a, b, _ in _unglued(doc, 0, 4, "PERSON")] == ["Marks and Spencer Holdings"]
