"""Who does it: the logical subject of a clause, and the shape of its verb.

:func:`logical_subject` finds the subject of an active clause as a :class:`Subject`,
trying the named rules of :data:`RULES` in order, each with the phrase it was made
for.  It borrows the subject where the parse leaves it out: from the governor of an
``xcomp`` ("agreed to hold" -> the one who agreed, and "agree to " joins the
relation), from the first of coordinated verbs, from the object of "urge X to" or
"call on X to", from a participle's noun ("a resolution aimed at stopping X"), from
the owner of "its duty to protect", from a noun made to do something ("a resolution
to expel X"), and from the speaker of a reporting verb coordinated after a reported
clause ("insisted Y was …, and accused Z").  :func:`patient` and :func:`agent_of` are the
passive's two sides; :func:`headline_partners` and :func:`companions` find
further subjects ("Putin, Hollande meet"; "X, along with Y, said").  Each walk
goes up the clause chain only, never across the sentence.
"""
from __future__ import annotations

from typing import Callable, NamedTuple, Optional

from spacy.tokens import Token

from kg.extraction import lexicon
from kg.extraction.arguments import antecedent, is_argument
from kg.extraction.tree import children_of

__all__ = [
    "PREDICATE_POS", "Subject", "agent_of", "children", "clause_subject", "companions", "gerund_owner", "has_that", "headline_partners", "in_order_to",
    "is_finite_after_infinitive", "is_infinitive", "is_misparsed_modifier", "is_particle", "is_passive", "is_predicate",
    "is_report_after_comma", "logical_subject", "mandated", "noun_words", "own_subjects", "patient", "pobjs", "raised_subject", "verb_base",
]

#: Parts of speech that head a clause.
PREDICATE_POS = frozenset(("VERB", "AUX"))

def is_predicate(token: Token) -> bool:
    """A verb, or a word the tagger took for a noun that "to" makes a verb ("persuade X to sanction Y")."""
    return token.pos_ in PREDICATE_POS or (token.dep_ == "xcomp" and is_infinitive(token))


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in children_of(token) if c.dep_ in deps]


def is_particle(token: Token) -> bool:
    """A verb particle, or a directional adverb that governs the verb's preposition ("recalled back to")."""
    if token.dep_ == "prt":
        return True
    if token.dep_ not in ("advmod", "prep") or token.lower_ not in lexicon.DIRECTION_ADVERBS:
        return False
    kids = children_of(token)  # "pull out of X": an "out" the parser made a preposition without an object
    return any(c.dep_ == "prep" for c in kids) and not any(c.dep_ == "pobj" for c in kids)


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


def is_yet_to(verb: Token) -> bool:
    """"has yet to respond", "is yet to comment": not done so far (a negation, see factuality)."""
    return verb.lemma_.lower() in ("have", "be") and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in children_of(verb)) \
        and any(c.dep_ == "xcomp" for c in children_of(verb))


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


class Subject(NamedTuple):
    """Who does it: the logical subject of a clause, as :func:`logical_subject` finds it.

    ``prefix``/``tokens`` are what a governing chain adds to the relation
    ("agreed to hold" -> ``"agree to "``); ``borrowed`` says the subject was taken
    from another clause (conj, xcomp, relcl …), which lowers the triple's confidence.
    """

    token: Optional[Token]
    prefix: str = ""
    tokens: tuple[Token, ...] = ()
    borrowed: bool = False


#: No subject: the walk stops here.
NO_SUBJECT = Subject(None)


def clause_subject(verb: Token) -> Optional[Token]:
    """The logical subject of an active clause headed by ``verb`` (borrowed if need be)."""
    return logical_subject(verb).token


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


# -- subject rules: each returns a Subject (NO_SUBJECT stops the walk) or None (not this rule) --
def _misparsed(verb: Token, depth: int) -> Optional[Subject]:
    if is_misparsed_modifier(verb):
        return Subject(children(verb, "dobj")[0], borrowed=True)
    return None


def _own(verb: Token, depth: int) -> Optional[Subject]:
    for child in own_subjects(verb):
        resolved = antecedent(child)
        return Subject(resolved, borrowed=resolved.i != child.i)
    return None


