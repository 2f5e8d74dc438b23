"""Named mentions: NER spans repaired with the gazetteer, titles split off, acronyms found.

The small model's NER errs in ways rules can mend: a name split by an odd space
("Sergei\u00a0Lavrov"), an organization cut short ("Syrian Observatory" + "for
Human Rights"), a known group mislabelled ("Islamic" NORP + "State"), a title
inside or before a name ("Russian Foreign Minister Sergei Lavrov").
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import takewhile
from typing import TYPE_CHECKING, Callable, Iterator, Optional

from kg.resolution import gazetteer as gz
from kg.resolution.mentions import Candidate, clean, initials, layout, non_actor, sentence_of, span_text, token_at
from kg.resolution.quotes import speech

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["acronym_mentions", "label_mentions", "name_mentions"]


#: NER labels that can name an actor, with the type they suggest.
LABEL_TYPES = {
    "PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place",
    "FAC": "Place", "NORP": "Group", "PRODUCT": None, "WORK_OF_ART": None, "THING": "Thing",
}


def _title_words(tok: "Token") -> bool:
    low = tok.lower_
    return low in gz.TITLE_WORDS or tok.tag_ == "POS" or gz.place_iso(tok.text) is not None


def _split_title(doc: "Doc", start: int, end: int) -> tuple[int, int]:
    """Token index where the title left of (or at the front of) a name begins and the name starts."""
    name_start = start
    while name_start < end - 1 and doc[name_start].lower_ in gz.TITLE_WORDS | {"of"}:
        name_start += 1
    i = start
    if (after := _after_title_of(doc, start, end)) > start:
        name_start, i = after, start - 2 - (doc[start - 1].lower_ == "the")  # the title word before "of"
    while i > 0:
        prev = doc[i - 1]
        if prev.is_space or prev.is_punct and prev.tag_ != "POS":
            break
        if prev.lower_ == "of" and i - 2 >= 0 and doc[i - 2].lower_ in gz.TITLE_WORDS:
            i -= 1
            continue
        if not _title_words(prev):  # (a line break is a space token, so it stops the walk too)
            break
        i -= 1
    # a title must contain a title word; a bare "Russia's" is an affiliation, kept in the text
    return i, max(name_start, _titled_person(doc, start, end))


def _titled_person(doc: "Doc", start: int, end: int) -> int:
    """Where a full name starts after a title only people carry inside the span: "[United States
    Representative] Elijah Cummings", which the NER took for an organization (``start`` if none)."""
    for k in range(end - 3, start - 1, -1):
        if doc[k].lower_ in gz.PERSON_TITLES and person_like(doc[k + 1 : end].text):
            return k + 1
    return start


#: What a title is "of" ("Speaker of the House", "Secretary of State"), when the NER puts it in the name.
TITLE_OBJECTS = frozenset(
    "house senate commons assembly representatives congress parliament state staff defence defense foreign affairs "
    "interior justice health finance treasury education energy homeland security agriculture labor labour "
    "transport transportation commerce".split())


def _after_title_of(doc: "Doc", start: int, end: int) -> int:
    """Where the name starts in a span that opens with what a title left of it is of:
    "[Speaker of the] House Nancy Pelosi", "[Secretary of] State Ana Ruiz" (``start`` if none)."""
    first = start + (doc[start].lower_ == "the")
    j = start - 1 - (first == start and start > 0 and doc[start - 1].lower_ == "the")
    if j < 1 or doc[j].lower_ != "of" or doc[j - 1].lower_ not in gz.TITLE_WORDS | gz.PERSON_TITLES \
            or doc[first].lower_ not in TITLE_OBJECTS:
        return start
    k = first
    while k < end - 1 and doc[k].lower_ in TITLE_OBJECTS:
        k += 1
    return k


def _merged_ents(doc: "Doc") -> Iterator[tuple[int, int, str]]:
    """NER spans, with adjacent same-label spans (split by odd whitespace) joined."""
    ents = [e for e in doc.ents if e.label_ in LABEL_TYPES]
    i = 0
    while i < len(ents):
        start, end, label = ents[i].start, ents[i].end, ents[i].label_
        while i + 1 < len(ents) and ents[i + 1].label_ == label and all(
            t.is_space for t in doc[end : ents[i + 1].start]
        ) and ents[i + 1].start - end <= 1 and doc[end - 1].whitespace_ == "" and end < ents[i + 1].start:
            end = ents[i + 1].end
            i += 1
        yield start, end, label
        i += 1


