"""Scoring extracted triples against a gold file in the GUIDELINES format.

The matching rule is the one the evaluation data documents: within one key
(a document, or a sentence), a predicted triple matches a gold triple when

- the subjects and the objects each reach a token-set F1 of at least 0.5 after
  normalisation (lower case, ``'s`` and punctuation removed, the/a/an dropped,
  every word reduced by a crude lemmatiser), and
- the relations share a content word (auxiliaries, negation, particles and
  prepositions do not count unless a relation has nothing else).

Pairs are matched one to one, best pair first (sum of subject and object F1,
then input order).  Precision = matched / predicted, recall = matched / gold.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional, Union

__all__ = [
    "ARTICLES", "GoldFileError", "IRREGULAR_FORMS", "RELATION_FUNCTION_WORDS", "SUFFIXES", "Score", "Scored",
    "THRESHOLD", "argument_key", "format_score", "match", "normalised_words", "overlap_f1", "read_gold",
    "relation_key", "score", "stem",
]

#: Dropped from every argument and relation before comparing.
ARTICLES = frozenset({"the", "a", "an"})

#: Words that never make two relations the same relation.
RELATION_FUNCTION_WORDS = frozenset(
    """be am is are was were been being have has had having do does did done
    will would shall should can could may might must ll d ve re s get got
    not n't nt no never
    to of with at in on for from by about over against into onto as out up down off
    back through after before under between during without within upon near across
    toward towards than like via per away
    the a an this that these those its their his her it they he she we you i and or
    but also only just so then there""".split()
)

#: Irregular forms the suffix rules cannot reach, mapped to one shared key.
IRREGULAR_FORMS = {
    "met": "meet",
    **{w: "say" for w in ("said", "says")},
    "told": "tell", "led": "lead", "saw": "see", "seen": "see", "sees": "see",
    "took": "take", "taken": "take", "began": "begin", "begun": "begin", "made": "make",
    "held": "hold", "gave": "give", "given": "give", "went": "go", "gone": "go", "goes": "go",
    "came": "come", "knew": "know", "known": "know", "thought": "think", "brought": "bring",
    "bought": "buy", "fought": "fight", "sought": "seek", "caught": "catch", "taught": "teach",
    "left": "leave", "felt": "feel", "kept": "keep", "sent": "send", "spent": "spend",
    "built": "build", "lost": "lose", "paid": "pay", "laid": "lay", "stood": "stand",
    "understood": "understand", "won": "win", "ran": "run", "shot": "shoot",
    "struck": "strike", "stricken": "strike", "spoke": "speak", "spoken": "speak",
    "wrote": "write", "written": "write", "chose": "choose", "chosen": "choose",
    "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "drew": "draw",
    "drawn": "draw", "threw": "throw", "thrown": "throw", "grew": "grow", "grown": "grow",
    "flew": "fly", "flown": "fly", "broke": "break", "broken": "break", "froze": "freeze",
    "frozen": "freeze", "withdrew": "withdraw", "withdrawn": "withdraw", "forbade": "forbid",
    "forbidden": "forbid", "found": "find", "heard": "hear", "meant": "mean", "sold": "sell",
    "ate": "eat", "eaten": "eat", "dying": "die", "lying": "lie", "tying": "tie",
    "men": "man", "women": "woman", "children": "child", "people": "person",
    "was": "be", "were": "be", "is": "be", "are": "be", "am": "be", "been": "be", "being": "be",
    "has": "have", "had": "have", "having": "have", "does": "do", "did": "do", "done": "do",
    "ca": "can", "wo": "will", "n't": "not", "used": "use", "uses": "use", "tied": "tie",
    "lied": "lie",
}

#: Suffixes stripped by :func:`stem`, tried in this order, with their replacements.
SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))

_VOWELS = frozenset("aeiou")

#: Token-set F1 an argument needs to match.
THRESHOLD = 0.5


def stem(word: str) -> str:
    """A key shared by the inflected forms of ``word`` (not necessarily a word).

    Examples
    --------
    >>> stem("vetoed") == stem("veto"), stem("accused") == stem("accuse"), stem("met")
    (True, True, 'meet')
    """
    w = word.lower()
    if w in IRREGULAR_FORMS:
        return IRREGULAR_FORMS[w]
    if not w.isalpha():
        return w
    for suffix, replacement in SUFFIXES:
        if not w.endswith(suffix):
            continue
        if suffix == "s" and w.endswith(("ss", "us", "is")):
            break
        candidate = w[: -len(suffix)] + replacement
        if len(candidate) >= 3 and any(c in _VOWELS or c == "y" for c in candidate):
            w = candidate
            break
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in _VOWELS:
        w = w[:-1]  # "stopp"/"stop", "fuell"/"fuel"
    while len(w) > 3 and w.endswith("e"):
        w = w[:-1]  # "accuse"/"accus"
    return w


def normalised_words(text: str) -> list[str]:
    """Lower-case words of ``text`` without ``'s``, punctuation and articles.

    Examples
    --------
    >>> normalised_words("Moscow's planes didn't fly")
    ['moscow', 'planes', 'did', 'not', 'fly']
    """
    t = text.lower().replace("\u2019", "'")
    t = re.sub(r"'s\b", " ", t)
    t = re.sub(r"n't\b", " not", t)
    t = re.sub(r"[^\w\s]|_", " ", t)
    return [w for w in t.split() if w not in ARTICLES]


def argument_key(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in normalised_words(text))


def relation_key(text: str) -> frozenset[str]:
    """Content stems of a relation; its plain stems when it has no content word."""
    all_words = normalised_words(text)
    content = {
        stem(w) for w in all_words if w not in RELATION_FUNCTION_WORDS and stem(w) not in RELATION_FUNCTION_WORDS
    }
    return frozenset(content or {stem(w) for w in all_words})


def overlap_f1(gold: frozenset[str], predicted: frozenset[str]) -> float:
    """Token-set F1 of two word sets.

    Examples
    --------
    >>> round(overlap_f1(argument_key("Russian President Vladimir Putin"), argument_key("Vladimir Putin")), 2)
    0.67
    """
    common = len(gold & predicted)
    if not common:
        return 0.0
    precision, recall = common / len(predicted), common / len(gold)
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class Scored:
    """One triple as the scorer sees it: its key, its record and its normalised parts."""

    key: str
    record: Mapping
    subject: frozenset[str] = field(compare=False)
    relation: frozenset[str] = field(compare=False)
    object: frozenset[str] = field(compare=False)

    @classmethod
    def of(cls, key: str, record: Mapping) -> "Scored":
        return cls(
            key,
            record,
            argument_key(str(record.get("subject", ""))),
            relation_key(str(record.get("relation", ""))),
            argument_key(str(record.get("object", ""))),
        )

    def __str__(self) -> str:
        r = self.record
        return f"{r.get('subject', '')} | {r.get('relation', '')} | {r.get('object', '')}"


@dataclass
class Score:
    """Precision, recall and F1 with the pairs behind them."""

    matched: list[tuple[Scored, Scored]]
    unmatched_gold: list[Scored]
    unmatched_predicted: list[Scored]

    @property
    def gold(self) -> int:
        return len(self.matched) + len(self.unmatched_gold)

    @property
    def predicted(self) -> int:
        return len(self.matched) + len(self.unmatched_predicted)

    @property
    def precision(self) -> float:
        return len(self.matched) / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return len(self.matched) / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched": len(self.matched),
            "gold": self.gold,
            "predicted": self.predicted,
        }


def match(gold: list[Scored], predicted: list[Scored], threshold: float = THRESHOLD) -> list[tuple[Scored, Scored]]:
    """One-to-one matching of the triples of one key, best pair first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if not g.relation & p.relation:
                continue
            fs, fo = overlap_f1(g.subject, p.subject), overlap_f1(g.object, p.object)
            if fs >= threshold and fo >= threshold:
                candidates.append((-(fs + fo), gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            pairs.append((gold[gi], predicted[pi]))
    return pairs


def _key(record: Mapping, by: str) -> str:
    if by == "doc":
        return str(record.get("doc", ""))
    return f"{record.get('doc', '')}|{' '.join(str(record.get('sentence', '')).split())}"


def _containing_key(key: str, keys: Iterable[str]) -> Optional[str]:
    """A predicted sentence of the same document that contains the gold one, or the reverse.

    Sentence splits differ between annotators and the parser.
    """
    doc, _, sentence = key.partition("|")
    for other in keys:
        other_doc, _, other_sentence = other.partition("|")
        if other_doc == doc and sentence and (sentence in other_sentence or other_sentence in sentence):
            return other
    return None


def score(
    gold: Iterable[Mapping], predicted: Iterable[Mapping], *, by: str = "doc", threshold: float = THRESHOLD
) -> Score:
    """Score predicted against gold triples (dicts with doc, sentence, subject, relation, object).

    ``by="doc"`` matches within a document; ``by="sentence"`` within one sentence.

    Examples
    --------
    >>> gold = [{"doc": "d", "subject": "Russia", "relation": "veto", "object": "UN draft resolution"}]
    >>> pred = [{"doc": "d", "subject": "Russia", "relation": "vetoed", "object": "a UN resolution"}]
    >>> score(gold, pred).f1
    1.0
    """
    by_key_gold: dict[str, list[Scored]] = defaultdict(list)
    by_key_pred: dict[str, list[Scored]] = defaultdict(list)
    for record in predicted:
        by_key_pred[_key(record, by)].append(Scored.of(_key(record, by), record))
    for record in gold:
        key = _key(record, by)
        if by == "sentence" and key not in by_key_pred:
            key = _containing_key(key, by_key_pred) or key
        by_key_gold[key].append(Scored.of(key, record))
    result = Score([], [], [])
    for key in sorted(set(by_key_gold) | set(by_key_pred)):
        g, p = by_key_gold.get(key, []), by_key_pred.get(key, [])
        pairs = match(g, p, threshold)
        result.matched.extend(pairs)
        matched_gold = {id(a) for a, _ in pairs}
        matched_pred = {id(b) for _, b in pairs}
        result.unmatched_gold.extend(x for x in g if id(x) not in matched_gold)
        result.unmatched_predicted.extend(x for x in p if id(x) not in matched_pred)
    return result


@dataclass(frozen=True)
class ClassScore:
    """Precision, recall and F1 of one class: its predicted and its gold triples counted apart."""

    name: str
    matched_predicted: int
    predicted: int
    matched_gold: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def breakdown(result: Score, classify: Callable[[Mapping], str]) -> list[ClassScore]:
    """Scores per class of triple (``classify`` maps a record to its class), most gold first.

    A predicted triple counts in its own class, a gold triple in its own, so a matched
    pair of two classes lowers neither precision nor recall of either.

    Examples
    --------
    >>> gold = [{"doc": "d", "subject": "Oslo", "relation": "veto", "object": "plan"},
    ...         {"doc": "d", "subject": "Oslo", "relation": "meet", "object": "Rome"}]
    >>> pred = [{"doc": "d", "subject": "Oslo", "relation": "vetoed", "object": "the plan"}]
    >>> [(c.name, c.recall) for c in breakdown(score(gold, pred), lambda r: r["relation"][:4])]
    [('veto', 1.0), ('meet', 0.0)]
    """
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for g, p in result.matched:
        counts[classify(p.record)][0] += 1
        counts[classify(g.record)][2] += 1
    for p in [p for _, p in result.matched] + result.unmatched_predicted:
        counts[classify(p.record)][1] += 1
    for g in [g for g, _ in result.matched] + result.unmatched_gold:
        counts[classify(g.record)][3] += 1
    scores = [ClassScore(name, *n) for name, n in counts.items()]
    return sorted(scores, key=lambda c: (-c.gold, -c.predicted, c.name))


def format_breakdown(scores: list[ClassScore]) -> str:
    """A table: class, gold, predicted, P, R, F1 (one line a class)."""
    lines = [f"{'class':<12} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [
        f"{c.name:<12} {c.gold:>5} {c.predicted:>5} {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}" for c in scores
    ]
    return "\n".join(lines)


class GoldFileError(ValueError):
    """A gold file that cannot be read; the message names the file and line."""


def read_gold(path: Union[str, Path]) -> list[dict]:
    """The records of a GUIDELINES-format ``*.gold.jsonl`` file.

    Raises
    ------
    GoldFileError
        When the file is missing, or a line is not a JSON object with the needed keys.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"{path}: cannot read gold file ({exc})") from exc
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFileError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or not {"doc", "subject", "relation", "object"} <= record.keys():
            raise GoldFileError(f"{path}:{number}: expected an object with doc, subject, relation, object")
        records.append(record)
    return records


def format_score(result: Score, label: Optional[str] = None) -> str:
    """One line: ``P=0.812 R=0.790 F1=0.801  matched=.. gold=.. predicted=..``."""
    s = result.summary()
    head = f"{label}: " if label else ""
    return (
        f"{head}P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}  "
        f"matched={s['matched']} gold={s['gold']} predicted={s['predicted']}"
    )
