"""kg's SPARQL query library and the one way to run a query: with bound parameters.

Queries live as ``queries/*.rq`` files, each headed by comments: the first line says
what it answers, the following lines explain, and ``# @param NAME: meaning;
example: VALUE`` lines declare its parameters.  There is one copy of each file, in
the repository's ``queries/`` folder; a wheel installs them as data files under
``<prefix>/share/kg/queries`` (``[tool.setuptools.data-files]`` in ``pyproject.toml``),
where an installed kg finds them.

A parameter declared ``(actor)`` (``# @param actor (actor): ...``) takes a name or
alias, in any case (:func:`kg.lookup.match_name`); kg looks up the entities carrying
that label first and binds their IRIs, so outside kg such a query expects an entity
IRI.  A name that matches nothing is an error naming the closest names.  A
``(class)`` parameter takes a PLOVER event class in any case; an unknown one is an
error listing the classes.  Parameter values are never pasted into
query text as text: they become a ``VALUES`` block of escaped RDF terms (for rdflib,
Oxigraph and remote endpoints alike), so a value such as ``"} ; DROP ALL ; {"`` is
just a string that matches nothing.  The one exception is paging: ``(int)``
parameters ``limit``/``offset`` set the numbers of the ``LIMIT``/``OFFSET`` clauses,
after checking they are whole numbers.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import itertools
import json
import re
import site
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Mapping, Optional, Sequence, Union

import pyoxigraph as ox
from rdflib import XSD, BNode, Graph, Literal, URIRef, Variable
from rdflib.term import Node

from kg.lookup import UnknownName, match_class, match_name
from kg.model import RELATION_CLASSES
from kg.rdf.namespaces import KG, prefixes

__all__ = [
    "Param", "Query", "REPO_QUERIES", "actor_iris", "endpoint_url", "event_class", "http_send", "library",
    "python_value", "query_dirs",
    "resolve_query", "run_query", "to_term", "with_page", "with_values",
]

#: The repository's query folder (present in a source checkout).
REPO_QUERIES = Path(__file__).resolve().parents[2] / "queries"

_PARAM = re.compile(r"^@param\s+(?P<name>\w+)(?:\s*\((?P<kind>\w+)\))?\s*:\s*(?P<text>.*)$")
_EXAMPLE = re.compile(r"[;,]?\s*\bexample:\s*(?P<example>[^;]*)", re.IGNORECASE)
_DEFAULT = re.compile(r"[;,]?\s*\bdefault:\s*(?P<default>[^;]*)", re.IGNORECASE)
#: ``(int)`` parameters and the solution modifier whose number they set.
_PAGING = {"limit": "LIMIT", "offset": "OFFSET"}


@dataclass(frozen=True)
class Param:
    """One declared query parameter.

    ``kind`` is ``"string"`` (bound as a plain literal), ``"actor"``: the value is
    a name or alias, looked up first and bound as the entity IRIs it labels, so the
    query starts from those IRIs (Oxigraph plans that far better than a label join),
    or ``"int"`` for ``limit``/``offset``: a page size or start, which sets the number
    of the query's ``LIMIT``/``OFFSET`` clauses (SPARQL has no variables there; the
    value must be a whole number, so nothing else can reach the text).  A parameter
    with a ``default`` may be left out.
    """

    name: str
    description: str
    example: Optional[str] = None
    kind: str = "string"  # or "actor", "class", "int"
    default: Optional[str] = None


@dataclass(frozen=True)
class Query:
    """A SPARQL query from the library, with what its header says about it."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    path: Optional[Path] = None

    @classmethod
    def parse(cls, text: str, name: str = "query", path: Optional[Path] = None) -> "Query":
        """Read the header comments of ``text``.

        Examples
        --------
        >>> q = Query.parse("# Who met whom.\\n# @param actor: a name; example: Putin\\nSELECT * {}")
        >>> q.title, q.params[0].name, q.params[0].example
        ('Who met whom.', 'actor', 'Putin')
        """
        comments = []
        for line in text.splitlines():
            stripped = line.strip()
            if not stripped:
                continue
            if not stripped.startswith("#"):
                break
            comments.append(stripped.lstrip("#").strip())
        params, prose = [], []
        for line in comments:
            match = _PARAM.match(line)
            if match:
                meaning = match["text"]
                found = {key: pattern.search(meaning) for key, pattern in (("example", _EXAMPLE), ("default", _DEFAULT))}
                cut = min([m.start() for m in found.values() if m] + [len(meaning)])
                example, default = (m[key].strip() if m else None for key, m in found.items())
                params.append(Param(match["name"], meaning[:cut].strip(), example, match["kind"] or "string", default))
            else:
                prose.append(line)
        title = prose[0] if prose else ""
        description = " ".join(p for p in prose[1:] if p).strip()
        return cls(name=name, text=text, title=title, description=description, params=tuple(params), path=path)

    @classmethod
    def from_file(cls, path: Union[str, Path]) -> "Query":
        path = Path(path)
        return cls.parse(path.read_text(encoding="utf-8"), name=path.stem, path=path)


