"""The ``kg_actors`` spaCy component and what stages read off the ``Doc`` it annotates.

The component stores plain lists and dicts (so ``Doc``\\ s still serialize for
``nlp.pipe(n_process=...)``):

- ``doc._.kg_actors``: one dict per actor of the article: ``name``, ``type``,
  ``iso``, ``stands_for``, ``affiliation``, ``titles``, ``aliases``, ``merges``
  (``[alias, rule]`` pairs) and ``mentions`` (``[start, end, text, kind, title]``);
- ``doc._.kg_mentions``: a :class:`MentionRow` ``(start, end, head_start, head_end,
  text, kind, title, actors)`` per mention; a plural mention ("the two leaders")
  lists every actor it stands for.
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import product
from typing import Any, NamedTuple, Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.extraction.arguments import argument
from kg.extraction.lexicon import REPORTING_VERBS, TIME_NOUNS
from kg.model import Entity, Merge, Triple, evolve
from kg.resolution import coref, descriptions, names, pronouns
from kg.resolution import gazetteer as gz
from kg.resolution import mentions as mn
from kg.resolution.aliases import Aliases, load_aliases
from kg.resolution.quotes import speech

__all__ = ["ActorResolver", "document_entities", "make_actor_resolver", "resolve"]

if not Doc.has_extension("kg_actors"):
    Doc.set_extension("kg_actors", default=None)
if not Doc.has_extension("kg_mentions"):
    Doc.set_extension("kg_mentions", default=None)


#: ``doc.user_data`` key: the aliases rules the document's actors were resolved with.
APPLIED = "kg_aliases"


class MentionRow(NamedTuple):
    """One mention of ``doc._.kg_mentions``: where it is, what it says, which actors it is.

    A tuple, so a ``Doc`` still serializes (it comes back as a list; :func:`actors`
    makes rows of it again).
    """

    start: int  # char offsets of the mention
    end: int
    head_start: int  # char offsets of its syntactic head
    head_end: int
    text: str
    kind: str  # "name", "description", "pronoun"
    title: Optional[str]
    actors: list[int]  # indices into doc._.kg_actors (several for "the two leaders")


class ActorResolver:
    """Find actor mentions and cluster them within the document.

    Parameters
    ----------
    descriptions, pronouns
        Whether role descriptions ("the Russian leader") and pronouns are resolved.
    aliases
        A parsed aliases file (:class:`~kg.resolution.aliases.Aliases`) whose rules without
        a document id are honoured in every document; rules for one document id are
        honoured by :func:`resolve` and :func:`document_entities`, which know the id.

    Examples
    --------
    >>> nlp.add_pipe("kg_actors", config={"aliases": "aliases.tsv"})  # doctest: +SKIP
    """

    def __init__(self, *, descriptions: bool = True, pronouns: bool = True,
                 aliases: Optional[Aliases] = None) -> None:
        self.descriptions = descriptions
        self.pronouns = pronouns
        self.aliases = aliases or Aliases()

    def __call__(self, doc: Doc) -> Doc:
        rules = self.aliases.for_document(None, mn.layout(doc).text)
        actors, mention_rows = annotate(doc, with_descriptions=self.descriptions, with_pronouns=self.pronouns,
                                        aliases=rules)
        doc._.kg_actors = actors
        doc._.kg_mentions = mention_rows
        doc.user_data[APPLIED] = rules.text()
        return doc


@Language.factory(
    "kg_actors",
    default_config={"descriptions": True, "pronouns": True, "aliases": None},
    assigns=["doc._.kg_actors", "doc._.kg_mentions"],
    requires=["doc.ents", "token.dep", "token.pos"],
)
def make_actor_resolver(nlp: Language, name: str, descriptions: bool, pronouns: bool,
                        aliases: Optional[str]) -> ActorResolver:
    rules = load_aliases(aliases) if aliases else None
    return ActorResolver(descriptions=descriptions, pronouns=pronouns, aliases=rules)


def annotate(doc: Doc, *, with_descriptions: bool = True, with_pronouns: bool = True,
             aliases: Optional[Aliases] = None) -> tuple[list, list]:
    """The actors of a parsed document and its mentions, as plain data (see module doc).

    ``aliases`` are the user's rules that apply to this document (see
    :meth:`~kg.resolution.aliases.Aliases.for_document`).
    """
    para = mn.paragraphs(doc)
    named = names.name_mentions(doc, para)
    named += list(names.acronym_mentions(doc, para, named))
    named += list(names.label_mentions(doc, para, named))
    named.sort(key=lambda c: c.start)
    others = []
    if with_descriptions:
        others += descriptions.description_mentions(doc, para, named)
    if with_pronouns:
        others += list(pronouns.pronoun_mentions(doc, para))
    clusters = _dedupe(coref.cluster_mentions(doc, named, others, aliases))
    index = {id(c): i for i, c in enumerate(clusters)}
    actors = [_actor(doc, c) for c in clusters]
    rows, seen = [], set()
    for c in clusters:
        for m in c.mentions:
            if id(m) in seen:
                continue
            seen.add(id(m))
            ids = [index[id(x)] for x in m.clusters if id(x) in index]
            head = doc[m.head]
            rows.append(MentionRow(m.start, m.end, head.idx, head.idx + len(head.text), m.text, m.kind, m.title, ids))
    rows.sort(key=lambda r: (r.start, r.end))
    return actors, rows


def _dedupe(clusters: list[coref.Cluster]) -> list[coref.Cluster]:
    """Clusters that ended up with the same canonical name and type are one actor."""
    out: dict[tuple, coref.Cluster] = {}
    for c in clusters:
        key = (c.canonical, c.type)
        if key in out:
            keep = out[key]
            for m in c.mentions:
                m.clusters = [keep if x is c else x for x in m.clusters]
                keep.mentions.append(m)
            keep.merges += [(a, "same name") for a, _ in c.merges]
        else:
            out[key] = c
    return list(out.values())


def _actor(doc: Doc, c: coref.Cluster) -> dict[str, Any]:
    name = c.canonical
    met = gz.metonym(name)
    stands_for = None
    if met and (c.type == "Organization" or any(coref.is_actor_use(doc, m) for m in c.names)):
        stands_for = gz.country_name(met[0])
    iso = c.iso if c.type == "Country" else None
    aff_iso = None if (iso or met) else next((m.iso for m in c.mentions if m.iso and m.kind != "pronoun"), None)
    surfaces = [mn.clean(m.text) if m.kind == "name" else m.text for m in c.mentions]
    aliases = list(dict.fromkeys([name] + [m.name or m.text for m in c.names] + surfaces))
    merges = list(dict.fromkeys((alias, rule) for alias, rule in c.merges if alias != name))
    return {
        "name": name, "type": c.type or "Thing", "iso": iso, "stands_for": stands_for,
        "affiliation": gz.country_name(aff_iso) if aff_iso else None, "titles": c.titles,
        "aliases": aliases, "merges": merges,
        "mentions": [[m.start, m.end, m.text, m.kind, m.title] for m in c.mentions],
    }


def actors(doc: Doc, aliases: Optional[Aliases] = None, doc_id: Optional[str] = None) -> tuple[list, list]:
    """``(doc._.kg_actors, doc._.kg_mentions)``, computed here if the component did not run
    or ran without the rules of ``aliases`` that apply to document ``doc_id``."""
    rules = aliases.for_document(doc_id, doc.text) if aliases is not None else None
    if doc._.kg_actors is None or rules is not None and doc.user_data.get(APPLIED, "") != rules.text():
        doc._.kg_actors, doc._.kg_mentions = annotate(doc, aliases=rules)
        doc.user_data[APPLIED] = rules.text() if rules is not None else ""
    rows = doc._.kg_mentions
    if rows and not isinstance(rows[0], MentionRow):  # read back from a serialized Doc
        doc._.kg_mentions = rows = [MentionRow(*r) for r in rows]
    return doc._.kg_actors, rows


def document_entities(doc: Doc, doc_id: str, aliases: Optional[Aliases] = None) -> list[Entity]:
    """The actors of one article as :class:`~kg.model.Entity` records with their merge log.

    With ``aliases`` (the user's aliases file) its rules for this article are
    honoured: a split mention becomes an actor of its own, a forced one joins the
    named actor, and the merge log says ``aliases file``.

    Examples
    --------
    >>> [e.name for e in document_entities(nlp("Putin met Erdogan."), "d")]  # doctest: +SKIP
    ['Putin', 'Erdogan']
    """
    found, _ = actors(doc, aliases, doc_id)
    return [
        Entity(
            name=a["name"], type=a["type"], aliases=tuple(a["aliases"]), titles=tuple(a["titles"]),
            mentions=len(a["mentions"]), docs=(doc_id,), iso=a["iso"], stands_for=a["stands_for"],
            affiliation=a["affiliation"],
            merges=tuple(Merge(alias, a["name"], rule, doc_id) for alias, rule in a["merges"]),
        )
        for a in found
    ]


def mention_at(doc: Doc, span: Optional[tuple[int, int]], rows: Optional[list[MentionRow]] = None
               ) -> Optional[MentionRow]:
    """The mention whose head lies in a char span, preferring the span's syntactic head.

    ``rows`` are the document's mention rows (``doc._.kg_mentions``) when the caller has them.
    """
    if span is None:
        return None
    if rows is None:
        _, rows = actors(doc)
    start, end = span
    inside = [r for r in rows if start <= r.head_start and r.head_end <= end]
    if not inside:
        return None
    char_span = doc.char_span(start, end, alignment_mode="expand")
    if char_span is not None:
        root = char_span.root
        for r in inside:
            if r.head_start == root.idx:
                return r
        return None  # the span is about something else ("Moscow's planes")
    return max(inside, key=lambda r: r.end - r.start)


def resolve(doc: Doc, triples: list[Triple], aliases: Optional[Aliases] = None,
            doc_id: Optional[str] = None) -> list[Triple]:
    """Triples with their arguments replaced by the document-canonical actor names.

    ``subject``/``object``/``attributed_to`` become the name of the actor the
    mention under each span refers to ("he" -> "Boris Johnson"), with its type and
    the mention's title; surface words stay in ``subject_text``/``object_text``.
    Arguments that are not actors are left as they are.  A plural mention ("the
    two leaders") yields one triple per actor it stands for; when subject and
    object are the same plural mention ("talks between the two leaders") the
    triple links its members in order, never an actor to itself.  ``aliases``
    (the user's aliases file) corrects the clustering first, as in
    :func:`document_entities` (``doc_id`` picks the file's rules for this article;
    by default the triples' document).  A triple about "you" (or "your ...") is kept
    only when "you" is someone the quote is told to, and then names them.
    """
    found, rows = actors(doc, aliases, doc_id or (triples[0].doc if triples else None))
    # the rows in text order, with their starts for bisecting (see _possessor)
    mentions = (rows, [r.start for r in rows])
    out: list[Triple] = []
    for t in triples:
        subj = mention_at(doc, t.subject_span, rows)
        obj = mention_at(doc, t.object_span, rows)
        attr = mention_at(doc, t.attributed_span, rows)
        subjects = [_not_time(found[i]) for i in subj.actors] if subj else [_by_name(found, t.subject, t.subject_span)
                                                                             or _by_surname(found, t.subject_text)]
        objects = [_not_time(found[i]) for i in obj.actors] if obj else [_by_name(found, t.object, t.object_span)
                                                                         or _by_surname(found, t.object_text)]
        speaker = (found[attr.actors[0]] if attr and len(attr.actors) == 1
                   else _by_name(found, t.attributed_to, t.attributed_span)
                   or (_by_surname(found, t.attributed_to) if t.attributed_to and not attr else None))
        if subj is not None and subj is obj and len(subjects) > 1:
            pairs = list(zip(subjects, subjects[1:]))
        elif len(subjects) > 1 or len(objects) > 1:
            pairs = [(s, o) for s, o in product(subjects, objects) if s is None or s is not o]
        else:
            pairs = [(subjects[0], objects[0])]
        for s, o in pairs:
            if s is not None and s is o and obj and obj.kind == "description":
                o = None  # "Holt, a baker, ...": what the description says, not Holt | be | Holt
            resolved = _apply(t, s, subj, o, obj, speaker, doc, found, mentions)
            if s is None and mn.non_actor(resolved.subject):
                resolved = _reporters_pronoun(doc, resolved) if resolved.subject_text.lower() != "we" \
                    else _unnamed_speakers_we(doc, resolved)
            resolved = _speakers_i(resolved, speaker)
            if _second_person(resolved.subject) or _second_person(resolved.object):
                continue
            if mn.non_actor(resolved.subject) or mn.non_actor(resolved.object):
                continue  # a pronoun or indefinite nothing resolved: never an actor
            if resolved.subject.lower() == resolved.object.lower():
                continue  # "he distanced himself", "she faced us": an actor is no party to itself
            if _interlocutor_question(t) or _labelled_question(doc, t):
                continue  # "Could you tell us ...?": an interviewer's question asserts nothing
            out.append(_attributed(doc, resolved, found, rows))
    return out


def _attributed(doc: Doc, t: Triple, found: list, rows: list) -> Triple:
    """The quote's speaker as ``attributed_to`` when the sentence itself does not say
    (a quote running over several sentences); a pronoun left unresolved says no one."""
    if t.attributed_to is not None:
        return evolve(t, attributed_to=None) if mn.non_actor(t.attributed_to) else t
    if t.relation_span is None:
        return t
    said = speech(doc, mn.paragraphs(doc))
    who = said.speaker.get(mn.token_at(doc, t.relation_span[0]))
    if who is None:
        return t
    head = doc[who]
    row = mention_at(doc, (head.idx, head.idx + len(head.text)), rows)
    if row is None or len(row.actors) != 1:
        return t
    return evolve(t, attributed_to=found[row.actors[0]]["name"])


def _labelled_question(doc: Doc, t: Triple) -> bool:
    """A question in an interview paragraph opened by a label (``((WN)) Were the two ...?``)."""
    if t.relation_span is None or not t.sentence.rstrip(' "”’\'').endswith("?"):
        return False
    return mn.token_at(doc, t.relation_span[0]) in speech(doc, mn.paragraphs(doc)).label


def _interlocutor_question(t: Triple) -> bool:
    """A question whose subject or object is "I", "we" or "you"."""
    people = mn.FIRST_PERSON | mn.FIRST_PLURAL | mn.SECOND_PERSON
    return t.sentence.rstrip(' "”’\'').endswith("?") and (
        t.subject_text.lower() in people or t.object_text.lower() in people)


def _second_person(argument: str) -> bool:
    """An argument still about "you": no one the article names, so not an actor."""
    return argument.split(" ", 1)[0].casefold() in mn.SECOND_PERSON


def _by_name(found: list, text: Optional[str], span: Optional[tuple[int, int]]) -> Optional[dict]:
    """Without a span to go by, the one actor of the article that goes by this name."""
    if span is not None or not text:
        return None
    key = mn.clean(text).casefold()
    hits = [a for a in found if any(mn.clean(x).casefold() == key for x in a["aliases"] if x[:1].isupper())]
    return hits[0] if len(hits) == 1 else None


def _by_surname(found: list, text: str) -> Optional[dict]:
    """A bare surname the NER left out ("Trump"): the one person of the article it ends, or
    the one the article mentions at least four times as often as the others together
    (Donald Trump beside Melania Trump; two Ruizes named as often stay unresolved).

    >>> _by_surname([{"name": "Ana Ruiz", "type": "Person", "mentions": [1]}], "Ruiz")["name"]
    'Ana Ruiz'
    """
    word = mn.clean(text)
    if " " in word or not word[:1].isupper() or word.isupper():
        return None
    hits = sorted((a for a in found if a["type"] == "Person" and len(a["name"].split()) > 1
                   and a["name"].split()[-1] == word), key=lambda a: -len(a["mentions"]))
    if len(hits) > 1 and len(hits[0]["mentions"]) < 4 * sum(len(a["mentions"]) for a in hits[1:]):
        return None
    return hits[0] if hits else None


#: Reporting verbs whose subject is evidence, not someone speaking ("the study shows it ...").
_EVIDENCE_VERBS = frozenset("show reveal indicate suggest".split())

#: Reporting pronouns and whether the reporter must be plural: "the ministry said it", "police said they".
_REPORTERS_PRONOUNS = {"it": False, "they": True}


def _reporters_pronoun(doc: Doc, t: Triple) -> Triple:
    """"The interior ministry said it had deported 40 migrants": a subject "it" or "they" of a
    clause completing a verb, when nothing resolved it, is that verb's subject if that is a
    common noun of its number ("residents said they"), for "it" no person's ("the spokesman
    said it" stays unresolved).

    Named reporters are coreference's ("Vessel Corp said it"); this gives the unnamed ones
    ("interior ministry", "police") the statement rather than dropping it.
    """
    if t.subject_span is None or t.subject_text.lower() not in _REPORTERS_PRONOUNS:
        return t
    tok = doc[mn.token_at(doc, t.subject_span[0])]
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ccomp":
        return t
    gov = tok.head.head
    while gov.dep_ == "conj" and gov.head.i != gov.i and not any(c.dep_ == "nsubj" for c in gov.children):
        gov = gov.head  # "admitted the raid and said it had ...": the first verb's subject
    if gov.lemma_.lower() not in REPORTING_VERBS - _EVIDENCE_VERBS \
            or any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in doc[gov.i + 1 : tok.i]):
        return t  # "the action would cause it to bend"; "found when fish were plentiful, they ..."
    reporter = next((c for c in gov.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if reporter is not None and _named_beside(reporter):
        return t
    plural = _REPORTERS_PRONOUNS[t.subject_text.lower()]
    if reporter is None or not _common_noun(reporter) or not plural and reporter.lemma_.lower() in gz.PERSON_NOUNS \
            or (reporter.tag_ == "NNS" or reporter.lemma_.lower() in gz.PLURAL_COLLECTIVES) != plural:
        return t
    return evolve(t, subject=argument(reporter).text)  # as "Police arrested ..." would name it


def _speakers_i(t: Triple, speaker: Optional[dict]) -> Triple:
    """""I met Ana Holt twice," Ruiz said: an "I" or "me" nothing resolved is the quote's
    speaker when that is a person, also one known only by a surname the NER missed."""
    if speaker is None or speaker["type"] != "Person":
        return t
    if t.subject_text.lower() == "i" and mn.non_actor(t.subject):
        t = evolve(t, subject=speaker["name"], subject_type="Person")
    if t.object_text.lower() == "me" and mn.non_actor(t.object):
        t = evolve(t, object=speaker["name"], object_type="Person")
    return t


def _common_noun(token: Token) -> bool:
    """A common noun, also one the tagger took for a name though it is lower case ("the foreign ministry")."""
    return token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.is_lower


def _named_beside(noun: Token) -> bool:
    """Whether the verb ``noun`` is the subject of has a name for a second subject: the
    parser's split of "study co-author Ted Ruiz said" or "Early opponent MP Ana Holt said",
    where the common noun is a title and the speaker a person."""
    return any(c.dep_ == noun.dep_ and c.i != noun.i and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")
               for c in noun.head.children)


def _unnamed_speakers_we(doc: Doc, t: Triple) -> Triple:
    """"We will appeal the ruling," the company said: a quote's "we" nothing resolved is its
    speaker when that is an unnamed body or group ("the company", "the residents"), or the
    body a speaker speaks for ("a spokesman for the ministry"); a person's own "we" ("the
    senator said") is someone else and stays unresolved."""
    if t.attributed_span is None or t.attributed_to is None or mn.non_actor(t.attributed_to):
        return t
    span = doc.char_span(*t.attributed_span, alignment_mode="expand")
    head = span.root if span is not None else None
    if head is None or not _common_noun(head) or _named_beside(head):
        return t
    if head.tag_ == "NNS" or head.lemma_.lower() not in gz.PERSON_NOUNS:
        return evolve(t, subject=t.attributed_to)
    body = next((o for p in head.rights if p.dep_ == "prep" and p.lower_ in ("for", "of", "at")
                 for o in p.children if o.dep_ == "pobj" and _common_noun(o)
                 and o.lemma_.lower() not in gz.PERSON_NOUNS), None)
    return evolve(t, subject=argument(body).text) if body is not None else t


def _possessor(doc: Doc, found: list, text: str, span: Optional[tuple[int, int]],
               mentions: tuple[list, list[int]]) -> str:
    """"its airstrikes" -> "Russia's airstrikes": a thing's possessive pronoun or description named.

    Only pronouns and descriptions are replaced; a named possessor ("Moscow's planes")
    already says who. ``mentions`` are the document's mention rows in text order and
    their start offsets.
    """
    if span is None:
        return text
    rows, starts = mentions
    within = rows[bisect_left(starts, span[0]) : bisect_left(starts, span[1])]  # rows starting in the span
    for r in sorted(within, key=lambda r: r.start - r.end):  # "his country" before "his"
        if r.kind == "name" or len(r.actors) != 1:
            continue
        head = doc.char_span(r.head_start, r.head_end, alignment_mode="expand")
        surface = r.text
        if head is None or head.root.dep_ != "poss" and not surface.lower().endswith("'s"):
            continue
        owner = _short_name(found[r.actors[0]])
        for form in (surface + "'s", surface + "’s", surface):
            if text.lower().startswith(form.lower()):
                return f"{owner}'s{text[len(form):]}"
    return text


def _not_time(actor: dict) -> Optional[dict]:
    """``actor``, unless its name is a time word the tagger took for a name ("2030 BST")."""
    return None if actor["name"].lower() in TIME_NOUNS else actor


def _demonym_state(doc: Doc, argument: str, span: Optional[tuple[int, int]]) -> Optional[str]:
    """The state a nationality adjective stands for as an argument ("a Saudi national" -> Saudi Arabia).

    Only an adjective before its noun: a people ("Russians"), a language ("speaks French")
    or a phrase stays as written.
    """
    if " " in argument or argument.lower() not in gz.DEMONYMS or span is None:
        return None
    word = doc.char_span(*span)
    if word is None or len(word) != 1 or word[0].dep_ not in ("amod", "compound") or word[0].head.i < word[0].i:
        return None
    iso = gz.demonym_iso(argument)
    return gz.country_name(iso) if iso else None


def _short_name(actor: dict) -> str:
    """The canonical name, or its acronym when the article uses one ("OSCE")."""
    acronyms = [a for a in actor["aliases"] if a.isupper() and 1 < len(a) < len(actor["name"])]
    return acronyms[0] if acronyms and len(actor["name"].split()) > 2 else actor["name"]


def _apply(t: Triple, s, s_row, o, o_row, speaker, doc: Doc, found: list, mentions: tuple[list, list[int]]) -> Triple:
    changes: dict[str, Any] = {}
    if s is None:
        changes["subject"] = _possessor(doc, found, t.subject, t.subject_span, mentions)
    if o is None:
        state = _demonym_state(doc, t.object, t.object_span)
        if state is not None:  # "is a Turkish national" -> be national of | Turkey
            changes.update(object=state, object_type="Country")
        else:
            changes["object"] = _possessor(doc, found, t.object, t.object_span, mentions)
    if s is not None:
        changes.update(subject=s["name"], subject_type=s["type"])
        if s_row and s_row.title:
            changes["subject_title"] = s_row.title
    if o is not None:
        changes.update(object=o["name"], object_type=o["type"])
        if o_row and o_row.title:
            changes["object_title"] = o_row.title
    if speaker is not None:
        changes["attributed_to"] = speaker["name"]
    return evolve(t, **changes) if changes else t
