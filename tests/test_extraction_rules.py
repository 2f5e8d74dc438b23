"""Extraction rules.

The first tests use hand-built parses (no model), so each rule meets exactly the
tree it expects.  ``CONSTRUCTIONS`` then runs one sentence per construction that
was fixed after studying benchmark misses through the model (sentences written
for these tests; expected triples and fields checked by hand).
"""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.extraction import triples
from kg.extraction.arguments import argument
from kg.extraction.confidence import confidence

#: English lexical attributes (lower case, punctuation) without any trained model.
VOCAB = spacy.blank("en").vocab


def parse(words, heads, deps, pos, lemmas=None, ents=None, spaces=None):
    return Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
               lemmas=lemmas or [w.lower() for w in words], ents=ents)


def spo(doc):
    return {(t.subject, t.relation, t.object) for t in triples(doc)}


def test_passive_participle_with_coordinated_agents():
    # a statement released by Oslo and Rome condemned it
    doc = parse(
        ["a", "statement", "released", "by", "Oslo", "and", "Rome", "condemned", "it"],
        [1, 7, 1, 2, 3, 4, 4, 7, 7],
        ["det", "nsubj", "acl", "agent", "pobj", "cc", "conj", "ROOT", "dobj"],
        ["DET", "NOUN", "VERB", "ADP", "PROPN", "CCONJ", "PROPN", "VERB", "PRON"],
        ["a", "statement", "release", "by", "Oslo", "and", "Rome", "condemn", "it"],
    )
    doc[2].tag_ = "VBN"
    assert {("Oslo", "release", "statement"), ("Rome", "release", "statement")} <= spo(doc)


def test_particle_and_preposition_join_the_relation():
    # Quito lashed out at Lima
    doc = parse(
        ["Quito", "lashed", "out", "at", "Lima"],
        [1, 1, 1, 1, 3],
        ["nsubj", "ROOT", "prt", "prep", "pobj"],
        ["PROPN", "VERB", "ADP", "ADP", "PROPN"],
        ["Quito", "lash", "out", "at", "Lima"],
    )
    assert spo(doc) == {("Quito", "lash out at", "Lima")}


def test_negation_reaches_the_triple():
    doc = parse(
        ["Riga", "did", "not", "sign", "the", "pact"],
        [3, 3, 3, 3, 5, 3],
        ["nsubj", "aux", "neg", "ROOT", "det", "dobj"],
        ["PROPN", "AUX", "PART", "VERB", "DET", "NOUN"],
        ["Riga", "do", "not", "sign", "the", "pact"],
    )
    (t,) = triples(doc)
    assert (t.subject, t.relation, t.object, t.negated) == ("Riga", "sign", "pact", True)


def test_an_adverb_the_parser_made_a_subject_is_no_subject():
    # "Probably signed the pact": a misspelt adverb left without its subject
    doc = parse(
        ["Probably", "signed", "the", "pact"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "det", "dobj"],
        ["ADV", "VERB", "DET", "NOUN"],
        ["probably", "sign", "the", "pact"],
    )
    assert spo(doc) == set()


def test_intransitive_gives_nothing():
    doc = parse(["Crowds", "gathered"], [1, 1], ["nsubj", "ROOT"], ["NOUN", "VERB"], ["crowd", "gather"])
    assert spo(doc) == set()


def test_argument_keeps_possessive_and_number_drops_determiner():
    # the city's seven bridges
    doc = parse(
        ["the", "city", "'s", "seven", "bridges"],
        [1, 4, 1, 4, 4],
        ["det", "poss", "case", "nummod", "ROOT"],
        ["DET", "NOUN", "PART", "NUM", "NOUN"],
        spaces=[True, False, True, True, False],
    )
    arg = argument(doc[4])
    assert arg.text == "city's seven bridges"
    assert arg.surface == "the city's seven bridges"
    assert arg.span == (4, len("the city's seven bridges"))


def test_title_leaves_the_named_span():
    # Foreign Minister Ana Lopez
    doc = parse(
        ["Foreign", "Minister", "Ana", "Lopez"],
        [1, 3, 3, 3],
        ["compound", "compound", "compound", "ROOT"],
        ["PROPN", "PROPN", "PROPN", "PROPN"],
        ents=["O", "O", "B-PERSON", "I-PERSON"],
    )
    arg = argument(doc[3])
    assert (arg.text, arg.title, arg.type) == ("Ana Lopez", "Foreign Minister", "Person")


def test_confidence_is_bounded_and_prefers_named_arguments():
    doc = parse(["Oslo", "met", "Rome"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "PROPN"],
                ents=["B-GPE", "O", "B-GPE"])
    oslo, rome = argument(doc[0]), argument(doc[2])
    named = confidence("svo", oslo, rome)
    embedded = confidence("svo", oslo, rome, borrowed=True, depth=3, sentence_length=60)
    assert 0.0 <= embedded < named <= 1.0


def test_duration_modifier_leaves_the_span_but_a_count_stays():
    # the five-year war ; seven sites
    doc = parse(
        ["the", "five", "-", "year", "war"],
        [4, 3, 3, 4, 4],
        ["det", "nummod", "punct", "compound", "ROOT"],
        ["DET", "NUM", "PUNCT", "NOUN", "NOUN"],
        lemmas=["the", "five", "-", "year", "war"],
        spaces=[True, False, False, True, False],
    )
    arg = argument(doc[4])
    assert (arg.text, arg.surface) == ("war", "the five-year war")
    count = parse(["seven", "sites"], [1, 1], ["nummod", "ROOT"], ["NUM", "NOUN"])
    assert argument(count[1]).text == "seven sites"