#: Platforms a statement is made "on": "on Twitter West said" is two names, not one.
PLATFORMS = frozenset("twitter facebook instagram youtube tiktok telegram weibo reddit linkedin whatsapp".split())

QUOTES = frozenset('"“”')


def _unglued(doc: "Doc", start: int, end: int, label: str) -> Iterator[tuple[int, int, str]]:
    """An NER span cut where it glued two phrases together, each piece with the span's label.

    The cuts: before a "the" after words the article names elsewhere too, in an organization's
    span or before an organization's word ("making [Ferraro] [the Democratic Party's] candidate"
    after "Geraldine Ferraro"; not "Stop the Steal"), before a quotation mark it does not close
    ("on [Twitter] "[Youtube-dl] is"), and after a platform's name in a person's span, or before
    a name the article uses elsewhere ("on [Twitter] [West] accused"; not "YouTube Movies"),
    and at an "and" in a person's span between two names the article uses elsewhere
    ("[Holt] and [La Riva] disagreed" after "Brian Holt" and "Gloria La Riva").
    A piece that is only "the" or "and" is dropped.
    """
    cuts = [start]
    for i in range(start + 1, end):
        tok, prev = doc[i], doc[i - 1]
        if tok.lower_ == "the" and prev.is_title and _named_elsewhere(doc, start, i, start, end) and (
                label == "ORG" or any(t.lower_ in gz.ORG_HEADS | gz.ORG_SUFFIXES for t in doc[i:end])) \
                or tok.text in QUOTES and sum(t.text in QUOTES for t in doc[start:end]) % 2 \
                or prev.lower_ in PLATFORMS and tok.is_title and (
                    label == "PERSON" or _named_elsewhere(doc, i, end, start, end)) \
                or tok.lower_ == "and" and label == "PERSON" and _named_elsewhere(doc, start, i, start, end) \
                and _named_elsewhere(doc, i + 1, end, start, end):
            cuts.append(i)
    cuts.append(end)
    for a, b in zip(cuts, cuts[1:]):
        while a < b and (doc[a].text in QUOTES or doc[a].is_punct or a > start and doc[a].lower_ == "and"):
            a += 1
        if b - a > (doc[a].lower_ == "the" if a < b else 0):
            org = len(cuts) > 2 and any(t.lower_ in gz.ORG_HEADS | gz.ORG_SUFFIXES for t in doc[a:b])
            yield a, b, "ORG" if org else label  # "[the Green Party's]" cut off a person's span


def _named_elsewhere(doc: "Doc", a: int, b: int, start: int, end: int) -> bool:
    """Whether every word of ``doc[a:b]`` is a word of a name the NER found outside ``doc[start:end]``."""
    words = {t.text for e in doc.ents if e.end <= start or e.start >= end for t in e}
    return all(t.text in words for t in doc[a:b])


def _extend_org(doc: "Doc", start: int, end: int) -> int:
    """Extend "Syrian Observatory" over "for Human Rights" when the name is an organization's."""
    if not any(t.lower_ in gz.ORG_HEADS for t in doc[start:end]):
        return end
    j = end
    while j + 1 < len(doc) and doc[j].lower_ in ("for", "of", "on") and doc[j + 1].is_title:
        k = j + 1
        while k < len(doc) and (doc[k].is_title or doc[k].lower_ in ("and", "of")) and not doc[k].is_space:
            k += 1
        while k > j + 1 and doc[k - 1].lower_ in ("and", "of"):
            k -= 1
        j = end = k
    return end


#: Words after a name that belong to its surface form: (NER label, lower-case words).
NAME_SUFFIXES = (("ORG", ("news", "agency")), ("GPE", ("province",)),
                 ("GPE", ("region",)), ("GPE", ("governorate",)))


def _extend_suffix(doc: "Doc", end: int, label: str) -> int:
    """"Reuters" + "news agency", "Idlib" + "province"."""
    for lab, words in NAME_SUFFIXES:
        if lab == label and tuple(t.lower_ for t in doc[end : end + len(words)]) == words:
            return end + len(words)
    return end


