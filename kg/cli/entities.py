"""``kg entities``: the actors of a corpus, their names and why they merged."""
from __future__ import annotations

import json

import click

from kg.cli.common import ProblemReporter, UserError, main, model_option, paths_argument


@main.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--aliases", type=click.Path(dir_okay=False), help="TSV file forcing or splitting actor merges.")
@model_option
def entities(paths, fmt, aliases, model):
    """List the actors of PATHS with their types, names, titles and merge log.

    Example: kg entities seeds/ --format jsonl
    """
    from kg.documents import read_documents
    from kg.pipeline import corpus_entities
    from kg.pipeline.nlp import ModelNotFound
    from kg.resolution import AliasesError, load_aliases

    reporter = ProblemReporter()
    try:
        parsed = load_aliases(aliases) if aliases else None
        documents = list(read_documents(paths, on_problem=reporter))
        corpus = corpus_entities(documents, aliases=parsed, model=model)
    except (AliasesError, ModelNotFound) as exc:
        raise UserError(str(exc)) from exc
    reporter.summarise()
    if not documents:
        raise UserError("no usable input was read")
    ranked = sorted(corpus.entities, key=lambda e: (-e.mentions, e.name))
    for e in ranked:
        apart = _kept_apart(e, parsed)
        if fmt == "jsonl":
            record = e.to_dict()
            record["surface"] = {d: list(p.aliases) for p in corpus.parts.get(e.name, ()) for d in p.docs}
            record["kept_apart"] = apart
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo(_table_entry(e, apart))


def _kept_apart(e, aliases) -> list[dict]:
    """The split rules of the aliases file that made this entity: ``{"from", "doc"}`` each."""
    rules = aliases.splits if aliases is not None else ()
    return [{"from": r.canonical, "doc": r.doc} for r in rules
            if r.canonical.casefold() != e.name.casefold()
            and any(r.applies(name, doc) for name in (e.name, *e.aliases) for doc in e.docs)]


def _table_entry(e, apart: list[dict] = ()) -> str:
    facts = [e.type, f"{e.mentions} mentions", f"{len(e.docs)} docs"]
    facts += [f"ISO {e.iso}"] * bool(e.iso) + [f"stands for {e.stands_for}"] * bool(e.stands_for)
    facts += [f"affiliation {e.affiliation}"] * bool(e.affiliation)
    lines = [f"{e.name}  ({', '.join(facts)})"]
    if e.titles:
        lines.append(f"    titles: {'; '.join(e.titles)}")
    others = [a for a in e.aliases if a != e.name]
    if others:
        lines.append(f"    aliases: {'; '.join(others)}")
    for m in e.merges:
        lines.append(f"    merged {m.alias!r} ({m.rule}{', ' + m.doc if m.doc else ''})")
    for split in apart:
        where = f", {split['doc']}" if split["doc"] else ""
        lines.append(f"    kept apart from {split['from']!r} (aliases file{where})")
    return "\n".join(lines)
