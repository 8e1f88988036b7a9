"""Nothing lost, nothing corrupted: one test per case of issue 12 (hostile input and faults).

Numbers in the test names follow the issue's list.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from eventcode.cli import app
from eventcode.corpus import iter_corpus, read_corpus
from eventcode.errors import DictionaryError, InputError, OutputError
from eventcode.export import read_events_csv
from eventcode.fileio import output_lock, sha256_file
from eventcode.pipeline import NothingReadError, RunReport, code_to_csv
from eventcode.records import Article, Problem

from .conftest import ROOT, shared_path

runner = CliRunner()

ARTICLE = "date: 2020-12-22\n\nIndia and Japan signed a defence pact on Tuesday.\n\nJapan praised India on Monday.\n"


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE.replace("Japan praised", "China criticised"), encoding="utf-8")
    return folder


class _NoCoder:
    """A coder that must not be reached: outputs are checked before coding starts."""

    def __getattr__(self, name):
        raise AssertionError(f"coding started (coder.{name}) although the output was refused")


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# ---------------------------------------------------------------- 1. atomic, exclusive outputs


def test_01_disk_full_mid_write_keeps_the_old_csv_and_meta(coder, corpus, tmp_path, monkeypatch):
    out = tmp_path / "out" / "events.csv"
    code_to_csv([corpus], out, coder=coder, progress=False)
    before = out.read_bytes(), Path(f"{out}.meta.json").read_bytes()
    assert json.loads(before[1])["output_sha256"] == sha256_file(out)

    real = pd.DataFrame.to_csv

    def full_disk(self, path_or_buf=None, *args, **kwargs):
        real(self.iloc[: max(1, len(self) // 2)], path_or_buf, *args, **kwargs)  # half the rows reach the disk
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", full_disk)
    with pytest.raises(OSError, match="No space"):
        code_to_csv([corpus], out, coder=coder, progress=False)
    assert (out.read_bytes(), Path(f"{out}.meta.json").read_bytes()) == before
    assert _files(out.parent) == {"events.csv", "events.csv.meta.json"}  # no temporary or lock file left


def test_01_second_writer_to_the_same_output_fails_clearly(coder, corpus, tmp_path):
    out = tmp_path / "events.csv"
    with output_lock(out):
        with pytest.raises(OutputError, match="another eventcode run is writing"):
            code_to_csv([corpus], out, coder=coder, progress=False)
    assert not out.exists()
    code_to_csv([corpus], out, coder=coder, progress=False)  # the lock is gone with its holder
    assert not Path(f"{out}.lock").exists()


def test_01_meta_names_the_csv_it_describes(coder, corpus, tmp_path):
    out = tmp_path / "events.csv"
    code_to_csv([corpus], out, coder=coder, progress=False, problems_csv=tmp_path / "problems.csv")
    meta = json.loads(Path(f"{out}.meta.json").read_text(encoding="utf-8"))
    assert meta["output_sha256"] == sha256_file(out)
    out.write_text(out.read_text(encoding="utf-8") + "stale\n", encoding="utf-8")
    assert meta["output_sha256"] != sha256_file(out)  # a meta left from another run is recognisable


# ---------------------------------------------------------------- 2. booleans


def _events_csv(coder, corpus, tmp_path) -> Path:
    out = tmp_path / "e.csv"
    code_to_csv([corpus], out, coder=coder, progress=False)
    return out


@pytest.mark.parametrize(("written", "read"), [("TRUE", True), ("FALSE", False), ("yes", True), ("No", False), ("1", True), ("0", False), ("true", True)])
def test_02_booleans_other_tools_write_are_read_right(coder, corpus, tmp_path, written, read):
    frame = pd.read_csv(_events_csv(coder, corpus, tmp_path), dtype=str, keep_default_na=False)
    frame["negated"] = written
    frame.to_csv(tmp_path / "r.csv", index=False)
    assert read_events_csv(tmp_path / "r.csv")["negated"].tolist() == [read] * len(frame)


def test_02_anything_else_is_refused_with_file_line_and_value(coder, corpus, tmp_path):
    frame = pd.read_csv(_events_csv(coder, corpus, tmp_path), dtype=str, keep_default_na=False)
    frame.loc[1, "occurred"] = "maybe"
    frame.to_csv(tmp_path / "r.csv", index=False)
    with pytest.raises(InputError, match=r"r\.csv:3: occurred is 'maybe'"):
        read_events_csv(tmp_path / "r.csv")


def test_02_dates_are_checked_by_line(coder, corpus, tmp_path):
    frame = pd.read_csv(_events_csv(coder, corpus, tmp_path), dtype=str, keep_default_na=False)
    frame.loc[0, "event_date"] = "2020-02-30"
    frame.to_csv(tmp_path / "r.csv", index=False)
    with pytest.raises(InputError, match=r"r\.csv:2: event_date '2020-02-30'"):
        read_events_csv(tmp_path / "r.csv")


# ---------------------------------------------------------------- 3. -o must not destroy its input


def test_03_output_that_is_an_input_is_refused_and_left_alone(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text("id,date,text\na,2020-12-22,India met Japan.\n", encoding="utf-8")
    before = src.read_bytes()
    with pytest.raises(OutputError, match="is also an input"):
        code_to_csv([src], src, coder=_NoCoder(), progress=False)
    assert src.read_bytes() == before


def test_03_output_inside_an_input_folder_is_refused(corpus):
    with pytest.raises(OutputError, match="inside the input folder"):
        code_to_csv([corpus], corpus / "events.csv", coder=_NoCoder(), progress=False)


def test_03_problems_and_output_the_same_file_is_refused(corpus, tmp_path):
    with pytest.raises(OutputError, match="same file"):
        code_to_csv([corpus], tmp_path / "x.csv", coder=_NoCoder(), progress=False, problems_csv=tmp_path / "x.csv")


# ---------------------------------------------------------------- 4. CSV quoting errors


def test_04_unbalanced_quote_mid_file_is_reported_by_line(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text('id,date,text\na1,2020-01-01,"India met Japan.\na2,2020-01-02,"China met Russia."\na3,2020-01-03,Iran met Iraq.\n', encoding="utf-8")
    articles, problems = read_corpus([p])
    assert [a.id for a in articles] == []
    assert len(problems) == 1 and problems[0].where == f"{p}:2" and "quoting" in problems[0].reason


def test_04_quote_that_swallows_a_whole_row_is_not_merged(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text('id,date,text\na1,2020-01-01,"India met Japan.\na2,2020-01-02,China met Russia."\na3,2020-01-03,"Iran met Iraq.\n\nA second paragraph, with commas, here."\n', encoding="utf-8")
    articles, problems = read_corpus([p])
    assert [a.id for a in articles] == ["a3"]  # a multi-line cell that is really text stays
    assert problems[0].where == f"{p}:2" and "line 3" in problems[0].reason


def test_04_file_ending_mid_quote_is_not_coded_as_complete(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text('id,date,text\na1,2020-01-01,India met Japan.\na2,2020-01-02,"China met Russia and\n', encoding="utf-8")
    articles, problems = read_corpus([p])
    assert [a.id for a in articles] == ["a1"]
    assert problems[0].where == f"{p}:3" and "quoting" in problems[0].reason


# ---------------------------------------------------------------- 5. spaCy's length limit


@pytest.mark.parametrize("long", ["word " * 210_000, "x" * 1_000_000], ids=["sentence", "no-spaces"])
@pytest.mark.parametrize("prescan", [True, False])
def test_05_a_million_character_sentence_is_reported_and_the_rest_coded(nlp, long, prescan):
    from eventcode.pipeline import EventCoder

    coder = EventCoder(nlp=nlp, prescan=prescan)
    report = RunReport()
    text = f"India and Japan signed a defence pact on Tuesday.\n\n{long}\n\nJapan praised India on Monday."
    events = list(coder.code_articles([Article(id="big", text=text, date=dt.date(2020, 12, 22))], report=report))
    assert {e.cameo_code[:2] for e in events} >= {"05"}
    assert len(report.problems) == 1 and not report.problems[0].skipped
    assert "longer than" in report.problems[0].reason and "sentence 1" in report.problems[0].reason


# ---------------------------------------------------------------- 6. extreme dates


@pytest.mark.parametrize("pub", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
@pytest.mark.parametrize("when", ["next week", "yesterday", "last year", "tomorrow", "three years ago"])
def test_06_dates_at_the_edge_of_the_calendar_do_not_overflow(pub, when):
    from eventcode.dates import resolve

    resolve(when, pub)  # None or a date; never OverflowError


def test_06_extreme_publication_dates_are_coded_not_skipped(coder):
    report = RunReport()
    articles = [Article(id=str(d), text="India will meet Japan next week. Japan praised India yesterday.", date=d) for d in (dt.date(1, 1, 1), dt.date(9999, 12, 31))]
    list(coder.code_articles(articles, report=report))
    assert report.problems == [] and report.articles == 2


@pytest.mark.parametrize("year", ["1650", "2300"])
def test_06_tables_refuse_years_they_cannot_count_by_name(coder, corpus, tmp_path, year):
    from eventcode import tables

    frame = read_events_csv(_events_csv(coder, corpus, tmp_path))
    frame.loc[0, "event_date"] = f"{year}-03-01"
    assert read_events_csv  # the CSV reader itself accepts every year 0001-9999
    with pytest.raises(InputError, match=f"event_date '{year}-03-01' is outside"):
        tables.prepare(frame)


# ---------------------------------------------------------------- 7-8. PETRARCH dictionaries


@pytest.fixture
def petrarch_dicts(tmp_path) -> Path:
    folder = tmp_path / "petr"
    folder.mkdir()
    (folder / "mini.actors.txt").write_text("INDIA_ [IND]\nJAPAN_ [JPN]\n", encoding="utf-8")
    (folder / "mini.verbs.txt").write_text("--- FACE  [---]  ---\nFACE\n- * PRESSURE [:100]\n\n--- PRAISE  [051]  ---\nPRAISE\n", encoding="utf-8")
    return folder


def test_07_reverse_only_paired_code_is_no_empty_code(nlp, petrarch_dicts, tmp_path):
    from eventcode.petrarch import load_petrarch
    from eventcode.pipeline import EventCoder

    actors, verbs, _ = load_petrarch(petrarch_dicts)
    coder = EventCoder(nlp=nlp, actor_dictionary=actors, verb_dictionary=verbs)
    events = coder.code_text("India faces pressure from Japan.", "2020-12-22")
    assert [(e.source.code, e.target.code, e.cameo_code) for e in events] == [("JPN", "IND", "100")]
    src = tmp_path / "in.txt"
    src.write_text("date: 2020-12-22\n\nIndia faces pressure from Japan.\n", encoding="utf-8")
    code_to_csv([src], tmp_path / "out.csv", coder=coder, progress=False)  # used to fail: "'' is not a CAMEO code"
    assert read_events_csv(tmp_path / "out.csv")["cameo_code"].tolist() == ["100"]


@pytest.mark.slow
def test_07_phoenix_and_cameo_2_code_and_export(nlp, tmp_path):
    from eventcode.petrarch import load_petrarch, read_verbs
    from eventcode.pipeline import EventCoder

    folder = shared_path("reference", "petrarch")
    files = [folder / f for f in ("Phoenix.Countries.actors.txt", "Phoenix.agents.txt", "Phoenix.International.actors.txt", "Phoenix.discards.txt", "CAMEO.2.0.txt")]
    actors, verbs, _ = load_petrarch(files)
    src = tmp_path / "in.txt"
    src.write_text("date: 2020-12-22\n\nThe president faces pressure from parliament to help Syria.\n", encoding="utf-8")
    code_to_csv([src], tmp_path / "out.csv", coder=EventCoder(nlp=nlp, actor_dictionary=actors, verb_dictionary=verbs), progress=False)
    assert "" not in set(read_events_csv(tmp_path / "out.csv")["cameo_code"])
    patterns, problems = read_verbs(folder / "CAMEO.2.0.txt")
    text = (folder / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    pattern_lines = {i + 1 for i, line in enumerate(text) if line.strip().startswith("-") and not line.strip().startswith("---")}
    imported = {int(p.origin.rsplit(":", 1)[1]) for p in patterns}
    assert len(imported & pattern_lines) / len(pattern_lines) >= 0.95


@pytest.mark.parametrize("kind", ["garbage", "empty", "binary", "empty-folder"])
def test_08_a_dictionary_that_imports_nothing_is_an_error(tmp_path, kind):
    from eventcode.petrarch import load_petrarch

    target = {"garbage": tmp_path / "garbage.txt", "empty": tmp_path / "empty.verbs.txt", "binary": tmp_path / "blob.actors.txt", "empty-folder": tmp_path / "dicts"}[kind]
    if kind == "garbage":
        target.write_text("hello\nworld\n", encoding="utf-8")
    elif kind == "empty":
        target.write_text("", encoding="utf-8")
    elif kind == "binary":
        target.write_bytes(bytes(range(256)) * 8)
    else:
        target.mkdir()
    with pytest.raises(DictionaryError, match=str(target.name)):
        load_petrarch([target])


def test_08_second_dictionary_after_one_flag_is_not_coded_as_an_article(petrarch_dicts, tmp_path):
    result = runner.invoke(app, ["code", "--no-progress", "-o", str(tmp_path / "o.csv"), "--petrarch-dicts", str(petrarch_dicts / "mini.actors.txt"), str(petrarch_dicts / "mini.verbs.txt")])
    assert result.exit_code != 0 and "PETRARCH dictionary" in result.output
    assert not (tmp_path / "o.csv").exists()


# ---------------------------------------------------------------- 9. output locations checked first


@pytest.mark.parametrize("where", ["folder", "device", "under-a-file"])
def test_09_bad_output_locations_are_refused_before_coding(corpus, tmp_path, where):
    (tmp_path / "file.csv").write_text("x", encoding="utf-8")
    out = {"folder": tmp_path, "device": Path("/dev/full"), "under-a-file": tmp_path / "file.csv" / "events.csv"}[where]
    if where == "device" and not out.exists():
        pytest.skip("no /dev/full here")
    with pytest.raises(OutputError):
        code_to_csv([corpus], out, coder=_NoCoder(), progress=False)


def test_09_unwritable_problems_location_is_refused_before_coding(corpus, tmp_path):
    (tmp_path / "file.csv").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="--problems"):
        code_to_csv([corpus], tmp_path / "e.csv", coder=_NoCoder(), progress=False, problems_csv=tmp_path / "file.csv" / "p.csv")


# ---------------------------------------------------------------- 10. signals stop the workers


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_10_signal_stops_workers_with_one_line(tmp_path, sig):
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc")
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [{"id": f"n{i:05d}", "date": "2020-12-22", "text": "India and Japan signed a defence pact on Tuesday. Japan praised India. " * 6} for i in range(4000)]
    (folder / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "eventcode.cli", "code", str(folder), "-o", str(tmp_path / "o.csv"), "--no-cache", "-j", "2", "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.time() + 120
    while len(_children(proc.pid)) < 2 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.5)
    workers = _children(proc.pid)
    assert len(workers) >= 2, "the workers never started"
    time.sleep(1)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("interrupted")
    time.sleep(0.5)
    assert [w for w in workers if Path(f"/proc/{w}").exists() and "Z" not in (Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[0])] == []
    assert not (tmp_path / "o.csv").exists() and not (tmp_path / "o.csv.lock").exists()


# ---------------------------------------------------------------- 11. damaged store


@pytest.mark.parametrize("damage", ["truncated", "random", "sqlite"])
def test_11_damaged_store_is_named_with_a_hint(tmp_path, damage):
    from eventcode.store import EventStore, StoreError

    good = tmp_path / "good.duckdb"
    EventStore(good).close()
    bad = tmp_path / "bad.duckdb"
    if damage == "truncated":
        bad.write_bytes(good.read_bytes()[:5000])
    elif damage == "random":
        bad.write_bytes(os.urandom(20_000))
    else:
        with sqlite3.connect(bad) as db:
            db.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="rebuild|SQLite") as info:
        EventStore(bad)
    assert str(bad) in str(info.value) and "another process" not in str(info.value)


# ---------------------------------------------------------------- 12. corrupt cache, two workers


def test_12_second_worker_keeps_the_cache_the_first_rebuilt(nlp, tmp_path):
    from eventcode.cache import ParseCache, _identity

    first = ParseCache(nlp, tmp_path)
    path = first.path
    first.close()
    path.write_bytes(b"not a database" * 100)
    damaged = _identity(path)
    rebuilt = ParseCache(nlp, tmp_path)  # worker 1 sets the damaged file aside and rebuilds
    new = _identity(path)
    assert new != damaged
    second = ParseCache(nlp, tmp_path)
    second._ident = damaged  # worker 2 met the same damage through its own (older) connection
    second._reset("file is not a database")
    assert _identity(path) == new  # worker 1's rebuilt cache is still the cache
    rebuilt.close()
    second.close()


# ---------------------------------------------------------------- 13. memory flat in the number of events


def test_13_events_spilled_to_disk_give_the_same_bytes(coder, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [{"id": f"z{(i * 7919) % 97:03d}_{i}", "date": "2020-12-22", "text": "India and Japan signed a defence pact. Japan praised India. China criticised Japan."} for i in range(60)]
    (folder / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    code_to_csv([folder], tmp_path / "whole.csv", coder=coder, progress=False, spill_every=10**9)
    report = code_to_csv([folder], tmp_path / "spilled.csv", coder=coder, progress=False, spill_every=7)
    assert report.events > 7 * 3
    assert (tmp_path / "whole.csv").read_bytes() == (tmp_path / "spilled.csv").read_bytes()


def test_13_a_long_article_in_parts_gives_the_events_of_the_whole(coder, monkeypatch):
    import eventcode.pipeline as pipeline

    paragraphs = ["India and Japan signed a defence pact on Tuesday.", "Japan praised India on Monday, officials said.", "NEW DELHI: China criticised Japan over the islands."]
    text = "\n\n".join(f"{paragraphs[i % 3]} Item {i}." for i in range(90))
    article = Article(id="long", text=text, date=dt.date(2020, 12, 22))
    whole_report, parts_report = RunReport(), RunReport()
    whole = list(coder.code_articles([article], report=whole_report))
    monkeypatch.setattr(pipeline, "MAX_PART_CHARS", 600)
    assert len(list(coder._split_long([article]))) > 5
    parts = list(coder.code_articles([article], report=parts_report))
    # a text too long to code whole is no news report: its parts take no story news day
    # (eventcode.newsday), as they cannot see each other's dates; everything else is the same
    from dataclasses import replace

    from eventcode.dates import publication

    unstoried = [replace(e, date=publication(e.publication_date)) if e.date.method == "story" else e for e in whole]
    assert len(whole) > 30 and parts == unstoried
    assert parts_report.as_dict() == whole_report.as_dict()


def test_13_the_spill_holds_at_most_one_batch_in_memory(tmp_path):
    from eventcode.pipeline import _EventSpill
    from eventcode.records import Actor, Event, EventDate

    e = Event(article_id="a", sentence_index=0, source=Actor(code="IND"), target=Actor(code="JPN"), cameo_code="051", rule="r", verb_text="v", sentence="s", date=EventDate(date=None, precision="none", method="none"))
    with _EventSpill(tmp_path, 5) as spill:
        for i in range(23):
            spill.add(e)
            assert len(spill._buffer) < 5
        assert sum(1 for _ in spill.events()) == 23
    assert _files(tmp_path) == set()


# ---------------------------------------------------------------- 14. smaller defects


def test_14_json_of_the_wrong_type_is_refused_with_the_record(tmp_path):
    p = tmp_path / "a.jsonl"
    records = [{"id": None, "date": "2020-12-22", "text": "x"}, {"id": ["x"], "date": "2020-12-22", "text": "x"}, {"id": "b", "date": "2020-12-22", "text": ["x"]}, {"id": "c", "date": 20201222, "text": "x"}, {"id": 7, "date": "2020-12-22", "text": "India met Japan."}]
    p.write_text("\n".join(json.dumps(r) for r in records) + '\n{"id": "d", "text": "unterminated\n', encoding="utf-8")
    articles, problems = read_corpus([p])
    assert [a.id for a in articles] == ["7"]
    assert [pr.where for pr in problems] == [f"{p}:{n}" for n in (1, 2, 3, 4, 6)]
    assert "found an array" in problems[1].reason and "at at" not in problems[-1].reason


def test_14_dictionaries_check_lists_every_error(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tcode\tverb\tobject\ttarget\tflags\texample\nx1\t999\tmeet\t\t\t\t\nx2\t042\tvisit\t\t\tbogus\t\nx3\t\tgo\t\t\t\t\n", encoding="utf-8")
    result = runner.invoke(app, ["dictionaries", "check", "--verbs", str(bad)])
    assert result.exit_code == 1
    assert all(f"bad.tsv:{n}:" in result.output for n in (2, 3, 4)), result.output


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary" * 50, b"<xml>no records</xml>"])
def test_14_evaluate_refuses_empty_or_binary_xml(tmp_path, content):
    from eventcode.evaluate import read_gold

    p = tmp_path / "gold.xml"
    p.write_bytes(content)
    with pytest.raises(InputError, match="gold.xml"):
        read_gold(p)


def test_14_nothing_read_is_an_error_and_keeps_old_outputs(coder, tmp_path):
    out = tmp_path / "e.csv"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(NothingReadError):
        code_to_csv([tmp_path / "missing.txt"], out, coder=coder, progress=False)
    assert out.read_text(encoding="utf-8") == "old\n"
    result = runner.invoke(app, ["code", str(tmp_path / "missing.txt"), "-o", str(out), "--no-progress"])
    assert result.exit_code != 0 and result.output.count("no such file") == 1


def test_14_unread_files_in_a_folder_are_named(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for name in ("b.json", "c.html", "d.docx", "noext"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / ".hidden").write_text("x", encoding="utf-8")
    problems = [p for p in iter_corpus([tmp_path]) if isinstance(p, Problem)]
    assert sorted(Path(p.where).name for p in problems) == ["b.json", "c.html", "d.docx", "noext"]


@pytest.mark.slow
def test_14_each_problem_printed_once(corpus, tmp_path):
    (corpus / "bad.txt").write_text("no header, no date\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "eventcode.cli", "code", str(corpus), "-o", str(tmp_path / "o.csv"), "--no-progress"], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("no publication date") == 1, result.stderr


def test_14_negative_processes_refused_and_too_many_warned(corpus, tmp_path):
    result = runner.invoke(app, ["code", str(corpus), "-o", str(tmp_path / "o.csv"), "-j", "-1", "--no-progress"])
    assert result.exit_code == 2 and "not a number of processes" in result.output
    cores = os.cpu_count() or 1
    result = runner.invoke(app, ["code", str(corpus), "-o", str(tmp_path / "o.csv"), "-j", str(cores + 1), "--no-progress", "--no-cache"])
    assert result.exit_code == 0 and "more parser processes than" in result.output


@pytest.mark.slow
def test_14_user_error_gives_one_line_and_debug_the_traceback(tmp_path):
    gold = tmp_path / "g.csv"
    gold.write_text("id,date,text,source,target,code\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"\x00" * 100)
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    cmd = [sys.executable, "-m", "eventcode.cli", "code", str(src), "-o", str(tmp_path / "o.csv"), "--store", str(bad), "--no-progress"]
    plain = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert plain.returncode != 0 and "Traceback" not in plain.stderr and "bad.duckdb" in plain.stderr
    debug = subprocess.run(cmd + ["--debug"], capture_output=True, text=True, env=env, timeout=300)
    assert debug.returncode != 0 and "Traceback" in debug.stderr
