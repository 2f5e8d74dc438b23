"""Actor resolution from the words around a mention: who speaks, what a name was introduced
as, which state a phrase is about.  One construction per test, on sentences written for them."""
from __future__ import annotations

import pytest

from kg.model import Entity
from kg.resolution import document_entities, merge_entities


def entities(nlp, text):
    return {e.name: e for e in document_entities(nlp(text), "t")}


def holder(nlp, text, surface):
    """The names of the entities that list ``surface`` among their aliases."""
    return [e.name for e in document_entities(nlp(text), "t") if surface in e.aliases]


# -- who speaks ------------------------------------------------------------------------
def test_she_inside_a_quote_is_not_the_speaker(nlp):
    text = ("Senator Maria Costa toured the flooded valley on Monday. Her deputy, Rosa Mendes, stayed in "
            'the capital. "She listened to every farmer," Mendes said.')
    found = entities(nlp, text)
    assert "She" not in found["Rosa Mendes"].aliases
    assert "She" in found["Maria Costa"].aliases


def test_speaker_after_an_inverted_said(nlp):
    text = '"I will not sell my land to anyone," said a local farmer named David Brown.'
    assert holder(nlp, text, "I") == ["David Brown"]


def test_we_is_the_organization_in_the_speakers_title(nlp):
    text = ("Baltic Trade Council chairman Piet Kask opened the summit in Riga. "
            '"We will publish the report in May," Kask said.')
    found = entities(nlp, text)
    council = found["Baltic Trade Council"]
    assert "We" in council.aliases and "We" not in found["Piet Kask"].aliases


def test_we_of_a_spokesperson_is_the_state_they_speak_for(nlp):
    text = ("Danish Prime Minister Mette Frederiksen's spokesperson, Lars Holm, said the talks went well. "
            '"Our ports stay open," Holm said.')
    assert holder(nlp, text, "Our") == ["Denmark"]


# -- what a name was introduced as ------------------------------------------------------
def test_a_name_introduced_by_an_airline_is_an_organization(nlp):
    text = "Regulators fined budget airline Skyvale Jet on Monday. The airline said it would appeal."
    found = entities(nlp, text)
    jet = found["Skyvale Jet"]
    assert jet.type == "Organization"
    assert "The airline" in jet.aliases


def test_a_name_in_apposition_to_a_spokesperson_is_a_person(nlp):
    text = "A Health Ministry spokesperson, Ines Duarte, confirmed the figures."
    assert entities(nlp, text)["Ines Duarte"].type == "Person"


def test_the_deal_is_the_agreement_named_before(nlp):
    text = ("Both governments signed the Lisbon Fisheries Accord in March. "
            "The deal caps the tuna catch for five years.")
    assert holder(nlp, text, "The deal") == ["Lisbon Fisheries Accord"]


def test_the_group_is_the_group_named_before(nlp):
    text = "Rebel group Ogaden Liberation Front seized two towns. The group said it would hold them."
    assert holder(nlp, text, "The group") == ["Ogaden Liberation Front"]


def test_the_coalition_is_the_named_coalition(nlp):
    text = ("Ten states joined the Global Alliance for Clean Rivers in 2019. "
            "The coalition has paid for water projects in Asia.")
    assert holder(nlp, text, "The coalition") == ["Global Alliance for Clean Rivers"]


def test_a_description_with_words_the_name_lacks_stays_apart(nlp):
    text = ("Regulators fined budget airline Skyvale Jet on Monday. "
            "The cargo airline Nordfrakt was not fined.")
    assert "The cargo airline" not in entities(nlp, text)["Skyvale Jet"].aliases


# -- acronyms ---------------------------------------------------------------------------
def test_a_name_spelled_out_before_its_acronym_is_one_actor(nlp):
    text = "Leaders of West African Fisheries Zone (WAFZ) states met in Accra. The WAFZ later set new quotas."
    zone = entities(nlp, text)["West African Fisheries Zone"]
    assert zone.type == "Organization" and "WAFZ" in zone.aliases


