"""Verbal predicates: who does what to whom in one clause.

:func:`clause_frames` looks at one predicate and its direct dependents (plus
the short chain up to a borrowed subject), so running it over every token of a
sentence walks the tree once.  It covers active and passive clauses (with or
without agent), particles and governing prepositions, light-verb frames
("hold talks with"), copulas ("be ally of"), ``xcomp`` chains ("agree to
hold"), relative clauses (the antecedent stands in for "which"), clausal
complements under "accuse … of", reciprocal verbs ("A and B met"), roles after
"as" ("served as mayor"), recipients ("lent money to the city"), passive noun
complements ("was appointed ambassador"), co-actors ("X, along with Y, …"),
"where" clauses ("the square where the attack took place"), the other party beside
a theme ("fired shells at X" -> ``fire shells at | X``, "waive immunity for X"),
object + infinitive ("allowed China to extradite" -> ``allow | China`` and China's
own triple), appraisals ("called the vote a farce" -> ``call farce | vote``) and
"X, whose N is Y" -> ``Y | be N of | X``.  Each rule yields a :class:`Complement`.
Who the subject is, borrowed or not, is :mod:`~kg.extraction.subjects`' business.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, NamedTuple, Optional

from spacy.tokens import Token

from kg.extraction import lexicon
from kg.extraction.arguments import (
    AMOUNT_LABELS,
    antecedent,
    conjuncts,
    entity_bounds,
    is_argument,
    is_office,
    is_party_prep,
    is_place,
    nationalities,
    role_words,
)
from kg.extraction.subjects import (
    PREDICATE_POS,
    agent_of,
    children,
    companions,
    gerund_owner,
    has_that,
    headline_partners,
    is_infinitive,
    is_misparsed_modifier,
    is_particle,
    is_passive,
    is_predicate,
    logical_subject,
    mandated,
    noun_words,
    patient,
    pobjs,
    verb_base,
)
from kg.extraction.tree import children_of

__all__ = ["Frame", "clause_frames"]

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


class Complement(NamedTuple):
    """What a clause's predicate relates its subject to, before the subject is known.

    "accused Moscow of X" -> ``Complement("accuse of", Moscow, "object-prep", [accused, of])``.
    """

    relation: str
    object: Token
    rule: str
    tokens: list[Token]


def _is_clause_word(token: Token) -> bool:
    return token.pos_ in PREDICATE_POS and token.dep_ not in ("dobj", "pobj")


def _preps(verb: Token) -> list[Token]:
    """Prepositions governed by the verb or by its particle ("shot down … of")."""
    found: list[Token] = []
    for child in children_of(verb):
        if is_particle(child):
            found.extend(p for p in children_of(child) if p.dep_ == "prep")
        elif child.dep_ == "prep" and child.lower_ not in lexicon.NON_ARGUMENT_PREPS and child.i > verb.i:
            found.append(child)  # a fronted phrase ("In a speech, she ...") sets the scene
    return found


def _is_absolute(prep: Token, pobj: Token) -> bool:
    """"…, with an agreement reached": an absolute clause, not a party of the event."""
    return prep.lower_ == "with" and any(c.dep_ == "acl" and c.tag_ in ("VBN", "VBG") for c in children_of(pobj))


def _party_preps(token: Token, preps: list[Token]) -> list[tuple[Token, Token]]:
    """``(preposition, object)`` pairs that name a party of ``token``'s event.

    A named place after "in/at/near" is where a verb's event happened ("met in Niamey"),
    unless the verb takes its place as an argument ("lives in Virginia").
    """
    verb = token.pos_ in PREDICATE_POS
    lemma = token.lemma_.lower()
    place = not verb or lemma in lexicon.LOCATIVE_VERBS or lemma in lexicon.COPULAS  # "lives in", "is in London"
    owners = {o.i for c in children(token, "advcl") for o in [gerund_owner(c)] if o is not None}
    return [
        (p, o) for p in preps for o in pobjs(p)
        if is_party_prep(p, o, place=place or _aims(token, p)) and not _is_absolute(p, o)
        and not (verb and (p.lower_ in lexicon.MEANS_PREPS or o.lemma_.lower() in lexicon.MEDIUM_NOUNS))
        and o.i not in owners  # "spoke of Turkey assuming X": the clause is the topic, not Turkey
    ]  # "spoke via Twitter", "arrived by plane", "spoke on the phone": how, not with whom


def _aims(verb: Token, prep: Token) -> bool:
    """"fired at X", "lashed out at X": an "at" that points at a target rather than a place."""
    return prep.lower_ == "at" and (verb.lemma_.lower() in lexicon.AIM_VERBS or any(c.dep_ == "prt" for c in children_of(verb)))


def _prep_object(prep: Token, pobj: Token) -> tuple[str, Token, list[Token]]:
    """"in the area of the convoy" -> ("in area of", convoy): a relative place noun joins the preposition."""
    if prep.lower_ == "as" and pobj.pos_ == "NOUN":
        # "served as the ambassador to the UN" -> ("as ambassador to", UN)
        for role_prep in children_of(pobj):
            if role_prep.dep_ == "prep" and role_prep.lower_ in lexicon.ROLE_PREPS:
                for inner in pobjs(role_prep):
                    if inner.ent_type_:
                        words = [t for t in noun_words(pobj)[1] if not t.ent_type_]  # "US ambassador": the role
                        noun = " ".join(t.lower_ for t in words)
                        return f"as {noun} {role_prep.lower_}", inner, [prep, *words, role_prep]
    if pobj.lower_ in lexicon.FRAME_NOUNS and entity_bounds(pobj) is None and prep.lower_ not in lexicon.TOPIC_PREPS:
        # "entered into an agreement with X", "withdrew from talks with X": the noun's own party
        for inner_prep in children(pobj, "prep"):
            if inner_prep.lower_ in ("with", "to", "against"):
                for inner in pobjs(inner_prep):
                    if is_party_prep(inner_prep, inner, place=False):
                        noun, noun_tokens = noun_words(pobj)
                        return f"{prep.lower_} {noun} {inner_prep.lower_}", inner, [prep, *noun_tokens, inner_prep]
    if not pobj.ent_type_ and prep.lower_ in lexicon.PLACE_PREPS:
        # "lived in exile in Virginia", "stayed at a hotel in Lima": the named place is the argument
        for inner_prep in children(pobj, "prep"):
            for inner in pobjs(inner_prep) if inner_prep.lower_ == prep.lower_ else ():
                if inner.ent_type_ in lexicon.PLACE_LABELS:
                    return prep.lower_, inner, [prep]
    if pobj.lemma_.lower() in lexicon.RELATIVE_PLACE_NOUNS:
        for of in children_of(pobj):
            if of.dep_ == "prep" and of.lower_ == "of":
                for inner in pobjs(of):
                    return f"{prep.lower_} {pobj.lower_} of", inner, [prep, pobj, of]
    return prep.lower_, pobj, [prep]


def _is_amount(token: Token) -> bool:
    """A sum or a count ("$5 million", "three thousand"), which names no party."""
    return token.ent_type_ in AMOUNT_LABELS or token.pos_ == "NUM"


def _shared_objects(verb: Token) -> list[Token]:
    """The object of "supporting, if not orchestrating, an assault", which the parser gives one verb only."""
    if verb.dep_ == "advcl" and _is_concessive(verb):
        return [d for d in children(verb.head, "dobj") if d.i > verb.i]
    partners = [c for c in children_of(verb) if c.dep_ == "advcl" and c.i > verb.i and _is_concessive(c)]
    return [d for p in partners[:1] for d in children(p, "dobj") if d.i > p.i]


def _is_concessive(clause: Token) -> bool:
    """"if not orchestrating", "though not leading": an aside that shares the object; "while addressing X" has its own."""
    return any(m.lower_ in ("if", "though", "although") for m in children(clause, "mark"))


def _is_setting(prep: Token, pobj: Token) -> bool:
    """"speaking at a news conference with X": the event is the scene, its "with" party the other side."""
    return (
        prep.lower_ in lexicon.SETTING_PREPS
        and pobj.lower_ in lexicon.NOMINAL_EVENTS
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in children_of(pobj))
    )


def _first_prep(parties: list[tuple[Token, Token]]) -> list[tuple[Token, Token]]:
    """The pairs of the first preposition: it is the complement, later ones are circumstances.

    Of two phrases with the same preposition a named one wins: "lived in exile in Virginia".
    """
    if not parties:
        return []
    first = parties[0][0]
    if not parties[0][1].ent_type_:
        first = next((p for p, o in parties if p.lower_ == first.lower_ and o.ent_type_), first)
    return [(p, o) for p, o in parties if p.i == first.i]


def _shared_referent(verb: Token, obj: Token) -> Token:
    """"spread a liquid and then ignite it": the pronoun is the first conjunct's object."""
    number = lexicon.OBJECT_PRONOUNS.get(obj.lower_)
    if number is None or verb.dep_ != "conj":
        return obj
    for earlier in children(verb.head, "dobj"):
        if earlier.pos_ in ("NOUN", "PROPN") and earlier.tag_.endswith("S") == (number == "plural"):
            return earlier
    return obj