def name_mentions(doc: "Doc", para: list[int]) -> list[Candidate]:
    """Named mentions: NER spans repaired, gazetteer phrases and acronyms added."""
    found: list[Candidate] = list(_gazetteer_names(doc, para, set(), groups_only=True))
    taken: set[int] = {i for c in found for i in range(token_at(doc, c.start), c.head + 1)}
    for start, end, label in [*_spelled_out(doc), *(p for e in _merged_ents(doc) for p in _unglued(doc, *e))]:
        span = doc[start:end]
        if any(i in taken for i in range(start, end)):
            inner = [c for c in found if start <= token_at(doc, c.start) and c.head < end]
            root = span.root
            if label != "ORG" or not inner or root.i in taken or not root.is_title \
                    or any(i in taken for i in range(start, end) if not any(
                        token_at(doc, c.start) <= i <= c.head for c in inner)):
                continue
            # "the Global Coalition to Defeat ISIS": a longer name around a known group's
            found = [c for c in found if c not in inner]
            taken.difference_update(range(start, end))
        if "\n" in span.text or "/" in span.text or any(t.like_num for t in span):
            continue
        # "the African Continental Free Trade Area (AfCFTA": the name ends at its parenthesis
        end = next((t.i for t in span if t.text == "("), end)
        while start < end and (doc[start].pos_ == "DET" or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                               or doc[end - 1].pos_ == "ADP" and label != "WORK_OF_ART"):
            end -= 1  # "Ana Ruiz of" (Brazil): a preposition ends no name
        if start >= end:
            continue
        if label in ("ORG", "PERSON"):
            end = _extend_org(doc, start, end)
        end = _extend_suffix(doc, end, label)
        cand = _name(doc, start, end, label, para)
        if cand is not None:
            found.append(cand)
            taken.update(range(start, end))
            org = _title_org(doc, cand, para, taken)
            if org is not None:
                found.append(org)
    found.extend(_gazetteer_names(doc, para, taken))
    found.sort(key=lambda c: c.start)
    return found


def _spelled_out(doc: "Doc") -> Iterator[tuple[int, int, str]]:
    """``African Union (AU)``: capitalized words the acronym after them spells, as an ORG span
    (NER or not), so the name and its acronym are one actor."""
    texts = layout(doc).texts
    for i in range(2, len(texts) - 1):
        if texts[i - 1] != "(" or texts[i + 1] != ")" or sum(ch.isupper() for ch in texts[i]) < 2:
            continue
        letters = "".join(ch for ch in texts[i] if ch.isupper())
        start = i - 1
        while start > 0 and (texts[start - 1][:1].isupper() or texts[start - 1] in ("of", "for", "and", "on", "de")):
            start -= 1
            if initials(" ".join(texts[start : i - 1])) == letters:
                yield start, i - 1, "ORG"
                break


def _title_org(doc: "Doc", person: Candidate, para: list[int], taken: set[int]) -> Optional[Candidate]:
    """The organization inside a title ("Russia's foreign ministry" spokeswoman)."""
    if not person.title:
        return None
    first = token_at(doc, person.start)
    # tokens up to the title's end (offsets grow, so the walk stops there)
    end = person.start + len(person.title)
    toks = list(takewhile(lambda t: t.idx < end, doc[first:]))
    heads = [t for t in toks if t.lower_ in gz.ORG_HEADS]
    if not heads or any(t.i in taken for t in heads):  # the NER has it already ("Defense ministry")
        return None
    last = heads[-1]
    text = span_text(doc, toks[0], last)
    return Candidate(start=toks[0].idx, end=last.idx + len(last.text), text=text, kind="name", head=last.i,
                     sent=person.sent, para=person.para, name=clean(text), type="Organization",
                     iso=gz.title_iso(text), rule="title")


