"""The CAMEO event codebook: code → name, root, QuadClass (GDELT and Phoenix), Goldstein weight."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import DictionaryError

QUAD_SCHEMES = ("gdelt", "phoenix")

QUAD_NAMES = {
    "gdelt": {
        1: "verbal cooperation",
        2: "material cooperation",
        3: "verbal conflict",
        4: "material conflict",
    },
    "phoenix": {
        0: "neutral",
        1: "verbal cooperation",
        2: "material cooperation",
        3: "verbal conflict",
        4: "material conflict",
    },
}

_COLUMNS = ["code", "name", "root", "quad_gdelt", "quad_phoenix", "goldstein", "goldstein_source"]


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    root: str
    quad_gdelt: int
    quad_phoenix: int
    goldstein: float
    goldstein_source: str

    def quad_class(self, scheme: str = "gdelt") -> int:
        if scheme == "gdelt":
            return self.quad_gdelt
        if scheme == "phoenix":
            return self.quad_phoenix
        raise ValueError(f"unknown QuadClass scheme {scheme!r}; expected one of {QUAD_SCHEMES}")


class Codebook(Mapping[str, CameoCode]):
    """Read-only mapping of CAMEO code strings to :class:`CameoCode`.

    Codes are strings: ``codebook["041"]`` works, ``codebook[41]`` raises a ``KeyError`` that
    says why, because an integer code has lost its leading zero and may denote another code.
    """

    def __init__(self, codes: Mapping[str, CameoCode], origin: str = "") -> None:
        self._codes = dict(codes)
        self.origin = origin

    def __getitem__(self, code: str) -> CameoCode:
        if not isinstance(code, str):
            raise KeyError(
                f"CAMEO codes are strings such as '041'; got {code!r} ({type(code).__name__}), "
                "which may have lost a leading zero"
            )
        try:
            return self._codes[code]
        except KeyError:
            raise KeyError(f"{code!r} is not a CAMEO code in {self.origin or 'the codebook'}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


def parse_codebook(text: str, origin: str) -> Codebook:
    rows = csv.reader(
        (line for line in io.StringIO(text) if not line.startswith("#")), delimiter="\t"
    )
    header = next(rows, None)
    if header != _COLUMNS:
        raise DictionaryError(f"{origin}: header must be {_COLUMNS}, found {header}")
    codes: dict[str, CameoCode] = {}
    for lineno, row in enumerate(rows, start=2):
        where = f"{origin}: row {lineno}"
        if len(row) != len(_COLUMNS):
            raise DictionaryError(f"{where}: expected {len(_COLUMNS)} columns, found {len(row)}")
        code, name, root, qg, qp, gold, src = row
        if not (code.isdigit() and 2 <= len(code) <= 4 and code[:2] == root):
            raise DictionaryError(f"{where}: bad code/root {code!r}/{root!r}")
        if code in codes:
            raise DictionaryError(f"{where}: duplicate code {code!r}")
        try:
            weight = float(gold)
        except ValueError:
            raise DictionaryError(f"{where}: Goldstein weight {gold!r} is not a number") from None
        if not -10.0 <= weight <= 10.0:
            raise DictionaryError(f"{where}: Goldstein weight {weight} outside -10..10")
        codes[code] = CameoCode(code, name, root, int(qg), int(qp), weight, src)
    return Codebook(codes, origin)


@lru_cache(maxsize=1)
def load_codebook() -> Codebook:
    """The packaged codebook (read once; the returned mapping is read-only)."""
    path = resources.files("eventcode.resources").joinpath("cameo_codebook.tsv")
    return parse_codebook(path.read_text(encoding="utf-8"), "cameo_codebook.tsv")
