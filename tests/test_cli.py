"""The command line: code, run, explain, dictionaries check."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from eventcode.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory):
    d = tmp_path_factory.mktemp("in")
    p = d / "items.jsonl"
    lines = [
        {"id": "a", "date": "2020-12-22", "text": "India and Japan on Tuesday signed an agreement on defence cooperation."},
        {"id": "b", "date": "2001-10-27", "text": "Japan lifted the economic sanctions it had imposed on India."},
        {"id": "c", "date": "bad", "text": "Japan condemned the attack."},
    ]
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n", encoding="utf-8")
    return p


def test_code_jsonl_writes_csv_meta_and_reports_problems(jsonl, tmp_path):
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["code", str(jsonl), "-o", str(out), "--no-progress", "--problems", str(tmp_path / "p.csv")])
    assert result.exit_code == 0, result.output
    assert "2 articles" in result.output and "2 problems" in result.output
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert {"a", "b"} <= set(df["article_id"])
    assert (df.loc[df.article_id == "a", "event_date"] == "2020-12-22").all()
    meta = json.loads((tmp_path / "out.csv.meta.json").read_text(encoding="utf-8"))
    assert meta["counts"]["problems"] == 2 and meta["model"]["name"]
    assert {p["reason"][:15] for p in meta["skipped"]} == {"unparseable dat", "malformed JSON:"}
    probs = pd.read_csv(tmp_path / "p.csv")
    assert len(probs) == 2 and probs["where"].str.contains("items.jsonl:").all()


def test_code_is_byte_identical_on_rerun(jsonl, tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    for out in (a, b):
        assert runner.invoke(app, ["code", str(jsonl), "-o", str(out), "--no-progress"]).exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    assert (tmp_path / "a.csv.meta.json").read_bytes() == (tmp_path / "b.csv.meta.json").read_bytes()


def test_explain_shows_rule_spans_and_non_events():
    result = runner.invoke(app, ["explain", "Japan extended a yen loan to India on Tuesday. The weather was fine and it rained.", "--date", "2020-12-22"])
    assert result.exit_code == 0, result.output
    assert "JPN → IND" in result.output and "rule " in result.output and "2020-12-22" in result.output


def test_explain_says_why_a_candidate_verb_gave_nothing():
    result = runner.invoke(app, ["explain", "The ministers met in a hotel.", "--date", "2020-12-22"])
    assert result.exit_code == 0
    assert "no events" in result.output
    assert "no source actor" in result.output or "no target actor" in result.output or "no pattern fits" in result.output


def test_dictionaries_check_passes_and_reports_sizes():
    result = runner.invoke(app, ["dictionaries", "check", "--json"])
    report = json.loads(result.output)
    assert result.exit_code == 0, report["errors"]
    assert report["sizes"]["verb_patterns"] >= 400
    assert set(report["sizes"]["verb_patterns_per_root"]) == {f"{r:02d}" for r in range(1, 21)}


def test_dictionaries_check_names_file_and_line_of_a_bad_user_file(tmp_path):
    bad = tmp_path / "verbs.tsv"
    bad.write_text("id\tcode\tverb\tobject\ttarget\tflags\texample\nx-1\t41\tfoo\t\tdobj\t\te\n", encoding="utf-8")
    result = runner.invoke(app, ["dictionaries", "check", "--verbs", str(bad)])
    assert result.exit_code == 1
    assert "verbs.tsv:2: '41' is not a CAMEO code" in result.output


def test_bad_date_option_is_a_clear_error(jsonl, tmp_path):
    result = runner.invoke(app, ["code", str(jsonl), "-o", str(tmp_path / "x.csv"), "--date", "22/12/2020"])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output


def test_unknown_model_names_model_and_install_command(jsonl, tmp_path):
    result = runner.invoke(app, ["code", str(jsonl), "-o", str(tmp_path / "x.csv"), "--model", "xx_no_such_model"])
    assert result.exit_code == 2
    assert "xx_no_such_model" in result.output and "pip install" in result.output


def test_tables_and_figures_refuse_bad_event_files_clearly(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["tables", str(empty), "-o", str(tmp_path / "t")])
    assert result.exit_code == 2 and "empty file" in result.output
    mangled = tmp_path / "mangled.csv"
    mangled.write_text("article_id,event_date,date_precision,source_country,target_country,source_code,target_code,cameo_code,goldstein,occurred\na,2020-12-22,day,IND,JPN,IND,JPN,41,3.4,True\n", encoding="utf-8")
    result = runner.invoke(app, ["figures", str(mangled), "-o", str(tmp_path / "f")])
    assert result.exit_code == 2 and "'41'" in result.output and "line(s) 2" in result.output
    headers_only = tmp_path / "none.csv"
    headers_only.write_text("article_id,event_date,date_precision,source_country,target_country,source_code,target_code,cameo_code,goldstein,occurred\n", encoding="utf-8")
    result = runner.invoke(app, ["tables", str(headers_only), "-o", str(tmp_path / "t2")])
    assert result.exit_code == 2 and "no events" in result.output


def test_code_into_store_twice_replaces_and_reuses_parses(jsonl, tmp_path):
    from eventcode.store import connect

    store, cache = tmp_path / "events.duckdb", tmp_path / "cache"
    args = ["code", str(jsonl), "--no-progress", "--store", str(store), "--cache-dir", str(cache)]
    first = runner.invoke(app, [*args, "-o", str(tmp_path / "1.csv")])
    assert first.exit_code == 0, first.output
    with connect(store) as s:
        counts = s.counts()
        stored = s.events()
    second = runner.invoke(app, [*args, "-o", str(tmp_path / "2.csv")])
    assert second.exit_code == 0, second.output
    assert "parses from the cache" in second.output and str(cache) in second.output
    with connect(store) as s:
        assert s.counts() == counts == {"articles": 2, "events": len(stored)}
        pd.testing.assert_frame_equal(s.events(), stored)
    assert (tmp_path / "1.csv").read_bytes() == (tmp_path / "2.csv").read_bytes()


def test_code_without_prescan_or_cache_gives_the_same_csv(jsonl, tmp_path):
    plain = runner.invoke(app, ["code", str(jsonl), "--no-progress", "-o", str(tmp_path / "a.csv"), "--no-cache", "--no-prescan", "-j", "1"])
    assert plain.exit_code == 0, plain.output
    assert "parse cache" not in plain.output
    fast = runner.invoke(app, ["code", str(jsonl), "--no-progress", "-o", str(tmp_path / "b.csv"), "-j", "2"])
    assert fast.exit_code == 0, fast.output
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_scheduler_needs_the_dask_engine(jsonl, tmp_path):
    result = runner.invoke(app, ["code", str(jsonl), "-o", str(tmp_path / "x.csv"), "--scheduler", "tcp://localhost:1"])
    assert result.exit_code != 0 and "--engine dask" in result.output


def test_petrarch_folder_with_two_verb_sets_is_flagged(tmp_path):
    for name in ("CAMEO.2.0.txt", "PETR.Validate.verbs.txt"):
        (tmp_path / name).write_text("####### VERB PATTERNS #######\n", encoding="utf-8")
    (tmp_path / "x.jsonl").write_text('{"id": "a", "date": "2020-12-22", "text": "Japan praised India."}\n', encoding="utf-8")
    result = runner.invoke(app, ["code", str(tmp_path / "x.jsonl"), "-o", str(tmp_path / "o.csv"), "--no-progress", "--no-cache", "--petrarch-dicts", str(tmp_path)])
    assert "holds 2 verb dictionaries" in result.output


def test_cache_info_and_clear(jsonl, tmp_path):
    cache = tmp_path / "cache"
    assert "no parse cache" in runner.invoke(app, ["cache", "info", "--cache-dir", str(cache)]).output
    runner.invoke(app, ["code", str(jsonl), "-o", str(tmp_path / "o.csv"), "--no-progress", "--cache-dir", str(cache)])
    info = runner.invoke(app, ["cache", "info", "--cache-dir", str(cache)])
    assert info.exit_code == 0 and "2 articles parsed" in info.output
    cleared = runner.invoke(app, ["cache", "clear", "--cache-dir", str(cache)])
    assert cleared.exit_code == 0 and not list(cache.glob("parses-*"))


def test_explain_names_the_path_that_found_each_role():
    result = runner.invoke(app, ["explain", "Canada recalled its ambassador to Spain on Friday.", "--date", "2021-01-01"])
    assert result.exit_code == 0, result.output
    assert "source 'Canada' via subject" in result.output and "target 'Spain' via object-prep" in result.output
