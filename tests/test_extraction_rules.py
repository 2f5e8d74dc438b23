"""Extraction rules on hand-built parses: no model, so each rule is tested on exactly the tree it expects."""
from __future__ import annotations

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
