"""JSON Lines reading shared by the article and gold readers (eventcode.jsonl)."""

from __future__ import annotations

import pytest

from eventcode.errors import InputError
from eventcode.gold import parse_gold_jsonl
from eventcode.jsonl import JsonLine, json_lines


def test_lines_are_numbered_from_one_and_blank_lines_skipped():
    text = '{"a": 1}\n\n   \n["b"]\n'
    assert list(json_lines(text, "items.jsonl")) == [
        JsonLine("items.jsonl:1", {"a": 1}),
        JsonLine("items.jsonl:4", ["b"]),
    ]


def test_a_line_that_is_not_json_is_a_one_line_reason_and_reading_goes_on():
    got = list(json_lines('{"x": "open\n{"y": 2}\n', "feed.jsonl"))
    assert got[0].where == "feed.jsonl:1" and got[0].record is None
    # json's "Unterminated string starting at" does not say "at" twice
    assert got[0].error == "malformed JSON: Unterminated string starting at column 7"
    assert got[1] == JsonLine("feed.jsonl:2", {"y": 2})


def test_a_unicode_line_separator_inside_a_string_does_not_split_the_line():
    assert [line.record for line in json_lines('{"t": "one\u2028two"}\n', "x")] == [{"t": "one\u2028two"}]


def test_gold_stops_at_the_first_malformed_line_naming_file_and_line():
    with pytest.raises(InputError, match=r"^gold\.jsonl:2: malformed JSON: Expecting value at column 1$"):
        parse_gold_jsonl('\n?\n', origin="gold.jsonl")
