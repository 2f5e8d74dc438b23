"""PLOVER event classes for open relations: ``veto`` -> REJECT, ``meet with`` -> CONSULT.

kg keeps the open relation a sentence gives (``lash out at``) and adds the class
of the PLOVER event ontology it belongs to, read from a verb lexicon: phrasal
verbs first ("shoot down", "call for"), then a light verb's noun ("hold *talks*
with", "impose *sanctions* on"), then the head verb.  Speech verbs give
``STATEMENT``; anything else ``OTHER``.

Examples
--------
>>> [relation_class(r) for r in ("veto", "accuse of", "hold talks with", "shoot down", "say")]
['REJECT', 'ACCUSE', 'CONSULT', 'ASSAULT', 'STATEMENT']
"""
from __future__ import annotations

from functools import lru_cache

from kg.extraction.lexicon import HAZARD_NOUNS

__all__ = ["event_class", "relation_class"]

#: Head verbs (lemmas) by class.
VERBS = {
    "AGREE": "agree accept approve endorse ratify settle sign pledge promise commit consent",
    "CONSULT": "meet visit talk discuss negotiate consult host confer attend receive phone call",
    "SUPPORT": "support back praise defend thank applaud congratulate welcome commend hail",
    "CONCEDE": "concede admit apologize apologise yield compromise lift ease relent",
    "COOPERATE": "cooperate collaborate ally partner coordinate join integrate",
    "AID": "aid help assist supply provide donate fund deliver rescue shelter equip train",
    "RETREAT": "withdraw retreat evacuate leave abandon",
    "REQUEST": "ask request urge appeal demand invite seek press petition plead",
    "ACCUSE": "accuse blame charge condemn criticize criticise denounce slam blast allege "
              "fault rebuke castigate chastise censure",
    "REJECT": "reject veto refuse deny dismiss decline rebuff oppose block boycott cancel rebut "
              "spurn snub resist",
    "THREATEN": "threaten warn menace",
    "PROTEST": "protest demonstrate march rally picket",
    "SANCTION": "sanction embargo expel suspend ban freeze restrict penalize penalise",
    "MOBILIZE": "mobilize mobilise deploy mass station reinforce arm",
    "COERCE": "arrest detain seize confiscate censor deport raid blockade besiege jail imprison "
              "capture kidnap abduct",
    "ASSAULT": "attack bomb strike shoot kill shell target hit fire invade assault ambush destroy "
               "execute torture behead wound injure massacre airstrike bombard storm",
    "STATEMENT": "say tell add state announce claim insist note report declare write comment explain "
                 "describe stress reiterate assert respond reply remark argue release publish",
}

#: Nouns that carry the event after a light verb ("hold talks with", "carry out strikes").
NOUNS = {
    "CONSULT": "talks talk meeting meetings visit summit negotiations consultations call conference",
    "AGREE": "agreement deal accord treaty ceasefire truce",
    "SUPPORT": "support backing praise",
    "COOPERATE": "ally allies partner partnership cooperation alliance ties",
    "AID": "aid assistance help",
    "REQUEST": "request appeal demand",
    "ACCUSE": "accusation accusations criticism charge charges",
    "THREATEN": "threat threats warning ultimatum",
    "PROTEST": "protest protests demonstration demonstrations",
    "SANCTION": "sanctions sanction embargo ban",
    "ASSAULT": "strike strikes airstrike airstrikes attack attacks raid raids bombing assault "
               "offensive fire sorties sortie",
}

#: Phrasal verbs whose class differs from their head's, or whose head is too vague.
PHRASES = {
    "shoot down": "ASSAULT", "open fire on": "ASSAULT", "wipe out": "ASSAULT",
    "lash out at": "ACCUSE", "call for": "REQUEST", "call on": "REQUEST",
    "pull out": "RETREAT", "pull back": "RETREAT", "walk out": "RETREAT", "back down": "CONCEDE",
    "give up": "CONCEDE", "side with": "SUPPORT", "stand by": "SUPPORT", "stand with": "SUPPORT",
    "break off": "SANCTION", "cut ties with": "SANCTION", "strike back against": "ASSAULT",
    "fire back": "ACCUSE", "hit back": "ACCUSE", "work with": "COOPERATE", "team up with": "COOPERATE",
    "send troops": "MOBILIZE", "send aid": "AID", "crack down on": "COERCE",
}

#: Verbs that take their meaning from the noun after them.
LIGHT_VERBS = frozenset(
    "be have hold make take give carry launch conduct express issue reach impose stage file pay "
    "mount step announce sign offer send".split()
)


def _index(table: dict[str, str]) -> dict[str, str]:
    """Word -> class of a table of space-separated words by class.

    >>> _index({"AID": "aid help"})
    {'aid': 'AID', 'help': 'AID'}
    """
    return {word: cls for cls, words in table.items() for word in words.split()}


# Built once: relation_class runs for every triple of every article.
_VERB_INDEX = _index(VERBS)
_NOUN_INDEX = _index(NOUNS)


#: Verbs of striving whose infinitive names the event ("try to meet with" is a meeting tried);
#: "threaten to" stays a threat.
_STRIVING = frozenset("try attempt hope strive seek".split())


@lru_cache(maxsize=4096)
def relation_class(relation: str) -> str:
    """The PLOVER class of an open relation (lemma + particle + preposition).

    Examples
    --------
    >>> relation_class("meet with"), relation_class("carry out strike"), relation_class("lash out at")
    ('CONSULT', 'ASSAULT', 'ACCUSE')
    >>> relation_class("impose sanctions on"), relation_class("be ally of"), relation_class("admire")
    ('SANCTION', 'COOPERATE', 'OTHER')
    """
    words = relation.lower().replace("_", " ").split()
    if not words:
        return "OTHER"
    if len(words) > 2 and words[0] in _STRIVING and words[1] == "to":
        return relation_class(" ".join(words[2:]))  # "try to narrow differences": what is tried
    for n in range(len(words), 1, -1):
        phrase = " ".join(words[:n])
        if phrase in PHRASES:
            return PHRASES[phrase]
    if words[0] in LIGHT_VERBS:
        for word in words[1:]:
            if word in _NOUN_INDEX:
                return _NOUN_INDEX[word]
    return _verb_class(words[0]) or "OTHER"


#: Classes of one actor acting on another: a hazard as subject makes no such event.
AGENT_CLASSES = frozenset({"ASSAULT", "COERCE", "THREATEN"})


def event_class(relation: str, subject: str = "", subject_type: str = "") -> str:
    """The PLOVER class of a triple: :func:`relation_class`, except that a fire, a storm or an
    accident (a non-actor subject whose head noun is in ``HAZARD_NOUNS``) makes no ASSAULT,
    COERCE or THREATEN event: it gets ``OTHER``.

    Examples
    --------
    >>> event_class("kill", "fire", "Thing"), event_class("kill", "rebels", "Group")
    ('OTHER', 'ASSAULT')
    """
    kind = relation_class(relation)
    words = subject.lower().split()
    if kind in AGENT_CLASSES and subject_type in ("", "Thing") and words and words[-1] in HAZARD_NOUNS:
        return "OTHER"
    return kind


def _verb_class(word: str) -> str | None:
    verbs = _VERB_INDEX
    for candidate in (word, word.rstrip("s"), word[:-2] if word.endswith("ed") else word,
                      word[:-3] if word.endswith("ing") else word):
        if candidate in verbs:
            return verbs[candidate]
    return None

