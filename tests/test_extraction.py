"""Extraction rules, one construction per case, on sentences written for these tests.

Each case lists triples a reader would write down (subject, relation, object and
the flags that matter); the model's parse is shared by the session ``nlp`` fixture.
"""
from __future__ import annotations

import pytest

from kg.extraction import triples


def extract(nlp, text):
    return list(triples(nlp(text), "t"))


def spo(found):
    return {(t.subject, t.relation, t.object) for t in found}


def find(found, subject, relation, obj):
    for t in found:
        if (t.subject, t.relation, t.object) == (subject, relation, obj):
            return t
    raise AssertionError(f"{subject} | {relation} | {obj} not in {sorted(spo(found))}")


CASES = {
    "svo, tight object span": (
        "Canada vetoed a new EU trade proposal on Monday.",
        [("Canada", "veto", "new EU trade proposal", {})],
    ),
    "governing preposition, title kept out": (
        "German Chancellor Olaf Scholz met with Brazilian President Lula da Silva in Berlin.",
        [("Olaf Scholz", "meet with", "Lula da Silva", {"subject_title": "German Chancellor"})],
    ),
    "role noun before a name becomes the title": (
        "Chancellor Olaf Scholz spoke with his French counterpart Emmanuel Macron.",
        [("Olaf Scholz", "speak with", "Emmanuel Macron", {"object_title": "French counterpart"})],
    ),
    "particle and preposition": (
        "In a long speech, she lashed out at Hungary.",
        [("she", "lash out at", "Hungary", {})],
    ),
    "light verb frame with particle": (
        "The rebels carried out a rocket attack on a government checkpoint.",
        [("rebels", "carry out rocket attack on", "government checkpoint", {})],
    ),
    "verb noun preposition frame": (
        "Spain held talks with Morocco.",
        [("Spain", "hold talks with", "Morocco", {})],
    ),
    "passive with agent, coordinated agents": (
        "A joint letter signed by Norway, Denmark and Finland criticised the plan.",
        [
            ("Norway", "sign", "joint letter", {}),
            ("Denmark", "sign", "joint letter", {}),
            ("Finland", "sign", "joint letter", {}),
            ("joint letter", "criticise", "plan", {}),
        ],
    ),
    "passive clause turned active": (
        "The bridge was destroyed by Ukrainian forces.",
        [("Ukrainian forces", "destroy", "bridge", {})],
    ),
    "copula with noun and preposition": (
        "Oslo has been an ally of Washington for decades.",
        [("Oslo", "be ally of", "Washington", {})],
    ),
    "xcomp chain, coordinated subject": (
        "Lisbon and Madrid agreed to build a new railway.",
        [
            ("Lisbon", "agree to build", "new railway", {}),
            ("Madrid", "agree to build", "new railway", {}),
        ],
    ),
    "coordinated adjectives split the object": (
        "The storm damaged residential and commercial properties.",
        [("storm", "damage", "residential properties", {}), ("storm", "damage", "commercial properties", {})],
    ),
    "coordinated objects": (
        "The Red Cross delivered food and medicine to the city.",
        [("Red Cross", "deliver", "food", {}), ("Red Cross", "deliver", "medicine", {})],
    ),
    "negation on the verb": (
        "The minister did not sign the agreement.",
        [("minister", "sign", "agreement", {"negated": True})],
    ),
    "negation as determiner": (
        "No Iraqi troops crossed the border.",
        [("Iraqi troops", "cross", "border", {"negated": True})],
    ),
    "future auxiliary": (
        "Iran will attend the conference.",
        [("Iran", "attend", "conference", {"modality": "future"})],
    ),
    "future through a planning verb": (
        "The two companies plan to merge their units.",
        [("two companies", "merge", "their units", {"modality": "future"})],
    ),
    "hedging modal": (
        "The army could seize the airport.",
        [("army", "seize", "airport", {"modality": "hedged"})],
    ),
    "headline comma coordination with a reciprocal verb": (
        "Macron, Scholz meet to discuss energy prices",
        [("Macron", "meet with", "Scholz", {})],
    ),
    "purpose infinitive is future": (
        "Chile and Peru met to settle their maritime dispute.",
        [
            ("Chile", "meet with", "Peru", {"modality": "asserted"}),
            ("Chile", "settle", "their maritime dispute", {"modality": "future"}),
            ("Peru", "settle", "their maritime dispute", {"modality": "future"}),
        ],
    ),
    "an attempt joins the relation (the closing itself is not asserted)": (
        "The mayor tried to close the market.",
        [("mayor", "try to close", "market", {"modality": "asserted"})],
    ),
    "hedging adverb": (
        "Chile has reportedly rejected the offer.",
        [("Chile", "reject", "offer", {"modality": "hedged"})],
    ),
    "reported clause": (
        "Police said the suspects had robbed three banks.",
        [("suspects", "rob", "three banks", {"attributed_to": "Police"})],
    ),
    "reporting verb keeps its addressee, not the quote": (
        "Mr Biden told reporters that China was arming Russia.",
        [
            ("Biden", "tell", "reporters", {"attributed_to": None}),
            ("China", "arm", "Russia", {"attributed_to": "Biden"}),
        ],
    ),
    "according to": (
        "According to the ministry, Chinese ships entered the strait.",
        [("Chinese ships", "enter", "strait", {"attributed_to": "ministry"})],
    ),
    "clausal complement of accuse": (
        "Oxfam accused the government of starving the refugees.",
        [
            ("Oxfam", "accuse of", "government", {"attributed_to": None}),
            ("government", "starve", "refugees", {"attributed_to": "Oxfam"}),
        ],
    ),
    "relative clause resolved to its antecedent": (
        "The attacks, which took place in Kabul, killed dozens of civilians.",
        [("attacks", "take place in", "Kabul", {}), ("attacks", "kill", "dozens of civilians", {})],
    ),
    "subject relative clause on a named antecedent": (
        "Boeing, which builds jets in Seattle, hired 300 engineers.",
        [("Boeing", "build", "jets", {}), ("Boeing", "hire", "300 engineers", {})],
    ),
    "apposition with a possessive relation": (
        "Lagos, Nigeria's largest city, hosted the fair.",
        [("Lagos", "be largest city of", "Nigeria", {}), ("Lagos", "host", "fair", {})],
    ),
    "an office in apposition is the name's title, not a triple": (
        "Angela Merkel, Germany's chancellor, criticised the deal.",
        [("Angela Merkel", "criticise", "deal", {"subject_title": "Germany's chancellor"})],
    ),
    "nominal event with owner and party": (
        "Putin's talks with Erdogan lasted three hours.",
        [("Putin", "hold talks with", "Erdogan", {})],
    ),
    "object control": (
        "Jakarta urged Beijing to release the fishermen.",
        [("Jakarta", "urge", "Beijing", {}), ("Beijing", "release", "fishermen", {})],
    ),
    "adjective with infinitive": (
        "Ten sailors were able to repair the engine.",
        [("Ten sailors", "be able to repair", "engine", {})],
    ),
    "object relative clause without pronoun, light verb frame": (
        "Lima published the documents it had against Quito.",
        [("it", "have documents against", "Quito", {})],
    ),
    "object relative clause through a reporting verb": (
        "Lima published the documents it says it has against Quito.",
        [("it", "have documents against", "Quito", {})],
    ),
    "delegates stand for the coordinated parties they come from": (
        "Representatives from Chile and Peru signed the accord.",
        [("Chile", "sign", "accord", {}), ("Peru", "sign", "accord", {})],
    ),
    "generic place noun gives way to its name": (
        "Rebels shelled the city of Homs.",
        [("Rebels", "shell", "Homs", {})],
    ),
    "participial clause shares the main subject": (
        "The senator attacked the bill, calling it a disaster.",
        [("senator", "attack", "bill", {}), ("senator", "call disaster", "it", {})],
    ),
    "idiom noun joins the relation": (
        "Peru took part in the negotiations.",
        [("Peru", "take part in", "negotiations", {})],
    ),
    "a place after a light verb's object stays out of the relation": (
        "The rebels held prayers in the mosque.",
        [("rebels", "hold", "prayers", {})],
    ),
    "time phrase is not a party": (
        "The agency met with Nokia during the summit.",
        [("agency", "meet with", "Nokia", {})],
    ),
    "passive accusation with agent": (
        "Hanoi was accused by Seoul of hiding the report.",
        [
            ("Seoul", "accuse of", "Hanoi", {}),
            ("Hanoi", "hide", "report", {"attributed_to": "Seoul"}),
        ],
    ),
    "passive accusation without agent is hedged": (
        "Hanoi was accused of hiding the report.",
        [("Hanoi", "hide", "report", {"attributed_to": None, "modality": "hedged"})],
    ),
    "alleging hedges the reported clause": (
        "Peru alleged that Chile had bribed the judges.",
        [("Chile", "bribe", "judges", {"attributed_to": "Peru", "modality": "hedged"})],
    ),
    "coordinated objects do not swallow each other": (
        "The floods led to further damage and loss of livestock.",
        [("floods", "lead to", "further damage", {})],
    ),
    "existential there with a place": (
        "There were no Danish ships in the port of Aden.",
        [("Danish ships", "be in", "Aden", {"negated": True})],
    ),
    "relative place noun joins the preposition": (
        "Kurdish fighters were in the vicinity of the dam.",
        [("Kurdish fighters", "be in vicinity of", "dam", {})],
    ),
    "'if not' hedges and shares the object": (
        "The Kremlin is supporting, if not orchestrating, a ferocious military assault on Aleppo.",
        [
            ("Kremlin", "support", "ferocious military assault", {"negated": False, "modality": "asserted"}),
            ("Kremlin", "orchestrate", "ferocious military assault", {"negated": False, "modality": "hedged"}),
        ],
    ),
    "participle aimed at: subject is the modified noun, future": (
        "Ottawa blocked a bill aimed at banning foreign donations.",
        [("bill", "ban", "foreign donations", {"modality": "future"})],
    ),
    "expected to: future": (
        "The prime minister was expected to visit Ottawa.",
        [("prime minister", "visit", "Ottawa", {"modality": "future"})],
    ),
    "a named place after a frame noun is where, not the second party; coordination inside 'of' expanded": (
        "The ministers of Peru and Chile signed a trade agreement in Lima.",
        [
            ("ministers of Peru", "sign", "trade agreement", {"subject_text": "The ministers of Peru and Chile"}),
            ("ministers of Chile", "sign", "trade agreement", {"subject_text": "The ministers of Peru and Chile"}),
        ],
    ),
    "duration modifiers leave the span": (
        "The 10-day-long strike paralysed the port.",
        [("strike", "paralyse", "port", {"subject_text": "The 10-day-long strike"})],
    ),
    "a date modifier after a possessive takes the possessive with it": (
        "Dozens of sailors died in Norway's three year fishing war.",
        [("Dozens of sailors", "die in", "fishing war", {})],
    ),
    "'X based' participle modifies the subject, it is no clause": (
        "Ships sank near the port, the London based Maritime Agency told reporters.",
        [("Maritime Agency", "tell", "reporters", {})],
    ),
    "coordinated reporting verb after a comma keeps the speaker as subject": (
        "Morales insisted the army was not responsible for the raid, and accused Peru of hiding the files.",
        [
            ("Morales", "accuse of", "Peru", {"negated": False, "attributed_to": None}),
            ("army", "be responsible for", "raid", {"negated": True, "attributed_to": "Morales"}),
        ],
    ),
    "relative clause on an apposition: the antecedent is the object, the writer is the source": (
        "Peru accused Chile of spying, a charge that the Chilean foreign minister dutifully rebutted.",
        [("Chilean foreign minister", "rebut", "charge", {"attributed_to": None})],
    ),
    "participle on a predicate nominal takes the described entity": (
        "Many voters regard Orban as a leader silencing the press.",
        [("Many voters", "regard", "Orban", {}), ("Orban", "silence", "press", {})],
    ),
    "a coordinated verb's pronoun object is the first conjunct's object": (
        "The drones drop a canister on the town and then ignite it.",
        [("drones", "drop", "canister", {}), ("drones", "ignite", "canister", {})],
    ),
    "nominal event between coordinated parties": (
        "Oil prices have been a source of tension between Norway and Sweden.",
        [("Norway", "have tension with", "Sweden", {})],
    ),
    "an event that sets the scene lends its 'with' party to the clause subject": (
        "Speaking at a news conference with Chile's President Gabriel Boric, Lula said the deal was fair.",
        [("Lula", "hold news conference with", "Gabriel Boric", {"object_title": "Chile's President"})],
    ),
    "trailing participle after a noun's content clause takes the main subject; the claim is hedged": (
        "Lima rejected claims that Peru had bribed the judges, citing a lack of evidence.",
        [
            ("Lima", "reject", "claims", {"modality": "asserted"}),
            ("Peru", "bribe", "judges", {"modality": "hedged"}),
            ("Lima", "cite", "lack of evidence", {}),
        ],
    ),
    "gerund under a possessed noun takes the owner": (
        "Moscow praised Assad's campaign of crushing the rebels.",
        [("Assad", "crush", "rebels", {})],
    ),
    "infinitive under a possessed noun takes the owner": (
        "Quito reminded Lima of its duty to protect the border.",
        [("Quito", "remind of", "Lima", {}), ("its", "protect", "border", {})],
    ),
    "hyphenated pair of names before a reciprocal event": (
        "The India-Pakistan talks resumed on Monday.",
        [("India", "hold talks with", "Pakistan", {})],
    ),
    "'with the support of' names a helper of the clause's subject": (
        "Kurdish fighters retook the town with the support of American jets.",
        [("Kurdish fighters", "retook", "town", {}), ("American jets", "support", "Kurdish fighters", {})],
    ),
    "an owner's hand in something": (
        "The report proved Iran's hand in the sabotage.",
        [("Iran", "have hand in", "sabotage", {})],
    ),
    # the small model ends these lists one member early and makes the last one a second subject
    "last of a long list of people stays in the list": (
        "A letter signed by Angela Merkel, Emmanuel Macron, Pedro Sanchez, and Mark Rutte urged the Commission to act.",
        [
            ("Angela Merkel", "sign", "letter", {}),
            ("Pedro Sanchez", "sign", "letter", {}),
            ("Mark Rutte", "sign", "letter", {}),
            ("letter", "urge", "Commission", {}),
        ],
    ),
    "last of a long list of organisations stays in the list": (
        "A petition signed by Google, Microsoft, Apple, Amazon, and the BBC criticised the law.",
        [("Google", "sign", "petition", {}), ("BBC", "sign", "petition", {}), ("petition", "criticise", "law", {})],
    ),
}