def query_dirs() -> list[Path]:
    """Where the library is looked for: the source checkout, then an installed copy."""
    installed = [Path(sys.prefix) / "share" / "kg" / "queries"]
    if site.USER_BASE:  # None where user site-packages are off
        installed.append(Path(site.USER_BASE) / "share" / "kg" / "queries")
    return [REPO_QUERIES, *installed]


def library(directory: Optional[Union[str, Path]] = None) -> dict[str, Query]:
    """Every query of the library by name (file stem), from ``directory`` or :func:`query_dirs`.

    A file is read and parsed again only when it changes (a notebook asks many queries).

    Examples
    --------
    >>> "actors_by_mentions" in library()
    True
    """
    if directory is None:
        directory = next((d for d in query_dirs() if d.is_dir()), REPO_QUERIES)
    out = {}
    for path in sorted(Path(directory).glob("*.rq")):
        stat = path.stat()
        out[path.stem] = _query_file(path, stat.st_mtime_ns, stat.st_size)
    return out


@functools.lru_cache(maxsize=256)
def _query_file(path: Path, mtime_ns: int, size: int) -> Query:
    """``path`` parsed; the modification time and size are the cache key, so an edited file is read again."""
    return Query.parse(path.read_text(encoding="utf-8"), name=path.stem, path=path)


@functools.lru_cache(maxsize=64)
def _parsed(text: str) -> Query:
    return Query.parse(text)


def resolve_query(query: Union[str, Path, Query], directory: Optional[Union[str, Path]] = None) -> Query:
    """A :class:`Query` from a ``Query``, a ``.rq`` path, a library name or SPARQL text.

    Examples
    --------
    >>> resolve_query("relations_by_frequency").name
    'relations_by_frequency'
    >>> resolve_query("SELECT * WHERE { ?s ?p ?o }").name
    'query'
    """
    if isinstance(query, Query):
        return query
    if isinstance(query, Path) or (str(query).endswith(".rq") and "\n" not in str(query)):
        path = Path(query)
        if not path.is_file():
            raise ValueError(f"{path}: no such query file")
        return Query.from_file(path)
    text = str(query)
    if re.fullmatch(r"[\w-]+", text.strip()):
        found = library(directory).get(text.strip())
        if found is None:
            raise ValueError(f"no query named {text.strip()!r}; known: {', '.join(sorted(library(directory)))}")
        return found
    return Query.parse(text)


