"""Verbal predicates: who does what to whom in one clause.

:func:`clause_frames` looks at one predicate and its direct dependents (plus
the short chain up to a borrowed subject), so running it over every token of a
sentence walks the tree once.  It covers active and passive clauses (with or
without agent), particles and governing prepositions, light-verb frames
("hold talks with"), copulas ("be ally of"), ``xcomp`` chains ("agree to
hold"), relative clauses (the antecedent stands in for "which"), clausal
complements under "accuse … of", and reciprocal verbs ("A and B met").
Subjects are borrowed where the parse leaves them out: a participle on a predicate
nominal ("see Assad as a dictator stifling X"), an infinitive or gerund under a
possessed noun ("its duty to protect", "Assad's campaign of crushing"), a reporting
verb coordinated after a reported clause ("insisted Y was …, and accused Z").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

from spacy.tokens import Token

from kg import lexicon
from kg.extraction.arguments import antecedent, conjuncts, entity_bounds, is_argument, is_party_prep

#: Parts of speech that head a clause.
PREDICATE_POS = frozenset(("VERB", "AUX"))

#: Dependents that are auxiliaries, never predicates of their own.
AUX_DEPS = frozenset(("aux", "auxpass"))


@dataclass(frozen=True)
class Frame:
    """A triple before its arguments are expanded into spans and conjuncts."""

    subject: Token
    relation: str
    object: Token
    predicate: Token  # the clause whose negation/modality/attribution applies
    rule: str
    relation_tokens: tuple[Token, ...] = ()
    borrowed: bool = False  # subject taken from another clause (conj, xcomp, relcl …)


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _base(verb: Token) -> tuple[str, list[Token]]:
    """Lemma plus particle: "carried out" -> ("carry out", tokens)."""
    particles = _children(verb, "prt")
    words = [verb.lemma_.lower()] + [p.lower_ for p in particles]
    return " ".join(words), [verb, *particles]


def is_passive(verb: Token) -> bool:
    """Passive voice, also for participles ("a statement released by …") and their conjuncts."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    if verb.tag_ != "VBN" or _children(verb, "nsubj"):
        return False  # "claims that Peru had bribed the judges" is active
    if verb.dep_ == "acl":
        return True
    if verb.dep_ == "conj" and not _children(verb, "nsubj", "aux"):
        return is_passive(verb.head)
    return False


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _is_clause_word(token: Token) -> bool:
    return token.pos_ in PREDICATE_POS and token.dep_ not in ("dobj", "pobj")


def _pobjs(prep: Token) -> list[Token]:
    return [antecedent(c) for c in prep.children if c.dep_ == "pobj"]


def _preps(verb: Token) -> list[Token]:
    """Prepositions governed by the verb or by its particle ("shot down … of")."""
    found = []
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ not in lexicon.NON_ARGUMENT_PREPS and child.i > verb.i:
            found.append(child)  # a fronted phrase ("In a speech, she ...") sets the scene
        elif child.dep_ == "prt":
            found.extend(p for p in child.children if p.dep_ == "prep")
    return found


def _noun_words(noun: Token) -> tuple[str, list[Token]]:
    """A frame noun as it joins the relation: compounds kept, determiners dropped."""
    parts = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i] + [noun]
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
    if verb.lower_ not in lexicon.MODIFIER_PARTICIPLES or _children(verb, "aux", "auxpass"):
        return False
    objects = [o for o in _children(verb, "dobj") if o.pos_ in ("NOUN", "PROPN") and not _children(o, "det", "poss")]
    return bool(objects) and any(c.i == verb.i - 1 for c in _children(verb, "nsubj"))


def has_that(clause: Token) -> bool:
    """A clause introduced by "that" ("claims that Russia bombed …")."""
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def _is_noun_complement(clause: Token) -> bool:
    """"claims that Russia bombed …": the content clause of a noun that a verb takes as object."""
    return (
        clause.dep_ == "acl"
        and has_that(clause)
        and clause.head.dep_ == "dobj"
    )


def clause_subject(verb: Token) -> Optional[Token]:
    """The logical subject of an active clause headed by ``verb`` (borrowed if need be)."""
    return _subject(verb)[0]


