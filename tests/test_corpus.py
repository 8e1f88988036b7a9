"""Corpus readers: every bad record is reported with file, line and reason; nothing is dropped."""

from __future__ import annotations

import datetime as dt
import json

from eventcode.corpus import prepare_text, read_corpus


def test_text_file_header_and_default_id(tmp_path):
    f = tmp_path / "story-1.md"
    f.write_text("---\ntitle: A title: with colon\ndate: 2020-12-22\npublisher: P\nurl: https://x.org/a\n---\nIndia and Japan held talks.\n", encoding="utf-8")
    arts, probs = read_corpus([tmp_path])
    assert not probs
    (a,) = arts
    assert (a.id, a.date, a.title, a.publisher, a.url) == ("story-1", dt.date(2020, 12, 22), "A title: with colon", "P", "https://x.org/a")
    assert a.text == "India and Japan held talks."


def test_plain_header_without_fences_and_headerless_file_with_default_date(tmp_path):
    (tmp_path / "a.txt").write_text("title: T\ndate: 2001-10-26\n\nJapan lifted sanctions on India.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Japan lifted sanctions on India.\n", encoding="utf-8")
    arts, probs = read_corpus([tmp_path], default_date=dt.date(2001, 10, 27))
    assert not probs
    assert {a.id: a.date for a in arts} == {"a": dt.date(2001, 10, 26), "b": dt.date(2001, 10, 27)}