def to_term(value: Any) -> Node:
    """The RDF term a Python parameter value stands for (strings are plain literals).

    Examples
    --------
    >>> to_term("Putin").n3()
    '"Putin"'
    >>> to_term(3).n3()
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    if isinstance(value, Node):
        return value
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return Literal(value.isoformat(), datatype=XSD.date)
    return Literal(value)


def _check_params(query: Query, params: Mapping[str, Any]) -> None:
    if not query.params:
        return
    declared = {p.name for p in query.params}
    missing = sorted(p.name for p in query.params if p.default is None and p.name not in params)
    unknown = sorted(set(params) - declared)
    if missing:
        raise ValueError(f"query {query.name!r} needs parameter(s): {', '.join(missing)}")
    if unknown:
        raise ValueError(f"query {query.name!r} has no parameter(s): {', '.join(unknown)}")


_ACTOR_LOOKUP = """SELECT DISTINCT ?entity WHERE {
  ?entity <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#altLabel> ?name
} ORDER BY ?entity"""

#: Every name and alias, read only when a name has no exact match (a typo, another case).
_ACTOR_NAMES = """SELECT ?entity ?name ?label WHERE {
  ?entity <http://www.w3.org/2000/01/rdf-schema#label> ?label .
  ?entity <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#altLabel> ?name
}"""


def actor_iris(target: Any, name: Any, timeout: float = 60.0) -> list[Node]:
    """The entities named or aliased ``name``, by the rule of :func:`kg.lookup.match_name`.

    The exact name is looked up first (one index lookup); only when that finds nothing
    are all names read and compared ignoring case and accents.  Raises
    :class:`kg.lookup.UnknownName`, naming the closest names, when nothing matches.
    """
    if isinstance(name, URIRef):
        return [name]
    exact: list[Node] = [URIRef(str(row["entity"]))
                         for row in run_query(target, _ACTOR_LOOKUP, timeout=timeout, name=str(name))]
    if exact:
        return exact
    rows = run_query(target, _ACTOR_NAMES, timeout=timeout)
    found: list[Node] = match_name(str(name), [(str(row["name"]), URIRef(str(row["entity"]))) for row in rows],
                                   display={URIRef(str(row["entity"])): str(row["label"]) for row in rows})
    return found


#: The event classes a build's statements use (one relation summary per relation and class).
_CLASSES = f"SELECT DISTINCT ?class WHERE {{ ?summary <{KG.statementBand}> ?band ; <{KG.relationClass}> ?class }}"


def event_class(target: Any, value: Any, timeout: float = 60.0) -> str:
    """A PLOVER class in any case, or a class the build's statements use; else an error listing them."""
    try:
        return match_class(str(value))
    except UnknownName:
        used = sorted(str(row["class"]) for row in run_query(target, _CLASSES, timeout=timeout))
        if str(value) in used:
            return str(value)
        return match_class(str(value), known=[*RELATION_CLASSES, *(c for c in used if c not in RELATION_CLASSES)])


def _bind(target: Any, kind: Optional[str], value: Any, timeout: float) -> list[Node]:
    """The terms a parameter value of ``kind`` binds: an actor's IRIs, a checked class, a literal."""
    if kind == "actor":
        return actor_iris(target, value, timeout)
    if kind == "class" and not isinstance(value, Node):
        return [to_term(event_class(target, value, timeout))]
    return [to_term(value)]