@pytest.mark.parametrize("text, expected", list(CASES.values()), ids=list(CASES))
def test_construction(nlp, text, expected):
    found = extract(nlp, text)
    for subject, relation, obj, flags in expected:
        triple = find(found, subject, relation, obj)
        for name, value in flags.items():
            assert getattr(triple, name) == value, (name, triple)


XFAIL = {
    "gerund event with by-agent under a date": (
        "The 2019 downing of a US drone by Iran raised tensions.",
        ("Iran", "down", "US drone"),
        "the small model attaches 'by Iran' to the drone, not to the nominal event",
    ),
    "infinitive on a possessed subject noun": (
        "Kenya's decision to cancel a visit to Somalia angered Mogadishu.",
        ("Kenya", "cancel visit to", "Somalia"),
        "the small model reads 'Somalia angered Mogadishu' as one noun phrase, so the visit's party is wrong",
    ),
}


@pytest.mark.parametrize(
    "text, triple",
    [pytest.param(t, x, marks=pytest.mark.xfail(strict=True, reason=r)) for t, x, r in XFAIL.values()],
    ids=list(XFAIL),
)
def test_known_misses(nlp, text, triple):
    assert triple in spo(extract(nlp, text))


def test_quoted_gerund_after_saying_is_no_xcomp_chain(nlp):
    found = extract(nlp, 'The spokesman rejected the report, saying, "blaming Chile for everything" was silly.')
    assert spo(found) == {("spokesman", "reject", "report")}