def _direct_objects(verb: Token, preps: list[Token]) -> list[Token]:
    """The verb's objects, including one shared with a neighbour verb or given by a relative clause."""
    objects = [_shared_referent(verb, antecedent(d)) for d in children(verb, "dobj") if not _is_clause_word(d)]
    objects += infinitive_subjects(verb)
    if not objects and not preps:
        objects = _shared_objects(verb)
    own_subjects = [c for c in children(verb, "nsubj") if c.lower_ not in lexicon.RELATIVE_PRONOUNS]
    if objects or not own_subjects or children(verb, "dobj", "ccomp", "xcomp"):
        return objects
    clause = verb.head if verb.dep_ == "ccomp" else verb  # "the evidence it says it has"
    noun = clause.head
    # "the SDF, which Trump served up to Turkey": the parser made "which" a second subject
    misread = clause.i == verb.i and any(
        c.lower_ in ("which", "whom", "that") for c in children(verb, "nsubj") if c.i < own_subjects[0].i
    )
    if (
        clause.dep_ == "relcl"
        and noun.lower_ not in lexicon.TIME_NOUNS
        and verb.lemma_.lower() not in lexicon.COPULAS
        and (misread or not any(c.lower_ in lexicon.RELATIVE_PRONOUNS for c in children_of(clause)))
        # "the memoranda in which Turkey and Libya agreed on X": the relative word has its own role
        and (misread or not any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in verb.doc[noun.i + 1 : clause.i]))
    ):
        return [noun]  # "the evidence it has": the antecedent is the object
    return []


