"""Reading articles: titles, dates, page furniture, paragraphs, JSONL, directories, stdin."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from kg.documents import (
    InputError,
    InputProblem,
    ReadSummary,
    clean_article,
    is_furniture,
    parse_date,
    read_documents,
    split_text,
)
from kg.model import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def read(paths, **options) -> tuple[list[Document], list[InputProblem]]:
    problems: list[InputProblem] = []
    documents = list(read_documents(paths, on_problem=problems.append, **options))
    return documents, problems


# -- the seed articles (DW pages saved as text) --------------------------------


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    documents, problems = read([SEEDS])
    assert problems == []
    return {d.id: d for d in documents}


def test_seed_ids_are_file_stems_in_name_order(seeds):
    assert list(seeds) == ["000_eaff4a40da6c1649", "002_0c7cb91b813f49b8", "004_b6d28b3d5f38a964"]


def test_seed_titles_and_dates_come_from_the_header(seeds):
    hollande, lausanne, sochi = seeds.values()
    assert hollande.title == "Putin, Hollande meet to resolve differences over Syria airstrikes"
    assert hollande.date == "2015-10-02"  # "| News | DW | 02.10.2015", day first
    assert lausanne.date == "2016-10-12"
    assert sochi.title == "Putin: Syria no fly zones could cement ceasefire"
    assert sochi.date == "2017-05-03"  # a line "May 3, 2017"


def test_headline_opens_the_text_exactly_once(seeds):
    for document in seeds.values():
        assert document.text.startswith(document.title + "\n\n")
        assert document.text.count(document.title) == 1


@pytest.mark.parametrize(
    "furniture",
    ["Inhalt", "Metanavigation", "Skip to", "Choose from 30 Languages", "DW recommends",
     "Audios and videos", "mg/kms", "bik/jm", "mm/sms", "Image:", "Getty Images", "Watch video",
     "Now live", "mins.", "#AleppoIsBurning", "May 3, 2017", "| DW |"],
)
def test_page_furniture_is_gone(seeds, furniture):
    assert not any(furniture in d.text for d in seeds.values())


def test_picture_alt_text_goes_but_a_descriptive_caption_stays(seeds):
    sochi = seeds["004_b6d28b3d5f38a964"].text
    assert "Russland" not in sochi and "Syrien Aleppo Bergung" not in sochi
    # The caption glued to its credit is a real sentence (the gold file has a triple in it).
    assert "\n\nSome Syrian rebel groups want a nationwide truce instead of no fly zones in specific areas of the country\n\n" in sochi
    assert "Karte Russische" not in seeds["000_eaff4a40da6c1649"].text


def test_paragraphs_and_headings_are_kept(seeds):
    paragraphs = seeds["000_eaff4a40da6c1649"].text.split("\n\n")
    assert "Who did Moscow target?" in paragraphs
    assert "Russian rocket system in Ukraine" in paragraphs
    assert paragraphs[-1].startswith('"We saw the weapon on that training ground,"')
    assert len(paragraphs) == 17


def test_hard_wrapped_lines_and_no_break_spaces_are_joined(seeds):
    text = seeds["002_0c7cb91b813f49b8"].text
    assert "Sergei Lavrov and US Secretary of State John Kerry will attend a meeting in Lausanne on Saturday to discuss" in text
    assert "\u00a0" not in text and " \n" not in text


# -- cleaning rules on pages written for these tests ----------------------------


def test_a_page_of_another_site_is_cleaned_by_the_same_rules():
    page = (
        "Skip to main content\n\n"
        "Minister resigns over leak | World | 14.03.2019\n\n"
        "By Anna Smith\n\n"
        "The finance minister resigned on Thursday after documents leaked.\n\n"
        "Protesters outside the ministry\n"
        "Photo: AP/J. Doe\n\n"
        "Opposition leaders welcomed the decision.\n\n"
        "ab/cd (AFP, Reuters)\n\n"
        "Related content\n\n"
        "Another story entirely.\n"
    )
    article = clean_article(page)
    assert article.title == "Minister resigns over leak"
    assert article.date == "2019-03-14"
    assert article.text.split("\n\n") == [
        "Minister resigns over leak",
        "The finance minister resigned on Thursday after documents leaked.",
        "Opposition leaders welcomed the decision.",
    ]


def test_one_paragraph_per_line_when_the_file_has_no_blank_lines():
    article = clean_article("Headline\nFirst paragraph here.\nSecond paragraph here.")
    assert article.text.split("\n\n") == ["Headline", "First paragraph here.", "Second paragraph here."]


def test_a_numbered_list_inside_the_article_is_not_navigation():
    text = "Title\n\nThe plan has two steps:\n\n1. Troops withdraw from the border.\n2. Talks resume in May."
    assert "1. Troops withdraw from the border." in clean_article(text).text


@pytest.mark.parametrize(
    "line",
    ["  2. Navigation", "Skip to main menu", "DW recommends", "bik/jm (AFP, Reuters)", "Now live",
     "By Anna Smith", "By Anna Smith, in Moscow", "© 2016 Deutsche Welle", "Keywords: Russia, Syria"],
)
def test_is_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    ["Russia vetoed a UN draft resolution.", "Who did Moscow target?", "By the end of the year, talks resumed.",
     "Common position", "Authorities arrested two men.", "Copyright holders sued the agency.",
     "By Monday Russia agreed", "UN (the United Nations) agreed.", "Tags were attached to the birds."],
)
def test_sentences_and_headings_are_not_furniture(line):
    assert not is_furniture(line)


@pytest.mark.parametrize(
    "text, iso",
    [("02.10.2015", "2015-10-02"), ("May 3, 2017", "2017-05-03"), ("3 May 2017", "2017-05-03"),
     ("Sept. 12, 2016", "2016-09-12"), ("Wednesday, October 12, 2016", "2016-10-12"),
     ("2019-01-04", "2019-01-04"), ("2019-01-04T08:30:00+01:00", "2019-01-04"),
     ("13.13.2015", None), ("May 2017", None), ("Putin met Hollande on May 3, 2017.", None)],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


# -- JSONL, stdin, directories ----------------------------------------------------


def write_jsonl(path: Path, *records) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_fields_and_provenance(tmp_path):
    path = write_jsonl(
        tmp_path / "wire.jsonl",
        {"id": "a1", "text": "Russia vetoed the draft.", "title": "Veto", "date": "2016-10-08T10:00:00Z",
         "url": "https://example.org/a1"},
        {"text": "France and Britain condemned the veto."},
    )
    (first, second), problems = read([path])
    assert problems == []
    assert (first.id, first.title, first.date, first.url, first.text) == (
        "a1", "Veto", "2016-10-08", "https://example.org/a1", "Russia vetoed the draft.")
    assert first.source == f"{path}:1"
    # No id: the file stem and line number keep it stable and unique.
    assert second.id == "wire:2" and second.title is None


def test_jsonl_source_url_is_taken_as_url(tmp_path):
    path = write_jsonl(tmp_path / "w.jsonl", {"id": "x", "text": "Kerry met Lavrov.", "source_url": "https://example.org/x"})
    assert next(read_documents([path])).url == "https://example.org/x"


def test_stdin_jsonl(monkeypatch):
    lines = "\n" + json.dumps({"id": "s1", "text": "Kerry met Lavrov in Geneva."}) + "\n{broken\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    documents, problems = read(["-"])
    assert [(d.id, d.source) for d in documents] == [("s1", "-:2")]
    assert [str(p) for p in problems] == ["<stdin>:3: skipped: malformed JSON (Expecting property name enclosed in double quotes)"]


def test_stdin_text_is_one_article(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Talks fail\n\nKerry met Lavrov in Geneva.\n")))
    (document,), _ = read(["-"])
    assert (document.id, document.title, document.source) == ("stdin", "Talks fail", "-")
    assert document.text == "Talks fail\n\nKerry met Lavrov in Geneva."


def test_directories_are_walked_recursively_in_a_stable_order(tmp_path):
    for name in ("b/2.txt", "b/1.txt", "a.txt", "c/d/e.jsonl", "notes.csv", ".hidden/x.txt", "b/.draft.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    for name in ("b/2.txt", "b/1.txt", "a.txt", "notes.csv", ".hidden/x.txt", "b/.draft.txt"):
        (tmp_path / name).write_text("Russia vetoed the draft.")
    write_jsonl(tmp_path / "c/d/e.jsonl", {"id": "e1", "text": "Kerry met Lavrov."})
    documents, problems = read([tmp_path])
    assert [p.reason for p in problems] == ["other file type"]  # notes.csv, named once
    # Ids are paths relative to the directory given, so files of the same name in
    # different folders stay apart; other file types and hidden files are not read.
    assert [d.id for d in documents] == ["a", "b/1", "b/2", "e1"]


def test_directory_walk_is_lazy(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "1.txt").write_text("Kerry met Lavrov.")
    (tmp_path / "b").mkdir()
    documents = read_documents([tmp_path])
    assert next(documents).id == "a/1"
    # Folder b is listed only when the walk reaches it.
    (tmp_path / "b" / "2.txt").write_text("Lavrov met Kerry.")
    assert [d.id for d in documents] == ["b/2"]


def test_explicit_file_of_any_suffix_is_read_as_text(tmp_path):
    path = tmp_path / "article.log"
    path.write_text("Kerry met Lavrov.")
    assert [d.id for d in read_documents([path])] == ["article"]


def test_a_single_path_string_is_one_path_not_characters():
    assert len(list(read_documents(str(SEEDS)))) == 3


def test_html_page_gives_its_visible_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Veto at the UN | World | 08.10.2016</title>"
        "<style>p {color: red}</style><script>var tracking = 'Russia vetoed';</script></head>"
        "<body><nav><a href='/'>Home</a></nav><h1>Veto at the UN</h1>"
        "<p>Russia <b>vetoed</b> a UN draft resolution on Saturday.</p><p>France condemned the veto.</p>"
        "<footer>Copyright 2016</footer></body></html>"
    )
    (document,), problems = read([path])
    assert problems == []
    assert (document.title, document.date) == ("Veto at the UN", "2016-10-08")
    assert document.text == "Veto at the UN\n\nRussia vetoed a UN draft resolution on Saturday.\n\nFrance condemned the veto."


# -- long articles, duplicates, strictness, the summary -----------------------------


def test_long_article_is_split_at_paragraphs(tmp_path):
    paragraph = "Russia vetoed the draft resolution on Saturday. " * 20
    path = tmp_path / "long.txt"
    path.write_text("Long\n\n" + "\n\n".join([paragraph.strip()] * 10))
    documents, problems = read([path], max_chars=3000)
    assert [d.id for d in documents] == ["long", "long#2", "long#3", "long#4"]
    assert all(len(d.text) <= 3000 for d in documents)
    assert all(d.text.endswith("on Saturday.") for d in documents)
    assert "".join(d.text for d in documents).count("Russia vetoed") == 200
    assert [str(p) for p in problems] == [f"{path}: read: split (9,614 chars into 4 parts of at most 3,000)"]


def test_split_text_falls_back_to_sentences_then_spaces():
    assert split_text("One two. Three four five six.", 12) == ["One two.", "Three four", "five six."]
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_duplicate_ids_keep_the_first(tmp_path):
    (tmp_path / "one").mkdir()
    first = write_jsonl(tmp_path / "one" / "a.jsonl", {"id": "same", "text": "Kerry met Lavrov."})
    second = write_jsonl(tmp_path / "b.jsonl", {"id": "same", "text": "Lavrov met Kerry."})
    documents, problems = read([first, second])
    assert [d.text for d in documents] == ["Kerry met Lavrov."]
    assert [str(p) for p in problems] == [f"{second}:1: skipped: duplicate id ('same' already read from {first}:1)"]


def test_strict_raises_on_the_first_skipped_input(tmp_path):
    path = write_jsonl(tmp_path / "x.jsonl", {"id": "ok", "text": "Kerry met Lavrov."}, "{oops")
    documents = read_documents([path], strict=True)
    assert next(documents).id == "ok"
    with pytest.raises(InputError, match=r"x\.jsonl:2: skipped: malformed JSON") as raised:
        next(documents)
    assert isinstance(raised.value, ValueError)
    assert raised.value.problem.line == 2


def test_strict_does_not_fail_on_notes(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Zürich hosted the talks.".encode("latin-1"))
    assert [d.text for d in read_documents([path], strict=True)] == ["Zürich hosted the talks."]


def test_read_summary_counts_by_reason(tmp_path):
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4\n")
    write_jsonl(tmp_path / "c.jsonl", "{bad", {"id": "c", "text": "Kerry met Lavrov."})
    (tmp_path / "d.txt").write_text("")
    echoed: list[str] = []
    summary = ReadSummary(echo=echoed.append)
    documents = list(read_documents([tmp_path / n for n in ("a.png", "b.pdf", "c.jsonl", "d.txt", "e.txt")], on_problem=summary))
    assert [d.id for d in documents] == ["c"]
    assert str(summary) == "skipped 5 inputs: 2 binary, 1 malformed JSON, 1 empty, 1 not found"
    assert len(echoed) == 5 and echoed[0] == f"{tmp_path / 'a.png'}: skipped: binary (PNG image)"


def test_json_file_named_explicitly_holds_one_article_or_an_array(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "j1", "text": "Kerry met Lavrov.", "title": "Talks"}, indent=2))
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "j2", "text": "Lavrov met Kerry."}, {"id": "j3"}], indent=2))
    documents, problems = read([one, many])
    assert [(d.id, d.title) for d in documents] == [("j1", "Talks"), ("j2", None)]
    assert [str(p) for p in problems] == [f"{many}:2: skipped: missing text (no 'text' field)"]
