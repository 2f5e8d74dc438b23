"""Actor resolution within one article: one rule per test, on sentences written for them."""
from __future__ import annotations

import pytest

from kg.model import Triple
from kg.resolution import document_entities, resolve


@pytest.fixture(scope="session")
def nlp():
    from kg.pipeline.nlp import load_nlp

    return load_nlp()


def entities(nlp, text):
    return {e.name: e for e in document_entities(nlp(text), "t")}


def entity_of(nlp, text, surface):
    """The name of the entity that lists ``surface`` among its aliases."""
    found = [e.name for e in document_entities(nlp(text), "t") if surface in e.aliases]
    assert len(found) == 1, (surface, found)
    return found[0]


def triple(text, subject, obj, relation="rel", after=""):
    """A triple of ``text`` with spans on the first ``subject`` and ``obj`` after the words ``after``."""
    begin = text.index(after) if after else 0
    s, o = text.index(subject, begin), text.index(obj, begin)
    return Triple(doc="t", sentence_index=0, sentence=text, start=0, end=len(text),
                  subject=subject, relation=relation, object=obj, subject_text=subject, object_text=obj,
                  subject_span=(s, s + len(subject)), object_span=(o, o + len(obj)))


def test_component_is_in_the_pipeline(nlp):
    assert nlp.pipe_names[-1] == "kg_actors"
    doc = nlp("Angela Merkel arrived in Paris.")
    assert doc._.kg_actors and doc._.kg_mentions


def test_title_and_surname_merge_into_the_full_name(nlp):
    found = entities(nlp, "German Chancellor Angela Merkel arrived in Paris on Monday. "
                          "Merkel said the talks had gone well.")
    merkel = found["Angela Merkel"]
    assert merkel.type == "Person"
    assert {"Merkel", "German Chancellor Angela Merkel"} <= set(merkel.aliases)
    assert merkel.titles == ("German Chancellor",)
    assert merkel.affiliation == "Germany"
    assert "Merkel" not in found and "German Chancellor Angela Merkel" not in found
    assert {m.rule for m in merkel.merges} >= {"surname", "title and name"}


def test_country_possessive_is_an_affiliation_not_a_title(nlp):
    found = entities(nlp, "Canada's Justin Trudeau flew to Kyiv. Trudeau met soldiers there.")
    trudeau = found["Justin Trudeau"]
    assert "Canada's Justin Trudeau" in trudeau.aliases and trudeau.titles == ()
    assert trudeau.affiliation == "Canada"


def test_countries_merge_by_iso_code(nlp):
    found = entities(nlp, "Britain left the bloc in 2020. The UK then signed new trade deals.")
    uk = found["United Kingdom"]
    assert uk.type == "Country" and uk.iso == "GBR"
    assert {"Britain", "UK"} <= set(uk.aliases)


def test_acronym_joins_the_name_it_abbreviates(nlp):
    found = entities(nlp, "The North Atlantic Treaty Organization met in Vilnius. "
                          "NATO said it would admit Sweden.")
    nato = found["North Atlantic Treaty Organization"]
    assert "NATO" in nato.aliases and "NATO" not in found


def test_role_description_resolves_to_the_office_holder(nlp):
    text = ("Chinese President Xi Jinping met US President Joe Biden in Bali. "
            "The Chinese leader said the two sides must manage their differences.")
    assert entity_of(nlp, text, "The Chinese leader") == "Xi Jinping"


def test_role_synonyms_match_a_secretary_of_state_to_a_foreign_minister(nlp):
    text = ("US Secretary of State Antony Blinken landed in Cairo. "
            "Egyptian officials said the American foreign minister would stay two days.")
    assert entity_of(nlp, text, "the American foreign minister") == "Antony Blinken"


def test_apposition_joins_the_name(nlp):
    text = "Jens Stoltenberg, the alliance's secretary general, warned Moscow on Tuesday."
    assert entity_of(nlp, text, "the alliance's secretary general") == "Jens Stoltenberg"


def test_he_and_she_follow_gender_and_recency(nlp):
    text = ("Jacinda Ardern met Emmanuel Macron in Paris. She said the talks were useful, "
            "and he agreed.")
    doc = nlp(text)
    by_surface = {row[4]: doc._.kg_actors[row[7][0]]["name"] for row in doc._.kg_mentions if row[7]}
    assert by_surface["She"] == "Jacinda Ardern"
    assert by_surface["he"] == "Emmanuel Macron"


