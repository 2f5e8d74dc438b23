"""Is a clause negated, hedged or future, and who says so?

Each function looks at one predicate and walks up the dependency tree only as
far as the clause chain goes (``xcomp``, ``conj``, ``ccomp`` …), so the cost is
the depth of the tree, not the length of the sentence.
"""
from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Token

from kg.extraction import lexicon
from kg.extraction.subjects import (
    agent_of,
    clause_subject,
    has_that,
    in_order_to,
    is_finite_after_infinitive,
    is_passive,
    is_report_after_comma,
    is_yet_to,
    mandated,
)
from kg.extraction.tree import children_of

__all__ = ["attribution", "factuality"]

#: Links that keep a predicate inside the same event ("agreed to hold", "tried to narrow").
CHAIN_DEPS = frozenset(("xcomp",))

#: Links through which a reporting verb governs the clause it reports.
REPORTED_DEPS = frozenset(("ccomp", "prep", "parataxis", "advcl", "dobj"))

#: Subject dependencies.
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))


def _own_markers(verb: Token) -> Iterator[str]:
    """Factuality words attached directly to ``verb``."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "without":
        yield "negated"  # "left without signing the accord": the accord was not signed
    if is_yet_to(verb):
        yield "negated"  # "has yet to respond": it has not responded
    for child in children_of(verb):
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "advmod" and low == "never"):
            # "supporting, if not orchestrating": a hedge, not a denial
            yield "hedged" if any(m.dep_ == "mark" and m.lower_ == "if" for m in children_of(verb)) else "negated"
        elif child.dep_ in ("aux", "auxpass"):
            if low in lexicon.FUTURE_AUX:
                yield "future"
            elif low in lexicon.HEDGE_AUX:
                yield "hedged"
            elif low == "going" or (child.lemma_ == "be" and any(g.dep_ == "xcomp" for g in children_of(child))):
                yield "future"
        elif child.dep_ == "advmod" and low in lexicon.HEDGE_WORDS:
            yield "hedged"
        if child.dep_ == "aux" and any(g.dep_ == "neg" for g in children_of(child)):
            yield "negated"  # "had not, as of Monday, announced": the parser hangs "not" on "had"


def _has_own_aux(verb: Token) -> bool:
    """An auxiliary or subject of its own; the "to" of "urged X to release … and to restore …" is none."""
    return any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") and c.lower_ != "to" for c in children_of(verb))


def _clause_chain(verb: Token) -> Iterator[Token]:
    """``verb`` and the predicates whose auxiliaries it shares.

    An ``xcomp`` shares its governor's ("will try to attend"); a ``conj``
    without its own auxiliary or subject shares its first conjunct's
    ("will attend the meeting and discuss the crisis"); "aimed at stopping"
    shares the intention of "aim".
    """
    yield verb
    while True:
        if verb.dep_ == "conj" and is_report_after_comma(verb):
            return  # "insisted Y was not …, and accused Z": accusing shares nothing with Y's clause
        if is_finite_after_infinitive(verb):
            verb = verb.head.head  # "urged X to reconsider and spoke with Y": shares "urged"'s markers
            yield verb
            continue
        if verb.dep_ in CHAIN_DEPS or (verb.dep_ == "conj" and not _has_own_aux(verb)) or _is_infinitive_ccomp(verb):
            verb = verb.head
        elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and _is_intention(verb.head.head):
            verb = verb.head.head  # "aimed at stopping"
        elif verb.dep_ in ("acl", "relcl") and verb.head.dep_ == "dobj" and _is_purpose_form(verb):
            verb = verb.head.head  # "discuss ways to protect": the relation is read off "discuss"
        else:
            return
        yield verb


def _is_infinitive_ccomp(verb: Token) -> bool:
    """"allowed China to extradite": an infinitive the parser made a clause with its own subject."""
    return verb.dep_ == "ccomp" and _is_purpose_form(verb) and any(c.dep_ == "nsubj" for c in children_of(verb))


def _is_intention(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in lexicon.FUTURE_VERBS or lemma in lexicon.HEDGE_VERBS or lemma in lexicon.ATTEMPT_VERBS


def _chain_markers(verb: Token) -> set[str]:
    markers: set[str] = set()
    previous = None
    for link in _clause_chain(verb):
        markers.update(_own_markers(link))
        if previous is not None and previous.dep_ in ("xcomp", "pcomp", "ccomp"):
            lemma = link.lemma_.lower()
            if lemma in lexicon.FUTURE_VERBS or lemma == "be":
                markers.add("future")
            elif lemma in lexicon.HEDGE_VERBS or lemma in lexicon.DIRECTIVE_VERBS:
                markers.add("hedged")  # "urged X to reconsider": only asked for
            elif lemma in lexicon.EPISTEMIC_PASSIVES and link.tag_ == "VBN":
                markers.add("hedged")  # "people believed to have been involved"
        previous = link
    return markers


def _is_purpose_form(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(verb))


def _is_purpose(verb: Token) -> bool:
    """"met to resolve differences", "a resolution to expel the troops": an aim, not yet done."""
    if verb.dep_ in ("acl", "relcl") and verb.head.lower_ in lexicon.COLLECTIVE_NOUNS:
        return _is_purpose_form(verb)  # "a coalition to patrol the Gulf": what it is for
    if verb.dep_ == "acl" and (verb.head.lower_ in lexicon.PURPOSE_NOUNS or in_order_to(verb)):
        return _is_purpose_form(verb)
    return verb.dep_ == "advcl" and _is_purpose_form(verb)


def _is_claim_content(verb: Token) -> bool:
    """"allegations that Russia bombed a convoy": what a claim says is not asserted by the writer."""
    return (
        verb.dep_ == "acl"
        and verb.head.lemma_.lower() in lexicon.CLAIM_NOUNS
        and has_that(verb)
    )


def factuality(verb: Token) -> tuple[bool, str]:
    """``(negated, modality)`` of a predicate in one walk."""
    markers = _chain_markers(verb)
    if _is_purpose(verb):
        # "called on X to free Y" was only asked for; "met to resolve X" is still to come
        directive = verb.head.lemma_.lower() in lexicon.DIRECTIVE_VERBS and not in_order_to(verb)
        markers.add("hedged" if directive else "future")
    if _is_claim_content(verb) or verb.head.i != verb.i and verb in mandated(verb.head):
        markers.add("hedged")  # "allegations that X did Y"; "recommended the troops withdraw from X"
    mode = "future" if "future" in markers else "hedged" if "hedged" in markers else "asserted"
    return "negated" in markers, mode


def subject_of(verb: Token) -> Optional[Token]:
    """The grammatical subject of ``verb``, borrowed from a governing conjunct if needed."""
    while True:
        for child in children_of(verb):
            if child.dep_ in SUBJECT_DEPS:
                return child
        if verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head.head if is_report_after_comma(verb) else verb.head


def _according_to(verb: Token) -> Optional[Token]:
    for child in children_of(verb):
        follow = lexicon.ATTRIBUTION_PREPS.get(child.lower_)
        if follow and child.dep_ in ("prep", "advcl", "advmod"):
            for prep in children_of(child):
                if prep.lower_ == follow:
                    for pobj in children_of(prep):
                        if pobj.dep_ == "pobj":
                            return pobj
    return None


def _trailing_report(verb: Token) -> Optional[Token]:
    """"The strikes hit X, officials said": the reporting verb parsed as a dependent."""
    for child in children_of(verb):
        if child.dep_ in ("parataxis", "ccomp", "advcl") and child.lemma_.lower() in lexicon.REPORTING_VERBS:
            if not any(c.dep_ in ("ccomp", "dobj") for c in children_of(child)):
                return subject_of(child)
    return None


def _appraises(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in lexicon.APPRAISAL_VERBS or lemma in lexicon.AS_APPRAISAL_VERBS


def attribution(verb: Token) -> tuple[Optional[Token], bool]:
    """The head of whoever the clause is attributed to, and whether the report hedges it.

    Walks up to the nearest reporting verb that governs the clause
    ("Russia has said its airstrikes are targeting IS" -> Russia), or the object
    of "according to" on the way.
    """
    node = verb
    while True:
        source = _according_to(node) or _trailing_report(node)
        if source is not None:
            return source, False
        parent = node.head
        if parent.i == node.i or node.dep_ == "appos":
            return None, False  # an apposition is the writer's comment, not the speaker's words
        if verb.pos_ in ("ADJ", "NOUN", "PROPN") and node.dep_ in ("dobj", "oprd", "acomp", "prep") and _appraises(parent):
            return clause_subject(parent), False  # "called the deal compatible with X": the caller's view
        fronted = node.dep_ in ("advcl", "prep") and node.i < parent.i  # "With X urging Y, Z announced …"
        if parent.lemma_.lower() in lexicon.REPORTING_VERBS and node.dep_ in REPORTED_DEPS and not fronted:
            if node.dep_ != "dobj" or node.pos_ in ("VERB", "AUX"):
                if is_passive(parent):
                    # "was accused of hiding": the accuser is the agent, or nobody named
                    accuser = agent_of(parent)
                    return accuser, accuser is None
                speaker = subject_of(parent)
                if speaker is not None:
                    return speaker, parent.lemma_.lower() in lexicon.HEDGING_REPORTS
        node = parent
