"""Argument spans: the shortest words that still name an actor or a thing.

A span keeps compounds, adjectives, possessives and numbers ("Moscow's planes",
"UN draft resolution", "seven sites") and drops the leading determiner.  When
the head is a named entity, the words before the name become its title
("Russian President Vladimir Putin" -> ``Vladimir Putin`` + ``Russian President``).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator, Optional

from spacy.tokens import Token

from kg.extraction import lexicon
from kg.extraction.tree import children_of

__all__ = [
    "Arg", "adjective_variants", "antecedent", "argument", "conjuncts", "entity_bounds", "is_argument", "is_office",
    "is_partitive", "is_party_prep", "is_place", "nationalities", "respective_names", "role_words", "stand_in",
]

#: Dependents that belong to a noun's span.
SPAN_DEPS = frozenset("compound amod poss case nummod quantmod nmod hmod hyph".split())

#: Dependents whose whole subtree joins the span when they are kept.
SUBTREE_DEPS = frozenset("poss amod nummod quantmod".split())

#: Tokens a span never starts or ends with.
EDGE_DEPS = frozenset("det punct cc case predet prep".split())


@dataclass(frozen=True)
class Arg:
    """One argument of a triple, read off the parse."""

    head: Token
    text: str  # the tight span ("UN draft resolution")
    surface: str  # the words of the noun phrase as written ("a UN draft resolution")
    span: tuple[int, int]  # char offsets of ``text`` in the document
    title: Optional[str] = None
    type: str = "Thing"
    named: bool = False
    pronoun: bool = False
    negated: bool = False  # "no Russian planes"
    hedged: bool = False  # "the alleged evidence"


def entity_bounds(token: Token) -> Optional[tuple[int, int]]:
    """Token bounds ``[start, end)`` of the named entity covering ``token``, if any.

    Walks the IOB tags outwards, so it costs the length of the entity only.
    """
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    while start < end - 1 and doc[start].dep_ in EDGE_DEPS:
        start += 1
    return start, end


def is_measure(modifier: Token) -> bool:
    """A duration or date before a noun ("6-year-long", "five year", "2015"): not part of the name.

    Counts of the head itself ("seven sites", "18 sorties") are not measures.
    """
    words = [t for t in modifier.subtree if not t.is_punct]
    if all(t.ent_type_ in lexicon.CIRCUMSTANCE_LABELS for t in words):
        return True
    hyphenated = any(t.text == "-" for t in modifier.subtree) or "-" in modifier.text
    return hyphenated and any(t.lemma_.lower() in lexicon.TIME_NOUNS for t in words)


def _is_measure_child(head: Token, child: Token, dep: str) -> bool:
    return dep in SPAN_DEPS and child.i < head.i and dep != "poss" and is_measure(child)


def _kept(head: Token, named: bool, measures: Optional[set[int]] = None) -> Iterator[Token]:
    """Tokens of the noun phrase headed by ``head`` that belong to its span.

    ``measures`` are the indices of ``head``'s measure modifiers when the caller knows them.
    """
    yield head
    for child in children_of(head):
        dep = child.dep_
        if child.i in measures if measures is not None else _is_measure_child(head, child, dep):
            continue  # "the 6-year-long conflict" names the conflict
        if dep == "poss" and child.ent_type_:
            # "national security advisor John Bolton's resignation": the owner's title stays out
            bounds = entity_bounds(child)
            yield from (t for t in child.subtree if bounds is None or t.i >= bounds[0])
        elif dep == "amod" and child.i > head.i:
            continue  # 'called the agreements "legitimate"': a predicate of the clause, not the noun's
        elif dep in SUBTREE_DEPS:
            yield from child.subtree
        elif dep in SPAN_DEPS:
            yield from _kept(child, named)
        elif (
            dep == "prep" and child.lower_ in lexicon.EVENT_SPAN_PREPS and not named and child.i == head.i + 1
            and head.lower_ in lexicon.NOMINAL_EVENTS
        ):  # "attacks on coalition bases", not "the meeting on Friday"
            targets = [g for g in children_of(child) if g.dep_ == "pobj" and is_party_prep(child, g, place=False)]
            if targets:
                yield child
                yield from _kept(targets[0], False)
        elif dep == "prep" and child.lower_ == "of" and not named and child.i > head.i:
            yield child
            for grandchild in children_of(child):
                if grandchild.dep_ == "pobj":
                    # "ministers of Peru and Chile": the coordination stays inside the modifier
                    for part in [grandchild, *grandchild.conjuncts]:
                        yield from _kept(part, False)
                        yield from (c for c in children_of(part) if c.dep_ in ("det", "cc") or c.is_punct and c.i > part.i)


#: Entity labels of a modifier that names a state or people: "a Saudi national", "the US envoy".
NATIONAL_LABELS = frozenset(("NORP", "GPE"))


def nationalities(noun: Token) -> list[Token]:
    """The demonyms before ``noun`` that name its second party: "a Saudi national" -> [Saudi].

    A hyphenated run counts whole once one member is tagged: "an Israeli-Cypriot-Greek
    effort" -> [Israeli, Cypriot, Greek] (one party each).
    """
    found = []
    for modifier in children_of(noun):
        if modifier.dep_ not in ("amod", "compound") or modifier.i > noun.i:
            continue
        # "Israeli-Cypriot-Greek": the parser hangs the run on its last word
        run = [modifier] + [c for c in children_of(modifier) if c.dep_ in ("amod", "compound")]
        run = sorted(run, key=lambda t: t.i)
        hyphenated = all(noun.doc[a.i + 1].text == "-" and b.i == a.i + 2 for a, b in zip(run, run[1:]))
        members = run if hyphenated else [modifier]
        # the last word of a state's name ("New York mayor"), not a word inside another name
        tagged = [m for m in members if m.ent_type_ in NATIONAL_LABELS and (entity_bounds(m) or (0, 0))[1] == m.i + 1]
        if tagged:
            found += [m for m in members if m in tagged or m.text[:1].isupper() and m.pos_ in ("ADJ", "PROPN")]
    return found


def _hyphenated(token: Token) -> bool:
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].text == "-" or token.i + 1 < len(doc) and doc[token.i + 1].text == "-"


def role_words(noun: Token, dropped: list[Token]) -> tuple[str, list[Token]]:
    """``noun`` with its modifiers as they join a relation, without ``dropped`` and determiners:
    "the de facto Saudi ruler" without Saudi -> ("de facto ruler", tokens)."""
    skip = {t.i for d in dropped for t in d.subtree}
    skip |= {t.i for c in children_of(noun) if c.dep_ in ("poss", "det", "predet", "nummod") for t in c.subtree}
    left = noun.doc[noun.left_edge.i : noun.i + 1]
    start = max([t.i + 1 for t in left if t.dep_ == "cc"], default=left.start)  # "city and busiest port": port's words
    words = [t for t in noun.doc[start : noun.i + 1] if t.i not in skip and not t.is_punct]
    return " ".join(t.lower_ for t in words), words


def stand_in(head: Token) -> Token:
    """The name a generic head gives way to.

    "the city of Aleppo" -> Aleppo; "representatives from Saudi Arabia and
    Turkey" -> Saudi Arabia (and, through its conjuncts, Turkey).
    """
    lemma = head.lemma_.lower()
    if head.lower_ in lexicon.WHOLE_PARTITIVES and is_partitive(head):
        # "all of these efforts", "many of his suggestions": the efforts, the suggestions
        return next(o for c in children_of(head) if c.dep_ == "prep" and c.lower_ == "of"
                    for o in children_of(c) if o.dep_ == "pobj" and o.pos_ != "PRON")
    for name in children_of(head):
        # "his French counterpart Francois Hollande": a role noun right before a name is a title
        if name.dep_ == "appos" and name.ent_type_ == "PERSON" and name.left_edge.i == head.i + 1:
            return name
    for prep in children_of(head):
        # "allies such as Germany", "German firms including Siemens": the named examples are the parties
        if prep.dep_ == "prep" and (
            prep.lower_ == "as" and any(c.lower_ == "such" for c in children_of(prep))
            or prep.lower_ == "including" and head.tag_ in ("NNS", "NNPS")
        ):
            for pobj in children_of(prep):
                if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN":
                    return pobj
    preps: tuple[str, ...]
    if lemma in lexicon.OF_NAME_HEADS:
        preps = ("of",)
    elif lemma in lexicon.DELEGATE_HEADS:
        preps = ("of", "from")
    else:
        return head
    for prep in children_of(head):
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for pobj in children_of(prep):
                if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN":
                    return pobj
    return head


def _trim(tokens: list[Token], keep_det: bool = False) -> list[Token]:
    while len(tokens) > 1 and (tokens[0].dep_ in EDGE_DEPS or tokens[0].is_punct) and not (
        keep_det and tokens[0].dep_ in ("det", "predet")
    ):
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].dep_ in EDGE_DEPS or tokens[-1].is_punct) and tokens[-1].lower_ != "'s":
        tokens = tokens[:-1]
    return tokens


#: Brackets a span must close if it opens them.
BRACKETS = frozenset("()[]")

#: Quotation marks: a span holds both of a pair or neither.
QUOTES = frozenset(('"', "\u201c", "\u201d"))


def _balanced(tokens: list[Token]) -> list[Token]:
    """The span cut before a bracket it does not close: "Popular Mobilization Forces (PMF" ->
    "Popular Mobilization Forces"; words before a stray closing bracket go too."""
    depth, opened = 0, None
    for n, t in enumerate(tokens):
        if t.text in ("(", "["):
            depth, opened = depth + 1, n if depth == 0 else opened
        elif t.text in (")", "]"):
            if depth == 0:
                return _balanced(tokens[n + 1 :]) or tokens
            depth -= 1
    if depth and opened:
        return _trim(tokens[:opened])
    return tokens


def _text(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _surface(head: Token, role: Token, phrase: list[Token], kids: list[tuple[Token, str]], stop: int) -> str:
    """The noun phrase as written, determiner kept: "a UN draft resolution".

    It runs on through the noun's own prepositional phrases ("the idea of running
    workshops for artists"), not into a conjunct or clause.
    """
    doc = head.doc
    last = max([phrase[-1].i] + [c.right_edge.i for c, dep in kids if dep == "prep" and head.i < c.i < stop])
    return _text(_trim(list(doc[min(role.left_edge.i, phrase[0].i) : last + 1]), keep_det=True))


def _title(head: Token, role: Token, phrase: list[Token], bounds: Optional[tuple[int, int]]) -> tuple[list[Token], Optional[str]]:
    """The argument's tokens and its title: "Russian President Vladimir Putin" -> (Vladimir Putin, Russian President).

    A role noun in apposition before the name is the title too ("his French counterpart Francois Hollande").
    """
    doc = head.doc
    title = None
    if bounds and bounds[0] <= head.i < bounds[1]:
        tokens = _trim(list(doc[bounds[0] : bounds[1]]))
        before = [t for t in phrase if t.i < bounds[0] and t.dep_ not in EDGE_DEPS and t.pos_ != "PRON"]
        if before:
            title = _text(_trim(list(doc[before[0].i : bounds[0]])))
    else:
        tokens = _trim([t for t in doc[phrase[0].i : phrase[-1].i + 1]])
    if role.i != head.i:
        title = _text(_trim([t for t in role.subtree if t.i <= role.i and t.pos_ != "PRON" and t.dep_ != "det"]))
    if title is None and bounds:
        office = next((c for c in children_of(head) if c.dep_ == "appos" and c.i > head.i and is_office(c)), None)
        if office is not None:  # "Qasem Soleimani, head of Iran's Quds Force"
            listed = {t.i for c in children_of(office) if c.dep_ in ("conj", "cc") for t in c.subtree}
            words = [t for t in office.subtree if t.i not in listed and not (t.dep_ == "det" and t.head.i == office.i)]
            title = _text(_trim(words))
    return tokens, title or None


def is_office(noun: Token) -> bool:
    """A noun naming an office or job ("head", "acting Prime Minister", "spokesman"): a title, not a party."""
    return noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() in lexicon.OFFICE_NOUNS


def argument(head: Token) -> Arg:
    """The argument whose syntactic head is ``head``.

    Examples
    --------
    >>> from spacy.vocab import Vocab
    >>> from spacy.tokens import Doc
    >>> doc = Doc(Vocab(), words=["a", "UN", "draft", "resolution"],
    ...           heads=[3, 3, 3, 3], deps=["det", "compound", "compound", "ROOT"])
    >>> argument(doc[3]).text
    'UN draft resolution'
    """
    head = stand_in(head)
    whole = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else head
    written = whole if whole.lower_ in lexicon.WHOLE_PARTITIVES and is_partitive(whole) else head
    role = head.head if head.dep_ == "appos" and head.left_edge.i == head.head.i + 1 else head
    doc = head.doc
    label = lexicon.ENTITY_TYPES.get(head.ent_type_)
    bounds = entity_bounds(head) if label else None
    kids = [(c, c.dep_) for c in children_of(head)]  # read once: Token.children walks the whole subtree
    measures = [c for c, dep in kids if _is_measure_child(head, c, dep)]
    kept = {t.i: t for t in _kept(head, bool(bounds), {c.i for c in measures})}
    if head.dep_ in ("amod", "compound") and head.i < head.head.i and _hyphenated(head):
        kept = {head.i: head}  # one demonym of a run as a party ("Israeli-Cypriot-Greek effort"): the word alone
    elif head.dep_ == "amod" and head.pos_ == "ADJ" and head.i < head.head.i:
        kept = {head.i: head}  # a demonym as a party ("a Saudi national")
    # stop before a right conjunct: "pacification and cessation of hostilities" is two arguments
    stop = min((c.i for c, dep in kids if dep in ("cc", "conj") and c.i > head.i), default=len(doc))
    phrase = [kept[i] for i in sorted(kept) if i < stop]
    # a span is contiguous: words before a dropped measure go with it ("Syria's five year civil war")
    if measures:
        after = max(c.right_edge.i for c in measures)
        phrase = [t for t in phrase if t.i > after] or [head]
    negated = any(c.lower_ in lexicon.NEGATIONS for c, dep in kids if dep in ("det", "predet")) or _neither_nor(head)
    hedged = any(t.lower_ in lexicon.HEDGE_WORDS for t in phrase)
    # "all of these efforts" is written whole, though "efforts" is the argument
    surface = _surface(head, written if written.i != head.i else role, phrase, kids, stop)
    tokens, title = _title(head, role, phrase, bounds)
    amount = numeric_range(head)
    if amount is not None:  # "between $5 and $7 billion": the whole range
        tokens = _trim(list(doc[min(tokens[0].i, amount[0]) : amount[1]]))
    marks = [(n, t.text) for n, t in enumerate(tokens) if t.is_punct]
    if any(text in BRACKETS for _, text in marks):
        tokens = _balanced(tokens)
        marks = [(n, t.text) for n, t in enumerate(tokens) if t.is_punct]
    quotes = [n for n, text in marks if text in QUOTES]
    if len(quotes) % 2:  # 'agreements "legitimate': the quote opens outside the argument
        cut = quotes[-1] if tokens[quotes[-1]].i > head.i else quotes[0]
        tokens = _trim(tokens[:cut] if tokens[cut].i > head.i else tokens[cut + 1 :]) or tokens
    return Arg(
        head=head,
        text=_text(tokens),
        surface=surface or _text(tokens),
        span=(tokens[0].idx, tokens[-1].idx + len(tokens[-1])),
        title=title,
        type=label or "Thing",
        named=bool(label),
        pronoun=head.pos_ == "PRON",
        negated=negated,
        hedged=hedged,
    )


def _neither_nor(head: Token) -> bool:
    """A conjunct of "neither Russia nor China": each is a party the clause denies."""
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return any(c.dep_ in ("det", "preconj", "predet") and c.lower_ == "neither" for c in children_of(first))


def _measures_an_event(token: Token) -> bool:
    """"ordered three days of public mourning": a span of time that names what fills it."""
    return token.dep_ != "pobj" and any(
        c.dep_ == "prep" and c.lower_ == "of"
        and any(o.dep_ == "pobj" and o.lemma_.lower() not in lexicon.TIME_NOUNS and not o.ent_type_ for o in children_of(c))
        for c in children_of(token)
    )


def is_argument(token: Token) -> bool:
    """False for words that cannot stand for a party: "that", a bare "all", a date, "the wake of"."""
    if token.lemma_.lower() in lexicon.TIME_NOUNS and _measures_an_event(token):
        return True
    return is_partitive(token) or not (
        token.lower_ in lexicon.NON_ARGUMENTS
        or token.ent_type_ in lexicon.CIRCUMSTANCE_LABELS
        or token.lemma_.lower() in lexicon.TIME_NOUNS
        # "in the wake of", "in the event of": only inside a prepositional phrase ("hosts events" is fine)
        or (token.dep_ == "pobj" and token.lemma_.lower() in lexicon.CIRCUMSTANCE_NOUNS)
    )


def is_partitive(token: Token) -> bool:
    """"all of its powers", "one of the crew": a quantifier that names a part of a noun phrase."""
    return token.lower_ in lexicon.PARTITIVES and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and o.pos_ != "PRON" for o in children_of(c))
        for c in children_of(token)
    )


def is_party_prep(prep: Token, pobj: Token, *, place: bool = True) -> bool:
    """A prepositional object that is a party, not when (or, with ``place=False``, where) it happened."""
    word = prep.lower_
    if not is_argument(pobj) or word in lexicon.SPATIAL_PREPS or word in lexicon.TIME_PREPS or word in lexicon.SEQUENCE_PREPS:
        return False
    if word == "in" and pobj.lemma_.lower() in lexicon.SPEECH_NOUNS:
        return False  # "continued in the statement"
    if pobj.lower_ in lexicon.DEGREE_NOUNS:
        return False  # "escalated to a point where …": how far, not to whom
    return place or not (prep.lower_ in lexicon.PLACE_PREPS and is_place(pobj))


def is_place(noun: Token) -> bool:
    """A place: a named one, a place noun ("the consulate"), or a name glossed as one ("Niamey, Niger's capital")."""
    if noun.ent_type_ in lexicon.PLACE_LABELS or noun.ent_type_ == "" and noun.lemma_.lower() in lexicon.PLACE_NOUNS:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in lexicon.PLACE_NOUNS for c in children_of(noun))


def adjective_variants(arg: Arg) -> list[Arg]:
    """One argument per coordinated modifier: "Russian and Syrian air strikes" ->
    "Russian air strikes", "Syrian air strikes"; "the navies of China and India" -> "navies of
    China", "navies of India" (the span stays the whole phrase)."""
    coordinated = [
        c for c in children_of(arg.head)
        if c.dep_ in ("amod", "compound") and c.conjuncts and c.i < arg.head.i
        or c.dep_ == "nmod" and not arg.named and _bare_list(c, arg.head)  # "murder and terrorism charges"
    ]
    if coordinated:
        variants = _variants(arg, coordinated[0], before=True)
        names = respective_names(arg.head, len(variants))
        return [argument(n) for n in names] if names else variants
    if arg.named:
        return [arg]
    owners = [o for c in children_of(arg.head) if c.dep_ == "prep" and c.lower_ == "of" for o in children_of(c)]
    owners = [o for o in owners if o.dep_ == "pobj" and o.conjuncts and o.right_edge.idx < arg.span[1]]
    return _variants(arg, owners[0], before=False) if owners else [arg]


