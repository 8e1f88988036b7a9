"""PETRARCH/TABARI dictionary import (eventcode.petrarch)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from eventcode.actors import NamedActor, Person
from eventcode.errors import DictionaryError
from eventcode.petrarch import (
    DEFAULT_TARGETS,
    convert_petrarch,
    file_kind,
    load_petrarch,
    read_actors,
    read_agents,
    read_discards,
    read_verbs,
)

from .conftest import shared_path

ACTORS = """\
<!-- TEST ACTORS -->
# a comment line
INDIA_  [IND]
+INDIAN_
+REPUBLIC_OF_INDIA  # trailing comment

NARENDRA_MODI_
+PM_MODI
\t[INDELI <140526]
\t[INDGOV >140525]
\t[INDELI]

JOHN_DOE_
\t[USAGOV 010120-170120]

GOLLUM
\t[HOB < 950601]
\t[HOBREB > 990816]

BOROMIR  [---]
"""

AGENTS = """\
!PERSON! = MAN, MEN
MINISTER_ [~GOV] # a comment
CONGRESS!PERSON! [~LEG]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
FOREIGN_MINISTER [~GOVFRM]
HUMAN_RIGHTS_BODY [NGO~]
"""

DISCARDS = """\
SOUTH_CHINA_SEA
+Manchester United   # story-level
"""

VERBS = """\
&TIETYPES
+MILITARY
+ECONOMIC

--- MEET  [---] ---
MEET
CONFER {CONFERS CONFERRED}
- * TALKS WITH + [040]
- * &TIETYPES TIES [046]
- * (WITH +) [036]
- + * [111]
- * % [031]

--- VISIT [042] ---
VISIT
+CALL_ON [020]
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_actors_synonyms_dates_people_and_unsupported(tmp_path):
    path = _write(tmp_path, "test.actors.txt", ACTORS)
    entries, problems = read_actors(path)
    named = {(e.pattern, e.start): e for e in entries if isinstance(e, NamedActor)}
    people = {p.id: p for p in entries if isinstance(p, Person)}
    # synonyms, lowercase (case-insensitive in our matcher), underscores → spaces
    for pattern in ("india", "indian", "republic of india"):
        assert named[(pattern, None)].code == "IND"
        assert named[(pattern, None)].origin == "test.actors.txt:3"
    # country + one sector per dated code, elite default → a Person with roles
    modi = people["narendra_modi"]
    assert modi.names == ("narendra modi", "pm modi") and modi.country == "IND"
    assert [(r.sector, r.start, r.end) for r in modi.roles] == [
        ("ELI", None, dt.date(2014, 5, 25)),
        ("GOV", dt.date(2014, 5, 26), None),
    ]
    assert modi.code_on(dt.date(2020, 1, 1))[0] == "INDGOV"
    assert modi.code_on(dt.date(2010, 1, 1))[0] == "INDELI"
    # a range
    doe = people["john_doe"].roles[0]
    assert (doe.sector, doe.start, doe.end) == ("GOV", dt.date(2001, 1, 20), dt.date(2017, 1, 20))
    # codes of different countries/sectors over time → dated named entries
    gollum = [e for e in entries if isinstance(e, NamedActor) and e.pattern == "gollum"]
    assert [(e.code, e.end) for e in gollum][0] == ("HOB", dt.date(1995, 5, 31))
    assert gollum[1].start == dt.date(1999, 8, 17)
    assert gollum[1].code == "HOBREB"
    # "[---]" cannot be represented: reported with file and line
    bad = [p for p in problems if not p.note]
    assert [(p.file, p.line) for p in bad] == [("test.actors.txt", 20)]
    assert "---" in bad[0].text


def test_agents(tmp_path):
    path = _write(tmp_path, "test.agents.txt", AGENTS)
    rows, problems = read_agents(path)
    sectors = {r.pattern: r.sector for r in rows}
    assert sectors == {
        "minister": "GOV",
        "congressman": "LEG",
        "congressmen": "LEG",
        "attorney general": "JUD",
        "attorneys general": "JUD",
        "foreign minister": "GOVFRM",  # a compound sector
    }
    assert {(p.line, p.reason) for p in problems} == {(6, "primary agent code (code~)")}
    assert all(p.file == "test.agents.txt" for p in problems)


def test_discards(tmp_path):
    path = _write(tmp_path, "test.discards.txt", DISCARDS)
    entries, problems = read_discards(path)
    # PETRARCH's discards stop coding: of the sentence, or (marked "+") of the whole story
    assert [(e.pattern, e.kind, e.code) for e in entries] == [
        ("south china sea", "skip_sentence", ""),
        ("manchester united", "skip_story", ""),
    ]
    assert not problems