def _name(doc: "Doc", start: int, end: int, label: str, para: list[int]) -> Optional[Candidate]:
    span = doc[start:end]
    text = clean(span.text)
    low = text.lower()
    if not text or not text[0].isupper() or low in gz.TITLE_WORDS or non_actor(text):
        return None  # the NER's "I" or "Everyone" is no one's name
    if gz.demonym_iso(text) and not (span[-1].tag_ in ("NNS", "NNPS") and label == "NORP"):
        return None  # an adjective of nationality: an affiliation, not a mention
    if label == "NORP" and (span.root.pos_ == "ADJ" or span.root.dep_ == "amod"):
        return None
    label = _label_by_cues(doc, start, end, label, text)
    if label == "ORG" and ((after := _after_title_of(doc, start, end)) > start and person_like(doc[after:end].text)
                           or _titled_person(doc, start, end) > start):
        label = "PERSON"  # "Speaker of the [House Nancy Pelosi]", "US Representative Ana Ruiz": a titled person
    typ = LABEL_TYPES[label]
    title_start, name_start = start, start
    title = iso = None
    if label == "PERSON" or typ is None:
        title_start, name_start = _split_title(doc, start, end)
        if name_start >= end:
            return None
        text = clean(doc[name_start:end].text)
        if gz.country(text) or gz.metonym(text):
            if name_start > start:
                return None  # "Captain America" is neither a title nor America
            title_start = name_start  # a state mislabelled PERSON has no title
        if title_start < name_start:
            title_text = re.sub(r"\s+", " ", doc[title_start:name_start].text).strip()
            iso = gz.title_iso(title_text)
            if any(t.lower_ in gz.TITLE_WORDS for t in doc[title_start:name_start]):
                title = re.sub(r"\s*['’]s$", "", title_text)
    for _, _, rule in TYPE_RULES:
        found = rule(text, low, label, span)  # low: the whole span's words, title included
        if found is not None:
            typ, iso, text = found[0], found[1] or iso, found[2] or text
            break
    if typ == "Person" and iso is None and end + 1 < len(doc) and doc[end].lower_ == "of":
        # "President Ana Ruiz of Peru": whose office it is
        iso = next((c.iso for n in (3, 2, 1) if end + 1 + n <= len(doc)
                    and (c := gz.country(doc[end + 1 : end + 1 + n].text))), None)
    if typ in ("Organization", "Person", "Place") and (
            any(w.lower() in gz.ORG_HEADS for w in text.split()) and typ != "Place"
            or text.split()[-1].lower().rstrip(".") in gz.ORG_SUFFIXES):
        typ = "Organization"
    if typ == "Organization":
        for suffix in gz.ORG_DESCRIPTORS:
            if low.endswith(" " + suffix):
                text = text[: -len(suffix) - 1]
                break
        iso = iso or gz.title_iso(text)
    while typ in ("Place", "Organization") and title_start > 0 and doc[title_start - 1].pos_ == "ADJ" \
            and doc[title_start - 1].is_lower:
        title_start -= 1  # "the northwestern Idlib province": the modifier is part of the surface form
    if typ == "Organization" and title_start > 1 and doc[title_start - 1].lower_ in gz.BASE_PARTICIPLES \
            and gz.place_iso(doc[title_start - 2].text):
        title_start -= 2  # "the British based Syrian Observatory": where it sits, not whose it is
    surface_start = doc[title_start].idx
    return Candidate(
        start=surface_start,
        end=doc[end - 1].idx + len(doc[end - 1].text),
        text=span_text(doc, doc[title_start], doc[end - 1]),
        kind="name", head=end - 1, sent=sentence_of(doc, start), para=para[start],
        name=text, type=typ, title=title, iso=iso,
        plural=doc[end - 1].tag_ in ("NNS", "NNPS"),
        gender=_gender(title) or _name_gender(text) if typ == "Person" else None, rule="ner",
    )


def _type_country(text: str, low: str, label: str, span) -> Optional[tuple]:
    country = gz.country(text)
    return ("Country", country.iso, country.name) if country else None


def _type_metonym(text: str, low: str, label: str, span) -> Optional[tuple]:
    met = gz.metonym(text)
    return (met[1], met[0], None) if met else None


def _type_known_group(text: str, low: str, label: str, span) -> Optional[tuple]:
    known = gz.KNOWN_GROUPS.get(low)
    return ("Group", None, known) if known else None


def _type_group_name(text: str, low: str, label: str, span) -> Optional[tuple]:
    named = gz.GROUP_NAMES.get(low)
    return ("Group", None, named) if named else None


def _type_norp(text: str, low: str, label: str, span) -> Optional[tuple]:
    if label != "NORP":
        return None
    # "Democrats", "Sunnis": a group; a singular NORP name is where one lives
    return ("Group" if gz.demonym_iso(text) or span[-1].tag_ in ("NNS", "NNPS") else "Place", None, None)


def _type_thing(text: str, low: str, label: str, span) -> Optional[tuple]:
    return ("Thing", None, None) if label == "THING" or gz.DISEASE.match(text) else None