def respective_names(head: Token, count: int) -> list[Token]:
    """The names a list after ``head`` gives its ``count`` members, in order, when the sentence
    says "respectively": "its Greek and French counterparts, Ana Dias and Paul Roy, respectively".
    """
    doc = head.doc
    comma = head.i + 1  # the list follows the noun, whichever word the parser hung it on
    if count < 2 or comma + 1 >= len(doc) or doc[comma].text != ",":
        return []
    if not any(t.lower_ == "respectively" for t in head.sent):
        return []
    heads = [t for t in head.sent if t.left_edge.i == comma + 1 and t.pos_ == "PROPN" and t.i > comma]
    if not heads:
        return []
    first = max(heads, key=lambda t: t.right_edge.i)  # "Dias", not its "Ana"
    names = sorted([first, *first.conjuncts], key=lambda t: t.i)
    return names if len(names) == count and all(n.pos_ == "PROPN" for n in names) else []


def _bare_list(modifier: Token, head: Token) -> bool:
    """A list of single words before ``head`` ("murder and terrorism"), not of phrases."""
    members = modifier.conjuncts
    return bool(members) and all(
        m.i < head.i and m.pos_ == "NOUN" and all(c.dep_ in ("cc", "conj", "punct") for c in children_of(m))
        for m in (modifier, *members)
    )


