"""``kg extract`` (triples as JSONL or a table) and ``kg eval`` (score them against gold)."""
from __future__ import annotations

import json
from typing import Iterator

import click

from kg.cli.common import ProblemReporter, UserError, main, min_confidence_option, model_option, paths_argument
from kg.model import Triple


def _triples(paths, model, reporter, min_confidence=None) -> Iterator[Triple]:
    """Resolved triples of every readable document in ``paths``."""
    from kg.documents import read_documents
    from kg.pipeline import run
    from kg.pipeline.nlp import ModelNotFound, load_nlp

    try:
        nlp = load_nlp(model)
    except ModelNotFound as exc:
        raise UserError(str(exc)) from exc
    read = 0
    for result in run(read_documents(paths, on_problem=reporter), nlp, min_confidence=min_confidence):
        read += 1
        yield from result.triples
    reporter.summarise()
    if not read:
        raise UserError("no usable input was read")


def _table_row(t: Triple) -> str:
    flags = [f for f, on in (("NEG", t.negated), (t.modality.upper(), t.modality != "asserted")) if on]
    if t.attributed_to:
        flags.append(f"per {t.attributed_to}")
    return f"{t.confidence:.2f}  {t.subject} | {t.relation} | {t.object}" + (f"  [{', '.join(flags)}]" if flags else "")


@main.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@model_option
@min_confidence_option
def extract(paths, fmt, model, min_confidence):
    """Print the triples of PATHS (.txt, .jsonl, directories, - for stdin), one JSON object a line.

    Example: kg extract seeds/ > triples.jsonl
    """
    reporter = ProblemReporter()
    for triple in _triples(paths, model, reporter, min_confidence):
        if fmt == "jsonl":
            click.echo(json.dumps(triple.to_dict(), ensure_ascii=False))
        else:
            click.echo(f"{triple.doc}:{triple.sentence_index}  {_table_row(triple)}")


@main.command(name="eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@paths_argument
@click.option("--by", type=click.Choice(["doc", "sentence"]), default="doc", show_default=True,
              help="Match within a document or within one sentence.")
@click.option("--dump", is_flag=True, help="List unmatched gold and unmatched predicted triples.")
@click.option("--by-class", "by_class", is_flag=True,
              help="Also score each PLOVER relation class apart (gold and predicted triples each in their own).")
@model_option
@min_confidence_option
def evaluate(gold, paths, by, dump, by_class, model, min_confidence):
    """Score the triples of PATHS against GOLD (GUIDELINES-format JSONL): P, R, F1.

    Example: kg eval gold.jsonl seeds/ --dump
    """
    from kg.evaluation import GoldFileError, breakdown, format_breakdown, format_score, read_gold, score

    try:
        gold_records = read_gold(gold)
    except GoldFileError as exc:
        raise UserError(str(exc)) from exc
    predicted = [t.to_dict() for t in _triples(paths, model, ProblemReporter(), min_confidence)]
    result = score(gold_records, predicted, by=by)
    click.echo(format_score(result))
    if by_class:
        from kg.extraction.plover import relation_class

        click.echo("\n" + format_breakdown(breakdown(result, lambda r: relation_class(str(r.get("relation", ""))))))
    if dump:
        click.echo(f"\n# unmatched gold ({len(result.unmatched_gold)})")
        for t in result.unmatched_gold:
            click.echo(f"{t.key}\t{t}")
        click.echo(f"\n# unmatched predictions ({len(result.unmatched_predicted)})")
        for t in result.unmatched_predicted:
            click.echo(f"{t.key}\t{t}")