def _takes_over(clause: Token) -> bool:
    """"ways to protect X", "plans to pull out of Y": an infinitive on the object that makes the triple;
    "an initiative to be unveiled", "its freedom to travel" leave the object to its verb."""
    return (
        clause.dep_ in ("acl", "relcl") and is_infinitive(clause) and not is_passive(clause)
        and not clause.ent_type_  # "the Coalition to Defeat ISIS" is a name
        and clause.head.lower_ not in lexicon.COLLECTIVE_NOUNS  # "formed a coalition to patrol X": both hold
        and bool(children(clause, "dobj", "prep", "prt", "ccomp", "xcomp"))
    )


def infinitive_subjects(verb: Token) -> list[Token]:
    """"allowed China to extradite X": the parser makes China the subject of the infinitive;
    it is also the object of "allow" (``bill | allow | China``)."""
    if verb.lemma_.lower() in lexicon.SPEECH_ONLY_VERBS:
        return []
    return [s for c in children(verb, "ccomp") if is_infinitive(c) for s in children(c, "nsubj") if s.i > verb.i]


def _direct_object_frames(
    verb: Token, obj: Token, base: str, tokens: list[Token], preps: list[Token], verb_parties: list
) -> Iterator[Complement]:
    """"accuse X of", "hold talks with Y", "took part in Z", or plain ``verb | X``."""
    lemma = verb.lemma_.lower()
    if any(p.lower_ == "whose" for p in children(obj, "poss")):
        return  # "whose task it is to protect X": the relative's noun, no object
    if not is_argument(obj) or any(_takes_over(c) for c in children_of(obj)):
        return  # "discuss ways to protect X" is read off the infinitive
    if obj.lemma_.lower() in lexicon.STANCE_NOUNS and any(c.dep_ in ("acl", "ccomp") and has_that(c) for c in children_of(obj)):
        return  # "expressed concern that X": a bare speech act, like "said that X"
    # "protect civilians by arresting X": how it is done, not what the object is protected from
    complements = [p for p in preps if (pobjs(p) or children(p, "pcomp")) and p.lower_ not in lexicon.MEANS_PREPS]
    if obj.lower_ in lexicon.REFLEXIVES and verb_parties:  # "distanced himself from X": the phrase is the party
        for prep, pobj in _first_prep(verb_parties):
            yield Complement(f"{base} {obj.lower_} {prep.lower_}", pobj, "prep", tokens + [obj, prep])
        return
    # "condemned the attack in the strongest terms", "banned the app in India", "criticised X on
    # Monday": a scene or a time, not what the verb holds its object to ("accused X of")
    held_to = [p for p in complements if p.lower_ not in lexicon.PLACE_PREPS
               and (children(p, "pcomp") or any(is_argument(o) for o in pobjs(p)))]
    if lemma in lexicon.OBJECT_PREP_VERBS and held_to:
        yield Complement(f"{base} {held_to[0].lower_}", obj, "object-prep", tokens + held_to[:1])
        return
    gerund = lemma in lexicon.ASPECT_VERBS and obj.lower_.endswith("ing")  # "ceased trading in X"
    frame_noun = (
        obj.pos_ == "NOUN"
        and entity_bounds(obj) is None
        and (lemma in lexicon.LIGHT_VERBS or obj.lower_ in lexicon.FRAME_NOUNS or gerund)
        and not any(c.dep_ == "poss" and c.pos_ != "PRON" for c in children_of(obj))
    )
    idiom = obj.lower_ in lexicon.IDIOM_NOUNS
    # "joined the calls by X", "joined the talks as an observer": the noun's agent or a role, no party
    own = [p for p in children_of(obj) if p.dep_ == "prep" and p.lower_ not in ("by", "as")]
    # "joined the talks as an observer": a role, no party
    parties = _party_preps(obj, own) or [(p, o) for p, o in verb_parties if p.lower_ != "as"]
    if obj.lower_ not in lexicon.FRAME_NOUNS:
        parties = [(p, o) for p, o in parties if p.lower_ not in lexicon.FRAME_PLACE_PREPS]
    # "signed an agreement in Lima": a named place is where it happened, not the second party
    parties = [(p, o) for p, o in parties if is_party_prep(p, o, place=False)]
    if idiom and not parties:  # "took part in X"
        parties = [(p, o) for p in preps for o in pobjs(p) if is_argument(o)]
    if gerund and not parties:  # "ceased trading in Iran": the place is the gerund's argument
        parties = [(p, o) for p in [*own, *preps] for o in pobjs(p) if is_argument(o)]
    if frame_noun and parties:
        noun, noun_tokens = noun_words(obj)
        for prep, pobj in _first_prep(parties):
            yield Complement(f"{base} {noun} {prep.lower_}", pobj, "frame", tokens + noun_tokens + [prep])
    elif not idiom:  # "took place", "took part": no second party
        yield Complement(base, obj, "svo", tokens)
        for prep, target in _targets(verb, preps)[:1]:
            for theme in conjuncts(obj):  # "flies fighters and cargo to Syria": one dyad per theme
                words, theme_tokens = _theme_words(theme)
                yield Complement(f"{base} {words}{prep.lower_}", target, "target", tokens + theme_tokens + [prep])
        for prep, target in _noun_targets(obj)[:1]:
            noun, noun_tokens = noun_words(obj)
            yield Complement(f"{base} {noun} {prep.lower_}", target, "target", tokens + noun_tokens + [prep])