def _described(noun: Token) -> Token:
    """The entity a predicate nominal describes: "see Assad as a dictator", "Assad is a dictator"."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in PREDICATE_POS:
        objects = _children(noun.head.head, "dobj")
        if objects:
            return antecedent(objects[0])
    if noun.dep_ == "attr" and noun.head.lemma_.lower() in lexicon.COPULAS:
        subjects = _children(noun.head, "nsubj")
        if subjects:
            return antecedent(subjects[0])
    return noun


def _subject(verb: Token, depth: int = 0) -> tuple[Optional[Token], str, list[Token], bool]:
    """Logical subject of an active clause, the relation prefix its chain adds, and whether it is borrowed.

    The prefix comes from non-transparent governors of an ``xcomp``:
    "agreed to hold" -> "agree to ", "tried to narrow" -> "".
    """
    if is_misparsed_modifier(verb):
        return _children(verb, "dobj")[0], "", [], True
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            resolved = antecedent(child)
            return resolved, "", [], resolved.i != child.i
    head = verb.head
    if head.i == verb.i or depth > 6:
        return None, "", [], False
    dep = verb.dep_
    if dep == "conj" and is_report_after_comma(verb):
        return _subject(head.head, depth + 1)  # "X insisted Y was …, and accused Z": X accused
    if dep == "conj":
        return _subject(head, depth + 1)
    if dep == "xcomp" and head.lemma_.lower() in lexicon.SPEECH_ONLY_VERBS and not is_passive(head):
        return None, "", [], False  # "saying, 'accusing X of …' was absurd": quoted words, not a chain
    if dep in ("xcomp", "advcl") and head.pos_ in PREDICATE_POS:
        if dep == "advcl" and not (_is_infinitive(verb) or verb.tag_ == "VBG"):
            return None, "", [], False  # only "to meet …" and "reminding …" share the main subject
        if dep == "advcl" and _is_noun_complement(head) and verb.doc[verb.i - 1].text == ",":
            return _subject(head.head.head, depth + 1)  # "rejected claims that X did Y, citing Z"
        controller = _children(head, "dobj")
        if controller and (dep == "xcomp" or (_is_infinitive(verb) and head.lemma_.lower() in lexicon.OBJECT_PREP_VERBS)):
            return controller[0], "", [], True  # "urged Beijing to release", "reminded Lima of its duty to protect"
        subject, prefix, tokens, _ = _subject(head, depth + 1)
        lemma = head.lemma_.lower()
        if dep == "xcomp" and lemma not in lexicon.TRANSPARENT_VERBS and head.pos_ == "VERB":
            base, base_tokens = _base(head)
            prefix, tokens = f"{prefix}{base} to ", tokens + base_tokens
        return subject, prefix, tokens, True
    if dep == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        # "were able to reinforce": the adjective joins the relation, its verb lends the subject
        subject, prefix, tokens, _ = _subject(head.head, depth + 1)
        return subject, f"{prefix}be {head.lower_} to ", tokens + [head], True
    if dep == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        return _described(head), "", [], True
    owners = [c for c in head.children if c.dep_ == "poss"] if dep == "acl" and _is_infinitive(verb) else []
    if owners and not _children(verb, "nsubj"):
        return owners[0], "", [], True  # "its duty to protect the border": whoever "its" is protects
    if dep in ("acl", "relcl") and _is_infinitive(verb) and head.dep_ == "dobj":
        # "discuss ways to protect civilians": the governor's subject, its object in the relation
        governor = head.head
        subject, prefix, tokens, _ = _subject(governor, depth + 1)
        base, base_tokens = _base(governor)
        noun, noun_tokens = _noun_words(head)
        return subject, f"{prefix}{base} {noun} to ", tokens + base_tokens + noun_tokens, True
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "NOUN":
        owners = [c for c in head.head.children if c.dep_ == "poss"]
        if owners:
            return owners[0], "", [], True  # "Assad's campaign of crushing X": Assad crushes X
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ in PREDICATE_POS:
        governor = head.head
        if governor.dep_ == "acl" and governor.head.pos_ in ("NOUN", "PROPN"):
            return governor.head, "", [], True  # "a resolution aimed at stopping X"
        objects = _children(governor, "dobj")
        if objects:
            return antecedent(objects[0]), "", [], True
        subject, _, _, _ = _subject(governor, depth + 1)
        return subject, "", [], True
    return None, "", [], False


def _patient(verb: Token) -> Optional[Token]:
    """The grammatical subject of a passive clause (what was acted on)."""
    for child in verb.children:
        if child.dep_ in ("nsubjpass", "nsubj"):
            return antecedent(child)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return _patient(verb.head)
    return None


def agent_of(verb: Token) -> Optional[Token]:
    """The "by" phrase's object of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            pobjs = _pobjs(child)
            if pobjs:
                return pobjs[0]
    return None


