"""From frames to triples: spans, conjuncts, factuality and confidence, sentence by sentence."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import TYPE_CHECKING, Callable, Iterator, Optional

from kg.extraction.arguments import Arg, adjective_variants, argument, conjuncts, is_partitive, stand_in
from kg.extraction.circumstances import circumstances
from kg.extraction.clauses import Frame, clause_frames
from kg.extraction.confidence import confidence
from kg.extraction.factuality import attribution, factuality
from kg.extraction.lexicon import ACTOR_NOUNS, AIM_VERBS, COPULAS
from kg.extraction.nominal import NOUN_POS, nominal_frames, relation_between
from kg.extraction.subjects import PREDICATE_POS
from kg.extraction.tree import children_of
from kg.model import Triple

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["triples", "sentence_triples"]

#: Subjects that are never actors: expletives and unresolved relative words.
NON_SUBJECTS = frozenset("there here which that what who whom whose this these those all 's one".split())


#: Parts of speech that never head an argument: "Probably | be | …", "up | …".
NON_ARGUMENT_POS = frozenset("ADV ADP PART CCONJ SCONJ PUNCT INTJ AUX".split())


def _is_expletive(token: "Token") -> bool:
    """"it can be right to use X", "it was clear to me that …": an "it" that stands for a clause, not an actor."""
    if token.lower_ != "it" or token.dep_ != "nsubj":
        return False
    verb = token.head
    clauses = [c for c in children_of(verb) if c.dep_ in ("ccomp", "xcomp") and c.i > token.i]
    clauses += [g for c in children_of(verb) if c.dep_ in ("acomp", "attr") for g in children_of(c) if g.dep_ in ("ccomp", "xcomp")]
    return verb.lemma_.lower() in COPULAS and bool(clauses)


def _can_stand(token: "Token") -> bool:
    """Whether ``token`` may head a subject: no adverb or particle ("Probably | be | …")."""
    return token.pos_ not in NON_ARGUMENT_POS


def _is_named_dyad(frame: Frame, obj: Arg) -> bool:
    """"flew fighters to Syria" -> ``fly fighters to | Syria``: the dyad names its second party, and
    its relation holds the theme, so ``fly | fighters`` adds nothing (issue 19).

    Only a phrase right after the theme that points at a party does: a source ("extradite
    criminals from Hong Kong"), a companion ("posted pictures with Qawi") or a phrase the parser
    hung on the verb from afar ("released a summary of a call made … to Zelensky") leave the theme.
    """
    if frame.rule != "target" or not frame.relation_tokens:
        return False
    if not obj.named and obj.head.lemma_.lower() not in ACTOR_NOUNS:
        return False  # "seeks to remove tariffs on 90 percent of goods": no party, the theme stays
    prep = frame.relation_tokens[-1]
    if prep.lower_ == "at" and frame.predicate.lemma_.lower() not in AIM_VERBS:
        return False  # "won the final at the Championships": where, though the tagger names it
    themes = [t for t in frame.relation_tokens[:-1] if t.pos_ == "NOUN"]
    return prep.lower_ in DYAD_PREPS and any(
        (prep.head.i == t.i or t.right_edge.i + 1 == prep.i) and not any(w.pos_ == "VERB" for w in t.subtree)
        for t in themes
    )


#: Prepositions whose object is the party a theme goes to or acts on.
DYAD_PREPS = frozenset("to at against into onto toward towards upon for on of".split())


def _is_ellipsis_owner(token: "Token") -> bool:
    """"The airline was Norway's first", "Smith's was the only name released": an owner whose
    noun is left out names the owner's thing, not the owner."""
    if token.dep_ == "poss":
        return False
    marks = [c for c in children_of(token) if c.dep_ == "case" and c.lower_ in ("'s", "’s")]
    # "appreciated Soleimani's lifepath", the noun mistagged: the owned word is there after the mark
    return any(m.i + 1 == len(m.doc) or m.doc[m.i + 1].pos_ not in ("NOUN", "PROPN", "ADV") for m in marks)


def _is_asked(token: "Token") -> bool:
    """"Which candidates have you backed?", "What qualities do you admire?": the argument a
    question asks for is not known."""
    return any(c.dep_ == "det" and c.tag_ == "WDT" for c in children_of(token))


def _has_words(text: str) -> bool:
    """Whether an argument has a word or number: "[", "..." or "—" name nobody."""
    return any(ch.isalnum() for ch in text)


def _members(token: "Token", predicate: "Token") -> list["Token"]:
    """The conjuncts ``token`` stands for in a frame read off ``predicate``.

    A clause hung on the first member of a list, before the next member, describes that
    member only: "sanctioned Ruiz, who is the chief of police, Vela and Soto".
    """
    members = conjuncts(token)
    if len(members) > 1 and token.i < predicate.i < min((m.i for m in members if m.i > token.i), default=-1):
        return [token]
    return members


def _frames(sent: "Span") -> Iterator[Frame]:
    for token in sent:
        pos = token.pos_
        if pos in PREDICATE_POS or token.dep_ == "xcomp":  # a mistagged infinitive too (see is_predicate)
            yield from clause_frames(token)
        if pos in NOUN_POS or token.tag_ == "VBG" or token.dep_ == "appos":
            yield from nominal_frames(token)
        elif token.lower_ == "between":
            yield from relation_between(token)


#: Longest relation surface (tokens) before it is cut back to the verb group.
MAX_RELATION_TOKENS = 8


def _relation_span(frame: Frame) -> Optional[tuple[int, int]]:
    """Char span of the relation's words: auxiliaries and negation through the last preposition.

    When those words lie far apart ("operate …, with each club reserving") the span
    is cut back to the verb group so it never swallows an argument.
    """
    if not frame.relation_tokens:
        return None  # an apposition's "be … of" has no words in the text
    group = [frame.predicate] + [
        c for c in children_of(frame.predicate) if c.dep_ in ("aux", "auxpass", "neg", "prt")
    ]
    tokens = group + list(frame.relation_tokens)
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    if last - first >= MAX_RELATION_TOKENS:
        first, last = min(t.i for t in group), max(t.i for t in group)
    doc = frame.predicate.doc
    return doc[first].idx, doc[last].idx + len(doc[last])


def _crosses_line_break(frame: Frame, breaks: list[int]) -> bool:
    positions = (frame.subject.i, frame.predicate.i, frame.object.i)
    first, last = min(positions), max(positions)
    return any(first <= b < last for b in breaks)


def sentence_triples(
    sent: "Span", index: int, doc_id: str = "", doc_text: Optional[str] = None
) -> Iterator[Triple]:
    """Triples of one sentence ``sent`` (the ``index``-th of its document).

    ``doc_text`` is the document's text when the caller has it (``Doc.text`` is
    rebuilt from the tokens on every access).

    Examples
    --------
    >>> from kg.pipeline.nlp import load_nlp  # doctest: +SKIP
    >>> doc = load_nlp()("Russia vetoed a UN draft resolution.")  # doctest: +SKIP
    >>> [(t.subject, t.relation, t.object) for t in sentence_triples(next(doc.sents), 0)]  # doctest: +SKIP
    [('Russia', 'veto', 'UN draft resolution')]
    """
    text = sent.text if doc_text is None else doc_text[sent.start_char : sent.end_char]
    # the blank lines a paragraph ends with are not part of its last sentence (a CSV record stays one line)
    start = sent.start_char + len(text) - len(text.lstrip())
    text = text.strip()
    where = _Sentence(doc_id, index, text, start, start + len(text), len(sent))
    args: dict[int, Arg] = {}
    clauses: dict[int, _Clause] = {}
    best: dict[tuple[str, str, str], Triple] = {}
    read: dict[tuple[str, str, str], tuple[int, tuple[int, int], int]] = {}  # key -> predicate, subject, object head
    themes: set[tuple[int, tuple[int, int], int]] = set()  # theme triples a dyad with a named party replaces

    def arg(token: "Token") -> Arg:
        if token.i not in args:
            args[token.i] = argument(token)
        return args[token.i]

    breaks = [t.i for t in sent if "\n" in t.whitespace_ or "\n" in t.text] if "\n" in text else []
    for frame in _frames(sent):
        if breaks and _crosses_line_break(frame, breaks):
            continue  # a heading glued to the paragraph below it is not that paragraph's subject
        predicate = frame.predicate
        if predicate.i not in clauses:
            clauses[predicate.i] = _clause(predicate, arg)
        for subject_token in _members(stand_in(frame.subject), predicate):
            if subject_token.lower_ in NON_SUBJECTS and not is_partitive(subject_token) or not _can_stand(subject_token):
                continue
            if _is_expletive(subject_token) or _is_ellipsis_owner(subject_token) or _is_asked(subject_token):
                continue
            head_object = stand_in(frame.object)
            for object_token in _members(head_object, predicate):
                if object_token.pos_ in ("PUNCT", "SYM") or _is_ellipsis_owner(object_token) or _is_asked(object_token):
                    continue  # "distancing himself from the killing [...]": no words, no object
                if frame.rule.startswith("appos") and object_token.pos_ != head_object.pos_:
                    continue  # "Italy, the proposed end point, and Egypt": a name after the role goes on with the list
                pairs = product(adjective_variants(arg(subject_token)), adjective_variants(arg(object_token)))
                for subject, obj in pairs:  # "Russian and Syrian air strikes": two objects
                    if _has_words(subject.text) and _has_words(obj.text) and subject.span != obj.span:
                        triple = _triple(frame, subject, obj, clauses[predicate.i], where)
                        key = (triple.subject, triple.relation, triple.object)
                        if key not in best or best[key].confidence < triple.confidence:
                            best[key] = triple
                            read[key] = (predicate.i, subject.span, obj.head.i)
                        if _is_named_dyad(frame, obj):
                            themes.update((predicate.i, subject.span, t.i) for t in frame.relation_tokens)
    yield from (t for key, t in best.items() if read[key] not in themes)


@dataclass(frozen=True)
class _Sentence:
    doc_id: str
    index: int
    text: str
    start: int
    end: int
    length: int


@dataclass(frozen=True)
class _Clause:
    """What a predicate says about every triple read off it."""

    negated: bool
    modality: str
    speaker: Optional[Arg]
    depth: int


def _clause(predicate: "Token", arg: Callable[["Token"], Arg]) -> _Clause:
    negated, modality = factuality(predicate)
    speaker, hedging = attribution(predicate)
    if hedging and modality == "asserted":
        modality = "hedged"
    depth = sum(1 for _ in predicate.ancestors)
    return _Clause(negated, modality, arg(speaker) if speaker is not None else None, depth)


def _triple(frame: Frame, subject: Arg, obj: Arg, clause: _Clause, where: _Sentence) -> Triple:
    speaker = clause.speaker if clause.speaker is not None and clause.speaker.span != subject.span else None
    modality = clause.modality
    if modality == "asserted" and (subject.hedged or obj.hedged):
        modality = "hedged"  # "the alleged evidence"
    return Triple(
        doc=where.doc_id,
        sentence_index=where.index,
        sentence=where.text,
        start=where.start,
        end=where.end,
        subject=subject.text,
        relation=frame.relation,
        object=obj.text,
        subject_text=subject.surface,
        object_text=obj.surface,
        subject_title=subject.title,
        object_title=obj.title,
        negated=clause.negated or subject.negated or obj.negated,
        modality=modality,
        attributed_to=speaker.text if speaker is not None else None,
        confidence=confidence(
            frame.rule, subject, obj, borrowed=frame.borrowed, depth=clause.depth, sentence_length=where.length,
            relation=frame.relation, predicate=frame.predicate, modality=modality, attributed=speaker is not None,
        ),
        subject_type=subject.type,
        object_type=obj.type,
        subject_span=subject.span,
        object_span=obj.span,
        relation_span=_relation_span(frame),
        attributed_span=speaker.span if speaker is not None else None,
        circumstances=circumstances(frame.predicate, frame.relation_tokens, (subject.head, obj.head)),
    )


def triples(doc: "Doc", doc_id: str = "", text: Optional[str] = None) -> Iterator[Triple]:
    """Every triple of a parsed document, sentence by sentence.

    Parameters
    ----------
    doc
        A spaCy ``Doc`` with a dependency parse (and NER for entity types).
    doc_id
        Stored in :attr:`Triple.doc`.
    text
        ``doc.text`` when the caller has it (the text that was parsed): ``Doc.text``
        is rebuilt from the tokens on every access.

    Examples
    --------
    >>> from kg.pipeline.nlp import load_nlp  # doctest: +SKIP
    >>> [(t.subject, t.relation, t.object) for t in triples(load_nlp()("Putin met with Hollande."))]  # doctest: +SKIP
    [('Putin', 'meet with', 'Hollande')]
    """
    text = doc.text if text is None else text
    for index, sent in enumerate(doc.sents):
        yield from sentence_triples(sent, index, doc_id, text)
