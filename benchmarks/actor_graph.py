"""Figures of a build's actors: pronoun nodes, statements hanging on pronouns, the top actors.

    python benchmarks/actor_graph.py BUILD_DIR [--top 30]

Reads ``BUILD_DIR/graph.graphml`` (what ``kg build`` writes) and prints

- the nodes whose label is a pronoun, determiner or indefinite
  (:data:`kg.resolution.mentions.NON_ACTOR_WORDS`; the target is none);
- the share of statements whose subject or object node is such a word (an
  unresolved pronoun kept as an actor), and the share whose subject or object
  *text* is a bare pronoun however it was resolved;
- the actors with the most statements, with their types, for judging by eye.

For the Wikinews corpus::

    nice kg build ../shared/corpora/wikinews_en_2019_2020/articles.jsonl --out /tmp/wn --no-html
    python benchmarks/actor_graph.py /tmp/wn
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import networkx as nx

from kg.resolution.mentions import non_actor


def _bare(text: str) -> bool:
    return non_actor(text)  # "WHO" in capitals is a name, "who" a pronoun


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    graph = nx.read_graphml(args.build / "graph.graphml")
    labels = {n: a.get("label", n) for n, a in graph.nodes(data=True)}
    bad = sorted(n for n, label in labels.items() if _bare(label))
    edges = list(graph.edges(data=True))
    on_node = sum(_bare(labels[s]) or _bare(labels[o]) for s, o, _ in edges)
    on_text = sum(_bare(a.get("subject_text", "")) or _bare(a.get("object_text", "")) for _, _, a in edges)
    print(f"nodes {graph.number_of_nodes()}  statements {len(edges)}")
    print(f"pronoun/indefinite nodes: {len(bad)} {bad[:20]}")
    print(f"statements on a pronoun node: {on_node} ({on_node / max(len(edges), 1):.1%})")
    print(f"statements whose subject or object text is a bare pronoun: {on_text} "
          f"({on_text / max(len(edges), 1):.1%})")
    degree: Counter = Counter()
    for s, o, _ in edges:
        degree[s] += 1
        if o != s:
            degree[o] += 1
    actors = [(n, d) for n, d in degree.most_common() if graph.nodes[n].get("type", "Thing") != "Thing"]
    print(f"\ntop {args.top} actors by statements:")
    for n, d in actors[: args.top]:
        print(f"{d:6}  {labels[n]}  ({graph.nodes[n].get('type')})")


if __name__ == "__main__":
    main()