def _is_absolute(prep: Token, pobj: Token) -> bool:
    """"…, with an agreement reached": an absolute clause, not a party of the event."""
    return prep.lower_ == "with" and any(c.dep_ == "acl" and c.tag_ in ("VBN", "VBG") for c in pobj.children)


def _party_preps(token: Token, preps: list[Token]) -> list[tuple[Token, Token]]:
    return [(p, o) for p in preps for o in _pobjs(p) if is_party_prep(p, o) and not _is_absolute(p, o)]


def _prep_object(prep: Token, pobj: Token) -> tuple[str, Token, list[Token]]:
    """"in the area of the convoy" -> ("in area of", convoy): a relative place noun joins the preposition."""
    if pobj.lemma_.lower() in lexicon.RELATIVE_PLACE_NOUNS:
        for of in pobj.children:
            if of.dep_ == "prep" and of.lower_ == "of":
                for inner in _pobjs(of):
                    return f"{prep.lower_} {pobj.lower_} of", inner, [prep, pobj, of]
    return prep.lower_, pobj, [prep]


def _shared_objects(verb: Token) -> list[Token]:
    """The object of "supporting, if not orchestrating, an assault", which the parser gives one verb only."""
    if verb.dep_ == "advcl" and _children(verb, "mark"):
        return [d for d in _children(verb.head, "dobj") if d.i > verb.i]
    partners = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and _children(c, "mark")]
    return [d for p in partners[:1] for d in _children(p, "dobj") if d.i > p.i]


def _is_setting(prep: Token, pobj: Token) -> bool:
    """"speaking at a news conference with X": the event is the scene, its "with" party the other side."""
    return (
        prep.lower_ in lexicon.SETTING_PREPS
        and pobj.lower_ in lexicon.NOMINAL_EVENTS
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in pobj.children)
    )


def _first_prep(parties: list[tuple[Token, Token]]) -> list[tuple[Token, Token]]:
    """The pairs of the first preposition: it is the complement, later ones are circumstances."""
    return [(p, o) for p, o in parties if p.i == parties[0][0].i] if parties else []


def _shared_referent(verb: Token, obj: Token) -> Token:
    """"spread a liquid and then ignite it": the pronoun is the first conjunct's object."""
    number = lexicon.OBJECT_PRONOUNS.get(obj.lower_)
    if number is None or verb.dep_ != "conj":
        return obj
    for earlier in _children(verb.head, "dobj"):
        if earlier.pos_ in ("NOUN", "PROPN") and earlier.tag_.endswith("S") == (number == "plural"):
            return earlier
    return obj


def _direct_objects(verb: Token, preps: list[Token]) -> list[Token]:
    """The verb's objects, including one shared with a neighbour verb or given by a relative clause."""
    objects = [_shared_referent(verb, antecedent(d)) for d in _children(verb, "dobj") if not _is_clause_word(d)]
    if not objects and not preps:
        objects = _shared_objects(verb)
    own_subjects = [c for c in _children(verb, "nsubj") if c.lower_ not in lexicon.RELATIVE_PRONOUNS]
    if objects or not own_subjects or _children(verb, "dobj", "ccomp", "xcomp"):
        return objects
    clause = verb.head if verb.dep_ == "ccomp" else verb  # "the evidence it says it has"
    noun = clause.head
    if (
        clause.dep_ == "relcl"
        and noun.lower_ not in lexicon.TIME_NOUNS
        and verb.lemma_.lower() not in lexicon.COPULAS
        and not any(c.lower_ in lexicon.RELATIVE_PRONOUNS for c in clause.children)
    ):
        return [noun]  # "the evidence it has": the antecedent is the object
    return []


