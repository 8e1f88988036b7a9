"""Coding a corpus on a Dask cluster (``dask.distributed``), with the same output as a local run.

The driver reads the corpus, sends batches of articles to the workers, and yields the events
back in input order, so the events (and the CSV written from them) equal
:meth:`EventCoder.code_articles` on one machine. Each worker builds one
:class:`~eventcode.pipeline.EventCoder` when it joins (a :class:`distributed.WorkerPlugin`)
and reuses it for every batch: loading spaCy takes seconds, coding a batch less.

User dictionary files are read on the driver and their *contents* travel to the workers, so
they need not exist on the worker machines. The spaCy model and eventcode itself must be
installed on every worker (same eventcode version; a mismatch is an error, not a silent
difference in the output).

Memory stays bounded: only a window of batches is in flight at a time, so a corpus of any size
streams through.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .actions import VerbDictionary, load_verbs
from .actors import ActorDictionary, load_actors
from .errors import EventcodeError
from .model import ENV_VAR
from .pipeline import EventCoder, RunReport
from .records import Article, Event, Problem
from .tsv import Source, user_file

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger(__name__)

#: Seconds to wait for a remote scheduler before giving up.
DEFAULT_TIMEOUT = 10.0
INSTALL_HINT = "pip install 'eventcode[dask]'"


def _require_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise EventcodeError(
            f"--engine dask needs dask.distributed, which is not installed ({exc}); install it with `{INSTALL_HINT}`"
        ) from None
    return distributed


# --------------------------------------------------------------------------- worker side


@dataclass(frozen=True, slots=True)
class CoderSpec:
    """Everything a worker needs to build the driver's coder; small and picklable.

    ``actor_sources``/``verb_sources`` are the user files' names (absolute paths, as
    ``load_actors``/``load_verbs`` name them, so provenance columns match a local run) and texts.
    """

    model: str | None
    actor_sources: tuple[Source, ...]
    verb_sources: tuple[Source, ...]
    version: str
    options: tuple[tuple[str, Any], ...] = ()  # further EventCoder keyword options

    @property
    def key(self) -> str:
        h = hashlib.sha256(f"{self.model}\0{self.version}\0{self.options!r}".encode())
        for s in (*self.actor_sources, "\1", *self.verb_sources):
            h.update(s.encode() if isinstance(s, str) else f"\0{s.name}\0{s.text}".encode())
        return f"eventcode-coder-{h.hexdigest()[:16]}"


def build_dictionaries(spec: CoderSpec) -> tuple[ActorDictionary, VerbDictionary]:
    """The dictionaries ``load_actors``/``load_verbs`` would build, from file contents, not
    paths (the same layering functions)."""
    from .actions import verbs_with
    from .actors import actors_with

    return actors_with(spec.actor_sources), verbs_with(spec.verb_sources)


try:  # importing this module must not need dask: the error comes when a cluster is asked for
    from distributed import WorkerPlugin as _PluginBase
except ImportError:
    _PluginBase = object  # type: ignore[assignment,misc]


class CoderPlugin(_PluginBase):  # type: ignore[misc,valid-type]
    """Builds one EventCoder per worker process when the worker starts (or joins) and keeps it."""

    idempotent = True  # a second run with the same spec reuses the loaded coder

    def __init__(self, spec: CoderSpec) -> None:
        self.spec = spec
        self.name = spec.key
        self.coder: EventCoder | None = None
        self.lock: threading.Lock | None = None  # made on the worker (a lock does not pickle)

    def setup(self, worker: Any) -> None:
        from . import __version__

        if __version__ != self.spec.version:
            raise EventcodeError(
                f"worker {worker.address} has eventcode {__version__} but the driver has "
                f"{self.spec.version}; install the same version everywhere"
            )
        actor_dictionary, verb_dictionary = build_dictionaries(self.spec)
        # spaCy pipelines are not promised to be thread-safe: a worker started with several
        # threads codes one batch at a time (README: use --nthreads 1 and more processes)
        self.lock = threading.Lock()
        self.coder = EventCoder(
            self.spec.model, actor_dictionary=actor_dictionary, verb_dictionary=verb_dictionary, **dict(self.spec.options)
        )


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a worker sends back for one batch: the events and the batch's share of the report."""

    events: list[Event]
    report: RunReport
    model: tuple[str, str]