def test_apposition_naming_a_claim_is_no_copula(nlp):
    found = extract(nlp, "Critics accused the mayor of bribery, a charge he denied.")
    assert not any(t.relation == "be" for t in found)


def test_speaking_at_an_event_is_not_a_second_triple(nlp):
    found = extract(nlp, "Speaking at a news conference with Chile's President Gabriel Boric, Lula said the deal was fair.")
    assert not any(t.relation.startswith("speak") for t in found)


@pytest.mark.parametrize(
    "text",
    [
        "The protesters walked out.",
        "The two firms said ties have improved, with a merger agreed last week.",
        "There was no vote on the budget.",
        "The unions expressed hope that the strike would end soon.",
        "Dozens of people gathered outside the embassy.",
        "Photo: Reuters/Jane Doe",
        "Berlin Mauer - Gedenkstätte Bernauer Straße",
    ],
)
def test_nothing_from_intransitives_and_captions(nlp, text):
    assert extract(nlp, text) == []


def test_subject_of_the_next_clause_does_not_join_a_list(nlp):
    found = spo(extract(nlp, "The king received envoys of Chad, Niger, and Mali, and France condemned the coup."))
    assert {("king", "receive", "Mali"), ("France", "condemn", "coup")} <= found
    assert ("king", "receive", "France") not in found