#: How a name's type is decided before the NER label is taken, tried in order:
#: ``(rule, example, function)``; a function gives ``(type, ISO or None, canonical name or None)``.
TYPE_RULES: tuple[tuple[str, str, Callable[[str, str, str, "Span"], Optional[tuple]]], ...] = (
    ("country", "Britain -> United Kingdom (GBR)", _type_country),
    ("metonym", "the Kremlin -> an Organization standing for RUS", _type_metonym),
    ("known group", "ISIL -> Islamic State", _type_known_group),
    ("group name", "the West", _type_group_name),
    ("NORP", "Democrats (a Group)", _type_norp),
    ("thing", "the Hagia Sophia (see _label_by_cues); COVID-19, the Ebola virus", _type_thing),
)


def _label_by_cues(doc: "Doc", start: int, end: int, label: str, text: str) -> str:
    """The NER label, overruled where the words around the name say otherwise.

    - a title only people carry right before it ("Speaker Pelosi", "Dr. Okafor") -> PERSON;
    - a "person" written with "the" ("the Hagia Sophia") or with digits or inner capitals
      ("COVID-19", "UpGuard"), which no personal name has -> THING (ORG for inner capitals);
    - a "person" things are posted on or that has accounts ("wrote on Twitter", "a
      Twitter account"), or a platform's bare name anywhere ("according to Instagram") -> ORG;
    - the common noun that introduces the name (:func:`class_noun`): a person's
      ("spokesperson", "motorcyclist") -> PERSON, an organization's ("airline") -> ORG;
    - a one-word "person" in capitals ("BST") -> ORG.
    """
    before = doc[start - 1] if start > 0 else None
    noun = class_noun(doc, start, end)
    if label != "PERSON":
        if gz.country(text) or gz.metonym(text) or label not in ("GPE", "LOC", "ORG", "NORP", "FAC"):
            return label
        if before is not None and before.lower_ in gz.PERSON_TITLES and before.is_title \
                or noun in gz.PERSON_NOUNS and label != "NORP":
            return "PERSON"
        if noun in gz.ORG_CLASS_NOUNS and label != "ORG":
            return "ORG"  # "Iranian airline Mahan Air", which the NER took for a place
        return label
    if noun in gz.ORG_CLASS_NOUNS or text.isupper() and " " not in text:
        return "ORG"  # "carmaker Elan Motors"; "BST": an acronym names no person
    if text.casefold() in PLATFORMS:
        return "ORG"  # "according to Instagram, he ...": a platform is nobody's antecedent
    if before is not None and before.lower_ == "the" and doc[end - 1].dep_ not in ("compound", "amod", "poss"):
        return "THING"
    if any(ch.isdigit() for ch in text):
        return "THING"
    root = doc[start:end].root
    # "posted on/to Twitter", "his Twitter account": a platform, not a person; nor is one word
    # something is "on" ("praised the menu on Twitter"): a person so named is a surname the
    # article gives in full elsewhere, and joins it as an organization's name does
    if root.dep_ == "pobj" and root.head.lower_ in ("on", "via") \
            and (root.head.head.lemma_ in gz.PUBLISHING_WORDS or " " not in text) \
            or root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lemma_ in gz.UPLOAD_VERBS \
            or root.dep_ == "compound" and root.head.lemma_ in gz.PLATFORM_HEADS:
        return "ORG"
    if any(w[1:] != w[1:].lower() and not w.isupper() and "-" not in w and "'" not in w and w[:2] not in ("Mc", "O'")
           for w in text.split()):
        return "ORG"  # "UpGuard", "YouTube": a brand's inner capital (not "McDonald", "DeSantis" aside)
    return label


def class_noun(doc: "Doc", start: int, end: int) -> Optional[str]:
    """The lemma of the common noun a name is introduced by, if any: "airline Mahan Air",
    "a spokesperson, Ana Ruiz", "Ana Ruiz, a spokesperson" ("airline", "spokesperson")."""
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.pos_ == "NOUN" and before.is_lower and before.dep_ == "compound":
        return before.lemma_.lower()
    root = doc[start:end].root
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < start:
        return root.head.lemma_.lower()
    return next((c.lemma_.lower() for c in root.children
                 if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i >= end and c.is_lower), None)