def test_bad_files_become_problems_naming_file_and_reason(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("date: 2020-01-01\n\nCaf\xe9 talks.".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("date: 2020-01-01\n\n   \n", encoding="utf-8")
    (tmp_path / "nodate.txt").write_text("Japan and India held talks.\n", encoding="utf-8")
    (tmp_path / "baddate.txt").write_text("date: 22/12/2020\n\nJapan and India held talks.\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text("date: 2020-01-01\n\nJapan and India held talks.\n", encoding="utf-8")
    arts, probs = read_corpus([tmp_path])
    assert [a.id for a in arts] == ["good"]
    reasons = {p.where.rsplit("/", 1)[-1]: p.reason for p in probs}
    assert "not UTF-8" in reasons["latin1.txt"]
    assert reasons["empty.txt"] == "empty text"
    assert "no publication date" in reasons["nodate.txt"]
    assert "unparseable date '22/12/2020'" in reasons["baddate.txt"]


def test_jsonl_reports_malformed_lines_missing_fields_and_duplicates(tmp_path):
    f = tmp_path / "items.jsonl"
    lines = [
        json.dumps({"id": "a", "date": "2020-12-22", "text": "India and Japan held talks."}),
        "{not json",
        json.dumps({"id": "b", "text": "No date here."}),
        json.dumps({"id": "a", "date": "2020-12-23", "text": "Duplicate."}),
        json.dumps({"id": "c", "date": "2020-13-01", "text": "Bad month."}),
        json.dumps({"id": "d", "date": "2020-12-24", "text": ""}),
        json.dumps({"id": "e", "date": "2020-12-24T10:00:00Z", "text": "Japan welcomed India's move.", "title": "t", "url": "u"}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, probs = read_corpus([f])
    assert [a.id for a in arts] == ["a", "e"]
    assert arts[1].date == dt.date(2020, 12, 24) and arts[1].url == "u"
    got = {p.where.rsplit(":", 1)[-1]: p.reason for p in probs}
    assert got["2"].startswith("malformed JSON")
    assert got["3"] == "missing date"
    assert got["4"].startswith("duplicate id 'a' (first at")
    assert "invalid date" in got["5"]
    assert got["6"] == "empty text"
    assert len(arts) + len(probs) == len(lines)


def test_csv_reports_malformed_rows(tmp_path):
    f = tmp_path / "items.csv"
    f.write_text('id,date,text,publisher\n1,2020-12-22,"India, Japan held talks.",X\n2,2020-12-22\n3,,"No date",X\n', encoding="utf-8")
    arts, probs = read_corpus([f])
    assert [a.id for a in arts] == ["1"] and arts[0].publisher == "X"
    assert [p.where.rsplit(":", 1)[-1] for p in probs] == ["3", "4"]
    assert "malformed row" in probs[0].reason and probs[1].reason == "missing date" and probs[1].article_id == "3"


def test_missing_path_and_empty_folder_are_problems(tmp_path):
    (tmp_path / "empty").mkdir()
    arts, probs = read_corpus([tmp_path / "nope.txt", tmp_path / "empty"])
    assert not arts and len(probs) == 2


def test_prepare_text_drops_web_chrome_and_separates_headlines():
    raw = "Powered by\nSponsored by\n\nIndia and Japan sign pact\n\nBody text here.\n\nTAGS\n\nThe Week is now on Telegram. Click here to join our channel (@x)"
    out = prepare_text(raw)
    assert "Sponsored" not in out and "Telegram" not in out and "TAGS" not in out
    assert out.startswith("India and Japan sign pact.")


def test_other_tools_column_names_are_understood(tmp_path):
    f = tmp_path / "dataset.csv"
    f.write_text(',doc_id,date,url,full_text\n0,11,2002-03-10,http://x/1,"Police arrested two men."\n', encoding="utf-8")
    (a,), problems = read_corpus([f])
    assert problems == [] and (a.id, a.date, a.url, a.text) == ("11", dt.date(2002, 3, 10), "http://x/1", "Police arrested two men.")
    g = tmp_path / "dataset.jsonl"
    g.write_text(json.dumps({"story_id": "s1", "published": "2020-12-22", "body": "Japan thanked India.", "headline": "Thanks"}) + "\n" + json.dumps({"story_id": "s2", "words": "no text"}) + "\n", encoding="utf-8")
    (b,), (p,) = read_corpus([g])
    assert (b.id, b.title, b.date) == ("s1", "Thanks", dt.date(2020, 12, 22))
    assert p.where.endswith("dataset.jsonl:2") and p.article_id == "s2" and "no text field" in p.reason and "full_text" in p.reason
    h = tmp_path / "bad.csv"
    h.write_text("key,words\n1,India\n", encoding="utf-8")
    _, (q,) = read_corpus([h])
    assert q.where.endswith("bad.csv:1") and "no id field" in q.reason and "no text field" in q.reason


def test_mis_decoded_text_is_repaired_and_clean_text_left_alone():
    clean = "Japan’s minister said “yes” — in São Paulo, Â is a letter."
    assert prepare_text(clean) == clean
    broken = "lucknow: the committee said that the â€˜bhoomi pujanâ€™ was â€œillegal,â€\ufffd he said.Â \xa0SÃ£o Paulo."
    assert prepare_text(broken) == "the committee said that the ‘bhoomi pujan’ was “illegal,” he said. São Paulo."


def test_archive_banner_is_web_chrome_and_a_folded_dateline_is_stripped():
    out = prepare_text("This story is from March 10, 2002\n\nPolice arrested two men.")
    assert out == "Police arrested two men."
    out = prepare_text("This story is from March 10, 2002\n\nlucknow: police arrested two men.\n\nnote: the men were freed.")
    assert out == "police arrested two men.\n\nnote: the men were freed."


def test_datelines_of_wire_services_are_not_subjects():
    for raw in (
        "New Delhi [India], December 22 (ANI): India and Japan held talks.",
        "NEW DELHI, Dec 22 (PTI) India and Japan held talks.",
        "TOKYO (Kyodo) -- India and Japan held talks.",
        "NEW DELHI, DEC 22: India and Japan held talks.",
        "Tokyo, Dec 22 (Reuters) - India and Japan held talks.",
    ):
        assert prepare_text(raw) == "India and Japan held talks.", raw
    assert prepare_text("By Tuesday, India and Japan had signed the pact.") == "By Tuesday, India and Japan had signed the pact."


def test_page_furniture_lines_are_dropped():
    raw = (
        "India, Japan sign pact\n\nBy Our Special Correspondent\nNew Delhi, December 22\n\n"
        "New Delhi | Updated: December 22, 2020 10:15:12 pm\nImage Source : PTI\nShare on Facebook\n\n"
        "India and Japan held talks."
    )
    assert prepare_text(raw) == "India, Japan sign pact.\n\nIndia and Japan held talks."