def test_circumstances_are_not_parties(nlp):
    found = extract(nlp, "The agency met with Nokia during the summit on Friday.")
    assert spo(found) == {("agency", "meet with", "Nokia")}


def test_heading_does_not_become_a_subject(nlp):
    found = extract(nlp, "Fishing quarrel\n\nOn Monday Chile rejected the Peruvian offer.")
    assert all("quarrel" not in t.subject for t in found)


def test_paragraph_component_splits_at_line_breaks():
    import spacy

    import kg.extraction.paragraphs  # noqa: F401  registers kg_paragraphs

    nlp = spacy.blank("en")
    nlp.add_pipe("kg_paragraphs")
    doc = nlp("Fishing quarrel\n\nChile rejected the offer.")
    assert [t.is_sent_start for t in doc if t.text == "Chile"] == [True]


def test_spans_point_into_the_text(nlp):
    text = "Yesterday the Dutch government sent two frigates to the Red Sea."
    for t in extract(nlp, text):
        assert text[t.subject_span[0] : t.subject_span[1]] == t.subject
        assert text[t.object_span[0] : t.object_span[1]] == t.object
        assert t.sentence == text and (t.start, t.end) == (0, len(text))


def test_named_entity_types(nlp):
    t = find(extract(nlp, "Vladimir Putin phoned Emmanuel Macron."), "Vladimir Putin", "phone", "Emmanuel Macron")
    assert (t.subject_type, t.object_type) == ("Person", "Person")