def python_value(term: Optional[Node]) -> object:
    """A result term as a plain Python value: literals converted, IRIs as strings."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def run_query(
    target: Any,
    query: Union[str, Path, Query],
    *,
    directory: Optional[Union[str, Path]] = None,
    timeout: float = 60.0,
    **params: Any,
) -> list[dict[str, object]]:
    """Run a query on a dataset/graph (or a ``KnowledgeGraph``) or a SPARQL endpoint URL.

    Parameters are bound, never formatted into the query.  Rows are dicts of plain
    Python values (``None`` when a variable is unbound).

    Examples
    --------
    >>> from rdflib import Dataset
    >>> run_query(Dataset(), "SELECT ?x WHERE { BIND (?y AS ?x) }", y="} ; DROP ALL ; {")
    [{'x': '} ; DROP ALL ; {'}]
    """
    query = resolve_query(query, directory)
    _check_params(query, params)
    params = {**{p.name: p.default for p in query.params if p.default is not None}, **params}
    kinds = {p.name: p.kind for p in query.params}
    pages = {name: value for name, value in params.items() if kinds.get(name) == "int"}
    if pages:
        query = dataclasses.replace(query, text=with_page(query.text, **pages))
    bindings = {name: _bind(target, kinds.get(name), value, timeout)
                for name, value in params.items() if name not in pages}
    if isinstance(target, (str, URIRef)) and str(target).startswith(("http://", "https://")):
        return _run_remote(str(target), with_values(query.text, bindings), timeout)
    graph = getattr(target, "rdf", target)
    if not isinstance(graph, Graph):
        raise TypeError(f"cannot query a {type(graph).__name__}; give an rdflib Dataset/Graph or an endpoint URL")
    inner = getattr(graph.store, "ox", None)  # a kg store (kg.rdf.store.Store): its pyoxigraph store
    if isinstance(inner, ox.Store):
        # Oxigraph only substitutes variables of the SELECT clause, so parameters go in
        # as a VALUES block of escaped terms, exactly as for a remote endpoint; rows are
        # read straight from pyoxigraph, skipping rdflib's term objects.
        return _run_oxigraph(inner, with_values(query.text, bindings), bool(getattr(graph, "default_union", False)))
    # VALUES rather than initBindings: it takes every entity an alias names, and it
    # reaches into the sub-select where a paging query picks its page.
    result = graph.query(with_values(query.text, bindings))
    if result.type == "ASK":
        return [{"ask": bool(result.askAnswer)}]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return [{"subject": python_value(s), "predicate": python_value(p), "object": python_value(o)}
                for s, p, o in result.graph or ()]
    names = [str(v) for v in result.vars or ()]
    return [{name: python_value(row.get(Variable(name))) for name in names} for row in result.bindings]


_XSD_VALUES: dict[str, Callable[[str], object]] = {
    **{str(XSD[name]): int for name in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                         "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                         "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")},
    str(XSD.decimal): Decimal,
    str(XSD.double): float,
    str(XSD.float): float,
    str(XSD.boolean): lambda text: text in ("true", "1"),
    str(XSD.date): _dt.date.fromisoformat,
    str(XSD.dateTime): _dt.datetime.fromisoformat,
}


def _ox_value(term) -> object:
    """A pyoxigraph term as the Python value :func:`python_value` gives for the rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        convert = None if term.language else _XSD_VALUES.get(term.datatype.value)
        if convert is not None:
            try:
                return convert(term.value)
            except (ValueError, ArithmeticError):
                return term.value
        return term.value
    return term.value if isinstance(term, (ox.NamedNode, ox.BlankNode)) else str(term)


def _run_oxigraph(store: ox.Store, text: str, union: bool) -> list[dict[str, object]]:
    bound = {prefix: str(namespace) for prefix, namespace in prefixes().items()}
    result = store.query(text, use_default_graph_as_union=union, prefixes=bound)
    if isinstance(result, ox.QueryBoolean):
        return [{"ask": bool(result)}]
    if isinstance(result, ox.QueryTriples):
        return [{"subject": _ox_value(t.subject), "predicate": _ox_value(t.predicate), "object": _ox_value(t.object)}
                for t in result]
    names = [v.value for v in result.variables]
    return [{name: _ox_value(value) for name, value in zip(names, row)} for row in result]


# --- remote endpoints -------------------------------------------------------------


_LEADING_SUBSELECT = re.compile(r"\s*\{\s*SELECT\b", re.IGNORECASE)


def _first_group_brace(text: str, start: int = 0) -> int:
    """Index of the ``{`` opening the outermost WHERE group, skipping comments, strings and IRIs.

    A group that opens with a sub-select is followed into it: a paging query picks
    its page in a leading sub-select, and the parameters must narrow that page.
    """
    brace = _group_brace(text, start)
    if _LEADING_SUBSELECT.match(text, brace + 1):
        return _first_group_brace(text, text.index("{", brace + 1) + 1)
    return brace