def own_subjects(verb: Token) -> list[Token]:
    """The verb's subjects, also one the parser hung on its auxiliary when a comma phrase
    follows it ("The US had not, as of Monday, announced plans": "US" is the subject of "had")."""
    found = children(verb, "nsubj", "nsubjpass")
    if len(found) > 1:  # "the SDF, which Trump served up": the relative word is the object
        words = [s for s in found if s.lower_ not in lexicon.RELATIVE_PRONOUNS and (s.is_alpha or s.pos_ == "PROPN")]
        found = words or found
    if not found:
        found = [s for a in children(verb, "aux") if a.i < verb.i for s in children(a, "nsubj", "nsubjpass")]
    return found


def _top(verb: Token, depth: int) -> Optional[Subject]:
    return NO_SUBJECT if verb.head.i == verb.i or depth > 6 else None


def _report_after_comma(verb: Token, depth: int) -> Optional[Subject]:
    if verb.dep_ == "conj" and is_report_after_comma(verb):
        return logical_subject(verb.head.head, depth + 1)
    return None


def is_finite_after_infinitive(verb: Token) -> bool:
    """"urged the embassy to reconsider and spoke with X": a finite verb the parser joined to an
    infinitive; it is coordinated with the infinitive's governor ("urged"), not with the infinitive."""
    head = verb.head
    return (
        verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBZ", "VBP")
        and head.dep_ in ("xcomp", "advcl", "ccomp") and is_infinitive(head)
    )


def _conjunct(verb: Token, depth: int) -> Optional[Subject]:
    if verb.dep_ != "conj":
        return None
    return logical_subject(verb.head.head if is_finite_after_infinitive(verb) else verb.head, depth + 1)


def _quoted(verb: Token, depth: int) -> Optional[Subject]:
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in lexicon.SPEECH_ONLY_VERBS and not is_passive(head):
        return NO_SUBJECT
    return None


def _governor(verb: Token, depth: int) -> Optional[Subject]:
    dep, head = verb.dep_, verb.head
    if dep not in ("xcomp", "advcl") or head.pos_ not in PREDICATE_POS:
        return None
    if dep == "advcl" and not (is_infinitive(verb) or verb.tag_ == "VBG"):
        return NO_SUBJECT  # only "to meet …" and "reminding …" share the main subject
    before = verb.doc[verb.i - 1] if verb.i else verb
    if dep == "advcl" and before.lemma_.lower() in lexicon.TIME_NOUNS and before.ent_type_ in lexicon.CIRCUMSTANCE_LABELS:
        return NO_SUBJECT  # "in the week leading up to the summit": the participle describes the time
    owner = gerund_owner(verb) or raised_subject(verb) or _whose_duty(verb)
    if owner is not None:
        return Subject(owner, borrowed=True)
    if dep == "advcl" and _is_noun_complement(head) and verb.doc[verb.i - 1].text == ",":
        return logical_subject(head.head.head, depth + 1)  # "rejected claims that X did Y, citing Z"
    # "To resolve X, they invited the countries": a fronted aim is the subject's, not the object's
    controller = [o for o in children(head, "dobj") if o.i < verb.i]
    if head.lemma_.lower() in lexicon.TIME_SPENDING_VERBS:
        controller = []  # "spent his life fighting X": who spent it fights
    if controller and (dep == "xcomp" or (is_infinitive(verb) and head.lemma_.lower() in lexicon.OBJECT_PREP_VERBS)):
        return Subject(controller[0], borrowed=True)
    directive = dep == "xcomp" or head.lemma_.lower() in lexicon.DIRECTIVE_VERBS
    if directive and is_infinitive(verb):  # "called on Turkey to halt": the prepositional object acts
        controller = [o for p in children(head, "prep") if p.i < verb.i for o in pobjs(p) if is_argument(o)]
        if controller:
            return Subject(controller[0], borrowed=True)
    subject, prefix, tokens, _ = logical_subject(head, depth + 1)
    # "is believed to be behind X": the belief is no act of the subject's, only a hedge (factuality)
    epistemic = head.lemma_.lower() in lexicon.EPISTEMIC_PASSIVES and is_passive(head)
    if dep == "xcomp" and head.lemma_.lower() not in lexicon.TRANSPARENT_VERBS and head.pos_ == "VERB" \
            and not epistemic and not is_yet_to(head):
        base, base_tokens = verb_base(head)
        if verb.tag_ != "VBG" or is_infinitive(verb):  # "claimed to be seeking" is an infinitive
            prefix, tokens = f"{prefix}{base} to ", (*tokens, *base_tokens)
        elif head.lemma_.lower() not in lexicon.ONSET_VERBS | lexicon.MANNER_GERUND_VERBS:
            prefix, tokens = f"{prefix}{base} ", (*tokens, *base_tokens)  # "considered charging X" -> "consider charge"
        # "began deploying X", "transactions occur using dollars": the gerund alone says what happens
    return Subject(subject, prefix, tuple(tokens), True)