def _variants(arg: Arg, first: Token, before: bool) -> list[Arg]:
    """``arg`` once per member of the coordination that starts at ``first``."""
    options = [first, *first.conjuncts]
    dropped = {t.i for t in first.subtree}
    span = arg.head.doc.char_span(*arg.span, alignment_mode="expand")
    if span is None:  # offsets off the tokens: keep the phrase whole
        return [arg]
    variants = []
    for option in options:
        if before:
            own = {option.i} | {c.i for c in children_of(option) if c.i < option.i and c.dep_ not in ("cc", "conj", "preconj")}
        else:  # the member with its own words ("the Syrian government"), without the list after it
            own = {t.i for t in option.subtree} - {t.i for c in children_of(option) if c.dep_ in ("cc", "conj") for t in c.subtree}
            own -= {t.i for t in option.subtree if t.is_punct and t.i > option.i}
        words = [t for t in span if t.i not in dropped or t.i in own]
        gaps = [t.text + (" " if t.whitespace_ or t.i + 1 != n.i else "") for t, n in zip(words, words[1:])]
        variants.append(replace(arg, text="".join(gaps) + words[-1].text))
    return variants


#: Dependencies of a nominal the parser may split off the end of a list.
STRAY_DEPS = frozenset(("nsubj", "nsubjpass"))


