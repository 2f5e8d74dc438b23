"""The bad-input matrix: every broken input gives one line naming it and its problem,
and the good input next to it is still read."""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from kg.documents import InputProblem, ReadSummary, read_documents, readers

GOOD = "Russia vetoed a UN draft resolution on Saturday. France condemned the veto."


def read(paths, **options) -> tuple[list, list[str]]:
    problems: list[InputProblem] = []
    documents = list(read_documents(paths, on_problem=problems.append, **options))
    return documents, [str(p) for p in problems]


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD)
    return path


def assert_good_still_read(documents) -> None:
    assert [d.id for d in documents][-1] == "good"
    assert documents[-1].text == GOOD


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "skipped: empty (no text)"),
        (b"  \n\t\r\n \n", "skipped: empty (whitespace only)"),
        (b"1. Skip to content\n\nDW recommends\n", "skipped: empty (nothing left after removing page furniture)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "skipped: binary (PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "skipped: binary (PDF document)"),
        (b"ELF-like\x00\x00\x01garbage", "skipped: binary (NUL bytes)"),
    ],
    ids=["empty", "whitespace", "furniture-only", "png", "pdf", "nul-bytes"],
)
def test_unusable_file_is_skipped_with_one_line(tmp_path, good, content, message):
    bad = tmp_path / "bad.txt"  # the name lies on purpose: content decides
    bad.write_bytes(content)
    documents, problems = read([bad, good])
    assert problems == [f"{bad}: {message}"]
    assert_good_still_read(documents)


def test_binary_files_in_a_directory_are_reported(tmp_path, good):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))  # not an article suffix
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4\n")  # a text suffix hiding a PDF
    documents, problems = read([tmp_path])
    assert problems == [
        f"{tmp_path / 'scan.txt'}: skipped: binary (PDF document)",
        # one line for the whole folder, however many images it holds
        f"{tmp_path}: skipped: other file type (3 files: .pdf, .png; folders are read for "
        ".htm .html .jsonl .md .ndjson .text .txt .xhtml)",
    ]
    assert_good_still_read(documents)


def test_short_foreign_article_is_reported_as_foreign_not_empty(tmp_path, good):
    # Too short for the article-level language guess; cleaning drops its lines as foreign
    # captions, and the message must still say why.
    path = tmp_path / "kurz.txt"
    path.write_text("Die Regierung hat am Montag die Sanktionen gegen Russland verlängert, wie der Sprecher sagte.")
    documents, problems = read([path, good])
    assert problems == [f"{path}: skipped: not English (looks German)"]
    assert_good_still_read(documents)


def test_latin1_and_cp1252_are_read_with_a_note(tmp_path, good):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Talks in Zürich\n\nThe café owner met Señor García.".encode("latin-1"))
    windows = tmp_path / "windows.txt"
    windows.write_bytes("Talks\n\nHe said \u201cno\u201d \u2013 twice.".encode("cp1252"))
    documents, problems = read([latin, windows, good])
    assert documents[0].text == "Talks in Zürich\n\nThe café owner met Señor García."
    assert documents[1].text == "Talks\n\nHe said \u201cno\u201d \u2013 twice."
    assert problems == [
        f"{latin}: read: decoded as fallback (not UTF-8, read as cp1252)",
        f"{windows}: read: decoded as fallback (not UTF-8, read as cp1252)",
    ]
    assert_good_still_read(documents)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32"])
def test_byte_order_marks_are_honoured(tmp_path, good, encoding):
    path = tmp_path / "bom.txt"
    path.write_bytes("Gespräch in Genf\n\nKerry met Lavrov in Geneva.".encode(encoding))
    documents, problems = read([path, good])
    assert problems == []
    assert documents[0].text == "Gespräch in Genf\n\nKerry met Lavrov in Geneva."
    assert_good_still_read(documents)


def test_utf16_jsonl_is_read(tmp_path):
    path = tmp_path / "wide.jsonl"
    path.write_bytes((json.dumps({"id": "w1", "text": "Kerry met Lavrov."}) + "\n").encode("utf-16"))
    documents, problems = read([path])
    assert problems == [] and [d.id for d in documents] == ["w1"]


def test_jsonl_line_in_another_encoding_is_read_with_a_note(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        json.dumps({"id": "a", "text": "Kerry met Lavrov."}).encode() + b"\n"
        + '{"id": "b", "text": "Talks in Zürich."}'.encode("latin-1") + b"\n"
    )
    documents, problems = read([path])
    assert [d.text for d in documents] == ["Kerry met Lavrov.", "Talks in Zürich."]
    assert problems == [f"{path}:2: read: decoded as fallback (not UTF-8, read as cp1252)"]