def _noun_targets(obj: Token) -> list[tuple[Token, Token]]:
    """"waive immunity for X", "entered into an agreement with X": the object noun's own other party.

    Only for plain common nouns that are not themselves two-sided events, and not after
    "on/at" (an attack's target stays in its span: "orchestrated attacks on coalition bases").
    """
    if obj.pos_ != "NOUN" or entity_bounds(obj) is not None or obj.lower_ in lexicon.IDIOM_NOUNS:
        return []
    if obj.lower_ in lexicon.RECIPROCAL_EVENTS or is_office(obj):
        return []  # "dominated talks with X", "expelled the ambassador to X": no party of the subject's
    found = []
    for prep in children_of(obj):
        if prep.dep_ == "prep" and prep.lower_ in lexicon.NOUN_TARGET_PREPS:
            found += [(prep, o) for o in pobjs(prep) if is_party_prep(prep, o, place=False)]
        elif prep.dep_ == "prep" and prep.lower_ == "of" and obj.lower_.endswith(lexicon.ACTION_SUFFIXES):
            # "pursue the prosecution of Trump" -> pursue prosecution of | Trump: a named party of the act
            found += [(prep, o) for o in pobjs(prep) if o.ent_type_ in lexicon.ENTITY_TYPES]
    return found


def _theme_words(theme: Token) -> tuple[str, list[Token]]:
    """A common-noun theme joins a target's relation ("send troops to"); a name or pronoun does not."""
    if theme.pos_ != "NOUN" or entity_bounds(theme) is not None:
        return "", []
    _, tokens = noun_words(theme)
    tokens = [t for t in tokens if t.i == theme.i or not t.ent_type_]  # "United States troops": the troops
    return " ".join(t.lower_ for t in tokens) + " ", tokens


def _targets(verb: Token, preps: list[Token]) -> list[tuple[Token, Token]]:
    """The other party of a verb that also has a theme: "fired shells at X", "sent troops to X".

    Only the verb's own phrases count ("attacks on bases" is the noun's); a named place
    after "at" is where it happened unless the verb aims ("signed it at Geneva").
    """
    found = []
    for prep in preps:
        word = prep.lower_
        if word not in lexicon.TARGET_PREPS:
            continue
        for target in pobjs(prep):
            if not is_party_prep(prep, target, place=_aims(verb, prep)):
                continue
            found.append((prep, target))
    return found


def _judgement(verb: Token, obj: Token) -> Optional[Token]:
    """What an appraisal verb says its object is: "called the deal null and void", "found X justified"."""
    if verb.lemma_.lower() not in lexicon.APPRAISAL_VERBS:
        return None
    after = [c for c in children_of(obj) if c.dep_ == "amod" and c.i > obj.i]
    complements = [c for c in children_of(verb) if c.dep_ in ("oprd", "acomp") and c.i > obj.i]
    # "calling it an aggression on Iraq": the parser makes the judgement a second object
    second = [c for c in children(verb, "dobj") if c.i > obj.i and c.pos_ == "NOUN"]
    found = after or complements or second
    return found[0] if found else None


def judged_pairs(verb: Token) -> list[tuple[Token, Token]]:
    """``(judged, judgement)`` pairs of an appraisal: "called the deal unlawful", "called it an
    aggression", "characterized the attack as a violation of X"."""
    lemma = verb.lemma_.lower()
    pairs = []
    for obj in children(verb, "dobj"):
        judged = _judgement(verb, obj)
        if judged is not None and judged.i != obj.i:
            pairs.append((obj, judged))
        if lemma in lexicon.APPRAISAL_VERBS or lemma in lexicon.AS_APPRAISAL_VERBS:
            pairs += [(obj, o) for p in children(verb, "prep") if p.lower_ == "as" and p.i > obj.i for o in pobjs(p)]
    return pairs


def _small_clause_frames(verb: Token) -> Iterator[Frame]:
    """"called the agreements compatible with international law" -> ``agreements | be compatible with |
    international law``: what the appraisal says relates its object to a third party."""
    for obj, judged in judged_pairs(verb):
        if obj.dep_ == "dobj" and judged.dep_ == "dobj" and obj.pos_ == "PRON" and obj.lower_ != "it":
            continue
        for member in [judged, *judged.conjuncts]:
            words, words_tokens = (member.lower_, [member]) if member.pos_ == "ADJ" else noun_words(member)
            for prep in children(member, "prep"):
                if prep.lower_ in ("as", "for") or prep.lower_ in lexicon.TIME_PREPS:
                    continue
                for target in pobjs(prep)[:1]:
                    if is_argument(target):
                        yield Frame(antecedent(obj), f"be {words} {prep.lower_}", target, member, "copula-prep",
                                    (*words_tokens, prep), True)
                break