# -- which state --------------------------------------------------------------------------
def test_the_country_skips_a_state_that_only_modifies_a_noun(nlp):
    text = ("Lawmakers in Kenya debated the mining law on Monday. "
            "It would expel US contractors from the country.")
    assert holder(nlp, text, "the country") == ["Kenya"]


def test_the_country_after_a_parliament_of_a_state(nlp):
    text = "The National Assembly of Zambia voted to expel foreign miners from the country."
    assert holder(nlp, text, "the country") == ["Zambia"]


def test_their_without_a_plural_antecedent_stays_in_its_sentence(nlp):
    found = entities(nlp, "Canada announced new tariffs on Monday.\n\nThe prime minister's critics said their "
                          "impact would be small.")
    assert "their" not in found["Canada"].aliases
    found = entities(nlp, "Peru defended the claim by pointing to their long coastline.")
    assert "their" in found["Peru"].aliases


def test_department_of_state_is_the_state_department(nlp):
    text = ("The United States Department of State issued a travel warning. "
            "The State Department said the warning covers three provinces.")
    found = entities(nlp, text)
    assert "State Department" in found["United States Department of State"].aliases
    assert "State Department" not in found


def test_an_embassy_named_with_either_form_of_its_state(nlp):
    text = ("Protesters gathered outside the U.S. Embassy in Lima. "
            "The United States Embassy closed its consular section.")
    found = [e for e in entities(nlp, text).values() if "Embassy" in e.name]
    assert len(found) == 1


def test_it_opening_a_sentence_goes_on_with_the_previous_subject(nlp):
    text = ("Regulators fined budget airline Skyvale Jet near Norway on Monday. The airline was founded in "
            "Oslo in 1992. It has the largest fleet in the region.")
    assert holder(nlp, text, "It") == ["Skyvale Jet"]


def test_we_of_a_ministry_spokesperson_is_the_state(nlp):
    text = ('"We will reopen the consulate in May," a Canadian Foreign Ministry spokesperson, Claire Dubois, '
            "told reporters.")
    assert holder(nlp, text, "We") == ["Canada"]


def test_a_compound_role_is_not_its_last_word(nlp):
    text = ("General Omar Haddad led the parade in Amman. "
            "The attorney general of Jordan later opened an inquiry.")
    assert "The attorney general" not in entities(nlp, text)["Omar Haddad"].aliases


def test_her_government_is_the_state_she_leads(nlp):
    text = ("Maria Costa, the prime minister of Portugal, said on Friday that her government would cut fuel "
            'taxes. "The government will act this month," Costa said.')
    found = entities(nlp, text)
    assert {"her government", "The government"} <= set(found["Portugal"].aliases)


def test_a_regime_named_by_its_nationality_is_the_state(nlp):
    text = "The smugglers supplied the Venezuelan regime's army with rifles."
    assert holder(nlp, text, "the Venezuelan regime") == ["Venezuela"]


def test_a_disease_is_a_thing_not_an_actor(nlp):
    found = entities(nlp, "COVID-19 has killed 300 people in Peru. The WHO said COVID-19 spreads fast.")
    assert found["COVID-19"].type == "Thing"
    assert found["WHO"].type == "Organization"  # an acronym in capitals is no pronoun


def test_a_short_name_acting_as_subject_joins_the_company_it_begins(nlp):
    text = ("Brazil banned budget airline Voarte Linhas on Monday. Officials said Voarte flies cargo to "
            "Venezuela.")
    found = entities(nlp, text)
    assert "Voarte" in found["Voarte Linhas"].aliases and "Voarte" not in found


def test_our_of_a_president_of_a_state_is_the_state(nlp):
    text = 'President Marco Ruiz of Peru spoke in Lima on Monday. "Our mines will stay open," he said.'
    assert holder(nlp, text, "Our") == ["Peru"]


def test_common_first_names_tell_he_from_she(nlp):
    text = "Laura Finch hired Kevin Reed in May. He said the new job suited him."
    assert holder(nlp, text, "He") == ["Kevin Reed"]