def test_five_megabyte_single_line_is_read_in_parts(tmp_path, good):
    sentence = "Russia vetoed the draft resolution again. "
    path = tmp_path / "dump.txt"
    count = 5_000_000 // len(sentence)  # 119,047 sentences of 42 chars, one line
    path.write_text(sentence * count)
    documents, problems = read([path, good])
    parts = documents[:-1]
    # 1,190 whole sentences fit in 50,000 chars, so 119,047 sentences make 101 parts.
    assert [d.id for d in parts] == ["dump"] + [f"dump#{n}" for n in range(2, 102)]
    assert all(len(p.text) == 1_190 * 42 - 1 for p in parts[:-1])
    assert all(p.text.endswith("again.") for p in parts)  # cut at sentence ends
    assert sum(p.text.count("Russia vetoed") for p in parts) == count
    # A 5 MB line is no headline.
    assert parts[0].title is None
    assert problems == [f"{path}: read: split ({count * 42 - 1:,} chars into 101 parts of at most 50,000)",
                        f"{path}: read: very long ({count * 42 - 1:,} chars, over 1,000,000: it costs what as much "
                        "text in articles costs, about 1.5 GB of output)"]
    assert_good_still_read(documents)


def test_jsonl_with_one_malformed_line(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "Kerry met Lavrov."}) + "\n"
        + '{"id": "b" "text": "Lavrov met Kerry."}\n'
        + "\n"
        + json.dumps({"id": "c", "text": "Putin met Hollande."}) + "\n"
    )
    documents, problems = read([path])
    assert [d.id for d in documents] == ["a", "c"]
    assert problems == [f"{path}:2: skipped: malformed JSON (Expecting ',' delimiter)"]


@pytest.mark.parametrize(
    "line, message",
    [
        ({"id": "x", "title": "No text here"}, "missing text (no 'text' field)"),
        ({"id": "x", "text": 42}, "text not a string ('text' is a number)"),
        ({"id": "x", "text": None}, "text not a string ('text' is null)"),
        ({"id": "x", "text": ["Kerry", "met", "Lavrov"]}, "text not a string ('text' is an array)"),
        ({"id": "x", "text": "   "}, "empty (whitespace only)"),
        (["Kerry met Lavrov."], "not a JSON object (got an array)"),
        ("Kerry met Lavrov.", "not a JSON object (got a string)"),
    ],
    ids=["missing", "number", "null", "array", "blank", "array-line", "string-line"],
)
def test_jsonl_line_without_usable_text(tmp_path, line, message):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(line) + "\n" + json.dumps({"id": "ok", "text": "Kerry met Lavrov."}) + "\n")
    documents, problems = read([path])
    assert [d.id for d in documents] == ["ok"]
    assert problems == [f"{path}:1: skipped: {message}"]


def test_deeply_nested_json_line_is_malformed_not_a_crash(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "\n" + json.dumps({"id": "ok", "text": "Kerry met Lavrov."}) + "\n")
    documents, problems = read([path])
    assert [d.id for d in documents] == ["ok"]
    assert len(problems) == 1 and problems[0].startswith(f"{path}:1: skipped: malformed JSON (")