def _judgement_frames(verb: Token, base: str, tokens: list[Token]) -> Iterator[Complement]:
    """"called the deal null and void" -> ``call null and void | deal``; "found the strike justified"."""
    for obj in children(verb, "dobj"):
        judged = _judgement(verb, obj)
        if judged is not None and is_argument(obj):
            words = [t for t in judged.subtree if (not t.is_punct or t.text == ",") and t.dep_ != "det"]
            phrase = verb.doc[words[0].i : words[-1].i + 1].text.lower().replace('"', "").replace("  ", " ")
            if judged.dep_ == "dobj":  # "calling it an aggression on Iraq as …": the noun alone
                phrase, words = noun_words(judged)
            yield Complement(f"{base} {phrase}", antecedent(obj), "svo", [*tokens, *words])
    for clause in children(verb, "ccomp"):  # "found the air strike justified": the parser's small clause
        subjects = children(clause, "nsubj", "nsubjpass")
        if subjects and clause.tag_ in ("VBN", "VBD", "JJ") and not children(clause, "dobj", "aux", "auxpass"):
            yield Complement(f"{base} {clause.lower_}", antecedent(subjects[0]), "svo", [*tokens, clause])


def _object_frames(verb: Token, base: str, tokens: list[Token]) -> Iterator[Complement]:
    """``(relation, object, rule, relation tokens)`` for an active clause."""
    if verb.lemma_.lower() in lexicon.APPRAISAL_VERBS:
        judged = list(_judgement_frames(verb, base, tokens))
        if judged:
            yield from judged
            return
    preps = _preps(verb)
    verb_parties = _party_preps(verb, preps)
    objects = _direct_objects(verb, preps)
    if objects and all(_is_amount(o) for o in objects) and any(
            d.pos_ != "ADP" and is_argument(d) for d in children(verb, "dative")):
        objects = []  # "fined the firm $5 million": the firm is the party, the sum how much (below)
    for obj in objects:
        yield from _direct_object_frames(verb, obj, base, tokens, preps, verb_parties)
    for dative in children(verb, "dative"):  # "sold the mill to a rival": the recipient
        for recipient in pobjs(dative) if dative.pos_ == "ADP" else ():
            if is_argument(recipient):
                yield Complement(f"{base} {dative.lower_}", recipient, "dative", tokens + [dative])
        if dative.pos_ != "ADP" and verb.lemma_.lower() in lexicon.TRANSFER_VERBS and is_argument(dative):
            for obj in objects[:1]:  # "gave the envoy a letter" -> give letter to | envoy
                noun, noun_tokens = _theme_words(obj)
                yield Complement(f"{base} {noun}to", dative, "target", tokens + noun_tokens)
    if objects:
        return
    for dative in children(verb, "dative"):
        if dative.pos_ != "ADP" and is_argument(dative):
            yield Complement(base, dative, "svo", tokens)
    yield from _mandate_frames(verb, base, tokens)
    if verb.lemma_.lower() in lexicon.COPULAS and _whose_subject(verb) is not None:
        return  # read by _whose_frames
    if verb.lemma_.lower() in lexicon.COPULAS:
        for attr in children(verb, "attr", "acomp"):
            # "is larger and tougher than X": coordinated complements share the last one's preposition
            attr = _degree_noun(attr)
            members = [attr, *attr.conjuncts]
            shared = [p for p in children_of(members[-1]) if p.dep_ == "prep"]
            if not shared and members[-1].dep_ == "acomp":  # "can be dangerous for X": the parser hangs "for" on "be"
                shared = [p for p in preps if p.i > members[-1].i]
                verb_parties = [(p, o) for p, o in verb_parties if p not in shared]
            for member in members:
                yield from _copula_frames(member, base, tokens, shared)
        for prep, pobj in [(p, o) for p, o in verb_parties if o.lower_ in lexicon.RECIPROCAL_STATES]:
            # "was at odds with X"; "A and B were at odds" is read as reciprocal (clause_frames)
            for partner_prep in children(pobj, "prep"):
                if partner_prep.lower_ == lexicon.RECIPROCAL_STATES[pobj.lower_]:
                    for partner in pobjs(partner_prep):
                        relation = f"{base} {prep.lower_} {pobj.lower_} {partner_prep.lower_}"
                        yield Complement(relation, partner, "prep", tokens + [prep, pobj, partner_prep])
        verb_parties = [(p, o) for p, o in verb_parties if o.lower_ not in lexicon.RECIPROCAL_STATES]
    verb_parties = [(p, o) for p, o in verb_parties if not _is_setting(p, o)]
    for prep, pobj in _first_prep(verb_parties):
        words, obj, prep_tokens = _prep_object(prep, pobj)
        yield Complement(f"{base} {words}", obj, "prep", tokens + prep_tokens)
    if verb_parties:
        return
    for prep in preps:  # "responsible for bombing X"; "spoke of Russia sending X" is Russia's
        for pcomp in children(prep, "pcomp") if not any(children(c, "nsubj") for c in children(prep, "pcomp")) else ():
            for obj in children(pcomp, "dobj"):
                if is_argument(obj):
                    yield Complement(f"{base} {prep.lower_} {pcomp.lemma_.lower()}", antecedent(obj), "prep", tokens + [prep, pcomp])