def _direct_object_frames(
    verb: Token, obj: Token, base: str, tokens: list[Token], preps: list[Token], verb_parties: list
) -> Iterator[tuple[str, Token, str, list[Token]]]:
    """"accuse X of", "hold talks with Y", "took part in Z", or plain ``verb | X``."""
    lemma = verb.lemma_.lower()
    if not is_argument(obj) or any(c.dep_ in ("acl", "relcl") and _is_infinitive(c) for c in obj.children):
        return  # "discuss ways to protect X" is read off the infinitive
    if obj.lemma_.lower() in lexicon.STANCE_NOUNS and any(c.dep_ in ("acl", "ccomp") and has_that(c) for c in obj.children):
        return  # "expressed concern that X": a bare speech act, like "said that X"
    complements = [p for p in preps if _pobjs(p) or _children(p, "pcomp")]
    if lemma in lexicon.OBJECT_PREP_VERBS and complements:
        yield f"{base} {complements[0].lower_}", obj, "object-prep", tokens + complements[:1]
        return
    frame_noun = (
        obj.pos_ == "NOUN"
        and entity_bounds(obj) is None
        and (lemma in lexicon.LIGHT_VERBS or obj.lower_ in lexicon.FRAME_NOUNS)
        and not any(c.dep_ == "poss" and c.pos_ != "PRON" for c in obj.children)
    )
    idiom = obj.lower_ in lexicon.IDIOM_NOUNS
    parties = _party_preps(obj, [p for p in obj.children if p.dep_ == "prep"]) or verb_parties
    if obj.lower_ not in lexicon.FRAME_NOUNS:
        parties = [(p, o) for p, o in parties if p.lower_ not in lexicon.FRAME_PLACE_PREPS]
    # "signed an agreement in Lima": a named place is where it happened, not the second party
    parties = [(p, o) for p, o in parties if is_party_prep(p, o, place=False)]
    if idiom and not parties:
        parties = [(p, o) for p in preps for o in _pobjs(p) if is_argument(o)]
    if frame_noun and parties:
        noun, noun_tokens = _noun_words(obj)
        for prep, pobj in _first_prep(parties):
            yield f"{base} {noun} {prep.lower_}", pobj, "frame", tokens + noun_tokens + [prep]
    elif not idiom:  # "took place", "took part": no second party
        yield base, obj, "svo", tokens


def _object_frames(verb: Token, base: str, tokens: list[Token]) -> Iterator[tuple[str, Token, str, list[Token]]]:
    """``(relation, object, rule, relation tokens)`` for an active clause."""
    preps = _preps(verb)
    verb_parties = _party_preps(verb, preps)
    objects = _direct_objects(verb, preps)
    for obj in objects:
        yield from _direct_object_frames(verb, obj, base, tokens, preps, verb_parties)
    if objects:
        return
    for dative in _children(verb, "dative"):
        if dative.pos_ != "ADP" and is_argument(dative):
            yield base, dative, "svo", tokens
    if verb.lemma_.lower() in lexicon.COPULAS:
        for attr in _children(verb, "attr", "acomp"):
            yield from _copula_frames(attr, base, tokens)
    verb_parties = [(p, o) for p, o in verb_parties if not _is_setting(p, o)]
    for prep, pobj in _first_prep(verb_parties):
        words, obj, prep_tokens = _prep_object(prep, pobj)
        yield f"{base} {words}", obj, "prep", tokens + prep_tokens
    if verb_parties:
        return
    for prep in preps:  # "responsible for bombing X"
        for pcomp in _children(prep, "pcomp"):
            for obj in _children(pcomp, "dobj"):
                if is_argument(obj):
                    yield f"{base} {prep.lower_} {pcomp.lemma_.lower()}", antecedent(obj), "prep", tokens + [prep, pcomp]