def test_verbs(tmp_path):
    path = _write(tmp_path, "test.verbs.txt", VERBS)
    patterns, problems = read_verbs(path)
    by_id = {p.id: p for p in patterns}
    talks = by_id["petr:meet:8"]
    assert talks.code == "040"
    assert talks.verbs == (("meet", ""), ("confer", ""), ("confers", ""), ("conferred", ""))
    # patterns become linear phrases; "+" marks where the target is, the rest are words
    assert [str(p) for p in talks.phrases] == ["* talks with +"]
    assert talks.targets == DEFAULT_TARGETS  # used only when a phrase has no "+"
    ties = by_id["petr:meet:9"]
    assert {str(p) for p in ties.phrases} == {"* military ties", "* economic ties"}  # synset expanded
    assert [str(p) for p in by_id["petr:meet:10"].phrases] == ["* with +"]  # grouping brackets dropped
    assert [str(p) for p in by_id["petr:meet:11"].phrases] == ["+ *"]  # a target before the verb
    # bare verbs with the block's or their own code; "+CALL_ON" is verb + particle
    assert by_id["petr:visit:15"].verbs == (("visit", ""),) and by_id["petr:visit:15"].code == "042"
    assert by_id["petr:visit:16"].verbs == (("call", "on"),) and by_id["petr:visit:16"].code == "020"
    # MEET's block code is "---": its verbs give no bare pattern
    assert not any(p.id in ("petr:meet:6", "petr:meet:7") for p in patterns)
    # after the verb a compound actor is just the target
    assert [str(p) for p in by_id["petr:meet:12"].phrases] == ["* +"]
    assert not problems


def test_verbs_paired_null_and_unknown_codes(tmp_path):
    path = _write(tmp_path, "test.verbs.txt", """\
--- ARRIVE [032:033] ---
ARRIVE
- * (FOR TALKS) [031:031]
- PEACE-KEEPING * [---]
- SAID_* [904]
- NOT * [112]
- % HAVE * [191]
""")
    patterns, problems = read_verbs(path)
    by_line = {int(p.id.rsplit(":", 1)[1]): p for p in patterns}
    # [X:Y]: source→target X and target→source Y; [X:X] is also a joint action
    assert (by_line[2].code, by_line[2].reverse, by_line[2].symmetric) == ("032", "033", False)
    assert (by_line[3].code, by_line[3].reverse, by_line[3].symmetric) == ("031", "031", True)
    # "---" and codes the CAMEO codebook lacks become null patterns: they fit but code nothing
    assert by_line[4].code == by_line[5].code == "---"
    assert [str(p) for p in by_line[5].phrases] == ["said_*"]
    assert [(p.line, p.note) for p in problems] == [(5, True)]
    assert "904" in problems[0].reason and "null pattern" in problems[0].reason
    assert [str(p) for p in by_line[6].phrases] == ["not *"] and by_line[6].code == "112"
    assert [str(p) for p in by_line[7].phrases] == ["% have *"]  # a compound actor acting on itself


def test_load_petrarch_from_directory(tmp_path):
    for name, text in [
        ("test.actors.txt", ACTORS),
        ("test.agents.txt", AGENTS),
        ("test.discards.txt", DISCARDS),
        ("test.verbs.txt", VERBS),
        ("README.md", "not a dictionary"),
    ]:
        _write(tmp_path, name, text)
    assert [file_kind(tmp_path / n) for n in ("test.actors.txt", "test.verbs.txt", "CAMEO.2.0.txt", "x.md")] == [
        "actors", "verbs", "verbs", ""
    ]
    actors, verbs, problems = load_petrarch(tmp_path)
    assert actors.named_on("india", dt.date(2020, 1, 1)).code == "IND"
    assert actors.named["south china sea"][0].kind == "skip_sentence"
    assert actors.sectors["minister"][0] == "GOV"
    assert "narendra_modi" in actors.people
    assert "petr:meet:8" in {p.id for p in verbs.by_lemma["meet"]}
    assert len(verbs) == 7
    assert sum(not p.note for p in problems) == 2
    written, _ = convert_petrarch(tmp_path, tmp_path / "out")
    assert {p.name for p in written} >= {"test.actors.actors.tsv", "test.verbs.verbs.tsv", "PETRARCH_agents.sectors.tsv"}


def test_a_file_with_nothing_to_import_is_an_error_naming_its_first_bad_line(tmp_path):
    good = _write(tmp_path, "ok.agents.txt", "GENERAL_ [~MIL]\n")
    empty = _write(tmp_path, "empty.discards.txt", "# only a comment\n")
    with pytest.raises(DictionaryError, match=r"empty\.discards\.txt: nothing could be imported from this PETRARCH discard file; it holds no entries$"):
        load_petrarch([good, empty])
    bad = _write(tmp_path, "bad.agents.txt", "\nCLERK_ [CLK]\nSCRIBE_\n")
    with pytest.raises(DictionaryError, match=r"PETRARCH agent file; 2 line\(s\) not understood, first bad\.agents\.txt:2: agent code without '~'$"):
        load_petrarch([good, bad])


REAL_FILES = [
    "PETR.Validate.actors.txt",
    "PETR.Validate.agents.txt",
    "PETR.Validate.discards.txt",
    "PETR.Validate.verbs.txt",
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt",
    "Phoenix.discards.txt",
    "CAMEO.2.0.txt",
]
READERS = {"actors": read_actors, "agents": read_agents, "discards": read_discards, "verbs": read_verbs}