def test_confidence_ranks_named_plain_clause_above_apposition_guess(nlp):
    found = extract(nlp, "Angela Merkel, a physicist, criticised Poland.")
    plain = find(found, "Angela Merkel", "criticise", "Poland")
    assert all(0.0 <= t.confidence <= 1.0 for t in found)
    assert all(plain.confidence > t.confidence for t in found if t is not plain)


def test_pipeline_extract_names_the_document(nlp):
    from kg.pipeline import extract as pipeline_extract

    found = pipeline_extract("Russia vetoed a UN draft resolution.", doc_id="veto")
    assert ("Russia", "veto", "UN draft resolution") in spo(found)
    assert {t.doc for t in found} == {"veto"}


def test_seed_articles_give_the_triples_the_product_promises(nlp):
    """The end-to-end issue's must-haves, read off the seed articles in seeds/."""
    from pathlib import Path

    from kg.documents import read_documents

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    found = set()
    for document in read_documents([seeds]):
        found |= spo(triples(nlp(document.text), document.id))
    assert ("Russia", "veto", "UN draft resolution") in found
    assert any("Putin" in s and r == "meet with" and "Hollande" in o for s, r, o in found)
    released = {s for s, r, o in found if r == "release" and o == "joint statement"}
    assert {"Turkey", "France", "Britain", "Germany", "Qatar", "Saudi Arabia"} <= released
    if "kg_paragraphs" not in nlp.pipe_names:
        pytest.xfail("the heading above it runs into the sentence unless kg_paragraphs runs before the parser")
    assert any("Johnson" in s and r == "call for" and o == "protests" for s, r, o in found)


def test_office_in_apposition_makes_no_triple(nlp):
    found = extract(nlp, "Fatima Bello, head of Kenya's Red Cross, visited the camp on Tuesday.")
    assert not any(t.relation.startswith("be") for t in found), sorted(spo(found))
    assert find(found, "Fatima Bello", "visit", "camp").subject_title == "head of Kenya's Red Cross"


def test_a_date_before_the_subject_is_no_subject(nlp):
    found = extract(nlp, "Thursday, Ukrainian forces shelled the depot.")
    assert spo(found) == {("Ukrainian forces", "shell", "depot")}


def test_a_span_never_ends_inside_an_open_bracket(nlp):
    found = extract(nlp, "Kamau was the deputy commander of the National Reserve Brigade (NRB), a rebel militia.")
    assert all(t.object.count("(") == t.object.count(")") for t in found), sorted(spo(found))
    find(found, "Kamau", "be deputy commander of", "National Reserve Brigade")


def test_an_it_that_stands_for_a_clause_is_no_subject(nlp):
    found = extract(nlp, "It would be wrong to punish the farmers. It was clear to Lima that the vote had failed.")
    assert not any(t.subject.lower() == "it" for t in found), sorted(spo(found))


def test_a_sentence_ends_at_its_last_word_not_at_the_blank_lines_after_it(nlp):
    text = "The mayor praised the firefighters.\n\nThe council thanked the volunteers.\n\n"
    found = extract(nlp, text)
    assert {t.sentence for t in found} == {"The mayor praised the firefighters.", "The council thanked the volunteers."}
    for t in found:
        assert text[t.start:t.end] == t.sentence
        assert text[t.subject_span[0]:t.subject_span[1]] == t.subject
