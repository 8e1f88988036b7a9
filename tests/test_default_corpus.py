"""End to end on the shipped India–Japan sample corpus."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from eventcode.cli import app
from eventcode.corpus import read_corpus

from .conftest import ROOT

CORPUS = ROOT / "data" / "corpus"


def test_corpus_meets_its_description():
    articles, problems = read_corpus([CORPUS])
    assert not problems, problems[:3]
    assert len(articles) >= 150
    assert len({a.date.year for a in articles}) >= 20
    assert all(a.publisher == "eventcode sample corpus" and a.url.startswith("http") for a in articles)


@pytest.mark.slow
def test_main_job_is_byte_reproducible_and_codes_the_corpus(tmp_path):
    """Run the main job twice in fresh folders: events CSV, tables and figures are identical bytes."""
    outs = []
    for name in ("one", "two"):
        out = tmp_path / name
        result = CliRunner().invoke(app, ["run", "--corpus", str(CORPUS), "--out", str(out), "--no-progress"])
        assert result.exit_code == 0, result.output
        outs.append(out)
    files = sorted(p.relative_to(outs[0]) for p in outs[0].rglob("*") if p.is_file())
    assert {f.suffix for f in files} >= {".csv", ".png", ".svg", ".json"}
    assert any(f.parts[0] == "tables" for f in files) and any(f.parts[0] == "figures" for f in files)
    for f in files:
        assert (outs[0] / f).read_bytes() == (outs[1] / f).read_bytes(), f"{f} differs between runs"
    df = pd.read_csv(outs[0] / "events.csv", dtype=str, keep_default_na=False)
    articles, _ = read_corpus([CORPUS])
    dyad = df[df.source_country.isin(["IND", "JPN"]) & df.target_country.isin(["IND", "JPN"]) & (df.source_country != df.target_country)]
    # Every report is about India and Japan: most should yield at least one India–Japan event.
    coverage = dyad.article_id.nunique() / len(articles)
    print(f"\n[default corpus] {len(df)} events, {len(dyad)} India–Japan, articles with an India–Japan event: {coverage:.0%}")
    assert coverage >= 0.6
    assert set(df.cameo_code.str[:2]) & {"11", "12", "16"}, "the frictions should code as conflict too"
    yearly = pd.read_csv(outs[0] / "tables" / "ind_jpn_year.csv")
    assert yearly["events"].sum() > 0 and len(yearly) == yearly["period"].nunique()