#: Quotation marks, straight and curly.
QUOTE_MARKS = frozenset(('"', "\u201c", "\u201d", "''", "``"))


def _reporter(clause: Token) -> Optional[Token]:
    """The reporting verb whose quote ``clause`` heads: its governor or a parenthetical "he said"."""
    for child in children_of(clause):
        if child.dep_ in ("parataxis", "ccomp") and child.lemma_.lower() in lexicon.REPORTING_VERBS:
            return child
    node = clause
    while node.dep_ in ("ccomp", "xcomp", "conj", "parataxis") and node.head.i != node.i:
        if node.head.lemma_.lower() in lexicon.REPORTING_VERBS and node.dep_ != "conj":
            return node.head
        node = node.head
    return None


def _speakers_participle(verb: Token, depth: int) -> Optional[Subject]:
    """"Speaking to X, he said: '…'", "X said: '…', while addressing the press": the parser hangs
    the participle on the quoted clause; a quotation mark between them shows it is the speaker's."""
    head = verb.head
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or head.pos_ not in PREDICATE_POS:
        return None
    low, high = sorted((verb.i, head.i))
    if not any(t.text in QUOTE_MARKS for t in verb.doc[low + 1 : high]):
        return None
    reporter = _reporter(head)
    if reporter is None:
        return None
    return Subject(logical_subject(reporter, depth + 1).token, borrowed=True)


def raised_subject(verb: Token) -> Optional[Token]:
    """"people believed to have been involved in X", "an effort intended to connect X": the noun
    that a passive participle describes is the subject of the participle's infinitive."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.dep_ != "acl" or head.tag_ != "VBN" or children(verb, "nsubj", "nsubjpass"):
        return None
    if children(head, "nsubj", "aux"):
        return None  # "the fact that the authorities have chosen to suppress X" is a clause
    if head.head.pos_ not in ("NOUN", "PROPN") or not is_infinitive(verb):
        return None
    return _described(head.head)


def _whose_duty(verb: Token) -> Optional[Token]:
    """"the government, whose duty it is to protect the borders": the relative's owner does it."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.dep_ != "relcl" or head.lemma_.lower() not in lexicon.COPULAS:
        return None
    nouns = children(head, "attr", "nsubj") + children(verb, "dobj")  # the parser may hang "whose duty" on either
    owned = [a for a in nouns if a.i < verb.i and any(p.lower_ == "whose" for p in children(a, "poss"))]
    return head.head if owned and head.head.pos_ in ("NOUN", "PROPN") else None


