"""``kg eval`` scoring: the lenient matching rule of the evaluation README, and the CLI."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.evaluation import GoldFileError, read_gold, score


def gold(subject, relation, obj, doc="d", sentence="s"):
    return {"doc": doc, "sentence": sentence, "subject": subject, "relation": relation, "object": obj}


@pytest.mark.parametrize(
    "g, p",
    [
        (("Vladimir Putin", "meet with", "Francois Hollande"), ("Russian President Vladimir Putin", "met with", "Hollande")),
        (("Moscow", "deny", "charges"), ("Moscow", "has denied", "the charges")),
        (("Russia", "veto", "UN draft resolution"), ("Russia", "vetoed", "a UN resolution")),
        (("Moscow's planes", "carry out", "18 sorties"), ("Moscow planes", "carried out", "sorties")),
    ],
)
def test_lenient_match(g, p):
    assert score([gold(*g)], [gold(*p)]).f1 == 1.0


@pytest.mark.parametrize(
    "g, p",
    [
        (("Russia", "veto", "UN draft resolution"), ("Russia", "support", "UN draft resolution")),  # relation
        (("Russia", "meet with", "Francois Hollande"), ("Russia", "meet with", "France")),  # object
        (("Russia", "attend", "meeting"), ("Russia", "attend to", "meeting of the Security Council")),  # object too long
    ],
)
def test_mismatch(g, p):
    assert score([gold(*g)], [gold(*p)]).matched == []


def test_function_words_alone_do_not_match_but_relations_made_only_of_them_do():
    assert score([gold("Oslo", "be in", "Norway")], [gold("Oslo", "was in", "Norway")]).f1 == 1.0
    assert score([gold("Oslo", "take part in", "talks")], [gold("Oslo", "be in", "talks")]).matched == []


def test_one_to_one_and_counts():
    g = [gold("Turkey", "release", "joint statement"), gold("France", "release", "joint statement")]
    p = [gold("Turkey", "released", "statement")] * 2
    result = score(g, p)
    assert (len(result.matched), result.gold, result.predicted) == (1, 2, 2)
    assert result.precision == result.recall == 0.5


def test_by_sentence_keeps_sentences_apart():
    g = [gold("Russia", "veto", "resolution", sentence="one")]
    p = [gold("Russia", "veto", "resolution", sentence="two")]
    assert score(g, p, by="doc").f1 == 1.0
    assert score(g, p, by="sentence").f1 == 0.0


def test_by_sentence_tolerates_a_different_sentence_split():
    g = [gold("Russia", "veto", "resolution", sentence="Russia vetoed it.")]
    p = [gold("Russia", "veto", "resolution", sentence="Headline Russia vetoed it.")]
    assert score(g, p, by="sentence").f1 == 1.0


def test_documents_are_kept_apart():
    assert score([gold("Oslo", "veto", "Bergen", doc="x")], [gold("Oslo", "veto", "Bergen", doc="y")]).f1 == 0.0


def test_bad_gold_line_is_named(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold("A", "veto", "B")) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"gold.jsonl:2"):
        read_gold(path)


def test_cli_eval_scores_extracted_triples(tmp_path, nlp):
    from kg.cli import main

    article = tmp_path / "a.txt"
    article.write_text("Fishing news\n\nNorway vetoed the fishing treaty on Tuesday.\n", encoding="utf-8")
    gold_path = tmp_path / "gold.jsonl"
    lines = [gold("Norway", "veto", "fishing treaty", doc="a"), gold("Norway", "sign", "treaty", doc="a")]
    gold_path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold_path), str(article), "--dump", "--by-class"])
    assert result.exit_code == 0, result.output
    assert "P=1.000 R=0.500 F1=0.667" in result.output
    assert "Norway | sign | treaty" in result.output
    rows = {line.split()[0]: line.split()[1:] for line in result.output.splitlines() if line[:1].isupper()}
    assert rows["REJECT"] == ["1", "1", "1.000", "1.000", "1.000"]  # veto: found
    assert rows["AGREE"] == ["1", "0", "0.000", "0.000", "0.000"]  # sign: missed


def test_breakdown_counts_each_side_in_its_own_class():
    from kg.evaluation import breakdown

    gold_records = [gold("Oslo", "veto", "plan"), gold("Oslo", "meet", "Rome"), gold("Oslo", "meet", "Bern")]
    predicted = [gold("Oslo", "vetoed", "the plan"), gold("Oslo", "met", "Rome"), gold("Oslo", "praised", "Rome")]
    by_relation = {c.name: c for c in breakdown(score(gold_records, predicted), lambda r: r["relation"][:4])}
    assert (by_relation["meet"].gold, by_relation["meet"].matched_gold, by_relation["meet"].recall) == (2, 1, 0.5)
    assert (by_relation["prai"].predicted, by_relation["prai"].precision) == (1, 0.0)
    assert by_relation["veto"].f1 == 1.0


def test_cli_eval_missing_gold_is_one_line(tmp_path):
    from kg.cli import main

    result = CliRunner().invoke(main, ["eval", str(tmp_path / "none.jsonl"), str(tmp_path)])
    assert result.exit_code != 0
    assert "none.jsonl" in result.output and "Traceback" not in result.output