def _split_list(last_label):
    # a statement released by Oslo, Rome, and Lima condemned it -- parsed with ", and Lima"
    # hung on the clause as a second subject, as the small model does with long lists
    return parse(
        ["a", "statement", "released", "by", "Oslo", ",", "Rome", ",", "and", "Lima", "condemned", "it"],
        [1, 10, 1, 2, 3, 4, 4, 1, 1, 10, 10, 10],
        ["det", "nsubj", "acl", "agent", "pobj", "punct", "conj", "punct", "cc", "nsubj", "ROOT", "dobj"],
        ["DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "CCONJ", "PROPN", "VERB", "PRON"],
        ["a", "statement", "release", "by", "Oslo", ",", "Rome", ",", "and", "Lima", "condemn", "it"],
        ents=["O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", f"B-{last_label}", "O", "O"],
        spaces=[True, True, True, True, False, True, False, True, True, True, True, False],
    )


def test_second_subject_after_a_list_is_its_last_member():
    doc = _split_list("GPE")
    doc[2].tag_ = "VBN"
    found = spo(doc)
    assert {("Oslo", "release", "statement"), ("Lima", "release", "statement")} <= found
    assert ("statement", "condemn", "it") in found and ("Lima", "condemn", "it") not in found


def test_second_subject_of_another_kind_stays_out_of_the_list():
    doc = _split_list("PERSON")
    doc[2].tag_ = "VBN"
    assert ("Lima", "release", "statement") not in spo(doc)


def test_a_relative_word_the_parser_made_a_second_subject_is_the_object():
    # Oslo fined the firm, which Rome had sold to Lima -- with "which" parsed as a subject
    doc = parse(
        ["Oslo", "fined", "the", "firm", ",", "which", "Rome", "had", "sold", "to", "Lima"],
        [1, 1, 3, 1, 3, 8, 8, 8, 3, 8, 9],
        ["nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "nsubj", "aux", "relcl", "prep", "pobj"],
        ["PROPN", "VERB", "DET", "NOUN", "PUNCT", "PRON", "PROPN", "AUX", "VERB", "ADP", "PROPN"],
        ["Oslo", "fine", "the", "firm", ",", "which", "Rome", "have", "sell", "to", "Lima"],
    )
    doc[5].tag_ = "WDT"
    found = spo(doc)
    assert {("Rome", "sell", "firm"), ("Rome", "sell firm to", "Lima")} <= found, sorted(found)
    assert not any(subject == "firm" for subject, _, _ in found), sorted(found)


#: construction -> (sentence, [(subject, relation, object, {field: value})]).
CONSTRUCTIONS = {
    # the small model hangs "by prosecutors" on "murder", leaving the passive without its agent
    "a passive's agent hung on its object": (
        "The suspect was charged with murder by prosecutors.", [("prosecutors", "charge with", "suspect", {})]),
    "a passive's agent after its object's phrase": (
        "Three soldiers were convicted of torture by a military court in Ankara.",
        [("military court", "convict of", "Three soldiers", {})]),
    "a passive's agent beside a date": ("The tunnel was finished by the navy in 2015.", [("navy", "finish", "tunnel", {})]),
    # "condemn X for Y" holds X to Y; "in the strongest terms", "in Brazil", "on Friday" say how, where, when
    "a manner phrase is no object-prep complement": (
        "The council condemns the shelling in the strongest terms.", [("council", "condemn", "shelling", {})]),
    "a place is no object-prep complement": ("The regulator banned the game in Brazil.", [("regulator", "ban", "game", {})]),
    "a time is no object-prep complement": (
        "The regulator criticised the bank on Friday.", [("regulator", "criticise", "bank", {})]),
    # "X is thought to be behind Y": nobody says X thinks; the claim about X is hedged
    "a belief in the passive hedges": (
        "The consortium is thought to be behind the outage.", [("consortium", "be behind", "outage", {"modality": "hedged"})]),
    "a passive infinitive under a belief": (
        "The smugglers are believed to be linked to a cartel.", [("smugglers", "be link to", "cartel", {})]),
    # the rule lemmatizer cuts "fined" to "fin" and "hoped" to "hop"; the sum names no party
    "a party fined a sum is the object": ("The watchdog fined the bank $3 million.", [("watchdog", "fine", "bank", {})]),
    "a silent e kept": ("The villagers hoped to rebuild the bridge.", [("villagers", "hope to rebuild", "bridge", {})]),
    "neither/nor negates each conjunct": (
        "Neither Peru nor Chile signed the treaty.",
        [("Peru", "sign", "treaty", {"negated": True}), ("Chile", "sign", "treaty", {"negated": True})]),
    "and negates neither conjunct": ("Peru and Chile signed the treaty.", [("Chile", "sign", "treaty", {"negated": False})]),
    "yet to is not done so far": (
        "The agency has yet to respond to the allegations.", [("agency", "respond to", "allegations", {"negated": True})]),
    "has to is no negation": (
        "The agency has to respond to the allegations.", [("agency", "have to respond to", "allegations", {"negated": False})]),
    "fronted year is a circumstance, not an object": (
        "In 1998 the army abandoned the old fort at Port Elm.",
        [("army", "abandon", "old fort", {"circumstances": "In 1998", "object_text": "the old fort at Port Elm"})],
    ),
    "passive keeps place and time beside the triple": (
        "The treaty was signed by Peru in Lima in 1929.",
        [("Peru", "sign", "treaty", {"circumstances": "in Lima in 1929"})],
    ),
    "bare time noun and place phrase": (
        "Rebels attacked a convoy near the border during the night.",
        [("Rebels", "attack", "convoy", {"circumstances": "near the border during the night"})],
    ),
    "role after 'as' is the object of an intransitive verb": (
        "Maria Ortiz served as a wartime mayor for six years.",
        [("Maria Ortiz", "serve as", "wartime mayor", {"circumstances": "for six years", "object_type": "Thing"})],
    ),
    "a role after 'as' with its organisation relates the two": (
        "Maria Ortiz served as mayor of Quito for six years. Ortiz served as the Mexican ambassador to the European Union.",
        [
            ("Maria Ortiz", "serve as mayor of", "Quito", {"circumstances": "for six years"}),
            ("Ortiz", "serve as ambassador to", "European Union", {}),
        ],
    ),
    "agentless passive with a noun complement": (
        "The veteran diplomat was appointed ambassador to Chile in 2010.",
        [("veteran diplomat", "be appoint", "ambassador", {})],
    ),
    "speech verb whose object is a noun, not a quote": (
        "The novelist wrote a memoir about her childhood.",
        [("novelist", "write", "memoir", {"object_text": "a memoir about her childhood"})],
    ),
    "scene nouns are objects outside a prepositional phrase": (
        "The court handles cases of fraud.",
        [("court", "handle", "cases of fraud", {})],
    ),
    "event noun as direct object": (
        "The club organised two charity events in May.",
        [("club", "organise", "two charity events", {"circumstances": "in May"})],
    ),
    "partitive quantifier as object and as subject": (
        "The council transferred all of its land to the trust. All of the ministers criticised the budget.",
        # the whole is the argument ("all of its land" is written in subject_text/object_text)
        [("council", "transfer", "its land", {"object_text": "all of its land"}), ("ministers", "criticise", "budget", {})],
    ),
    "recipient of a ditransitive verb": (
        "The bank lent money to the city.",
        [("bank", "lend", "money", {}), ("bank", "lend to", "city", {})],
    ),
    "coordinated predicate adjectives share the last one's preposition": (
        "The new tower is taller and heavier than the old one.",
        [("new tower", "be taller than", "old one", {}), ("new tower", "be heavier than", "old one", {})],
    ),
    "coordinated predicate nouns each keep their own preposition": (
        "Rome is a partner of Paris and a rival of Berlin.",
        [("Rome", "be partner of", "Paris", {}), ("Rome", "be rival of", "Berlin", {})],
    ),
    "a role in apposition with its organisation is the title": (
        "Nancy Craig, advertising manager for the Red Cross, praised the volunteers.",
        [("Nancy Craig", "praise", "volunteers", {"subject_type": "Person", "subject_title": "advertising manager for the Red Cross"})],
    ),
    "co-actor after 'along with' or 'together with'": (
        "Zane, along with his friend Derek Stevens, announced a new tour. Together with Chile, Peru signed the accord.",
        [
            ("Zane", "announce", "new tour", {"circumstances": None}),
            ("Derek Stevens", "announce", "new tour", {"subject_type": "Person"}),
            ("Peru", "sign", "accord", {}),
            ("Chile", "sign", "accord", {}),
        ],
    ),
    "directional adverb governs the preposition like a particle": (
        "The army moved away from the border. Two officers were recalled back to active duty.",
        [("army", "move away from", "border", {}), ("Two officers", "be recall back to", "active duty", {})],
    ),
    "relative 'where' clause happens in its antecedent": (
        "Police sealed off the square where the attack took place. They visited the village where the tanks were stored.",
        [
            ("Police", "seal off", "square", {}),
            ("attack", "take place in", "square", {}),
            ("tanks", "be store in", "village", {}),
        ],
    ),
    "partitive apposition and partitive predicate": (
        "Alan, one of the crew, opened the hatch. Maria was one of the founders of the club.",
        [("Alan", "be one of", "crew", {}), ("Alan", "open", "hatch", {}), ("Maria", "be one of", "founders of the club", {})],
    ),
    "'along' is a place unless 'with' follows": (
        "Troops burned the crops along the river.",
        [("Troops", "burn", "crops", {"circumstances": "along the river"})],
    ),
    "the other party in a prepositional phrase beside the theme": (
        "The ferry company sold two ships to a Greek operator. Ruritania fired three rockets at Elbonia. "
        "Oslo will send medical teams to Haiti.",
        [
            ("ferry company", "sell", "two ships", {}),
            ("ferry company", "sell ships to", "Greek operator", {}),
            ("Ruritania", "fire rockets at", "Elbonia", {}),  # no "fire | three rockets": the dyad holds the theme
            ("Oslo", "send teams to", "Haiti", {"modality": "future"}),
        ],
    ),
    "a named place after 'at' is where, not a target": (
        "The two ministers signed the treaty at Geneva.",
        [("two ministers", "sign", "treaty", {"circumstances": "at Geneva"})],
    ),
    "object and infinitive: the main triple and the embedded one, hedged": (
        "The new law would allow Chile to deport foreign fishermen. "
        "Madrid persuaded the other governments to boycott the summit.",
        [
            ("new law", "allow", "Chile", {"modality": "hedged"}),
            ("Chile", "deport", "foreign fishermen", {"modality": "hedged"}),
            ("Madrid", "persuade", "other governments", {"modality": "asserted"}),
            ("other governments", "boycott", "summit", {"modality": "hedged"}),
        ],
    ),
    "an infinitive the tagger took for a noun is still a verb": (
        "The protests did not persuade Western governments to sanction Belarus.",
        [("Western governments", "sanction", "Belarus", {"modality": "hedged"})],
    ),
    "'call on X to do Y': X does Y, hedged": (
        "The ministers called on Serbia to free the journalists.",
        [("ministers", "call on", "Serbia", {}), ("Serbia", "free", "journalists", {"modality": "hedged"})],
    ),
    "a finite verb joined to an infinitive shares the governor's subject": (
        "The premier urged the council to resign and met with Pedro Sanchez.",
        [("premier", "urge", "council", {}), ("premier", "meet with", "Pedro Sanchez", {"modality": "asserted"})],
    ),
    "an owner's title stays out of the possessed noun": (
        "Lula asked for finance minister Fernando Haddad's resignation.",
        [("Lula", "ask for", "Fernando Haddad's resignation", {})],
    ),
    "the object noun's own other party": (
        "Peru asked Chile to waive the visa fees for Bolivian students.",
        [
            ("Chile", "waive", "visa fees", {"modality": "hedged"}),
            ("Chile", "waive visa fees for", "Bolivian students", {"modality": "hedged"}),
        ],
    ),
    "an agent or a role after the object noun is no party": (
        "Hungary joined the appeals by Polish farmers. Ireland joined the mission as an observer.",
        [("Hungary", "join", "appeals", {}), ("Ireland", "join", "mission", {})],
    ),
    "an attack's target stays in its span": (
        "The militia orchestrated attacks on army outposts in Mali.",
        [("militia", "orchestrate", "attacks on army outposts", {})],
    ),
    "a predicate nominal's participle acts on the subject": (
        "They toured Camp Lemonnier, which is a naval base used by the French Navy.",
        [("French Navy", "use", "Camp Lemonnier", {})],
    ),
    "killed in an attack: the attack did it": (
        "Two guards were killed in the ambush.",
        [("ambush", "kill", "Two guards", {})],
    ),
    "a noun made to do something does it, as an aim": (
        "A motion to censure the governor was tabled. Efforts by the mediators to save the truce failed.",
        [
            ("motion", "censure", "governor", {"modality": "future"}),
            ("mediators", "save", "truce", {"modality": "future"}),
        ],
    ),
    "'in support of' relates the clause's subject to the one supported": (
        "The farmers marched to the capital in support of the strikers.",
        [("farmers", "support", "strikers", {})],
    ),
    "a span of time that names its content is an argument": (
        "The king declared two weeks of national mourning.",
        [("king", "declare", "weeks of national mourning", {})],
    ),
    "'including' names the members": (
        "Airlines including Lufthansa and Iberia suspended flights to Caracas.",
        [("Lufthansa", "suspend flights to", "Caracas", {}), ("Iberia", "suspend flights to", "Caracas", {})],
    ),
    "a symmetric verb relates coordinated subjects": (
        "Ortega and the bishops disagreed.",
        [("Ortega", "disagree with", "bishops", {})],
    ),
    "'X, whose N is Y' -> Y is N of X": (
        "The Kenyan navy, whose commander-in-chief is President William Ruto, seized the boat.",
        [("William Ruto", "be commander-in-chief of", "Kenyan navy", {})],
    ),
    "'count on X to do Y': X does Y, hedged": (
        "I count on Serbia to act with restraint.",
        [("Serbia", "act with", "restraint", {"modality": "hedged"})],
    ),
    "a relation noun between two parties": (
        "Fishing rights remain the main dispute between Iceland and Norway.",
        [("Iceland", "have main dispute with", "Norway", {})],
    ),
    "an appraisal verb's judgement joins the relation": (
        "The auditors found the contract unlawful. The opposition called the vote a farce.",
        [("auditors", "find unlawful", "contract", {}), ("opposition", "call farce", "vote", {})],
    ),
    "a quoted adjective after the noun is no part of it": (
        'The court called the agreements "void" and "unfair".',
        [("court", "call void and unfair", "agreements", {})],
    ),
    "a list keeps its members when an office is hung on the first": (
        "Washington designated Dario Ruiz, the chief of the border police, Ana Vela and Luis Soto.",
        [
            ("Washington", "designate", "Dario Ruiz", {"object_title": "chief of the border police"}),
            ("Washington", "designate", "Ana Vela", {"object_title": None}),
            ("Washington", "designate", "Luis Soto", {}),
        ],
    ),
    "a second infinitive under a directive verb is hedged too": (
        "We urge the junta to free the prisoners and to restore ties with Ghana.",
        [
            ("junta", "free", "prisoners", {"modality": "hedged"}),
            ("junta", "restore ties with", "Ghana", {"modality": "hedged"}),
        ],
    ),
    "'such as' names the party": (
        "Washington urged allies such as Japan to cut oil imports.",
        [("Washington", "urge", "Japan", {}), ("Japan", "cut", "oil imports", {"modality": "hedged"})],
    ),
    "a named place after 'in' or 'at' says where, unless the verb takes a place": (
        "The envoys met in Doha on Friday. The old ambassador lives in Lisbon. The minister lashed out at Hungary.",
        [
            ("old ambassador", "live in", "Lisbon", {}),
            ("minister", "lash out at", "Hungary", {}),
        ],
    ),
    "a subject and negation the parser hung on the auxiliary": (
        "The ministry had not, as of Friday, published the figures.",
        [("ministry", "publish", "figures", {"negated": True})],
    ),
    "an infinitive on the object that makes no triple leaves the object to its verb": (
        "The mayor unveiled a new plan to be debated next month. The ruling may limit the journalists' freedom to travel.",
        [("mayor", "unveil", "new plan", {}), ("ruling", "limit", "journalists' freedom", {"modality": "hedged"})],
    ),
    "a participle outside the quote is the speaker's": (
        'The coach said, "We played badly", while addressing the fans.',
        [("coach", "address", "fans", {"attributed_to": None})],
    ),
    "a fronted aim belongs to the subject, not to the object": (
        "To end the strike, the company invited the unions to resume talks.",
        [("company", "end", "strike", {}), ("company", "invite", "unions", {}), ("unions", "resume", "talks", {})],
    ),
    "'out' as a preposition without an object is a particle": (
        "Several banks have pulled out of Venezuela.",
        [("Several banks", "pull out of", "Venezuela", {})],
    ),
    "a gerund after an aspect verb keeps its preposition": (
        "The insurer ceased trading in Cuba.",
        [("insurer", "cease trading in", "Cuba", {})],
    ),
    "a fronted 'with' clause is not what the main verb reports": (
        "With Brazil urging its neighbours to cut tariffs, Chile announced a new trade deal.",
        [("Brazil", "urge", "its neighbours", {"attributed_to": None}), ("Chile", "announce", "new trade deal", {})],
    ),
    "a mandate's bare clause joins the relation": (
        "The two senators urged that the sanctions be lifted. The bishops called for the prisoners to be freed. "
        "The envoy recommended the troops withdraw from Kabul.",
        [
            ("two senators", "urge lift", "sanctions", {"modality": "asserted"}),
            ("bishops", "call for free", "prisoners", {}),
            ("envoy", "recommend withdraw", "troops", {}),
            ("troops", "withdraw from", "Kabul", {"modality": "hedged"}),
        ],
    ),
    "'who' stands for the person right before it": (
        "Ana had talks with Pedro Sanchez who is the mayor of Leon.",
        [("Ana", "have talks with", "Pedro Sanchez", {}), ("Pedro Sanchez", "be mayor of", "Leon", {})],
    ),
    "a participle on a noun with a 'by' agent is the agent's": (
        "Peru backed a petition by local farmers demanding lower taxes.",
        [("Peru", "back", "petition", {}), ("local farmers", "demand", "lower taxes", {})],
    ),
    "'demand from X to do Y': X does Y, hedged": (
        "The families demanded from the ministry to release the bodies.",
        [("ministry", "release", "bodies", {"modality": "hedged"})],
    ),
    "a gerund complement joins the relation without 'to'; one of onset or manner does not": (
        "The charity stopped funding the clinic. The board considered selling the stadium. "
        "Rebels began shelling the city. Most trades occur using gold coins.",
        [
            ("charity", "stop fund", "clinic", {}),
            ("board", "consider sell", "stadium", {}),
            ("Rebels", "shell", "city", {}),
            ("Most trades", "use", "gold coins", {}),
        ],
    ),
    "a list the parser hung inside a name": (
        "Rebels captured Tell Abyad and Ras al-Ain last week.",
        [("Rebels", "capture", "Tell Abyad", {}), ("Rebels", "capture", "Ras al-Ain", {})],
    ),
    "the noun before a gerund is its subject": (
        "The report spoke of Russia sending troops to the border.",
        [("Russia", "send", "troops", {}), ("Russia", "send troops to", "border", {})],
    ),
    "a noun described by a passive participle does its infinitive": (
        "Police arrested two men believed to have been involved in the robbery. "
        "The dam is a joint project intended to supply water to Jordan.",
        [
            ("two men", "be involve in", "robbery", {"modality": "hedged"}),
            ("dam", "supply water to", "Jordan", {"modality": "future"}),
        ],
    ),
    "'X, whose task it is to do Y': X does Y": (
        "They praised the Dutch navy, whose task it is to protect the shipping lanes.",
        [("Dutch navy", "protect", "shipping lanes", {})],
    ),
    "an appraisal relates its object to a third party, in the appraiser's words": (
        "The court called the merger incompatible with European law. "
        "The premier described the blockade as an attack on Qatar.",
        [
            ("merger", "be incompatible with", "European law", {"attributed_to": "court"}),
            ("blockade", "be attack on", "Qatar", {"attributed_to": "premier"}),
        ],
    ),
    "a speech verb with an addressee keeps its triple": (
        "The mayor wrote to the Spanish government about the flooding.",
        [("mayor", "write to", "Spanish government", {})],
    ),
    "a verb of striving joins the relation; a raising verb only hedges": (
        "The rebels threatened to attack the capital. The treaty seeks to cut tariffs. "
        "The officials appear to have misled the court.",
        [
            ("rebels", "threaten to attack", "capital", {"modality": "asserted"}),
            ("treaty", "seek to cut", "tariffs", {"modality": "asserted"}),
            ("officials", "mislead", "court", {"modality": "hedged"}),
        ],
    ),
    "'as did X': X does the same": (
        "Spain condemned the coup, as did Portugal and Italy.",
        [("Spain", "condemn", "coup", {}), ("Portugal", "condemn", "coup", {}), ("Italy", "condemn", "coup", {})],
    ),
    "'in order to' is the clause subject's aim": (
        "The council will close the bridge in order to calm the residents.",
        [("council", "calm", "residents", {"modality": "future"})],
    ),
    "a verb that takes a place takes its 'where' antecedent too": (
        "The convoy was attacked near Kandahar, where the minister was arriving by helicopter.",
        [("minister", "arrive in", "Kandahar", {})],
    ),
    "coordinated noun modifiers give one object each": (
        "The suspects will face fraud and bribery charges.",
        [("suspects", "face", "fraud charges", {}), ("suspects", "face", "bribery charges", {})],
    ),
    "no time or place, no circumstances": (
        "Canada vetoed the proposal.",
        [("Canada", "veto", "proposal", {"circumstances": None})],
    ),
}


def _found(nlp, text):
    return {(t.subject, t.relation, t.object): t for t in triples(nlp(text), "t")}


def test_a_hyphenated_word_is_one_argument(nlp):
    found = _found(nlp, "The party endorsed Ana Ruiz's re-election. The march drew a counter-protest.")
    assert ("party", "endorse", "Ana Ruiz's re-election") in found, sorted(found)
    assert [o for _, relation, o in found if relation == "draw"] == ["counter-protest"]


def test_an_ed_word_opening_a_second_object_after_and_is_a_second_verb(nlp):
    # the small model reads "contacted suppliers" as an adjective and a second object of "reviewed"
    found = _found(nlp, "The inspectors reviewed the files and contacted suppliers and former staff.")
    assert {("inspectors", "contact", "suppliers"), ("inspectors", "contact", "former staff")} <= set(found), \
        sorted(found)
    assert [o for _, relation, o in found if relation == "review"] == ["files"]


def test_a_passives_by_a_date_is_a_deadline_not_an_agent(nlp):
    found = _found(nlp, "The tunnel was finished by 2015. The dam is expected to be built by May 2030.")
    assert not [s for s, _, _ in found if s[:1].isdigit() or s.startswith("May")], sorted(found)


def test_a_by_naming_the_author_of_an_estimate_stays_on_it():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from kg.extraction.repairs import mend_parse

    words = "Shops were damaged with estimates by officials .".split()
    doc = Doc(Vocab(), words=words, heads=[2, 2, 2, 2, 3, 4, 5, 2],
              deps="nsubjpass auxpass ROOT prep pobj prep pobj punct".split(),
              tags="NNS VBD VBN IN NNS IN NNS .".split(), lemmas="shop be damage with estimate by official .".split())
    assert (doc[5].dep_, doc[5].head.text) == ("prep", "estimates")
    mend_parse(doc)
    assert (doc[5].dep_, doc[5].head.text) == ("prep", "estimates")
    doc = Doc(Vocab(), words="Shops were damaged with fire by rioters .".split(), heads=[2, 2, 2, 2, 3, 4, 5, 2],
              deps="nsubjpass auxpass ROOT prep pobj prep pobj punct".split(),
              tags="NNS VBD VBN IN NN IN NNS .".split(), lemmas="shop be damage with fire by rioter .".split())
    mend_parse(doc)
    assert (doc[5].dep_, doc[5].head.text) == ("agent", "damaged")


@pytest.mark.parametrize("text, expected", list(CONSTRUCTIONS.values()), ids=list(CONSTRUCTIONS))
def test_construction(nlp, text, expected):
    found = _found(nlp, text)
    for subject, relation, obj, fields in expected:
        assert (subject, relation, obj) in found, sorted(found)
        triple = found[subject, relation, obj]
        for name, value in fields.items():
            assert getattr(triple, name) == value, (name, triple)


def test_relative_clause_after_a_preposition_does_not_take_its_antecedent_as_object(nlp):
    found = _found(nlp, "Brazil rejected the treaty in which Peru and Chile agreed on a new border.")
    assert ("Peru", "agree on", "new border") in found
    assert not any(relation == "agree" for _, relation, _ in found), sorted(found)


def test_before_and_after_place_events_in_time_not_parties(nlp):
    assert _found(nlp, "The report was published after the summit.") == {}


def test_two_sided_event_noun_takes_no_further_party(nlp):
    found = _found(nlp, "The border dispute overshadowed the summit with Ecuador.")
    assert not any(obj == "Ecuador" for _, _, obj in found), sorted(found)


def test_no_party_in_glosses_speeches_crowds_or_a_role(nlp):
    found = _found(
        nlp,
        "Hundreds of ISIS (Islamic State of Iraq and Syria) fighters escaped. Ortega continued in his speech. "
        "There was anger among farmers. Quito expelled the ambassador to Peru. No-one takes it seriously.",
    )
    assert not any(relation.startswith("be") for _, relation, _ in found), sorted(found)
    assert not any(obj in ("speech", "Peru") or subject == "one" for subject, _, obj in found), sorted(found)


def test_a_relative_clause_on_the_first_member_describes_that_member_only(nlp):
    found = _found(nlp, "The ministry sanctioned Dario Ruiz, who is the chief of the border police, Ana Vela and Luis Soto.")
    assert ("Dario Ruiz", "be chief of", "border police") in found
    assert {("ministry", "sanction", name) for name in ("Dario Ruiz", "Ana Vela", "Luis Soto")} <= set(found)
    assert not any(relation == "be chief of" and subject != "Dario Ruiz" for subject, relation, _ in found), sorted(found)


def test_ahead_of_a_deadline_is_when_not_a_party(nlp):
    found = _found(nlp, "The council voted ahead of the deadline.")
    assert not any(obj == "deadline" for _, _, obj in found), sorted(found)


def test_meeting_place_is_a_circumstance_not_an_object(nlp):
    assert not any(t.object == "Doha" for t in _found(nlp, "The envoys met in Doha on Friday.").values())


def test_a_participle_after_a_time_describes_the_time(nlp):
    found = _found(nlp, "Peru said it planned to join the pact in the week leading up to the vote.")
    assert ("it", "join", "pact") in found
    assert not any("lead" in relation for _, relation, _ in found), sorted(found)


def test_a_fronted_aim_is_not_the_object_s(nlp):
    found = _found(nlp, "To end the strike, the company invited the unions to resume talks.")
    assert ("unions", "end", "strike") not in found, sorted(found)


def test_a_mandated_passive_makes_no_triple_of_its_own(nlp):
    found = _found(nlp, "The bishops called for the prisoners to be freed.")
    assert not any(relation.startswith("be ") for _, relation, _ in found), sorted(found)


def test_an_indirect_question_is_not_asserted(nlp):
    found = _found(nlp, "The ministry would not say whether it had paid the ransom to the rebels. "
                        "Tourists wonder whether the island is a safe place for families.")
    assert not found, sorted(found)


def test_a_where_clause_on_an_abstract_noun_names_no_place(nlp):
    found = _found(nlp, "The dispute grew to a stage where nobody trusted the courts.")
    assert not any(relation.endswith(" in") for _, relation, _ in found), sorted(found)


def test_a_mandate_that_reports_a_fact_is_no_mandate(nlp):
    assert not any("insist" in r for _, r, _ in _found(nlp, "The union insisted the strike was lawful."))


def test_a_relative_noun_or_a_gerund_s_subject_is_no_object(nlp):
    found = _found(nlp, "They praised the Dutch navy, whose task it is to protect the shipping lanes. "
                        "The report spoke of Russia sending troops to the border.")
    assert not any("task" in obj or obj == "Russia" for _, _, obj in found), sorted(found)
    assert not any(subject == "report" for subject, _, _ in found), sorted(found)


def test_a_name_after_an_apposition_is_a_partner_not_the_role(nlp):
    found = _found(nlp, "Lisbon, the first stop, and Madrid, which has its own airport, were invited to bid.")
    assert ("Lisbon", "be", "first stop") in found and ("Lisbon", "be", "Madrid") not in found, sorted(found)


def test_speech_verb_with_a_clause_stays_a_bare_speech_act(nlp):
    assert _found(nlp, "The senator said that the bill would pass.") == {}


#: construction -> (sentence, triple kg should find, why it does not yet).
KNOWN_MISSES = {
    "shared object of coordinated verbs": (
        "The company designed and built the new stadium.",
        ("company", "design", "new stadium"),
        "the parser hangs the object on the last verb only; sharing it would also give "
        "'protesters | gather | flags' for 'gathered and burned flags'",
    ),
}


@pytest.mark.parametrize(
    "text, triple",
    [pytest.param(t, x, marks=pytest.mark.xfail(strict=True, reason=r)) for t, x, r in KNOWN_MISSES.values()],
    ids=list(KNOWN_MISSES),
)
def test_known_misses(nlp, text, triple):
    assert triple in _found(nlp, text)


def test_a_means_gerund_is_the_subject_s_own_act(nlp):
    found = _found(nlp, "The navy has taken firm action to protect the fishermen by detaining the smugglers' boats. "
                        "The envoys walked out of the conference without endorsing the declaration.")
    assert ("navy", "take action to protect", "fishermen") in found, sorted(found)
    assert ("navy", "detain", "smugglers' boats") in found, sorted(found)
    assert not any(subject == "firm action" or relation.endswith(" by") for subject, relation, _ in found), sorted(found)
    assert found[("envoys", "endorse", "declaration")].negated, sorted(found)


def test_an_attribute_narrowed_by_its_own_clause_is_no_bare_copula(nlp):
    found = _found(nlp, "Moreno was the second envoy to resign this year. Camp Delta is a depot used by both armies. "
                        "Moreno is a diplomat.")
    assert not any(obj in ("second envoy", "depot") for _, _, obj in found), sorted(found)
    assert ("Moreno", "be", "diplomat") in found, sorted(found)


def test_an_owner_whose_noun_is_left_out_is_no_argument(nlp):
    found = _found(nlp, "The ferry line was Norway's first in public hands. The carrier was Peru's first to fly to Asia.")
    assert not any(obj in ("Norway", "Peru") for _, _, obj in found), sorted(found)
    assert ("carrier", "fly to", "Asia") in found, sorted(found)


def test_a_relative_clause_the_parser_hung_on_a_word_it_cannot_describe(nlp):
    found = _found(
        nlp,
        "The alliance announced a naval task force to guard the Red Sea which was joined by Kenya and Oman. "
        "Maria Gonzalez, an envoy for the Office of the High Commissioner for Refugees who had visited the camp, spoke first. "
        "The strikers, numbering in the thousands, who have blocked the port since May, rejected the offer.",
    )
    assert {("Kenya", "join", "naval task force"), ("Oman", "join", "naval task force")} <= set(found), sorted(found)
    assert ("Maria Gonzalez", "visit", "camp") in found, sorted(found)
    assert ("strikers", "block", "port") in found, sorted(found)
    assert not any(obj == "Red Sea" and relation == "join" for _, relation, obj in found), sorted(found)


def test_a_body_formed_to_do_something_does_it(nlp):
    found = _found(nlp, "Last month, Chile announced a naval coalition to patrol the Strait of Magellan which was joined by Peru.")
    assert ("Chile", "announce", "naval coalition") in found, sorted(found)
    assert found[("naval coalition", "patrol", "Strait of Magellan")].modality == "future", sorted(found)
    assert ("Peru", "join", "naval coalition") in found, sorted(found)
    assert not any(relation.startswith("announce coalition to") for _, relation, _ in found), sorted(found)


def test_a_dyad_with_a_party_named_by_a_common_noun_holds_its_theme(nlp):
    found = _found(nlp, "The court issued arrest warrants for twelve officials. The bloc seeks to cut tariffs on most goods.")
    assert ("court", "issue arrest warrants for", "twelve officials") in found, sorted(found)
    assert ("court", "issue", "arrest warrants") not in found, sorted(found)
    assert ("bloc", "seek to cut", "tariffs") in found, sorted(found)  # goods are no party: the theme stays


def test_respectively_gives_each_member_of_a_list_its_name(nlp):
    found = _found(nlp, "The Chilean and Peruvian foreign ministers, Maria Lopez and John Smith, respectively, signed the accord. "
                        "The Chilean and Peruvian delegates signed the treaty.")
    assert {("Maria Lopez", "sign", "accord"), ("John Smith", "sign", "accord")} <= set(found), sorted(found)
    assert not any("ministers" in subject for subject, _, _ in found), sorted(found)
    assert ("Chilean delegates", "sign", "treaty") in found, sorted(found)  # no names: the list stays as written


def test_how_far_something_went_is_no_party(nlp):
    found = _found(nlp, "The dispute has escalated to a point where nobody talks. The cases were discussed at senior levels.")
    assert not any(obj in ("point", "senior levels") for _, _, obj in found), sorted(found)


def test_between_names_both_parties_at_once(nlp):
    found = _found(nlp, "Fishing rights are the main dispute between Norway and Iceland. "
                        "They stressed the value of the trade between the two states and the work of the council.")
    assert ("Norway", "have main dispute with", "Iceland") in found, sorted(found)
    assert not any(relation.endswith("between") for _, relation, _ in found), sorted(found)
    assert not any(obj.startswith("work") for _, _, obj in found), sorted(found)


def test_a_question_asks_and_tells_nothing(nlp):
    found = _found(nlp, "Will Oslo join the pact? \"Did the army shell the village?\" the senator asked. "
                        "Which candidates have you endorsed? Oslo will join the pact.")
    assert ("Oslo", "join", "pact") in found and found[("Oslo", "join", "pact")].modality == "future", sorted(found)
    assert len([t for t in triples(nlp("Will Oslo join the pact?"), "t")]) == 0
    assert not any(obj in ("village", "candidates") for _, _, obj in found), sorted(found)


@pytest.mark.xfail(strict=True, reason="appositive roles make no triple in the news gold (GUIDELINES: they are titles), but "
                   "CaRB keeps 'X | is | a cyclist': dropping them costs CaRB dev F1 0.004, below its 0.47 floor")
def test_an_appositive_description_is_no_triple(nlp):
    found = _found(nlp, "Lena Ortiz, a 40-year-old cyclist, was hit by a delivery van.")
    assert not any(relation == "be" for _, relation, _ in found), sorted(found)


@pytest.mark.xfail(strict=True, reason="a state the subject is in names no second party, but CaRB keeps 'X | is in | Y': "
                   "dropping copula + in/under/on + a common noun costs CaRB dev F1 0.004")
def test_a_state_after_a_copula_is_no_party(nlp):
    found = _found(nlp, "The ferry line is in private hands. The nurses were under great strain.")
    assert not found, sorted(found)


def test_a_ban_is_an_event_with_its_target_in_its_span(nlp):
    found = _found(nlp, "Sweden's ban on the carrier is not part of a wider plan.")
    assert ("Sweden", "impose ban on", "carrier") in found, sorted(found)
    assert any(subject.startswith("ban on") or "ban on the carrier" in subject for subject, _, _ in found), sorted(found)


def test_who_spends_the_time_does_the_deed(nlp):
    found = _found(nlp, "The general spent his whole career fighting the rebels.")
    assert ("general", "fight", "rebels") in found, sorted(found)
    assert not any("career" in subject for subject, _, _ in found), sorted(found)
