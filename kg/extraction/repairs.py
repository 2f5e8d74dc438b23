"""Parses the small model gets wrong in a way every later rule would trip on, mended once.

``kg_repairs`` runs after the tagger, parser and NER and before the actors are read,
so extraction and resolution see one tree:

==============================  =================================================
misparse                        mended
==============================  =================================================
"examined data and contacted    "contacted" is a second verb coordinated with
experts and officials": the     "examined", its object "experts" (with the
parser makes "contacted" an     officials): the subject examined data and
adjective of "experts", a       contacted experts and officials
second object of "examined"
"was charged with murder by     "by prosecutors" is the passive verb's agent: the
prosecutors": the parser hangs  prosecutors charged the suspect with murder
"by" on "murder"
"re-election", "co-author":     one word: the tokenizer splits at the hyphen and
three tokens, each its own      the parser hangs the pieces side by side, so an
argument ("Trump's re")         argument stopped at "re" ("Trump's re")
==============================  =================================================

Examples
--------
>>> from spacy.vocab import Vocab
>>> from spacy.tokens import Doc
>>> words = "Ana examined data and contacted experts .".split()
>>> doc = Doc(Vocab(), words=words, heads=[1, 1, 1, 2, 5, 2, 1],
...           deps="nsubj ROOT dobj cc amod conj punct".split(),
...           tags="NNP VBD NNS CC VBN NNS .".split(), pos="PROPN VERB NOUN CCONJ VERB NOUN PUNCT".split())
>>> [(t.text, t.dep_, t.head.text) for t in mend_parse(doc)[4:6]]
[('contacted', 'conj', 'examined'), ('experts', 'dobj', 'contacted')]
"""
from __future__ import annotations

from functools import partial
from typing import Callable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.extraction import lexicon

__all__ = ["make_repairs", "mend_parse"]

#: Tags of a finite past verb and of the participle the parser takes it for.
PAST_TAGS = frozenset(("VBD", "VBN"))


@Language.factory("kg_repairs")
def make_repairs(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The ``kg_repairs`` component, knowing the verbs of the pipeline's lemmatizer (if it has one)."""
    return partial(mend_parse, verbs=_verb_lemmas(nlp))


def _verb_lemmas(nlp: Language) -> frozenset[str]:
    """The verbs a rule lemmatizer knows; none for a pipeline without one."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    except (KeyError, AttributeError, ValueError):
        return frozenset()
    return frozenset(table.get("verb", ()))


def mend_parse(doc: Doc, verbs: frozenset[str] = frozenset()) -> Doc:
    """Mend the misparses listed in the module docstring, in place; ``verbs`` are the
    lemmatizer's known verbs, for past forms it cut to the wrong one ("hoped" -> "hop")."""
    _join_hyphenated(doc)
    for token in doc:
        lemma = _silent_e_lemma(token, verbs)
        if lemma is not None:
            token.lemma_ = lemma
        verb = _coordinated_verb_as_adjective(token)
        if verb is not None:
            noun = token.head
            token.head, token.dep_, token.pos_, token.tag_ = verb, "conj", "VERB", "VBD"
            doc[token.i - 1].head = verb  # "and"
            noun.head, noun.dep_ = token, "dobj"
            for late in [c for c in verb.subtree if c.head.i != noun.i and c.head.i < token.i < c.i
                         and c.head.dep_ == "dobj"]:
                late.head = token  # "... staff in May": the second verb's, not the first object's
        verb = _passive_agent_on_a_noun(token)
        if verb is not None:
            token.head, token.dep_ = verb, "agent"
    return doc


def _silent_e_lemma(token: Token, verbs: frozenset[str]) -> Optional[str]:
    """"hoped" -> "hope", "fined" -> "fine": the rule lemmatizer cuts "-ed" and finds a verb
    ("hop", "fin"), but a short stem that kept one consonant before "-ed" had a silent "e"
    (its "hop" would be "hopped").  Only where the "e" form is a verb as well."""
    text = token.text.lower()
    if token.tag_ not in PAST_TAGS or not text.endswith("ed") or token.lemma_.lower() != text[:-2]:
        return None
    return text[:-2] + "e" if text[:-2] + "e" in verbs else None


#: Entity labels of an agent: someone who acts.
AGENT_LABELS = frozenset(("PERSON", "ORG", "GPE", "NORP"))


def _passive_agent_on_a_noun(token: Token) -> Optional[Token]:
    """The passive verb of "was charged with murder by prosecutors", when ``token`` is a
    "by" the parser hung on the verb's prepositional object ("murder") though the verb has
    no agent: the verb's agent, when what follows "by" is someone (a name, a plural, or a
    noun with its determiner: "by a military court"), not a means ("by lethal injection")."""
    if token.text.lower() != "by" or token.dep_ != "prep" or token.head.dep_ != "pobj" \
            or token.head.lemma_.lower() in lexicon.AUTHORED_NOUNS:
        return None  # "destroyed, with some estimates by the Red Cross ...": the estimates' authors
    prep = token.head.head
    verb = prep.head
    if prep.dep_ != "prep" or verb.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in verb.children) \
            or any(c.dep_ == "agent" for c in verb.children):
        return None
    who = next((c for c in token.children if c.dep_ == "pobj"), None)
    if who is None or not (who.ent_type_ in AGENT_LABELS or who.tag_ == "NNS"
                           or any(c.dep_ in ("det", "poss") for c in who.children)):
        return None
    return verb


def _coordinated_verb_as_adjective(token: Token) -> Optional[Token]:
    """The past verb of "<subject> examined data and contacted experts", when ``token``
    ("contacted") is an -ed word right after "and" that the parser made an adjective of
    the next noun, itself a second object: a second past verb, not an adjective.  Only a
    regular form, past tense as much as participle ("stolen phones" stays phones)."""
    if token.dep_ != "amod" or token.tag_ not in PAST_TAGS or token.i == 0 or not token.text.endswith("ed"):
        return None
    noun, and_ = token.head, token.doc[token.i - 1]
    if noun.dep_ != "conj" or noun.left_edge.i != token.i or noun.i < token.i or and_.text.lower() != "and":
        return None
    # the parser hangs the noun on the first object ("data") or on the verb itself
    verb = noun.head.head if noun.head.dep_ == "dobj" else noun.head
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < token.i]
    if verb.tag_ != "VBD" or not objects or and_.head.i not in (verb.i, objects[0].i):
        return None
    return verb


def _join_hyphenated(doc: Doc) -> None:
    """Merge "re - election" (no spaces) into one token that reads as its last word ("election").

    Only where a piece is lower case ("co-author", "e-commerce", "pro-life"): two names
    ("Israeli-Cypriot", "Hewlett-Packard") keep their pieces, which the gazetteer and the
    NER read one by one; and only outside named entities, whose bounds must stay.
    """
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        j = i
        while j + 2 < n and doc[j + 1].text == "-" and not doc[j].whitespace_ and not doc[j + 1].whitespace_ \
                and doc[j].is_alpha | doc[j].is_digit and doc[j + 2].is_alpha | doc[j + 2].is_digit:
            j += 2
        if j > i and any(t.is_lower for t in doc[i : j + 1]) and not any(t.ent_type_ for t in doc[i : j + 1]):
            runs.append((i, j + 1))
        i = j + 1
    if not runs:
        return
    with doc.retokenize() as retokenizer:
        for start, end in runs:
            last = doc[end - 1]
            lemma = doc[start : end - 1].text.lower() + last.lemma_.lower()
            retokenizer.merge(doc[start:end], attrs={"LEMMA": lemma, "POS": last.pos_, "TAG": last.tag_})