def test_bad_date_is_a_note_and_the_article_is_kept(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Kerry met Lavrov.", "date": "last Tuesday"}) + "\n")
    documents, problems = read([path])
    assert [(d.id, d.date) for d in documents] == [("a", None)]
    assert problems == [f"{path}:1: read: bad date ('last Tuesday' is not a date; kept the article)"]


GERMAN = (
    "Der russische Präsident Wladimir Putin hat sich mit dem französischen Präsidenten François Hollande "
    "getroffen. Die beiden sprachen über die Luftangriffe in Syrien und die Lage in der Ukraine, "
    "wie ein Sprecher des Kreml mitteilte. Russland hat nach eigenen Angaben Stellungen des IS bombardiert."
)


def test_non_english_article_is_skipped(tmp_path, good):
    path = tmp_path / "putin_de.txt"
    path.write_text("Putin trifft Hollande\n\n" + GERMAN)
    documents, problems = read([path, good])
    assert problems == [f"{path}: skipped: not English (looks German)"]
    assert_good_still_read(documents)
    # The check is configurable: language=None reads everything.
    documents, problems = read([path], language=None)
    assert problems == [] and documents[0].text.endswith("bombardiert.")


def test_english_article_quoting_names_and_german_words_is_kept(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text(
        "Merkel in Düsseldorf\n\nChancellor Angela Merkel visited Düsseldorf on Monday, where the "
        "Bundestag member for the city, who chairs the Ausschuss für Wirtschaft, greeted her at the station."
    )
    documents, problems = read([path])
    assert problems == [] and len(documents) == 1


def test_raw_html_gives_visible_text_only(tmp_path, good):
    path = tmp_path / "scraped.txt"  # HTML saved with the wrong suffix is still recognised
    path.write_text(
        "<!doctype html>\n<html><head><title>Talks in Geneva</title>\n"
        "<script>document.write('<p>Injected</p>')</script><style>.x{}</style></head>\n"
        "<body><div class=menu><a href=/>Skip to content</a></div>\n"
        "<p>Kerry met Lavrov in Geneva &amp; discussed Syria.</p>\n<p>Talks resume &lt;soon&gt;.</p></body></html>"
    )
    documents, problems = read([path, good])
    assert problems == []
    assert documents[0].title == "Talks in Geneva"
    assert documents[0].text == "Kerry met Lavrov in Geneva & discussed Syria.\n\nTalks resume <soon>."
    assert_good_still_read(documents)


def test_path_that_does_not_exist(tmp_path, good):
    missing = tmp_path / "nope" / "article.txt"
    documents, problems = read([missing, good])
    assert problems == [f"{missing}: skipped: not found (no such file or directory)"]
    assert_good_still_read(documents)


def test_unreadable_file(tmp_path, good, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads anything: simulate what chmod 000 does for a user
        real_open = open

        def refuse(path, *args, **kwargs):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(readers, "open", refuse, raising=False)
    documents, problems = read([locked, good])
    assert problems == [f"{locked}: skipped: unreadable (Permission denied)"]
    assert_good_still_read(documents)


def test_unreadable_directory(tmp_path, good, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(GOOD)
    real_scandir = os.scandir

    def refuse(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(readers.os, "scandir", refuse)
    documents, problems = read([tmp_path])
    assert problems == [f"{locked}: skipped: unreadable (Permission denied)"]
    assert_good_still_read(documents)


def test_device_or_fifo_named_explicitly_is_not_read(tmp_path, good):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it would block forever
    documents, problems = read([fifo, good])
    assert problems == [f"{fifo}: skipped: unreadable (not a regular file)"]
    assert_good_still_read(documents)


def test_symlink_loop_is_walked_once(tmp_path, good):
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    documents, problems = read([tmp_path])
    assert problems == [] and [d.id for d in documents] == ["good"]


def test_directory_of_ten_thousand_tiny_files(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(10_000):
        (corpus / f"{n:05d}.txt").write_text(f"Report {n}\n\nKerry met Lavrov in Geneva on day {n}.")
    (corpus / "04999.txt").write_bytes(b"%PDF-1.4\n")
    summary = ReadSummary()
    ids = [d.id for d in read_documents([corpus], on_problem=summary)]
    assert len(ids) == 9_999 and ids[:2] == ["00000", "00001"] and ids[-1] == "09999"
    assert str(summary) == "skipped 1 input: 1 binary"


def test_ids_from_hostile_json_are_kept_as_one_clean_line(tmp_path):
    path = tmp_path / "ids.jsonl"
    path.write_text(
        json.dumps({"id": "../../etc/passwd", "text": "Kerry met Lavrov."}) + "\n"
        + json.dumps({"id": "a\nb\x00c ", "text": "Lavrov met Kerry."}) + "\n"
        + json.dumps({"id": 7, "text": "Putin met Hollande."}) + "\n"
        + json.dumps({"id": {"x": 1}, "text": "Hollande met Putin."}) + "\n"
    )
    documents, problems = read([path])
    # Ids are data: made safe as file names and IRIs where they are written, not here.
    assert [d.id for d in documents] == ["../../etc/passwd", "a b c", "7", "ids:4"]
    assert problems == []


def test_summary_line_for_a_messy_folder(tmp_path, good):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "de.txt").write_text("Titel\n\n" + GERMAN)
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "wire.jsonl").write_text('{"id": 1,\n{"id": "w", "text": "Kerry met Lavrov."}\n{"text": 3}\n')
    summary = ReadSummary()
    documents = list(read_documents([tmp_path, tmp_path / "gone.txt"], on_problem=summary))
    assert sorted(d.id for d in documents) == ["good", "w"]
    assert str(summary) == (
        "skipped 6 inputs: 1 not English, 1 empty, 1 binary, 1 malformed JSON, 1 text not a string, 1 not found"
    )


def test_random_bytes_without_nul_are_binary(tmp_path, good):
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes((n * 37 + 11) % 256 for n in range(4096)).replace(b"\x00", b"\x01"))
    documents, problems = read([noise, good])
    assert problems == [f"{noise}: skipped: binary (control bytes)"]
    assert_good_still_read(documents)


@pytest.mark.parametrize(
    "data, message",
    [(b"", "<stdin>: skipped: empty (no text)"), (b"%PDF-1.4\n...", "<stdin>: skipped: binary (PDF document)")],
)
def test_bad_stdin(monkeypatch, data, message):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert read(["-"]) == ([], [message])


def test_text_file_over_the_size_limit_is_skipped(tmp_path, good):
    big = tmp_path / "big.txt"
    big.write_text("Kerry met Lavrov. " * 100)
    documents, problems = read([big, good], max_bytes=1_000)
    assert problems == [f"{big}: skipped: too large (1,800 bytes > 1,000)"]
    assert_good_still_read(documents)


def test_every_reason_reported_is_a_stable_category(tmp_path, good):
    from kg.documents import REASONS

    (tmp_path / "a.txt").write_text("")
    (tmp_path / "b.txt").write_bytes(b"%PDF-1.4")
    (tmp_path / "c.jsonl").write_text('{"id": "c"}\n[1]\n{"text": 1}\n{\n')
    (tmp_path / "d.txt").write_text("Titel\n\n" + GERMAN)
    (tmp_path / "e.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    problems: list[InputProblem] = []
    list(read_documents([tmp_path, tmp_path / "none.txt", good], on_problem=problems.append))
    assert {p.reason for p in problems} == {
        "empty", "binary", "missing text", "not a JSON object", "text not a string", "malformed JSON",
        "not English", "not found", "duplicate id", "other file type"}
    assert {p.reason for p in problems} <= set(REASONS)


# -- input that used to lose good articles (reliability review, issue 23) -------------


@pytest.mark.parametrize("field", ["id", "text", "title", "url"])
def test_lone_surrogate_escape_is_one_note_and_every_line_is_read(tmp_path, field):
    # A JSON \ud800 escape decodes to half a UTF-16 pair, which no output can encode.
    bad = {"id": "broken", "text": "France condemned the veto on Sunday.", "title": "Veto", "url": "https://x.org/a"}
    bad[field] = bad[field][:4] + "\\ud800" + bad[field][4:]
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "first", "text": GOOD}) + "\n"
                    + json.dumps(bad).replace("\\\\ud800", "\\ud800") + "\n"
                    + json.dumps({"id": "last", "text": "Germany signed a trade agreement with Japan."}) + "\n")
    assert "\\ud800" in path.read_text()  # the escape itself, as a scraper writes it
    documents, problems = read([path])
    assert [d.id for d in documents][::2] == ["first", "last"]
    done = "dropped from text" if field == "text" else f"replaced by U+FFFD in {field}"
    assert problems == [f"{path}:2: read: invalid Unicode (lone surrogate {done})"]
    kept = documents[1]
    for value in (kept.id, kept.text, kept.title, kept.url):
        value.encode("utf-8")  # what record files, RDF and spaCy's string store need
    assert "France condemned the veto" in kept.text if field != "text" else "Fran" in kept.text


def test_file_name_that_is_not_utf8_gives_a_usable_id(tmp_path, good):
    name = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 file name: its byte comes back as a lone surrogate
    (tmp_path / name).write_text("Paris talks\n\nFrance hosted the talks on Monday.")
    documents, problems = read([tmp_path])
    assert [d.id for d in documents] == ["caf\ufffd", "good"]
    assert problems == [f"{tmp_path / 'caf�.txt'}: read: invalid Unicode (lone surrogate replaced by U+FFFD in id, source)"]


def test_looping_file_symlink_skips_that_entry_not_its_folder(tmp_path, good):
    (tmp_path / "loop1.txt").symlink_to("loop2.txt")
    (tmp_path / "loop2.txt").symlink_to("loop1.txt")
    (tmp_path / "self").symlink_to("self")
    documents, problems = read([tmp_path])
    assert [d.id for d in documents] == ["good"]
    assert problems == [f"{tmp_path / name}: skipped: unreadable (Too many levels of symbolic links)"
                        for name in ("loop1.txt", "loop2.txt", "self")]


def test_fifo_inside_a_folder_is_skipped_never_opened(tmp_path, good):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    found: list = []
    reader = threading.Thread(target=lambda: found.append(read([tmp_path])), daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():  # blocked opening the pipe: give it a writer so the thread ends, then fail
        with open(fifo, "w"):
            pass
        reader.join(10)
        pytest.fail("the walk opened the FIFO and waited for a writer")
    documents, problems = found[0]
    assert problems == [f"{fifo}: skipped: unreadable (not a regular file)"]
    assert_good_still_read(documents)


def test_a_page_kg_wrote_is_not_read_as_an_article(tmp_path, good):
    from kg.network.viz import write_html

    network = __import__("networkx").MultiDiGraph()
    network.add_edge("Russia", "France", relation="veto", doc="d")
    page = write_html(network, tmp_path / "old_output" / "graph.html", title="kg: 1 articles, 1 statements")
    documents, problems = read([tmp_path])
    assert problems == [f"{page}: skipped: kg output (a page kg wrote, not an article)"]
    assert [d.id for d in documents] == ["good"]


def test_excluded_outputs_are_passed_over_silently(tmp_path, good):
    out = tmp_path / "output"
    (out / "records").mkdir(parents=True)
    (out / "notes.txt").write_text("Kerry met Lavrov in Geneva.")
    (tmp_path / "graph.html").write_text("<html><title>page</title><p>Putin met Erdogan.</p></html>")
    documents, problems = read([tmp_path], exclude=[out, tmp_path / "graph.html"])
    assert [d.id for d in documents] == ["good"] and problems == []
    # a folder given explicitly is read even when excluded: exclusion is for what a walk finds
    assert [d.id for d in read([out], exclude=[out])[0]] == ["notes"]


def test_unicode_equivalent_ids_are_one_id(tmp_path):
    path = tmp_path / "ids.jsonl"
    path.write_text(json.dumps({"id": "caf\u00e9", "text": "Kerry met Lavrov."}, ensure_ascii=False) + "\n"
                    + json.dumps({"id": "cafe\u0301", "text": "Lavrov met Kerry."}, ensure_ascii=False) + "\n")
    documents, problems = read([path])
    assert [(d.id, d.text) for d in documents] == [("caf\u00e9", "Kerry met Lavrov.")]
    assert problems == [f"{path}:2: skipped: duplicate id ('café' already read from {path}:1)"]


def test_an_id_like_a_part_of_a_long_article_is_not_overwritten(tmp_path):
    paragraph = "Norway sued Sweden over fishing rights in the Baltic Sea. " * 10
    long_text = "\n\n".join([paragraph.strip()] * 3)
    path = tmp_path / "split.jsonl"
    path.write_text(json.dumps({"id": "x#2", "text": "Kerry met Lavrov in Geneva."}) + "\n"
                    + json.dumps({"id": "x", "text": long_text}) + "\n"
                    + json.dumps({"id": "y", "text": long_text}) + "\n"
                    + json.dumps({"id": "y#3", "text": "Lavrov met Kerry in Geneva."}) + "\n")
    documents, problems = read([path], max_chars=700)
    ids = [d.id for d in documents]
    assert ids == ["x#2", "x", "x#3", "y", "y#2", "y#3"]
    assert documents[0].text == "Kerry met Lavrov in Geneva."  # the article x#2, not part 2 of x
    assert documents[-1].text.startswith("Norway sued Sweden")  # part 3 of y, read first
    assert problems == [
        f"{path}:2: read: split (1,741 chars into 3 parts of at most 700)",
        f"{path}:2: skipped: duplicate id (part 2 of 'x' is 'x#2', already read from {path}:1)",
        f"{path}:3: read: split (1,741 chars into 3 parts of at most 700)",
        f"{path}:4: skipped: duplicate id ('y#3' already read from {path}:3 (part 3 of 'y'))",
    ]


def test_a_table_named_explicitly_is_read_with_a_one_line_note(tmp_path, good):
    path = tmp_path / "articles.csv"
    path.write_text('id,text\n1,"Chile rejected the offer."\n2,"Peru accepted it."\n')
    documents, problems = read([path, good])
    assert problems == [f"{path}: read: unknown format (a .csv file is taken as the plain text of one article; "
                        "for one article per row give JSONL (id, text, title, date))"]
    assert len(documents) == 2
    assert_good_still_read(documents)