def _gazetteer_names(doc: "Doc", para: list[int], taken: set[int], groups_only: bool = False) -> Iterator[Candidate]:
    """Countries, seats of government and known groups the NER missed or mislabelled."""
    text, starts, texts = layout(doc)
    # every gazetteer name starts with a capital (Token.is_title / is_upper): only those are tried
    capitals = [i for i, word in enumerate(texts) if word.istitle() or word.isupper()]
    free = 0  # tokens before this one belong to a name already found
    for i in capitals:
        if i < free:
            continue
        for n in (3, 2, 1):
            if i + n > len(texts):
                continue
            start, end = starts[i], starts[i + n - 1] + len(texts[i + n - 1])
            words = text[start:end]  # the span's text
            low = words.lower()
            if low in gz.KNOWN_GROUPS:
                typ, name, iso = "Group", gz.KNOWN_GROUPS[low], None
            elif groups_only:
                continue
            elif (country := gz.country(words)) and words[0].isupper() and (n > 1 or doc[i].pos_ == "PROPN"):
                typ, name, iso = "Country", country.name, country.iso
            elif (metonym := gz.metonym(words)) and doc[i].pos_ == "PROPN":
                iso, typ = metonym
                name = words
            else:
                continue
            if any(k in taken for k in range(i, i + n)):
                continue  # an NER name already covers it
            taken.update(range(i, i + n))
            yield Candidate(
                start=start, end=end, text=words, kind="name",
                head=i + n - 1, sent=sentence_of(doc, i), para=para[i], name=name,
                type=typ, iso=iso, rule="gazetteer",
            )
            free = i + n
            break


def acronym_mentions(doc: "Doc", para: list[int], names: list[Candidate]) -> Iterator[Candidate]:
    """Upper-case tokens that spell a name used in the same article ("OSCE", "IS"), or that
    the article introduced in parentheses after a name ("Kurdistan Workers' Party (PKK)").

    Named mentions of an introduced acronym get a ``link`` to the name's head, which
    :mod:`~kg.resolution.coref` follows.
    """
    defined = defined_acronyms(doc, names)
    for c in names:
        if c.name in defined and defined[c.name] is not c:
            c.link = defined[c.name].head
    by_initials = {initials(c.name): c for c in names if c.name and c.type != "Person"}
    covered = {i for c in names for i in range(token_at(doc, c.start), c.head + 1)}
    _, starts, texts = layout(doc)
    for i, word in enumerate(texts):
        target = defined.get(word) or by_initials.get(word)
        if target is None or i in covered or len(word) < 2 or not (word.isupper() or word in defined):
            continue
        yield Candidate(
            start=starts[i], end=starts[i] + len(word), text=word, kind="name",
            head=i, sent=sentence_of(doc, i), para=para[i], name=word,
            type=target.type, link=target.head if word in defined else None, rule="acronym",
        )


def defined_acronyms(doc: "Doc", names: list[Candidate]) -> dict[str, Candidate]:
    """Acronyms written in parentheses right after a name: ``{"PKK": <Kurdistan Workers' Party>}``."""
    _, _, texts = layout(doc)
    out: dict[str, Candidate] = {}
    for c in names:
        i = c.head + 1
        if c.type == "Person" or i + 2 >= len(texts) or texts[i] != "(" or texts[i + 2] != ")":
            continue
        word = texts[i + 1]
        if 1 < len(word) <= 10 and word[0].isupper() and sum(ch.isupper() for ch in word) >= 2 \
                and word.isalpha() and word not in out:
            out[word] = c
    return out


def label_mentions(doc: "Doc", para: list[int], names: list[Candidate]) -> Iterator[Candidate]:
    """Interview labels (``((JR))``, ``Jane Roe:``) as mentions of the actor they stand for.

    A label is the actor whose name, surname, initials ("JR") or short form ("WN" for
    Wikinews: the label's letters in order, the first one leading) it is; a label of
    two or more capitalized words that names no one yet is a person's full name.
    """
    _, starts, texts = layout(doc)
    covered = {i for c in names for i in range(token_at(doc, c.start), c.head + 1)}
    for a, b in speech(doc, para).labels:
        if any(i in covered for i in range(a, b)):
            found = next((c for c in names if c.head == b - 1 and c.name), None)
            if found is not None and found.name:
                if person_like(found.name):
                    found.type = "Person"  # who answers under a full name is someone, whatever the NER said
                elif found.name.isupper():
                    _expand(found, found.name, names, texts)
            continue
        text = span_text(doc, doc[a], doc[b - 1])
        target = _labelled(text, names)
        written = _written_out(text, texts, names) if target is None else None
        if target is None and written is None \
                and not (len(text.split()) > 1 and all(w[:1].isupper() for w in text.split())):
            continue
        if target is not None:
            name, typ = target[0], "Person" if person_like(target[0]) else target[1]
        else:
            name, typ = (written, "Organization") if written else (text, "Person")
        covered.update(range(a, b))
        yield Candidate(start=starts[a], end=starts[b - 1] + len(texts[b - 1]), text=text, kind="name",
                        head=b - 1, sent=sentence_of(doc, a), para=para[a], name=name, type=typ,
                        gender=_name_gender(name) if typ == "Person" else None, rule="label")


