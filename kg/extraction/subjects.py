"""Who does it: the logical subject of a clause, and the shape of its verb.

:func:`logical_subject` finds the subject of an active clause, borrowing it where
the parse leaves it out: from the governor of an ``xcomp`` ("agreed to hold" ->
the one who agreed, and "agree to " joins the relation), from the first of
coordinated verbs, from the object of "urge X to", from a participle's noun
("a resolution aimed at stopping X"), from the owner of "its duty to protect",
and from the speaker of a reporting verb coordinated after a reported clause
("insisted Y was …, and accused Z").  :func:`patient` and :func:`agent_of` are the
passive's two sides; :func:`headline_partners` and :func:`companions` find
further subjects ("Putin, Hollande meet"; "X, along with Y, said").  Each walk
goes up the clause chain only, never across the sentence.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from kg.extraction import lexicon
from kg.extraction.arguments import antecedent
from kg.extraction.tree import children_of

#: Parts of speech that head a clause.
PREDICATE_POS = frozenset(("VERB", "AUX"))

def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in children_of(token) if c.dep_ in deps]


def is_particle(token: Token) -> bool:
    """A verb particle, or a directional adverb that governs the verb's preposition ("recalled back to")."""
    return token.dep_ == "prt" or (
        token.dep_ == "advmod"
        and token.lower_ in lexicon.DIRECTION_ADVERBS
        and any(c.dep_ == "prep" for c in children_of(token))
    )


def verb_base(verb: Token) -> tuple[str, list[Token]]:
    """Lemma plus particle: "carried out" -> ("carry out", tokens)."""
    particles = [c for c in children_of(verb) if is_particle(c)]
    words = [verb.lemma_.lower()] + [p.lower_ for p in particles]
    return " ".join(words), [verb, *particles]


def is_passive(verb: Token) -> bool:
    """Passive voice, also for participles ("a statement released by …") and their conjuncts."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in children_of(verb)):
        return True
    if verb.tag_ != "VBN" or children(verb, "nsubj"):
        return False  # "claims that Peru had bribed the judges" is active
    if verb.dep_ == "acl":
        return True
    if verb.dep_ == "conj" and not children(verb, "nsubj", "aux"):
        return is_passive(verb.head)
    return False


def is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(verb))


def pobjs(prep: Token) -> list[Token]:
    return [antecedent(c) for c in children_of(prep) if c.dep_ == "pobj"]


def noun_words(noun: Token) -> tuple[str, list[Token]]:
    """A frame noun as it joins the relation: compounds kept, determiners dropped."""
    parts = [c for c in children_of(noun) if c.dep_ == "compound" and c.i < noun.i] + [noun]
    return " ".join(t.lower_ for t in parts), parts


def is_report_after_comma(verb: Token) -> bool:
    """A reporting verb coordinated after a comma with the clause another reporting verb governs.

    The parser hangs "and accused Z" in "X insisted Y was …, and accused Z" on the
    reported clause; the speaker, not Y, is the one who accuses.
    """
    clause = verb.head
    if clause.dep_ != "ccomp" or verb.lemma_.lower() not in lexicon.REPORTING_VERBS:
        return False
    if clause.head.lemma_.lower() not in lexicon.REPORTING_VERBS:
        return False
    return verb.i > 1 and verb.doc[verb.i - 2].text == "," and verb.doc[verb.i - 1].dep_ == "cc"


def is_misparsed_modifier(verb: Token) -> bool:
    """"the British based Observatory": a participle modifier the parser made a clause of.

    The word right before the participle is its "subject" and the modified noun its
    object; the noun is the real argument of whatever the sentence goes on to say.
    """
    if verb.lower_ not in lexicon.MODIFIER_PARTICIPLES or children(verb, "aux", "auxpass"):
        return False
    objects = [o for o in children(verb, "dobj") if o.pos_ in ("NOUN", "PROPN") and not children(o, "det", "poss")]
    return bool(objects) and any(c.i == verb.i - 1 for c in children(verb, "nsubj"))


def has_that(clause: Token) -> bool:
    """A clause introduced by "that" ("claims that Russia bombed …")."""
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in children_of(clause))


def _is_noun_complement(clause: Token) -> bool:
    """"claims that Russia bombed …": the content clause of a noun that a verb takes as object."""
    return (
        clause.dep_ == "acl"
        and has_that(clause)
        and clause.head.dep_ == "dobj"
    )


def clause_subject(verb: Token) -> Optional[Token]:
    """The logical subject of an active clause headed by ``verb`` (borrowed if need be)."""
    return logical_subject(verb)[0]


def _described(noun: Token) -> Token:
    """The entity a predicate nominal describes: "see Assad as a dictator", "Assad is a dictator"."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in PREDICATE_POS:
        objects = children(noun.head.head, "dobj")
        if objects:
            return antecedent(objects[0])
    if noun.dep_ == "attr" and noun.head.lemma_.lower() in lexicon.COPULAS:
        subjects = children(noun.head, "nsubj")
        if subjects:
            return antecedent(subjects[0])
    return noun