def _mandate_frames(verb: Token, base: str, tokens: list[Token]) -> Iterator[Complement]:
    """``urge waive | immunity``, ``call for bring to justice | killers``: what is asked for joins the relation."""
    for clause in mandated(verb):
        subjects = children(clause, "nsubjpass", "nsubj")
        if not subjects or not is_argument(subjects[0]):
            continue
        words, clause_tokens = verb_base(clause)
        if clause.dep_ == "advcl":
            words = f"for {words}"
        for prep in children(clause, "prep"):  # "brought to justice": a fixed phrase, not a party
            objects = children(prep, "pobj")
            if objects and objects[0].pos_ == "NOUN" and not children(objects[0], "det", "poss") and not objects[0].ent_type_:
                words = f"{words} {prep.lower_} {objects[0].lower_}"
                break
        yield Complement(f"{base} {words}", antecedent(subjects[0]), "mandate", tokens + clause_tokens)


def _whose_subject(verb: Token) -> Optional[Token]:
    """The subject noun of "X, whose commander is Y" (owned by the relative "whose")."""
    if verb.dep_ != "relcl":
        return None
    for subject in children(verb, "nsubj"):
        if any(c.dep_ == "poss" and c.lower_ == "whose" for c in children_of(subject)):
            return subject
    return None


def _whose_frames(verb: Token) -> Iterator[Frame]:
    """"the Syrian Army, whose commander-in-chief is Bashar al-Assad" -> ``Bashar al-Assad | be
    commander-in-chief of | Syrian Army``: the relative's owner is the noun the clause describes."""
    role = _whose_subject(verb)
    if role is None or verb.lemma_.lower() not in lexicon.COPULAS:
        return
    base, tokens = verb_base(verb)
    words = role.doc[role.left_edge.i + 1 : role.right_edge.i + 1].text.lower()  # after "whose"
    for holder in children(verb, "attr"):
        if holder.pos_ in ("NOUN", "PROPN"):
            yield Frame(holder, f"{base} {words} of", verb.head, verb, "copula-prep", tuple(tokens), True)


def _copula_frames(
    attr: Token, base: str, tokens: list[Token], shared: list[Token]
) -> Iterator[Complement]:
    """"is an ally of Assad" -> ``be ally of | Assad``; "is aware of X" -> ``be aware of | X``.

    ``shared`` are the prepositions of the last coordinated complement, which an
    adjective without its own takes ("larger and tougher than X").
    """
    adjective = attr.dep_ == "acomp" or attr.pos_ == "ADJ"
    noun, noun_tokens = (attr.lower_, [attr]) if adjective else noun_words(attr)
    preps = [p for p in children_of(attr) if p.dep_ == "prep"] or (shared if adjective else [])
    for prep in preps:
        if prep.lower_ == "between" and not adjective:
            continue  # "is the main difference between A and B": A | have main difference with | B (nominal.py)
        for pobj in pobjs(prep):
            yield Complement(f"{base} {noun} {prep.lower_}", pobj, "copula-prep", tokens + noun_tokens + [prep])
        for pcomp in children(prep, "pcomp"):
            for obj in children(pcomp, "dobj"):
                relation = f"{base} {noun} {prep.lower_} {pcomp.lower_}"
                yield Complement(relation, obj, "copula-prep", tokens + noun_tokens + [prep, pcomp])
    if preps or adjective:
        return
    owners = _owners(attr)
    if not owners and attr.pos_ == "NOUN" and entity_bounds(attr) is None:
        owners = nationalities(attr)  # "is the de facto Saudi ruler" -> be de facto ruler of | Saudi
    if owners:
        noun, noun_tokens = role_words(attr, owners)  # "is Africa's biggest economy": be biggest economy of
    for owner in owners:
        yield Complement(f"{base} {noun} of", owner, "copula-prep", tokens + noun_tokens)
    if not owners and attr.pos_ in ("NOUN", "PROPN") and not _is_restricted(attr):
        yield Complement(base, attr, "copula", tokens)


def _is_restricted(attr: Token) -> bool:
    """A common noun narrowed by its own clause: "was the second envoy to resign", "is a base used by
    X". Without the clause ``be | second envoy`` says something the sentence does not."""
    return attr.pos_ == "NOUN" and any(c.dep_ in ("acl", "relcl") for c in children_of(attr))


def _degree_noun(attr: Token) -> Token:
    """"was more of a critic of Russia", "is something of a hero": the noun after the degree word."""
    if attr.lower_ not in lexicon.DEGREE_WORDS:
        return attr
    for prep in children(attr, "prep"):
        for noun in pobjs(prep):
            if prep.lower_ == "of" and noun.pos_ == "NOUN" and children(noun, "det"):
                return noun
    return attr