def test_its_refers_to_the_latest_organization(nlp):
    text = "The European Union said its members had agreed on new sanctions."
    assert entity_of(nlp, text, "its") == "European Union"


def test_the_two_leaders_stands_for_both(nlp):
    text = "Angela Merkel met Emmanuel Macron in Berlin. The two leaders discussed trade."
    found = entities(nlp, text)
    assert "The two leaders" in found["Angela Merkel"].aliases
    assert "The two leaders" in found["Emmanuel Macron"].aliases


def test_metonyms_stand_for_their_state(nlp):
    found = entities(nlp, "The Kremlin rejected the report. Moscow accused Washington of lying.")
    assert found["Kremlin"].stands_for == "Russia" and found["Kremlin"].type == "Organization"
    assert found["Moscow"].stands_for == "Russia"
    assert found["Washington"].stands_for == "United States"


def test_a_capital_used_as_a_place_stands_for_nothing(nlp):
    found = entities(nlp, "The delegates met in Ankara on Monday.")
    assert found["Ankara"].stands_for is None


def test_demonym_gives_an_affiliation(nlp):
    found = entities(nlp, "French fighter jets hit a depot near the border.")
    assert found["French fighter jets"].affiliation == "France"


def test_resolve_replaces_pronoun_with_canonical_name_and_keeps_surface(nlp):
    text = "Canadian Prime Minister Justin Trudeau visited Kyiv. He praised Ukraine."
    doc = nlp(text)
    [t] = resolve(doc, [triple(text, "He", "Ukraine", "praise")])
    assert (t.subject, t.subject_type, t.subject_text) == ("Justin Trudeau", "Person", "He")
    assert (t.object, t.object_type) == ("Ukraine", "Country")


def test_resolve_puts_the_title_in_subject_title(nlp):
    text = "Canadian Prime Minister Justin Trudeau visited Kyiv."
    [t] = resolve(nlp(text), [triple(text, "Canadian Prime Minister Justin Trudeau", "Kyiv", "visit")])
    assert t.subject == "Justin Trudeau" and t.subject_title == "Canadian Prime Minister"


def test_resolve_expands_a_plural_subject_into_one_triple_per_member(nlp):
    text = "Angela Merkel met Emmanuel Macron in Berlin. The two leaders discussed trade."
    out = resolve(nlp(text), [triple(text, "The two leaders", "trade", "discuss")])
    assert sorted(t.subject for t in out) == ["Angela Merkel", "Emmanuel Macron"]
    assert all(t.object == "trade" for t in out)


def test_resolve_leaves_things_alone_but_names_a_pronoun_possessor(nlp):
    text = "Turkey said its army would stay in the region."
    [t] = resolve(nlp(text), [triple(text, "its army", "region", "stay in")])
    assert t.subject == "Turkey's army" and t.subject_type == "Thing"
    assert t.object == "region"


def test_resolve_without_spans_goes_by_the_name(nlp):
    text = "German Chancellor Angela Merkel met Emmanuel Macron. Merkel praised France."
    t = Triple(doc="t", sentence_index=1, sentence="Merkel praised France.", start=0, end=len(text),
               subject="Merkel", relation="praise", object="France", subject_text="Merkel", object_text="France")
    [out] = resolve(nlp(text), [t])
    assert (out.subject, out.subject_type, out.object_type) == ("Angela Merkel", "Person", "Country")


def test_who_refers_to_the_noun_its_clause_modifies(nlp):
    text = "The court heard from Olaf Scholz, who denied any wrongdoing."
    assert entity_of(nlp, text, "who") == "Olaf Scholz"


def test_the_country_refers_back_to_the_last_state_named(nlp):
    text = "Floods hit Pakistan in August. Aid agencies said the country needed more help."
    assert entity_of(nlp, text, "the country") == "Pakistan"


def test_his_country_is_the_state_of_the_person_his_refers_to(nlp):
    text = "Kenyan President William Ruto spoke in Nairobi. Ruto said his country would send police."
    assert entity_of(nlp, text, "his country") == "Kenya"