def gerund_owner(verb: Token) -> Optional[Token]:
    """"spoke of Turkey assuming the duty", "warned about Iran enriching uranium": the noun right
    before a gerund the parser hung on the main verb is the gerund's subject."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or children(verb, "mark") or verb.i < 1:
        return None
    noun = verb.doc[verb.i - 1]
    prep = noun.head
    if noun.dep_ != "pobj" or prep.head.i != verb.head.i or prep.lower_ not in lexicon.GERUND_SUBJECT_PREPS:
        return None
    return noun if noun.pos_ in ("PROPN", "NOUN") and is_argument(noun) else None


def _adjective(verb: Token, depth: int) -> Optional[Subject]:
    head = verb.head
    if verb.dep_ != "xcomp" or head.pos_ != "ADJ" or head.dep_ != "acomp":
        return None
    subject, prefix, tokens, _ = logical_subject(head.head, depth + 1)
    return Subject(subject, f"{prefix}be {head.lower_} to ", (*tokens, head), True)


def _participle(verb: Token, depth: int) -> Optional[Subject]:
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        noun = verb.head
        if noun.pos_ == "NOUN":  # "the calls by officials asking X to …": the officials ask
            agents = [o for p in children(noun, "prep") if p.lower_ == "by" and p.i < verb.i for o in pobjs(p)]
            if agents:
                return Subject(agents[0], borrowed=True)
        return Subject(_described(noun), borrowed=True)
    return None


def _owner_duty(verb: Token, depth: int) -> Optional[Subject]:
    if verb.dep_ != "acl" or not is_infinitive(verb) or children(verb, "nsubj"):
        return None
    owners = [c for c in children_of(verb.head) if c.dep_ == "poss"]
    return Subject(owners[0], borrowed=True) if owners else None


def _ways_to(verb: Token, depth: int) -> Optional[Subject]:
    head = verb.head
    if verb.dep_ not in ("acl", "relcl") or not is_infinitive(verb) or head.dep_ != "dobj":
        return None
    if head.lower_ in lexicon.COLLECTIVE_NOUNS:
        return None  # "formed a coalition to patrol X": the coalition patrols (purpose noun)
    governor = head.head
    subject, prefix, tokens, _ = logical_subject(governor, depth + 1)
    base, base_tokens = verb_base(governor)
    noun, noun_tokens = noun_words(head)
    return Subject(subject, f"{prefix}{base} {noun} to ", (*tokens, *base_tokens, *noun_tokens), True)


def in_order_to(verb: Token) -> bool:
    """"withdraw the bill in order to allay concerns": an aim of the clause, not of the noun "order"."""
    head = verb.head
    return verb.dep_ == "acl" and head.lower_ == "order" and head.dep_ == "pobj" and head.head.lower_ in ("in", "so")


def _in_order_to(verb: Token, depth: int) -> Optional[Subject]:
    if not in_order_to(verb) or verb.head.head.head.pos_ not in PREDICATE_POS:
        return None
    subject, _, _, _ = logical_subject(verb.head.head.head, depth + 1)
    return Subject(subject, borrowed=True)


def _purpose_noun(verb: Token, depth: int) -> Optional[Subject]:
    head = verb.head
    if verb.dep_ not in ("acl", "relcl") or not is_infinitive(verb):
        return None
    if head.lower_ not in lexicon.PURPOSE_NOUNS and head.lower_ not in lexicon.COLLECTIVE_NOUNS:
        return None
    agents = [o for p in children(head, "prep") if p.lower_ == "by" for o in pobjs(p)]
    return Subject(agents[0] if agents else head, borrowed=True)


def _campaign_of(verb: Token, depth: int) -> Optional[Subject]:
    head = verb.head
    if verb.dep_ != "pcomp" or head.dep_ != "prep" or head.head.pos_ != "NOUN":
        return None
    owners = [c for c in children_of(head.head) if c.dep_ == "poss"]
    return Subject(owners[0], borrowed=True) if owners else None


def _aimed_at(verb: Token, depth: int) -> Optional[Subject]:
    head = verb.head
    if verb.dep_ != "pcomp" or head.dep_ != "prep" or head.head.pos_ not in PREDICATE_POS:
        return None
    governor = head.head
    if head.lower_ in lexicon.OWN_ACT_PREPS:  # "took action by killing X": who took it kills
        return Subject(logical_subject(governor, depth + 1).token, borrowed=True)
    if governor.dep_ == "acl" and governor.head.pos_ in ("NOUN", "PROPN"):
        return Subject(governor.head, borrowed=True)
    objects = children(governor, "dobj")
    if objects:
        return Subject(antecedent(objects[0]), borrowed=True)
    return Subject(logical_subject(governor, depth + 1).token, borrowed=True)


class SubjectRule(NamedTuple):
    """One way to find a clause's subject, with the phrase it was made for."""

    name: str
    example: str
    find: Callable[[Token, int], Optional[Subject]]


