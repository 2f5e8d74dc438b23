"""The learned triple scorer: it ranks sound triples above broken ones, ships with kg, gives the
same score every time, and the default cut leaves out what it scores below even odds."""
from __future__ import annotations

import json
import os
from importlib import resources

from click.testing import CliRunner

import kg
from kg.cli import main
from kg.extraction import triples
from kg.extraction.confidence import MIN_CONFIDENCE, MODEL_PATH, load_model
from kg.model import Document
from kg.pipeline.analyse import analyse

#: A sound actor-to-actor dyad, then a pronoun-to-pronoun reading of an embedded passive.
FLEET = "Portugal sent two frigates to the Azores, and the navy later said it had been ordered to watch them."


def scored(nlp, text):
    return {(t.subject, t.relation, t.object): t.confidence for t in triples(nlp(text), "t")}


def test_a_named_dyad_outranks_a_pronoun_pair_read_off_an_embedded_clause(nlp):
    found = scored(nlp, FLEET)
    sound = found[("Portugal", "send frigates to", "Azores")]
    broken = found[("it", "order to watch", "them")]
    assert sound > broken
    assert sound >= MIN_CONFIDENCE > broken  # kept and left out by the default cut


def test_the_same_triple_gets_the_same_score_every_time(nlp):
    first = scored(nlp, FLEET)
    load_model.cache_clear()  # read the weights afresh as a new process would
    assert scored(nlp, FLEET) == first


def test_the_model_ships_inside_the_package():
    shipped = resources.files("kg.extraction").joinpath("confidence_model.json")
    assert MODEL_PATH.name == "confidence_model.json" and shipped.is_file()
    weights = json.loads(shipped.read_text(encoding="utf-8"))["weights"]
    load_model.cache_clear()
    assert load_model() == weights
    assert weights["prior"] == 1.0  # the learned weights refine the hand-set prior, never replace it


def test_the_cut_applies_after_resolution_and_zero_keeps_everything(nlp, monkeypatch):
    text = ("Portugal sent two frigates to the Azores, a decision that the opposition, which had long "
            "dedicated its campaign to the cause of neutrality, called reckless.")
    doc, document = nlp(text), Document(id="d", text=text)

    def kept(cut):
        if cut is None:
            monkeypatch.delenv("KG_MIN_CONFIDENCE", raising=False)
        else:
            monkeypatch.setenv("KG_MIN_CONFIDENCE", cut)
        return analyse(doc, document).triples

    everything, strict, default = kept("0"), kept("0.7"), kept(None)
    assert ("Portugal", "send frigates to", "Azores") in {(t.subject, t.relation, t.object) for t in strict}
    assert all(t.confidence >= 0.7 for t in strict) and len(strict) < len(everything)
    assert all(t.confidence >= MIN_CONFIDENCE for t in default)
    # the keyword, as a notebook passes it, wins over the setting
    monkeypatch.setenv("KG_MIN_CONFIDENCE", "0.7")
    assert analyse(doc, document, min_confidence=0).triples == everything


def test_min_confidence_keyword_of_the_python_api(tmp_path, monkeypatch):
    from kg.pipeline import extract

    monkeypatch.delenv("KG_MIN_CONFIDENCE", raising=False)
    article = tmp_path / "fleet.txt"
    article.write_text(FLEET, encoding="utf-8")
    every = extract(FLEET, min_confidence=0)
    strict = kg.build([article], min_confidence=0.9).triples
    assert all(t.confidence >= 0.9 for t in strict) and len(strict) < len(every)
    assert "KG_MIN_CONFIDENCE" not in os.environ  # the cut is an argument, not process-wide state


def test_min_confidence_option_of_kg_extract(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_MIN_CONFIDENCE", raising=False)  # only the option decides here
    article = tmp_path / "fleet.txt"
    article.write_text(FLEET, encoding="utf-8")
    runner = CliRunner()
    every = runner.invoke(main, ["extract", "--min-confidence", "0", str(article)])
    strict = runner.invoke(main, ["extract", "--min-confidence", "0.9", str(article)])
    assert every.exit_code == 0 and strict.exit_code == 0
    scores = [json.loads(line)["confidence"] for line in every.output.splitlines()]
    assert len(strict.output.splitlines()) == sum(s >= 0.9 for s in scores) < len(scores)
    bad = runner.invoke(main, ["extract", "--min-confidence", "high", str(article)])
    assert bad.exit_code == 2 and "--min-confidence" in bad.output