def test_city_of_name_and_the_city(nlp):
    text = "Fighting spread to the city of Goma on Monday. Residents said the city was surrounded."
    goma = entities(nlp, text)["Goma"]
    assert goma.type == "Place"  # the NER says PERSON; "the city of" says otherwise
    assert {"the city of Goma", "the city"} <= set(goma.aliases)


def test_groups_named_by_common_nouns_merge_on_their_head(nlp):
    text = ("Some Sudanese rebel groups rejected the deal on Monday. "
            "Rebel groups said the army had broken the truce.")
    groups = entities(nlp, text)["Sudanese rebel groups"]
    assert groups.type == "Group" and groups.affiliation == "Sudan"
    assert "Rebel groups" in groups.aliases


def test_the_ministry_is_the_last_ministry_named(nlp):
    text = ("The Japanese Foreign Ministry summoned the ambassador. "
            "The ministry said the visit was unacceptable.")
    assert entity_of(nlp, text, "The ministry") == "Japanese Foreign Ministry"


def test_we_both_in_a_quote_is_the_speaker_and_the_other_person(nlp):
    text = ("Emmanuel Macron hosted Angela Merkel in Paris.\n\n"
            "\"We both want a strong Europe,\" Merkel said.")
    found = entities(nlp, text)
    assert "We" in found["Angela Merkel"].aliases and "We" in found["Emmanuel Macron"].aliases


def test_a_predicate_nominal_is_not_a_role_reference(nlp):
    text = "Joe Biden visited Kyiv. \"I am the president of a free country,\" Zelensky said."
    assert all("the president" not in e.aliases for e in document_entities(nlp(text), "t"))


def test_i_inside_a_quote_is_the_speaker(nlp):
    text = "Jacinda Ardern visited Tokyo.\n\n\"I am proud of this deal,\" Ardern told reporters."
    assert entity_of(nlp, text, "I") == "Jacinda Ardern"


def test_i_outside_quotes_is_left_alone(nlp):
    text = "I met Jacinda Ardern in Tokyo."
    assert all("I" not in e.aliases for e in document_entities(nlp(text), "t"))


def test_a_sentence_opening_he_continues_the_last_subject_not_a_possessor(nlp):
    text = ("Government spokesman Igor Petrov dismissed John Smith's claims on Monday.\n\n"
            "He added that the report was false.")
    assert entity_of(nlp, text, "He") == "Igor Petrov"


# -- the user's aliases file, honoured within the article ----------------------------
LINDQVIST = ("Foreign Minister Anna Lindqvist met Pedro Alves in Madrid on Monday. "
             "Lindqvist, a farmer from Uppsala, later criticised Alves. The foreign minister left on Tuesday.")


def rules(text):
    from kg.resolution import parse_aliases

    return parse_aliases(text)


def by_alias(found, surface):
    return next(e.name for e in found if surface in e.aliases)


def test_aliases_split_a_surname_off_the_full_name_within_the_article(nlp):
    found = document_entities(nlp(LINDQVIST), "t", rules("!Lindqvist\tAnna Lindqvist\tt\n"))
    assert by_alias(found, "Lindqvist") == "Lindqvist"
    assert by_alias(found, "a farmer from Uppsala") == "Lindqvist"  # the apposition follows the name
    anna = next(e for e in found if e.name == "Anna Lindqvist")
    assert "Lindqvist" not in anna.aliases and all(m.alias != "Lindqvist" for m in anna.merges)
    assert "The foreign minister" in anna.aliases  # the role still fits the minister


def test_aliases_rules_of_another_document_change_nothing(nlp):
    found = document_entities(nlp(LINDQVIST), "t", rules("!Lindqvist\tAnna Lindqvist\tother\n"))
    assert by_alias(found, "Lindqvist") == "Anna Lindqvist"


def test_aliases_split_a_description_from_the_wrong_person(nlp):
    found = document_entities(nlp(LINDQVIST), "t", rules("!the foreign minister\tAnna Lindqvist\n"))
    assert not any("The foreign minister" in e.aliases for e in found)
    assert by_alias(found, "Lindqvist") == "Anna Lindqvist"