def _group_brace(text: str, start: int) -> int:
    i, n = start, len(text)
    iri = re.compile(r"<[^<>\"{}|^`\\\s]*>")
    while i < n:
        char = text[i]
        if char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if char in "\"'":
            quote = char * 3 if text.startswith(char * 3, i) else char
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if char == "<":
            match = iri.match(text, i)
            if match:
                i = match.end()
                continue
        if char == "{":
            return i
        i += 1
    raise ValueError("query has no WHERE group to bind parameters in")


#: A comment line saying "bind the parameters here": a query whose page is found by sub-selects
#: evaluated on their own (SPARQL sub-selects see no outer bindings) marks each that needs them.
_MARK = re.compile(r"^[ \t]*#[ \t]*parameters bound here[^\n]*\n", re.MULTILINE)


def with_values(text: str, bindings: Mapping[str, Union[Node, Sequence[Node]]]) -> str:
    """``text`` with a ``VALUES`` block binding each parameter, first in its WHERE group.

    A parameter given several terms gets one row per combination.  A query that needs the
    parameters in several places marks each with a ``# parameters bound here`` line
    inside a group; the block then goes after every such line instead.

    Examples
    --------
    >>> print(with_values("SELECT ?x WHERE { ?x ?p ?name }", {"name": Literal('"} ; DROP ALL ; {"')}))
    SELECT ?x WHERE { VALUES (?name) { ("\\"} ; DROP ALL ; {\\"") } ?x ?p ?name }
    >>> marked = "SELECT * {\\n { SELECT ?x {\\n # parameters bound here\\n ?x ?p ?v } }\\n # parameters bound here\\n ?y ?q ?v }"
    >>> with_values(marked, {"v": Literal("a")}).count('VALUES (?v) { ("a") }')
    2
    """
    if not bindings:
        return text
    for name in bindings:
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    choices = [[values] if isinstance(values, Node) else list(values) for values in bindings.values()]
    for term in itertools.chain.from_iterable(choices):
        if isinstance(term, BNode):
            raise ValueError("blank nodes cannot be bound in a query's text")
    names = " ".join(f"?{name}" for name in bindings)
    rows = " ".join("(" + " ".join(_n3(term) for term in row) + ")" for row in itertools.product(*choices))
    block = f" VALUES ({names}) {{ {rows} }}"
    marks = [m.end() for m in _MARK.finditer(text, _group_brace(text, 0))]
    for at in reversed(marks or [_first_group_brace(text) + 1]):
        text = f"{text[:at]}{block}{text[at:]}"
    return text


def with_page(text: str, **numbers: Any) -> str:
    """``text`` with the number of every ``LIMIT`` (``limit=``) or ``OFFSET`` (``offset=``) clause set.

    A ``LIMIT`` on the line after a ``# page end`` comment is a probe for where the
    page ends: it gets ``limit + offset``; so does the bound of a ``FILTER (?x < N)``
    there (a running count of the rows before a candidate, say).

    Examples
    --------
    >>> with_page("SELECT * { ?s ?p ?o } LIMIT 100", limit="5")
    'SELECT * { ?s ?p ?o } LIMIT 5'
    >>> print(with_page("SELECT * {\\n # page end\\n FILTER (?before < 100)\\n} LIMIT 100 OFFSET 0", limit=5, offset=2))
    SELECT * {
     # page end
     FILTER (?before < 7)
    } LIMIT 5 OFFSET 2
    >>> with_page("SELECT * { ?s ?p ?o } LIMIT 1", limit="1; DROP ALL")
    Traceback (most recent call last):
    ValueError: limit must be a whole number >= 0, not '1; DROP ALL'
    """
    checked = {name: _whole_number(name, value) for name, value in numbers.items()}
    probe = re.compile(r"(#\s*page end[^\n]*\n\s*(?:LIMIT\s+|FILTER\s*\(\s*\?\w+\s*<\s*))\d+")
    probes = probe.findall(text)
    text = probe.sub(lambda m: m.group(1) + "\x00", text)
    for name, number in checked.items():
        keyword = _PAGING.get(name)
        if keyword is None:
            raise ValueError(f"an (int) parameter must be one of {', '.join(_PAGING)}, not {name!r}")
        text, found = re.subn(rf"\b{keyword}\s+\d+", f"{keyword} {number}", text)
        if not found:
            raise ValueError(f"query has no {keyword} clause for parameter {name!r}")
    if probes:
        default = {p.name: int(p.default) for p in _parsed(text).params if p.kind == "int" and p.default}
        end = checked.get("limit", default.get("limit", 0)) + checked.get("offset", default.get("offset", 0))
        text = text.replace("\x00", str(end))
    return text