def _copula_frames(attr: Token, base: str, tokens: list[Token]) -> Iterator[tuple[str, Token, str, list[Token]]]:
    """"is an ally of Assad" -> ``be ally of | Assad``; "is aware of X" -> ``be aware of | X``."""
    noun, noun_tokens = (attr.lower_, [attr]) if attr.dep_ == "acomp" else _noun_words(attr)
    preps = [p for p in attr.children if p.dep_ == "prep"]
    for prep in preps:
        for pobj in _pobjs(prep):
            yield f"{base} {noun} {prep.lower_}", pobj, "copula-prep", tokens + noun_tokens + [prep]
        for pcomp in _children(prep, "pcomp"):
            for obj in _children(pcomp, "dobj"):
                relation = f"{base} {noun} {prep.lower_} {pcomp.lower_}"
                yield relation, obj, "copula-prep", tokens + noun_tokens + [prep, pcomp]
    if preps or attr.dep_ == "acomp":
        return
    owners = [c for c in attr.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    for owner in owners:
        yield f"{base} {noun} of", owner, "copula-prep", tokens + noun_tokens
    if not owners and attr.pos_ in ("NOUN", "PROPN"):
        yield base, attr, "copula", tokens


def clause_frames(verb: Token) -> Iterator[Frame]:
    """Frames whose predicate is ``verb`` (nothing when ``verb`` heads no clause).

    Examples
    --------
    >>> from spacy.vocab import Vocab
    >>> from spacy.tokens import Doc
    >>> doc = Doc(Vocab(), words=["Russia", "vetoed", "the", "resolution"],
    ...           heads=[1, 1, 3, 1], deps=["nsubj", "ROOT", "det", "dobj"],
    ...           pos=["PROPN", "VERB", "DET", "NOUN"], lemmas=["Russia", "veto", "the", "resolution"])
    >>> [(f.subject.text, f.relation, f.object.text) for f in clause_frames(doc[1])]
    [('Russia', 'veto', 'resolution')]
    """
    if verb.pos_ not in PREDICATE_POS or verb.dep_ in AUX_DEPS:
        return
    lemma = verb.lemma_.lower()
    if verb.pos_ == "AUX" and lemma not in lexicon.COPULAS:
        return
    if lemma in lexicon.SPEECH_ONLY_VERBS:
        return
    if verb.dep_ == "amod" or is_misparsed_modifier(verb):
        return  # "the London based agency": an adjectival participle, not a clause
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and any(p.lower_ == "by" for p in _preps(verb)):
        return  # "the shooting down of X by Y" is a nominal event (see nominal.py)
    base, tokens = _base(verb)
    if is_passive(verb):
        yield from _passive_frames(verb, base, tokens)
        return
    if any(c.dep_ == "expl" for c in verb.children):
        yield from _existential_frames(verb, base, tokens)
        return
    subject, prefix, prefix_tokens, borrowed = _subject(verb)
    if subject is None or subject.lower_ in lexicon.RELATIVE_PRONOUNS:
        return
    subjects = _headline_partners(verb, subject) + [subject]
    emitted = False
    for relation, obj, rule, rel_tokens in _object_frames(verb, base, tokens):
        emitted = True
        for actor in subjects:
            yield Frame(actor, prefix + relation, obj, verb, rule, tuple(prefix_tokens + rel_tokens), borrowed)
    if not emitted and lemma in lexicon.RECIPROCAL_VERBS and not _children(verb, "xcomp", "ccomp", "dobj"):
        relation = f"{prefix}{base} {lexicon.RECIPROCAL_VERBS[lemma]}"
        first, *others = subjects + [c for c in conjuncts(subject) if c.i > subject.i]
        for other in others:
            yield Frame(first, relation, other, verb, "reciprocal", tuple(prefix_tokens + tokens), borrowed)


def _headline_partners(verb: Token, subject: Token) -> list[Token]:
    """"Putin, Hollande meet": a headline's comma coordination, which the parser leaves as ``dep``."""
    doc = verb.doc
    return [
        c for c in verb.children
        if c.dep_ in ("dep", "npadvmod") and c.pos_ == "PROPN" and c.i < subject.i and doc[c.i + 1].text == ","
    ]


def _existential_frames(verb: Token, base: str, tokens: list[Token]) -> Iterator[Frame]:
    """"There were no planes in the area" -> ``planes | be in | area`` (negated by "no").

    A topic is no place: "there was no debate on X" relates nobody.
    """
    for attr in _children(verb, "attr", "nsubj"):
        preps = [p for p in attr.children if p.dep_ == "prep" and p.lower_ not in lexicon.TOPIC_PREPS]
        for prep, pobj in _party_preps(attr, preps)[:1]:
            words, obj, prep_tokens = _prep_object(prep, pobj)
            yield Frame(attr, f"{base} {words}", obj, verb, "copula-prep", tuple(tokens + prep_tokens))


def _passive_frames(verb: Token, base: str, tokens: list[Token]) -> Iterator[Frame]:
    patient = _patient(verb)
    if patient is None or patient.lower_ in lexicon.RELATIVE_PRONOUNS:
        return
    agent = agent_of(verb)
    if agent is not None:
        relation = base
        if verb.lemma_.lower() in lexicon.OBJECT_PREP_VERBS:
            complements = [p for p in _preps(verb) if p.lower_ != "by" and (_pobjs(p) or _children(p, "pcomp"))]
            if complements:
                relation, tokens = f"{base} {complements[0].lower_}", tokens + complements[:1]
        yield Frame(agent, relation, patient, verb, "passive", tuple(tokens), verb.dep_ != "ROOT")
        return
    parties = _party_preps(verb, _preps(verb))
    for prep, pobj in parties[:1]:
        relation = f"be {base} {prep.lower_}"
        yield Frame(patient, relation, pobj, verb, "passive-prep", tuple(tokens + [prep]))