def test_aliases_force_a_name_and_a_description_onto_another_actor(nlp):
    found = document_entities(nlp(LINDQVIST), "t",
                              rules("Lindqvist\tPedro Alves\tt\nthe foreign minister\tPedro Alves\tt\n"))
    pedro = next(e for e in found if e.name == "Pedro Alves")
    assert {"Lindqvist", "The foreign minister"} <= set(pedro.aliases)
    assert {(m.alias, m.rule) for m in pedro.merges} >= {("Lindqvist", "aliases file"),
                                                        ("The foreign minister", "aliases file")}


def test_resolve_follows_the_aliases_file(nlp):
    doc = nlp(LINDQVIST)
    t = triple(LINDQVIST, "Lindqvist", "Alves", "criticise", after="Madrid")
    assert resolve(doc, [t])[0].subject == "Anna Lindqvist"
    assert resolve(doc, [t], rules("!Lindqvist\tAnna Lindqvist\tt\n"))[0].subject == "Lindqvist"


def test_the_component_takes_an_aliases_file_as_configuration(nlp, tmp_path):
    from kg.resolution.component import make_actor_resolver

    path = tmp_path / "aliases.tsv"
    path.write_text("!Lindqvist\tAnna Lindqvist\n", encoding="utf-8")
    component = make_actor_resolver(nlp, "kg_actors", descriptions=True, pronouns=True, aliases=str(path))
    doc = component(nlp(LINDQVIST))
    assert {"Anna Lindqvist", "Lindqvist"} <= {a["name"] for a in doc._.kg_actors}


# -- "you" inside quotes -------------------------------------------------------------
def test_you_in_a_quote_is_the_one_the_speaker_told(nlp):
    text = '"You have broken every promise," Mayor Alice Crane told Victor Lund on Friday.'
    [t] = resolve(nlp(text), [triple(text, "You", "every promise", "break")])
    assert (t.subject, t.subject_text) == ("Victor Lund", "You")


def test_your_names_the_addressee_as_possessor(nlp):
    text = 'Dana Ruiz told Paul Amis: "Your company misled the investors."'
    [t] = resolve(nlp(text), [triple(text, "Your company", "the investors", "mislead")])
    assert t.subject == "Paul Amis's company"


def test_you_with_no_one_told_is_not_an_actor(nlp):
    text = '"You will regret this decision," the coach said after the match.'
    assert resolve(nlp(text), [triple(text, "You", "this decision", "regret")]) == []
    assert not any("You" in e.aliases for e in document_entities(nlp(text), "t"))


# -- organizations with and without their state ---------------------------------------
def test_an_organization_without_its_state_joins_the_one_with_it(nlp):
    found = document_entities(nlp(
        "The Brazilian Health Ministry announced new vaccine rules on Tuesday. Doctors welcomed them. "
        "The Health Ministry said the rules start in May, and the health ministry will publish them online."), "t")
    ministries = [e for e in found if e.type == "Organization"]
    assert [e.name for e in ministries] == ["Brazilian Health Ministry"]
    assert {"Health Ministry", "the health ministry"} <= set(ministries[0].aliases)
    assert ministries[0].affiliation == "Brazil"
    assert "without state" in {m.rule for m in ministries[0].merges}


def test_an_organization_without_its_state_stays_apart_when_two_states_have_one(nlp):
    found = entities(nlp, "The Brazilian Health Ministry and the Chilean Health Ministry signed a deal. "
                          "The Health Ministry said it was pleased.")
    assert {"Brazilian Health Ministry", "Chilean Health Ministry", "Health Ministry"} <= set(found)


def test_an_apposition_stays_what_it_says_not_a_loop_to_its_name(nlp):
    text = "Marta Quell, a nurse from Lyon, thanked the hospital staff."
    [t] = resolve(nlp(text), [triple(text, "Marta Quell", "a nurse from Lyon", "be")])
    assert (t.subject, t.object) == ("Marta Quell", "a nurse from Lyon")


def test_where_an_organization_is_based_is_part_of_its_surface_not_its_affiliation(nlp):
    found = entities(nlp, "Near the camp, the French based Syrian Network for Human Rights said 12 people died.")
    network = found["Syrian Network for Human Rights"]
    assert "French based Syrian Network for Human Rights" in network.aliases
    assert network.affiliation == "Syria"