def test_a_labelled_interview_question_asserts_nothing():
    from kg.pipeline import extract

    text = ("Tidewatch spoke to the diver Carlos Mendoza on Monday.\n\n"
            "TW: Did the storm damage the old reef near Cebu?\n\n"
            "Carlos Mendoza: The storm damaged the reef badly.")
    found = list(extract(text))
    assert not [t for t in found if t.sentence.endswith("?")]
    assert any(t.relation == "damage" and not t.sentence.endswith("?") for t in found)


def test_a_surname_the_ner_took_for_an_organization_joins_the_person():
    corpus = merge_entities([
        Entity("Nadia Okonjo", "Person", aliases=("Nadia Okonjo", "she"), titles=("Senator",), docs=("a",), mentions=4),
        Entity("Okonjo", "Organization", aliases=("Okonjo",), docs=("b",), mentions=2),
        Entity("Okonjo Holdings", "Organization", aliases=("Okonjo Holdings", "its"), docs=("c",), mentions=2),
    ])
    person = corpus.get("Nadia Okonjo")
    assert person is not None and "b" in person.docs and "c" not in person.docs


def test_a_surname_called_it_stays_an_organization():
    corpus = merge_entities([
        Entity("Nadia Okonjo", "Person", aliases=("Nadia Okonjo", "she"), docs=("a",), mentions=4),
        Entity("Okonjo", "Organization", aliases=("Okonjo", "its"), docs=("b",), mentions=2),
    ])
    assert corpus.get("Okonjo") is not None and corpus.get("Okonjo").type == "Organization"


def test_a_description_made_of_a_names_words_is_that_name(nlp):
    text = ("Twelve states signed the Baltic Maritime Safety Zone treaty in June. "
            "Ships in the maritime safety zone must report their cargo.")
    assert holder(nlp, text, "the maritime safety zone") == ["Baltic Maritime Safety Zone"]


# -- what a pronoun cannot be ------------------------------------------------------------------
def test_a_subject_pronoun_is_not_the_object_of_the_participle_before_it(nlp):
    text = ("Senator Marco Ruiz defended the budget on Monday. "
            'Speaking to David Brown of the BBC, he said, "I stand by every figure."')
    found = entities(nlp, text)
    assert "he" in found["Marco Ruiz"].aliases and "he" not in found["David Brown"].aliases
    assert "I" in found["Marco Ruiz"].aliases


def test_an_object_pronoun_is_not_its_clauses_subject(nlp):
    text = "Maria Costa met Laura Finch in Rome. Laura Finch thanked her for the invitation."
    found = entities(nlp, text)
    assert "her" in found["Maria Costa"].aliases and "her" not in found["Laura Finch"].aliases


def test_the_subject_of_a_reported_clause_is_the_reporter(nlp):
    text = ("The court heard from Kevin Reed on Monday. Marco Ruiz accepted the blame for the fire but "
            "did not say he had started it.")
    assert holder(nlp, text, "he") == ["Marco Ruiz"]


def test_a_one_word_person_named_more_often_as_an_organization_is_one():
    corpus = merge_entities([
        Entity("Tidewatch", "Organization", aliases=("Tidewatch", "it"), docs=("a",), mentions=9),
        Entity("Tidewatch", "Person", aliases=("Tidewatch", "I", "we"), docs=("b",), mentions=5),
    ])
    assert [(e.name, e.type, e.docs) for e in corpus.entities] == [("Tidewatch", "Organization", ("a", "b"))]


# -- known misses ---------------------------------------------------------------------------
@pytest.mark.xfail(strict=True, reason="'government forces' is not tied to the army of the state named before")
def test_government_forces_are_the_named_army(nlp):
    text = "The Chadian Army shelled the town on Monday. Government forces entered it on Tuesday."
    assert holder(nlp, text, "Government forces") == ["Chadian Army"]


def test_she_in_a_quote_two_paragraphs_after_her_name(nlp):
    text = ("Senator Maria Costa left the country in May.\n\n"
            "Police said the case was closed.\n\n"
            'Her rival, Laura Finch, said: "She will have to come back."')
    assert holder(nlp, text, "She") == ["Maria Costa"]

