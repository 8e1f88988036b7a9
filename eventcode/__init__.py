"""eventcode: news articles in, CAMEO event records out.

>>> import eventcode
>>> events = eventcode.code_text("India and Japan signed a pact on Tuesday.", date="2020-12-22")  # doctest: +SKIP
>>> eventcode.events_to_frame(events)  # doctest: +SKIP
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eventcode")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

from .actions import load_verbs  # noqa: E402
from .actors import load_actors  # noqa: E402
from .codebook import load_codebook  # noqa: E402
from .corpus import iter_corpus, read_corpus  # noqa: E402
from .export import EVENT_COLUMNS, events_to_frame, read_events, read_events_csv  # noqa: E402
from .pipeline import EventCoder, RunReport, code_articles, code_text  # noqa: E402
from .records import Actor, Article, Event, EventDate, Problem  # noqa: E402

__all__ = [
    "EVENT_COLUMNS",
    "Actor",
    "Article",
    "Event",
    "EventCoder",
    "EventDate",
    "Problem",
    "RunReport",
    "__version__",
    "code_articles",
    "code_text",
    "events_to_frame",
    "iter_corpus",
    "load_actors",
    "load_codebook",
    "load_verbs",
    "read_corpus",
    "read_events",
    "read_events_csv",
]