def _owners(attr: Token) -> list[Token]:
    """The possessor of a predicate noun, shared by its conjuncts: "is Africa's biggest economy and
    most populous country" -> Africa for both."""
    for noun in (attr, attr.head if attr.dep_ == "conj" else None):
        owners = [c for c in children_of(noun) if c.dep_ == "poss" and c.pos_ != "PRON"] if noun is not None else []
        if owners:
            return owners
    return []


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
    if not is_predicate(verb) or verb.dep_ in AUX_DEPS:
        return
    lemma = verb.lemma_.lower()
    if verb.pos_ == "AUX" and lemma not in lexicon.COPULAS:
        return
    if lemma in lexicon.SPEECH_ONLY_VERBS and not _names_what_is_said(verb):
        return
    if _ellipsis_subjects(verb.head) and verb.dep_ == "advcl" and _is_ellipsis(verb):
        return  # "as did Portugal": the main clause's frames carry Portugal
    if _is_question(verb):
        return  # "did not disclose whether it received X": asked, not told
    if verb.dep_ == "amod" or is_misparsed_modifier(verb):
        return  # "the London based agency": an adjectival participle, not a clause
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and any(p.lower_ == "by" for p in _preps(verb)):
        return  # "the shooting down of X by Y" is a nominal event (see nominal.py)
    if is_passive(verb):
        if agent_of(verb) is None and verb in mandated(verb.head):
            return  # "called for the killers to be brought to justice": read off "call"
        yield from _passive_frames(verb, *verb_base(verb))
        return
    if any(c.dep_ == "expl" for c in children_of(verb)):
        yield from _existential_frames(verb, *verb_base(verb))
        return
    if verb.dep_ == "relcl":
        yield from _whose_frames(verb)
    yield from _small_clause_frames(verb)
    subject, prefix, prefix_tokens, borrowed = logical_subject(verb)
    if subject is None or subject.lower_ in lexicon.RELATIVE_PRONOUNS:
        return
    base, tokens = verb_base(verb)  # read once a clause is sure to have a subject
    subjects = headline_partners(verb, subject) + [subject] + companions(verb, subject) + _ellipsis_subjects(verb)
    frames = list(_object_frames(verb, base, tokens))
    # "the airport, where he was arriving by plane": a verb that takes a place takes the "where" too
    place = _where(verb) if not frames or lemma in lexicon.LOCATIVE_VERBS else None
    if place is not None:
        idiom = [d for d in children(verb, "dobj") if d.lower_ in lexicon.IDIOM_NOUNS]  # "took place"
        frames.append(Complement(" ".join([base, *(d.lower_ for d in idiom), "in"]), place, "where", tokens + idiom))
    for frame in frames:
        for actor in subjects:
            yield Frame(actor, prefix + frame.relation, frame.object, verb, frame.rule,
                        (*prefix_tokens, *frame.tokens), borrowed)
    together, state_tokens = _reciprocal(verb, base)
    if not frames and together and not children(verb, "xcomp", "ccomp", "dobj"):
        relation = f"{prefix}{together}"
        tokens = tokens + state_tokens
        first, *others = subjects + [c for c in conjuncts(subject) if c.i > subject.i]
        for other in others:
            yield Frame(first, relation, other, verb, "reciprocal", (*prefix_tokens, *tokens), borrowed)


def _reciprocal(verb: Token, base: str) -> tuple[Optional[str], list[Token]]:
    """The relation "A and B met" gives ``A | meet with | B`` (and the words it adds to the verb's):
    a reciprocal verb's, or a copula's with a two-sided state ("A and B were at odds" -> ``be at odds with``)."""
    lemma = verb.lemma_.lower()
    if lemma in lexicon.RECIPROCAL_VERBS:
        return f"{base} {lexicon.RECIPROCAL_VERBS[lemma]}", []
    if lemma in lexicon.COPULAS:
        for prep in children(verb, "prep"):
            for state in pobjs(prep):
                if state.lower_ in lexicon.RECIPROCAL_STATES:
                    return f"{base} {prep.lower_} {state.lower_} {lexicon.RECIPROCAL_STATES[state.lower_]}", [prep, state]
    return None, []


def _is_ellipsis(clause: Token) -> bool:
    return clause.lemma_.lower() in ("do", "be", "have") and any(m.lower_ == "as" for m in children(clause, "mark"))


def _ellipsis_subjects(verb: Token) -> list[Token]:
    """"Spain condemned the coup, as did Portugal": Portugal did the same."""
    return [s for c in children(verb, "advcl") if _is_ellipsis(c) for s in children(c, "nsubj", "nsubjpass")]


def _is_question(verb: Token) -> bool:
    """An indirect question ("whether X did Y", "asked if X had Y") or a yes/no question
    ("Will Oslo join the pact?", "Is Peru a member?"): asked, not told."""
    while verb.dep_ == "conj" and not children(verb, "mark"):
        verb = verb.head
    marks = {m.lower_ for m in children(verb, "mark")}
    return "whether" in marks or (verb.dep_ == "ccomp" and "if" in marks) or _is_yes_no_question(verb)