def logical_subject(verb: Token, depth: int = 0) -> tuple[Optional[Token], str, list[Token], bool]:
    """Logical subject of an active clause, the relation prefix its chain adds, and whether it is borrowed.

    The prefix comes from non-transparent governors of an ``xcomp``:
    "agreed to hold" -> "agree to ", "tried to narrow" -> "".
    """
    if is_misparsed_modifier(verb):
        return children(verb, "dobj")[0], "", [], True
    for child in children_of(verb):
        if child.dep_ in ("nsubj", "nsubjpass"):
            resolved = antecedent(child)
            return resolved, "", [], resolved.i != child.i
    head = verb.head
    if head.i == verb.i or depth > 6:
        return None, "", [], False
    dep = verb.dep_
    if dep == "conj" and is_report_after_comma(verb):
        return logical_subject(head.head, depth + 1)  # "X insisted Y was …, and accused Z": X accused
    if dep == "conj":
        return logical_subject(head, depth + 1)
    if dep == "xcomp" and head.lemma_.lower() in lexicon.SPEECH_ONLY_VERBS and not is_passive(head):
        return None, "", [], False  # "saying, 'accusing X of …' was absurd": quoted words, not a chain
    if dep in ("xcomp", "advcl") and head.pos_ in PREDICATE_POS:
        if dep == "advcl" and not (is_infinitive(verb) or verb.tag_ == "VBG"):
            return None, "", [], False  # only "to meet …" and "reminding …" share the main subject
        if dep == "advcl" and _is_noun_complement(head) and verb.doc[verb.i - 1].text == ",":
            return logical_subject(head.head.head, depth + 1)  # "rejected claims that X did Y, citing Z"
        controller = children(head, "dobj")
        if controller and (dep == "xcomp" or (is_infinitive(verb) and head.lemma_.lower() in lexicon.OBJECT_PREP_VERBS)):
            return controller[0], "", [], True  # "urged Beijing to release", "reminded Lima of its duty to protect"
        subject, prefix, tokens, _ = logical_subject(head, depth + 1)
        lemma = head.lemma_.lower()
        if dep == "xcomp" and lemma not in lexicon.TRANSPARENT_VERBS and head.pos_ == "VERB":
            base, base_tokens = verb_base(head)
            prefix, tokens = f"{prefix}{base} to ", tokens + base_tokens
        return subject, prefix, tokens, True
    if dep == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        # "were able to reinforce": the adjective joins the relation, its verb lends the subject
        subject, prefix, tokens, _ = logical_subject(head.head, depth + 1)
        return subject, f"{prefix}be {head.lower_} to ", tokens + [head], True
    if dep == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        return _described(head), "", [], True
    owners = [c for c in children_of(head) if c.dep_ == "poss"] if dep == "acl" and is_infinitive(verb) else []
    if owners and not children(verb, "nsubj"):
        return owners[0], "", [], True  # "its duty to protect the border": whoever "its" is protects
    if dep in ("acl", "relcl") and is_infinitive(verb) and head.dep_ == "dobj":
        # "discuss ways to protect civilians": the governor's subject, its object in the relation
        governor = head.head
        subject, prefix, tokens, _ = logical_subject(governor, depth + 1)
        base, base_tokens = verb_base(governor)
        noun, noun_tokens = noun_words(head)
        return subject, f"{prefix}{base} {noun} to ", tokens + base_tokens + noun_tokens, True
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "NOUN":
        owners = [c for c in children_of(head.head) if c.dep_ == "poss"]
        if owners:
            return owners[0], "", [], True  # "Assad's campaign of crushing X": Assad crushes X
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ in PREDICATE_POS:
        governor = head.head
        if governor.dep_ == "acl" and governor.head.pos_ in ("NOUN", "PROPN"):
            return governor.head, "", [], True  # "a resolution aimed at stopping X"
        objects = children(governor, "dobj")
        if objects:
            return antecedent(objects[0]), "", [], True
        subject, _, _, _ = logical_subject(governor, depth + 1)
        return subject, "", [], True
    return None, "", [], False


def patient(verb: Token) -> Optional[Token]:
    """The grammatical subject of a passive clause (what was acted on)."""
    for child in children_of(verb):
        if child.dep_ in ("nsubjpass", "nsubj"):
            return antecedent(child)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return patient(verb.head)
    return None


def agent_of(verb: Token) -> Optional[Token]:
    """The "by" phrase's object of a passive verb."""
    for child in children_of(verb):
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            objects = pobjs(child)
            if objects:
                return objects[0]
    return None


def headline_partners(verb: Token, subject: Token) -> list[Token]:
    """"Putin, Hollande meet": a headline's comma coordination, which the parser leaves as ``dep``."""
    doc = verb.doc
    return [
        c for c in children_of(verb)
        if c.dep_ in ("dep", "npadvmod") and c.pos_ == "PROPN" and c.i < subject.i and doc[c.i + 1].text == ","
    ]


def companions(verb: Token, subject: Token) -> list[Token]:
    """"X, along with Y, announced Z": Y does it too, like a conjunct of X."""
    found: list[Token] = []
    for holder in (subject, verb):
        for word in children_of(holder):
            if word.i > verb.i or word.dep_ not in ("prep", "advmod"):
                continue
            if word.lower_ in lexicon.COMPANION_WORDS:  # "along" -> "with Y"
                found.extend(o for w in children(word, "prep") if w.lower_ == "with" for o in pobjs(w))
            elif word.lower_ == "with" and any(c.lower_ in lexicon.COMPANION_WORDS for c in children_of(word)):
                found.extend(pobjs(word))  # "together" hangs on "with Y"
    return found