def person_like(name: str) -> bool:
    """Two to four capitalized words, none an organization's or a state's: a person's full name.

    >>> person_like("Valeria Gazzola"), person_like("Mahan Air Group"), person_like("Wikinews")
    (True, False, False)
    """
    words = name.split()
    return 1 < len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in words) \
        and not gz.country(name) and not gz.metonym(name) \
        and not any(w.lower().rstrip(".") in gz.ORG_HEADS | gz.ORG_SUFFIXES for w in words)


def _expand(label: Candidate, name: str, names: list[Candidate], texts: list[str]) -> None:
    """A label the NER found ("TW", its ``name``) takes the name it abbreviates, so it clusters with it."""
    target = _labelled(name, [c for c in names if c is not label])
    if target is not None:
        label.name, label.type = target
    elif (written := _written_out(name, texts, names)) is not None:
        label.name = written


def _labelled(label: str, names: list[Candidate]) -> Optional[tuple[str, Optional[str]]]:
    """The name and type of the named mention an interview label stands for, if exactly one actor fits."""
    key = label.casefold()
    fits: dict[str, Optional[str]] = {}  # name -> type of its first mention
    for c in names:
        if not c.name:
            continue
        words = c.name.split()
        if key == c.name.casefold() or c.type == "Person" and key in (words[0].casefold(), words[-1].casefold()) \
                or label.isupper() and (initials(c.name) == label
                                        or len(words) == 1 and c.type != "Person" and _short_form(label, c.name)):
            # a person's label is their initials: "WN" is Wikinews, not Wayne
            fits.setdefault(c.name, c.type)
    return next(iter(fits.items())) if len(fits) == 1 else None


def _written_out(label: str, texts: list[str], names: list[Candidate]) -> Optional[str]:
    """The one capitalized word of the article an all-capitals label abbreviates ("WN": Wikinews).

    A name the NER found ("Wikinews") comes before any other word ("Whenever" opening
    sentences), and it is never a word the article also writes in lower case nor a word of
    a person's name ("Wayne" of Wayne Tseng): an article that never writes the name out
    leaves its label as it is.
    """
    if not label.isupper() or " " in label:
        return None
    lower = {w for w in texts if w.islower()}
    people = {w for c in names if c.type == "Person" and c.name for w in c.name.split()}
    named = {c.name for c in names if c.type != "Person" and c.rule != "label"}
    fit = [w for w in texts if w[:1].isupper() and not w.isupper() and len(w) > 2 * len(label)
           and w.lower() not in lower and w not in people and _short_form(label, w)]
    found = Counter([w for w in fit if w in named] or fit).most_common(2)
    if not found or len(found) == 2 and found[1][1] * 2 > found[0][1]:
        return None  # none, or no word the article uses far more than the others
    return found[0][0]


def _short_form(label: str, word: str) -> bool:
    """"WN" for "Wikinews": the first letters agree and the rest come in order, each opening
    a syllable (a vowel after it), as a compound's parts do: "WN" is not "Women" or "Western".

    >>> _short_form("WN", "Wikinews"), _short_form("WN", "Women"), _short_form("TW", "Twitter")
    (True, False, True)
    """
    pattern = "".join(f"{re.escape(ch)}[aeiouy]" + ".*" for ch in label[1:].lower())
    return len(label) > 1 and word[:1].lower() == label[0].lower() \
        and re.match(".*" + pattern, word[1:].lower()) is not None


def _gender(title: Optional[str]) -> Optional[str]:
    if not title:
        return None
    words = set(title.lower().split())
    if words & gz.MALE_TITLES:
        return "m"
    if words & gz.FEMALE_TITLES:
        return "f"
    return None


def _name_gender(name: str) -> Optional[str]:
    first = name.split()[0].lower() if name.split() else ""
    return "m" if first in gz.MALE_NAMES else "f" if first in gz.FEMALE_NAMES else None