#: Tried in order; the first rule that answers decides (``NO_SUBJECT`` included).
RULES: tuple[SubjectRule, ...] = (
    SubjectRule("misparsed modifier", "the British based Observatory: Observatory", _misparsed),
    SubjectRule("own subject", "Russia vetoed; attacks, which hit X: attacks", _own),
    SubjectRule("top of the tree", "a root verb without a subject has none", _top),
    SubjectRule("report after comma", "X insisted Y was …, and accused Z: X accused", _report_after_comma),
    SubjectRule("conjunct", "Russia vetoed and condemned: Russia condemned", _conjunct),
    SubjectRule("quoted words", "saying, 'accusing X of …' was absurd: nobody", _quoted),
    SubjectRule("speaker's participle", "Speaking to X, he said: '…': he speaks to X", _speakers_participle),
    SubjectRule("governor", "agreed to hold talks; urged Beijing to release; called on Oslo to act", _governor),
    SubjectRule("adjective", "were able to reinforce: be able to reinforce", _adjective),
    SubjectRule("participle", "a resolution condemning X; Assad is a dictator crushing X", _participle),
    SubjectRule("owner's duty", "its duty to protect the border: its owner protects", _owner_duty),
    SubjectRule("ways to", "discuss ways to protect civilians: discuss ways to protect", _ways_to),
    SubjectRule("in order to", "withdrew the bill in order to allay fears: the one who withdrew", _in_order_to),
    SubjectRule("purpose noun", "a resolution to expel the troops; efforts by X to keep the deal", _purpose_noun),
    SubjectRule("campaign of", "Assad's campaign of crushing X: Assad crushes X", _campaign_of),
    SubjectRule("aimed at", "a resolution aimed at stopping X: the resolution stops X", _aimed_at),
)


def logical_subject(verb: Token, depth: int = 0) -> Subject:
    """Logical subject of an active clause, the relation prefix its chain adds, and whether it is borrowed.

    The prefix comes from non-transparent governors of an ``xcomp``:
    "agreed to hold" -> "agree to ", "tried to narrow" -> "".  The first of
    :data:`RULES` that answers decides.
    """
    for rule in RULES:
        found = rule.find(verb, depth)
        if found is not None:
            return found
    return NO_SUBJECT


def patient(verb: Token) -> Optional[Token]:
    """The grammatical subject of a passive clause (what was acted on)."""
    for child in children_of(verb):
        if child.dep_ in ("nsubjpass", "nsubj"):
            return antecedent(child)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return _described(verb.head)  # "X, which is a base used by Y": Y uses X
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        return patient(verb.head)
    raised = raised_subject(verb)
    if raised is None and verb.dep_ == "xcomp" and is_infinitive(verb):
        # "the militants are believed to be linked to X", "asked the firm to be audited": the
        # governor's object if it has one, else its subject
        governor = verb.head
        controllers = children(governor, "dobj") or children(governor, "nsubjpass", "nsubj")
        return antecedent(controllers[0]) if controllers else None
    return raised


def agent_of(verb: Token) -> Optional[Token]:
    """The "by" phrase's object of a passive verb; a time ("completed by 1990") is a deadline, no agent."""
    for child in children_of(verb):
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            objects = [o for o in pobjs(child) if o.ent_type_ not in lexicon.CIRCUMSTANCE_LABELS]
            if objects:
                return objects[0]
    return None


def mandated(verb: Token) -> list[Token]:
    """The bare clauses ``verb`` asks for: "urged [that] the immunity be waived", "recommended the
    troops withdraw", "called for the killers to be brought to justice".  Only clauses with no
    object: those with one ("urged that Iran free the crew") give their own triple."""
    if verb.lemma_.lower() not in lexicon.MANDATIVE_VERBS:
        return []
    found = []
    for clause in children(verb, "ccomp", "advcl"):
        marks = {m.lower_ for m in children(clause, "mark")}
        if marks - {"that"} if clause.dep_ == "ccomp" else marks != {"for"}:
            continue  # "asked whether X …" is a question; an adverbial clause only as "call for X to be …"
        if clause.tag_ not in ("VB", "VBN") or children(clause, "dobj") or any(
            a.lower_ not in ("be", "to") for a in children(clause, "aux", "auxpass")
        ):
            continue  # "insisted the strike was justified", "urged that X would …": a report, not a mandate
        if clause.tag_ == "VBN" and not is_passive(clause):
            continue
        found.append(clause)
    return found


def headline_partners(verb: Token, subject: Token) -> list[Token]:
    """"Putin, Hollande meet": a headline's comma coordination, which the parser leaves as ``dep``."""
    doc = verb.doc
    return [
        c for c in children_of(verb)
        if c.dep_ in ("dep", "npadvmod") and c.pos_ == "PROPN" and c.i < subject.i and doc[c.i + 1].text == ","
        and is_argument(c)  # "Thursday, US forces killed X": a date is when, not who
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