@pytest.mark.parametrize("name", REAL_FILES)
def test_real_file_reads(name):
    path = shared_path("reference", "petrarch", name)
    rows, problems = READERS[file_kind(path)](path)
    unsupported = [p for p in problems if not p.note]
    reasons = Counter(re.sub(r"'[^']*'|\[[^\]]*\]", "X", p.reason) for p in unsupported)
    print(f"\n{name}: imported {len(rows)}, unsupported {len(unsupported)}, notes {len(problems) - len(unsupported)}")
    for reason, n in reasons.most_common(6):
        print(f"  {n:5d}  {reason}")
    assert rows
    assert all(p.file == name and p.line > 0 and p.reason for p in problems)
    if not name.startswith("PETR.Validate.verbs"):  # the validation verbs are mostly WEIS codes
        assert len(unsupported) < len(rows)


def test_real_directory_builds_dictionaries():
    directory = shared_path("reference", "petrarch")
    actors, verbs, problems = load_petrarch(directory)
    sizes = actors.sizes()
    assert sizes["named_patterns"] > 20000 and sizes["people"] > 1000 and sizes["discards"] > 100
    assert sizes["sector_patterns"] > 1000
    assert len(verbs) > 3000
    assert any(p.note and "added to the sector list" in p.reason for p in problems)


def test_end_to_end_petr_validate(nlp):
    base = shared_path("reference", "petrarch")
    from eventcode.pipeline import EventCoder

    actors, verbs, _ = load_petrarch(
        [base / f"PETR.Validate.{kind}.txt" for kind in ("actors", "agents", "discards", "verbs")]
    )
    coder = EventCoder(nlp=nlp, actor_dictionary=actors, verb_dictionary=verbs)
    # PETR.UnitTest.records.xml, AGENTS-17 and AGENTS-10 (pattern "- * DIPLOMATIC TIES [064]" of RESTORE)
    records = (base / "PETR.UnitTest.records.xml").read_text(encoding="utf-8")
    for text, expected in [
        ("Washington security officials are about to restore full diplomatic ties with Gondor.", ("USAGOV", "GON", "064")),
        ("Arnor security officials are about to restore full diplomatic ties with Gondor police.", ("ARNGOV", "GONCOP", "064")),
    ]:
        assert text in " ".join(records.split())
        events = coder.code_text(text, dt.date(1995, 1, 1))
        assert expected in {(e.source.code, e.target.code, e.cameo_code) for e in events}
        assert all(e.rule.startswith("petr:restore:") for e in events)


def test_actor_codes_of_several_actors_and_coined_sectors(tmp_path):
    path = _write(tmp_path, "mini.actors.txt", "THE_SHIRE [FRO/BIL/SAM]\nSAM_GAMGEE [HOB]\n\t[HOBCIV <20080120]\n")
    actors, _, problems = load_petrarch([path])
    assert actors.named_on("the shire", None).codes == ("FRO", "BIL", "SAM")
    # "CIV" is not an eventcode sector: it is added (with a note) rather than cut off
    assert actors.named_on("sam gamgee", dt.date(2007, 1, 1)).code == "HOBCIV"
    assert actors.named_on("sam gamgee", dt.date(2009, 1, 1)).code == "HOB"
    assert [(p.line, p.note) for p in problems if "CIV" in p.reason] == [(3, True)]


def test_verb_lines_forms_compounds_and_glued_synsets(tmp_path):
    path = _write(tmp_path, "test.verbs.txt", """\
&TIETYPES
+MILITARY
+ECONOMIC

--- EXCLUDE  [1721] ---
EXCLUDE
+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF}
WIRE_+TAP {WIRE_+TAPPED} [1711]
LASH OUT [111]
- WILL NOT * [081]
- * &TIETYPES_MEMOS [084]
""")
    patterns, problems = read_verbs(path)
    assert not problems
    by_line: dict[int, list] = {}
    for p in patterns:
        by_line.setdefault(int(p.id.split(":")[2].split(".")[0]), []).append(p)
    # inflected forms in braces are verbs of their own (eventcode matches them as written)
    assert by_line[7][0].verbs == (("cordon", "off"), ("cordoned", "off"), ("cordons", "off"))
    # words before "_+VERB" become a phrase on the verb
    assert [(p.verbs, [str(x) for x in p.phrases]) for p in by_line[8]] == [((("tap", ""),), ["wire_*"]), ((("tapped", ""),), ["wire_*"])]
    assert by_line[9][0].verbs == (("lash", "out"),) and by_line[9][0].code == "111"
    # block patterns apply to the simple verbs, and to each compound with its words
    assert [str(x) for x in by_line[10][0].phrases] == ["will not *"]
    assert {str(x) for p in by_line[10][1:] for x in p.phrases} == {"will not wire_*"}
    # "&TIETYPES_MEMOS": the synset, then the next word glued on
    assert {str(x) for x in by_line[11][0].phrases} == {"* military_memos", "* economic_memos"}