#: Entity labels of amounts: a coordination inside one of them is a range, not a list.
AMOUNT_LABELS = frozenset("MONEY CARDINAL QUANTITY PERCENT".split())


def numeric_range(token: Token) -> Optional[tuple[int, int]]:
    """Token bounds of the amount "$5 and $7 billion" when ``token`` ("5") begins such a range."""
    if token.ent_type_ not in AMOUNT_LABELS or not token.conjuncts:
        return None
    bounds = entity_bounds(token)
    if bounds is None or not all(bounds[0] <= c.i < bounds[1] for c in token.conjuncts):
        return None
    return bounds


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it ("Turkey, France and the US").

    A last member the parser split off the list is put back (see :func:`stray_conjunct`).
    """
    if token.dep_ == "conj" or numeric_range(token) is not None:
        return [token]  # "between $5 and $7 billion" is one amount
    members = [token, *token.conjuncts]
    bounds = entity_bounds(token)
    if bounds is not None and len(members) == 1:
        # "entered Tell Tamer and Ain Issa": the parser hung the list on the name's last word
        inner = [t for t in token.doc[bounds[0] : bounds[1]] if t.i != token.i and t.head.i in range(*bounds)]
        members += [c for t in inner for c in children_of(t) if c.dep_ == "conj" and c.i >= bounds[1]]
    for office in children_of(token):
        # "Ruiz, the chief of police, Vela and Soto": the parser hangs the list on the office
        if office.dep_ == "appos" and is_office(office):
            members += [c for c in office.conjuncts if c.ent_type_ and c.ent_type_ == token.ent_type_]
    stray = stray_conjunct(members) if len(members) > 1 else None
    return members + [stray] if stray is not None else members


def stray_conjunct(members: list[Token]) -> Optional[Token]:
    """The last member of a comma-separated list that the parser made a second subject.

    In "a statement released by Turkey, France, Qatar, and the US said …" the small
    model ends the list at "Qatar", hangs ", and" on "statement" and makes "the US" a
    second subject of "said".  The nominal right after that ``cc`` rejoins the list
    when its clause already has a subject enclosing the list and it is of the list's
    kind (an entity label of a member, or the members' part of speech when unnamed).
    Only the words after the list and the ancestors of its first member are looked at.
    """
    doc = members[0].doc
    after = max(m.right_edge.i for m in members) + 1
    if after < len(doc) and doc[after].text == ",":
        after += 1
    if after + 1 >= len(doc) or doc[after].dep_ != "cc" or doc[after].head in members:
        return None
    start = after + 1
    nominal = doc[start]
    while nominal.head.i != nominal.i and nominal.head.left_edge.i == start:
        nominal = nominal.head  # the phrase that begins right after "and"
    if nominal.dep_ not in STRAY_DEPS or nominal.head.i == nominal.i:
        return None  # a clause of its own ("…, and France condemned") is no stray nominal
    ancestors = {a.i for a in members[0].ancestors}
    if not any(c.dep_ in STRAY_DEPS and c.i in ancestors for c in children_of(nominal.head)):
        return None  # the list must sit inside the subject the parser closed too early
    labels = {m.ent_type_ for m in members}
    if nominal.ent_type_:
        return nominal if nominal.ent_type_ in labels else None
    return nominal if labels == {""} and nominal.pos_ in {m.pos_ for m in members} else None


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("attacks, which took place" -> attacks)."""
    relative_tag = token.tag_ in ("WDT", "WP", "DT", "WP$") or (token.tag_ == "IN" and token.dep_ in ("dobj", "nsubj"))
    if token.lower_ in lexicon.RELATIVE_PRONOUNS and relative_tag:
        clause = token.head
        while clause.dep_ == "conj":
            clause = clause.head
        if clause.dep_ in ("relcl", "acl") and clause.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return _person_before(token) or _misattached(token, clause.head) or clause.head
    return token


def _misattached(relative: Token, head: Token) -> Optional[Token]:
    """The noun a relative clause describes when the parser hung it on a word it cannot describe.

    A name takes no restrictive clause: "a coalition to patrol the Gulf which was joined by X"
    describes the coalition. "who" stands for a person, not for an amount ("protesters, numbering
    in the millions, who filled the streets") nor for a name of something else ("Ana Ruiz, an
    envoy for the Office of the High Commissioner who had visited X").
    """
    word = relative.lower_
    if word in ("which", "that") and head.pos_ == "PROPN" and relative.doc[relative.i - 1].text != ",":
        return _ancestor(head, lambda t: t.pos_ == "NOUN")
    if word not in ("who", "whom") or head.ent_type_ == "PERSON":
        return None
    if head.ent_type_ in AMOUNT_LABELS:
        # the phrase the amount sits in opens with a comma right after the noun it describes
        commas = [t for t in relative.doc[head.sent.start : head.i] if t.text == ","]
        before = relative.doc[commas[-1].i - 1] if commas and commas[-1].i > head.sent.start else None
        return before if before is not None and before.pos_ in ("NOUN", "PROPN") else None
    if head.pos_ == "PROPN":
        return _ancestor(head, lambda t: t.ent_type_ == "PERSON")
    return None


def _ancestor(token: Token, wanted) -> Optional[Token]:
    """The nearest ancestor of ``token`` inside its clause that is ``wanted``."""
    for up in token.ancestors:
        if wanted(up):
            return up
        # "announced a task force to guard the Sea which …": the infinitive's object-controller
        objects = [c for c in children_of(up) if c.dep_ == "dobj" and c.i < token.i and wanted(c)]
        if objects:
            return objects[-1]
        if up.dep_ == "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass") for c in children_of(up)):
            return None  # a finite clause: the relative's noun is not beyond it
    return None


def _person_before(relative: Token) -> Optional[Token]:
    """"disagreements with Mike Pompeo who is …": "who" stands for the person right before it,
    wherever the parser hung the clause."""
    if relative.lower_ not in ("who", "whom") or relative.i < 1:
        return None
    before = relative.doc[relative.i - 1]
    if before.text == "," and relative.i > 1:
        before = relative.doc[relative.i - 2]
    if before.ent_type_ != "PERSON" or relative.head.head.ent_type_ == "PERSON":
        return None
    while before.head.i != before.i and before.head.ent_type_ == "PERSON" and before.head.i < relative.i:
        before = before.head
    return before
