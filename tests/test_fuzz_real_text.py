"""Real-text fuzz: news articles recombined and cut at random go through kg without a crash.

Random characters never reach the resolution rules that real names, acronyms and
paragraphs do (a "DC" paragraph before a "DRC" one crashed the whole build), so the
cases here are drawn from real articles (the Wikinews slice in ``tests/data`` and the
seed articles): whole articles, runs of paragraphs from different articles, sentence
pairs, and slices cut at any character.  The seed is fixed, so a failure is
reproducible; ``benchmarks/fuzz_real_text.py`` runs many thousands of such cases.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Iterable, Iterator

import pytest

from kg.model import Document

DATA = Path(__file__).parent / "data" / "wikinews_slice.jsonl"
SEEDS = Path(__file__).parent.parent / "seeds"
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")

MODALITIES = {"asserted", "hedged", "future"}


def real_texts(jsonl: Iterable[Path] = (DATA,), folders: Iterable[Path] = (SEEDS,)) -> list[str]:
    """Article texts from JSONL files (``text`` fields) and ``.txt`` files in folders."""
    texts = []
    for path in jsonl:
        with open(path, encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines if line.strip()]
    for folder in folders:
        texts += [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    return [t for t in texts if t.strip()]


def real_text_cases(texts: list[str], count: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``(kind, text)``: ``count`` texts recombined from ``texts`` and cut at random.

    Kinds: ``article`` (one whole), ``cut`` (a slice between two random characters),
    ``paragraphs`` (2-5 paragraphs of different articles), ``pair`` (two sentences of
    different articles, in one paragraph or two), ``shuffled`` (an article's sentences
    in another order) and ``tiny`` (a few characters to a few words).
    """
    rng = random.Random(seed)
    paragraphs = [p for t in texts for p in re.split(r"\n\s*\n|\n", t) if p.strip()]
    sentences = [s for p in paragraphs for s in _SENTENCE_END.split(p) if s.strip()]
    kinds = ["article", "cut", "paragraphs", "pair", "pair", "shuffled", "tiny"]
    for _ in range(count):
        kind = rng.choice(kinds)
        if kind == "article":
            text = rng.choice(texts)
        elif kind == "cut":
            source = rng.choice(texts)
            start = rng.randrange(len(source))
            text = source[start:start + rng.randrange(1, 3000)]
        elif kind == "paragraphs":
            text = "\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(2, 5)))
        elif kind == "pair":
            text = rng.choice((" ", "\n\n", "\n")).join(rng.choice(sentences) for _ in range(2))
        elif kind == "shuffled":
            parts = _SENTENCE_END.split(rng.choice(texts))
            rng.shuffle(parts)
            text = " ".join(parts[:rng.randint(2, 12)])
        else:
            source = rng.choice(sentences)
            start = rng.randrange(len(source))
            text = source[start:start + rng.randint(1, 40)]
        yield kind, text


def check_result(result, text: str) -> None:
    """The invariants every analysed document keeps; raises ``AssertionError`` naming the broken one."""
    assert result.error is None, result.error
    for t in result.triples:
        assert 0 <= t.start < t.end <= len(text) and text[t.start:t.end] == t.sentence, (t.start, t.end)
        assert t.subject.strip() and t.relation.strip() and t.object.strip(), t
        assert t.modality in MODALITIES and 0.0 <= t.confidence <= 1.0, t
        for name in ("subject_span", "object_span", "relation_span", "attributed_span"):
            span = getattr(t, name)
            assert span is None or t.start <= span[0] < span[1] <= t.end, (name, span, t.start, t.end)
    for entity in result.entities:
        assert entity.name.strip() and entity.mentions >= 0, entity


def test_a_few_hundred_real_text_cases_analyse_without_a_crash(nlp):
    from kg.pipeline import analyse_all

    cases = list(real_text_cases(real_texts(), 300, seed=2026))
    documents = [Document(id=f"case{i}", text=text) for i, (_, text) in enumerate(cases)]
    broken = []
    for (kind, text), result in zip(cases, analyse_all(nlp, documents)):
        try:
            check_result(result, text)
        except AssertionError as exc:
            broken.append(f"{result.document.id} ({kind}): {exc}: {text[:200]!r}")
    assert not broken, "\n".join(broken[:10])
    assert sum(1 for _ in documents) == 300


def test_real_text_cases_through_extract_and_build(nlp, tmp_path):
    import kg

    cases = list(real_text_cases(real_texts(), 16, seed=7))
    for _, text in cases[:6]:
        triples = kg.extract(text)  # raises on an analysis failure
        assert all(text[t.start:t.end] == t.sentence for t in triples)
    corpus = tmp_path / "cases.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"case{i}", "text": text}) + "\n"
                              for i, (_, text) in enumerate(cases)), encoding="utf-8")
    problems = []
    graph = kg.build([corpus], out=tmp_path / "out", html=False, on_problem=problems.append)
    assert not [p for p in problems if p.reason == "analysis failed"], problems
    skipped = [p for p in problems if p.skipped]  # by the reader: empty, not English...
    assert len(graph.documents) + len(skipped) == len(cases), problems


@pytest.mark.parametrize("seed", [1, 2])
def test_the_cases_are_reproducible_and_varied(seed):
    texts = real_texts()
    first = list(real_text_cases(texts, 50, seed))
    assert first == list(real_text_cases(texts, 50, seed))
    assert {kind for kind, _ in first} >= {"article", "cut", "paragraphs", "pair"}
