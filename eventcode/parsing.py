"""Parsing sentence units, in this process or on every core.

The pipeline hands over batches of sentence texts and collects the parsed Docs later, so that
with several processes the parser works on the next batches while this process codes the last
one. Worker processes load the model once and send parses back as ``DocBin`` bytes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Pending = Callable[[], list["Doc"]]


def resolve_processes(n_process: int) -> int:
    """``n_process`` ≤ 0 means every core."""
    return max(1, os.cpu_count() or 1) if n_process <= 0 else n_process


class LocalParser:
    """Parses in this process (``nlp.pipe``)."""

    def __init__(self, nlp: Language, batch_size: int = 256) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    def submit(self, texts: Sequence[str]) -> Pending:
        docs = list(self.nlp.pipe(texts, batch_size=self.batch_size)) if texts else []
        return lambda: docs

    def close(self) -> None:
        pass


# One pipeline per worker process, set by the pool initializer; never used in the main process.
_worker_nlp: Language | None = None


def _init_worker(model: Language | str) -> None:
    global _worker_nlp
    from .model import load_model

    _worker_nlp = load_model(model) if isinstance(model, str) else model


def _parse_in_worker(texts: list[str], batch_size: int) -> bytes:
    from spacy.tokens import DocBin

    assert _worker_nlp is not None
    return DocBin(docs=_worker_nlp.pipe(texts, batch_size=batch_size)).to_bytes()


class PoolParser:
    """Parses on ``n_process`` worker processes; results come back in submission order.

    Under ``fork`` the workers inherit this process's pipeline as it is; elsewhere they load
    ``model`` by name.
    """

    def __init__(self, nlp: Language, model: str, n_process: int, batch_size: int = 256) -> None:
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.nlp = nlp
        self.n_process = n_process
        self.batch_size = batch_size
        self._pool = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context(method), initializer=_init_worker, initargs=(nlp if method == "fork" else model,))

    def submit(self, texts: Sequence[str]) -> Pending:
        from spacy.tokens import DocBin

        texts = list(texts)
        step = max(1, -(-len(texts) // self.n_process))
        futures = [self._pool.submit(_parse_in_worker, texts[i : i + step], self.batch_size) for i in range(0, len(texts), step)]

        def collect() -> list[Doc]:
            docs: list[Doc] = []
            for f in futures:
                docs.extend(DocBin().from_bytes(f.result()).get_docs(self.nlp.vocab))
            return docs

        return collect

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)