def _whole_number(name: str, value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        number = -1
    if number < 0 or (isinstance(value, float) and value != number):
        raise ValueError(f"{name} must be a whole number >= 0, not {value!r}")
    return number


#: Characters an IRI written as ``<...>`` may not hold (SPARQL's IRIREF), control characters included.
_NOT_IN_IRI = re.compile(r"[<>\"{}|^`\\\x00-\x20]")


def _iri(value: object) -> str:
    """``<value>``, after checking nothing in it can end the IRI and change the query around it."""
    if _NOT_IN_IRI.search(str(value)):
        raise ValueError(f"not a valid IRI: {str(value)!r}")
    return f"<{value}>"


def _n3(term: Node) -> str:
    """``term`` written into query text: IRIs and datatypes checked (rdflib checks language tags), strings escaped.

    Examples
    --------
    >>> _n3(Literal("2", datatype=XSD.integer))
    '"2"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> _n3(Literal("x", datatype=URIRef("http://x> ) } DROP ALL ; #")))
    Traceback (most recent call last):
    ValueError: not a valid IRI: 'http://x> ) } DROP ALL ; #'
    """
    if isinstance(term, Literal):
        # Short-string form with every line break escaped: valid in any SPARQL parser.
        text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype is not None and term.datatype != XSD.string:
            return f'"{text}"^^{_iri(term.datatype)}'
        return f'"{text}"'
    if isinstance(term, URIRef):
        return _iri(term)
    return term.n3()


def endpoint_url(url: str, default_path: str = "/query") -> str:
    """A service URL: a bare server URL (Oxigraph's) gets ``default_path``.

    Examples
    --------
    >>> endpoint_url("http://127.0.0.1:7878")
    'http://127.0.0.1:7878/query'
    >>> endpoint_url("http://host/ds/sparql", "/store")
    'http://host/ds/sparql'
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"{url}: not an http(s) URL")
    if parts.path in ("", "/"):
        return urllib.parse.urlunsplit(parts._replace(path=default_path))
    return url


def http_send(request: urllib.request.Request, timeout: float) -> bytes:
    """Send ``request``; network and HTTP failures become one-line ``ValueError`` s."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        raise ValueError(f"{request.full_url}: HTTP {exc.code} ({detail[0] if detail else exc.reason})") from None
    except (urllib.error.URLError, OSError) as exc:
        raise ValueError(f"{request.full_url}: cannot reach the endpoint ({getattr(exc, 'reason', exc)})") from None


def _run_remote(url: str, text: str, timeout: float) -> list[dict[str, object]]:
    body = urllib.parse.urlencode({"query": text}).encode("utf-8")
    request = urllib.request.Request(
        endpoint_url(url), data=body, method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json"},
    )
    payload = json.loads(http_send(request, timeout).decode("utf-8"))
    if "boolean" in payload:
        return [{"ask": bool(payload["boolean"])}]
    names = payload["head"]["vars"]
    return [{name: python_value(_json_term(row.get(name))) for name in names} for row in payload["results"]["bindings"]]


def _json_term(cell: Optional[Mapping[str, str]]) -> Optional[Node]:
    if cell is None:
        return None
    kind = cell["type"]
    if kind == "uri":
        return URIRef(cell["value"])
    if kind == "bnode":
        return BNode(cell["value"])
    return Literal(cell["value"], lang=cell.get("xml:lang"), datatype=cell.get("datatype"))