def _is_yes_no_question(verb: Token) -> bool:
    """A clause that opens with its auxiliary or copula, before its subject, and ends with "?"."""
    subjects = children(verb, "nsubj", "nsubjpass")
    if not subjects or verb.dep_ not in ("ROOT", "ccomp", "parataxis"):
        return False
    doc = verb.doc
    # '"Did X …?" he asked', "Roger, can you …?", "And will they …?": quotes, a name called, a link first
    words = [
        t for t in doc[verb.left_edge.i : subjects[0].i]
        if not t.is_punct and t.dep_ not in ("cc", "intj", "npadvmod") and not (t.i + 1 < len(doc) and doc[t.i + 1].text == ",")
    ]
    opener = words[0] if words else None
    if opener is None or opener.pos_ != "AUX" or opener.head.i != verb.i and opener.i != verb.i:
        return False
    end = verb.right_edge.i
    while end > verb.i and doc[end].is_punct and doc[end].text != "?":
        end -= 1  # the closing quote after "?"
    return doc[end].text == "?" or end + 1 < len(doc) and doc[end + 1].text == "?"


def _names_what_is_said(verb: Token) -> bool:
    """"noted two difficulties", "wrote a novel": a speech verb whose object is a noun, not the quote."""
    if any(_addressee(o) for p in children(verb, "prep") if p.lower_ == "to" for o in pobjs(p)):
        return True  # "wrote to the embassy", "said to the BBC": a second party is kept, like "told X"
    if children(verb, "ccomp", "xcomp", "parataxis"):
        return False
    return any(d.pos_ in ("NOUN", "PROPN") and is_argument(d) for d in children(verb, "dobj"))


def _addressee(noun: Token) -> bool:
    """Someone spoken or written to: a named party or a group of people ("the Spanish government")."""
    if noun.ent_type_:
        return noun.ent_type_ in lexicon.ADDRESSEE_LABELS
    if noun.pos_ != "NOUN" or not is_argument(noun):
        return False
    # "reporters", "the Spanish government"; not "to the effect that"
    return noun.tag_ == "NNS" or any(m.ent_type_ in lexicon.ADDRESSEE_LABELS for m in children(noun, "amod", "compound"))


def _existential_frames(verb: Token, base: str, tokens: list[Token]) -> Iterator[Frame]:
    """"There were no planes in the area" -> ``planes | be in | area`` (negated by "no").

    A topic is no place: "there was no debate on X" relates nobody.
    """
    for attr in children(verb, "attr", "nsubj"):
        preps = [
            p for p in children_of(attr)
            if p.dep_ == "prep" and p.lower_ not in lexicon.TOPIC_PREPS and p.lower_ not in ("at", "among")
        ]  # "there were scenes at the airport", "skepticism among academics": where, or who holds it
        for prep, pobj in _party_preps(attr, preps)[:1]:
            words, obj, prep_tokens = _prep_object(prep, pobj)
            yield Frame(attr, f"{base} {words}", obj, verb, "copula-prep", tuple(tokens + prep_tokens))


def _passive_frames(verb: Token, base: str, tokens: list[Token]) -> Iterator[Frame]:
    acted_on = patient(verb)
    if acted_on is None or acted_on.lower_ in lexicon.RELATIVE_PRONOUNS:
        return
    for complement in children(verb, "oprd", "dobj", "attr"):
        # "he was named ambassador to Peru": what the passive made of its subject
        if complement.pos_ in ("NOUN", "PROPN") and is_argument(complement):
            yield Frame(acted_on, f"be {base}", complement, verb, "passive-complement", tuple(tokens))
    agent = agent_of(verb)
    if agent is not None:
        relation = base
        if verb.lemma_.lower() in lexicon.OBJECT_PREP_VERBS:
            complements = [p for p in _preps(verb) if p.lower_ != "by" and (pobjs(p) or children(p, "pcomp"))]
            if complements:
                relation, tokens = f"{base} {complements[0].lower_}", tokens + complements[:1]
        yield Frame(agent, relation, acted_on, verb, "passive", tuple(tokens), verb.dep_ != "ROOT")
        return
    parties = _party_preps(verb, _preps(verb))
    for prep, pobj in parties[:1]:
        if prep.lower_ == "in" and pobj.lower_ in lexicon.HARM_EVENTS:  # "killed in an airstrike"
            yield Frame(pobj, base, acted_on, verb, "passive", tuple(tokens), True)
            continue
        relation = f"be {base} {prep.lower_}"
        yield Frame(acted_on, relation, pobj, verb, "passive-prep", tuple(tokens + [prep]))
    place = _where(verb) if not parties else None
    if place is not None:
        yield Frame(acted_on, f"be {base} in", place, verb, "where", tuple(tokens))


def _where(verb: Token) -> Optional[Token]:
    """"the town where he was born": the noun a "where" clause happens in."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN") or not is_argument(verb.head):
        return None
    if verb.head.lemma_.lower() in lexicon.NON_PLACE_NOUNS:
        return None  # "escalated to a point where no one knows …"
    lemma = verb.lemma_.lower()
    if not (is_place(verb.head) or verb.head.ent_type_ or lemma in lexicon.LOCATIVE_VERBS or lemma in lexicon.COPULAS):
        return None  # "a point where nobody knows", "cases where islands played a role": no place
    return verb.head if any(c.lower_ == "where" for c in children(verb, "advmod")) else None