def _plugin_on_worker(plugin_name: str, worker: Any = None) -> CoderPlugin:
    if worker is None:
        from distributed import get_worker

        worker = get_worker()
    plugin = worker.plugins.get(plugin_name)
    if plugin is None or plugin.coder is None or plugin.lock is None:
        raise EventcodeError(f"worker {worker.address} has no eventcode coder {plugin_name} (its setup failed; see the worker's log)")
    return plugin


def _code_batch(plugin_name: str, articles: list[Article]) -> BatchResult:
    """The task: code one batch with this worker's coder."""
    plugin = _plugin_on_worker(plugin_name)
    report = RunReport()
    with plugin.lock:
        events = list(plugin.coder.code_articles(articles, report=report))
    return BatchResult(events, report, plugin.coder.model)


def _worker_model(plugin_name: str, dask_worker: Any = None) -> tuple[str, str]:
    """Run on every worker by ``Client.run``, which passes the worker as ``dask_worker``."""
    return _plugin_on_worker(plugin_name, dask_worker).coder.model


# --------------------------------------------------------------------------- driver side


def _default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class DaskCoder:
    """A drop-in for :class:`EventCoder` in a run: ``code_articles``, ``model``, the dictionaries.

    Parameters
    ----------
    model, actors, verbs:
        as for :class:`EventCoder`. The model name (else the driver's ``$EVENTCODE_MODEL``)
        is loaded on each worker; user dictionary files are read here and shipped by content.
    scheduler:
        a scheduler address (``tcp://host:8786``); ``None`` starts a :class:`LocalCluster`
        on this machine (one single-threaded worker process per CPU) for the coder's lifetime.
    client:
        an existing :class:`distributed.Client` to use instead (never closed by this object).
    n_workers:
        worker processes for the local cluster (default: the CPUs available).
    timeout:
        seconds to wait for a remote scheduler.
    options:
        further :class:`EventCoder` keyword options (e.g. ``prescan=False``), applied on the
        workers; they must be picklable.

    Use it as a context manager (or call :meth:`close`) so that a local cluster is shut down.
    """

    def __init__(
        self,
        model: str | None = None,
        actors: Sequence[str | Path] = (),
        verbs: Sequence[str | Path] = (),
        *,
        scheduler: str | None = None,
        client: Client | None = None,
        n_workers: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        **options: Any,
    ) -> None:
        from . import __version__

        distributed = _require_distributed()
        # Load the dictionaries here first: a bad file fails before any cluster starts, its
        # error names the user's path, and the run's metadata gets the same hashes as locally.
        self.actor_dictionary = load_actors(actors)
        self.verb_dictionary = load_verbs(verbs)
        self.spec = CoderSpec(
            model=model or os.environ.get(ENV_VAR) or None,
            actor_sources=tuple(user_file(Path(p).resolve()) for p in actors),
            verb_sources=tuple(user_file(Path(p).resolve()) for p in verbs),
            version=__version__,
            options=tuple(sorted(options.items())),
        )
        self._cluster: Any = None
        self._own_client = client is None
        if client is not None:
            self.client = client
        elif scheduler is None:
            self._cluster = distributed.LocalCluster(
                n_workers=n_workers or _default_workers(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self.client = distributed.Client(self._cluster)
        else:
            try:
                self.client = distributed.Client(scheduler, timeout=timeout)
            except (OSError, TimeoutError) as exc:
                raise EventcodeError(
                    f"could not reach the Dask scheduler at {scheduler} within {timeout:g} s ({exc}); "
                    "is `dask scheduler` running there and the port open?"
                ) from None
        try:
            self._register()
        except BaseException:
            self.close()
            raise

    def _register(self) -> None:
        plugin = CoderPlugin(self.spec)
        try:
            self.client.register_plugin(plugin, name=self.spec.key)
        except Exception as exc:
            # Forget the failed plugin, or an idempotent re-registration after the user fixes
            # the workers would be skipped and every task would find no coder.
            try:
                self.client.unregister_worker_plugin(self.spec.key)
            except Exception:  # noqa: BLE001 - already gone, or never got there
                pass
            if isinstance(exc, (ImportError, AttributeError)):
                raise EventcodeError(f"the Dask workers cannot load eventcode ({exc}); install eventcode on every worker") from exc
            if isinstance(exc, EventcodeError):
                raise type(exc)(f"on a Dask worker: {exc}") from exc
            raise
        models = set(self.client.run(_worker_model, self.spec.key).values())
        if len(models) > 1:
            raise EventcodeError(f"the Dask workers loaded different spaCy models {sorted(models)}; install the same model everywhere")
        self._model: tuple[str, str] | None = models.pop() if models else None

    @property
    def model(self) -> tuple[str, str]:
        """The workers' spaCy model ``(name, version)``, for the run's metadata."""
        if self._model is None:
            raise EventcodeError("the Dask cluster has no workers")
        return self._model

    def _window(self) -> int:
        return max(2, 2 * sum(self.client.nthreads().values()))

    def code_articles(
        self,
        articles: Iterable[Article | Problem],
        *,
        report: RunReport | None = None,
        progress: bool = False,
        total: int | None = None,
        batch_size: int = 64,
        window: int | None = None,
    ) -> Iterator[Event]:
        """Code a stream of articles on the cluster; events come back in input order.

        ``batch_size`` articles make one task; at most ``window`` tasks (default: twice the
        cluster's threads) are in flight or waiting to be yielded, which bounds memory on the
        driver and the cluster. Problems in the stream go to ``report`` as in a local run.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        report = report if report is not None else RunReport()
        window = window or self._window()
        pending: deque[tuple[Any, int]] = deque()
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=total, unit="article", desc="coding (dask)", mininterval=0.5)

        def submit(batch: list[Article]) -> None:
            pending.append((self.client.submit(_code_batch, self.spec.key, batch, pure=False), len(batch)))

        def collect() -> list[Event]:
            future, n = pending.popleft()
            result: BatchResult = future.result()
            if self._model is not None and result.model != self._model:
                raise EventcodeError(f"a Dask worker used spaCy model {result.model}, the others {self._model}")
            report.merge(result.report)
            if bar is not None:
                bar.update(n)
            return result.events

        try:
            batch: list[Article] = []
            for item in articles:
                if isinstance(item, Problem):
                    report.problems.append(item)
                    log.warning("%s", item)
                    continue
                batch.append(item)
                if len(batch) >= batch_size:
                    submit(batch)
                    batch = []
                    while len(pending) >= window:
                        yield from collect()
            if batch:
                submit(batch)
            while pending:
                yield from collect()
        finally:
            for future, _ in pending:  # stopped early or failed: free the cluster
                future.cancel()
            if bar is not None:
                bar.close()

    def close(self) -> None:
        """Close the client and the local cluster, if this object started them."""
        if self._own_client and getattr(self, "client", None) is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def code_articles_dask(
    items: Iterable[Article | Problem],
    *,
    model: str | None = None,
    actors: Sequence[str | Path] = (),
    verbs: Sequence[str | Path] = (),
    scheduler: str | None = None,
    client: Client | None = None,
    report: RunReport | None = None,
    progress: bool = False,
    total: int | None = None,
    batch_size: int = 64,
    n_workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    **options: Any,
) -> Iterator[Event]:
    """Code ``items`` on a Dask cluster: the same events, in the same order, as a local run.

    A one-call wrapper around :class:`DaskCoder` that connects (or starts a local cluster),
    streams the events, and shuts down what it started, even if the caller stops early.
    The connection is made on the first ``next()``.
    """
    with DaskCoder(model, actors, verbs, scheduler=scheduler, client=client, n_workers=n_workers, timeout=timeout, **options) as coder:
        yield from coder.code_articles(items, report=report, progress=progress, total=total, batch_size=batch_size)
