"""Linting the dictionaries: every problem named with its file and line, plus their sizes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .actions import NULL_CODE, VERB_FILE, build_verb_dictionary
from .actors import NAMED_FILES, PEOPLE_FILE, SECTOR_CODES_FILE, SECTOR_FILE, build_actor_dictionary, is_people_file
from .codebook import load_codebook
from .errors import DictionaryError
from .nominal import NOUN_FILE, build_noun_dictionary
from .tsv import Source, packaged, user_file


@dataclass
class LintReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sizes: dict[str, object] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def dictionary_hashes(sources: Sequence[Source]) -> dict[str, str]:
    return {s.name: s.sha256 for s in sources}


def check_dictionaries(actors: Sequence[str | Path] = (), verbs: Sequence[str | Path] = ()) -> LintReport:
    """Load every file on its own (so one bad file does not hide another) and then together."""
    report = LintReport()
    codebook = load_codebook()
    report.sizes["cameo_codes"] = len(codebook)
    try:
        sector_codes = packaged(SECTOR_CODES_FILE)
        sector_src = packaged(SECTOR_FILE)
        named = [packaged(f) for f in NAMED_FILES]
        people = [packaged(PEOPLE_FILE)]
        for p in actors:
            src = user_file(p)
            (people if is_people_file(src) else named).append(src)
        verb_sources = [packaged(VERB_FILE), *(user_file(p) for p in verbs)]
    except (DictionaryError, FileNotFoundError) as exc:
        report.errors.append(str(exc))
        return report
    for src in named:
        _try_each(report, src, lambda s: build_actor_dictionary([s], sector_src, sector_codes, []))
    for src in people:
        _try_each(report, src, lambda s: build_actor_dictionary([], sector_src, sector_codes, [s]))
    for src in verb_sources:
        _try_each(report, src, lambda s: build_verb_dictionary([s], codebook))
    actor_dict = _try(report, lambda: build_actor_dictionary(named, sector_src, sector_codes, people))
    verb_dict = _try(report, lambda: build_verb_dictionary(verb_sources, codebook))
    if actor_dict is not None:
        report.sizes.update(actor_dict.sizes())
        report.hashes.update(dictionary_hashes(actor_dict.sources))
        names = actor_dict.person_names
        for pattern, entries in actor_dict.named.items():
            if pattern in names:
                report.warnings.append(f"{entries[0].origin}: {pattern!r} is also the name of person {names[pattern]}")
        by_country = Counter(e.country for es in actor_dict.named.values() for e in es if e.country)
        report.sizes["countries_with_patterns"] = len(by_country)
    noun_dict = _try(report, lambda: build_noun_dictionary([packaged(NOUN_FILE)], codebook))
    if noun_dict is not None:
        report.sizes["event_nouns"] = len(noun_dict)
        report.sizes["named_events"] = len(noun_dict.names)
        report.hashes.update(dictionary_hashes(noun_dict.sources))
        for e in noun_dict.entries:
            if not e.example:
                report.warnings.append(f"{e.origin}: noun row {e.id} has no example sentence")
    if verb_dict is not None:
        report.sizes["verb_patterns"] = len(verb_dict)
        report.sizes["verb_patterns_per_root"] = verb_dict.per_root()
        report.hashes.update(dictionary_hashes(verb_dict.sources))
        missing = [f"{r:02d}" for r in range(1, 21) if f"{r:02d}" not in verb_dict.per_root()]
        if missing:
            report.errors.append(f"{VERB_FILE}: no patterns for CAMEO roots {missing}")
        report.sizes["verb_phrases"] = sum(len(p.phrases) for p in verb_dict.patterns)
        report.sizes["null_patterns"] = sum(p.code == NULL_CODE for p in verb_dict.patterns)
        for p in verb_dict.patterns:
            if not p.example:
                report.warnings.append(f"{p.origin}: pattern {p.id} has no example sentence")
            if p.code == NULL_CODE and not p.objects and not p.phrases and not any(v for _, v in p.verbs):
                # a bare null pattern never beats a coding pattern of the same verb: it does nothing
                report.warnings.append(f"{p.origin}: null pattern {p.id} has no object, phrase or particle, so it stops nothing")
    return report


def _try(report: LintReport, build):
    try:
        return build()
    except DictionaryError as exc:
        if str(exc) not in report.errors:
            report.errors.append(str(exc))
        return None


def _try_each(report: LintReport, source: Source, build) -> None:
    """Build one file; if that fails, build each data row on its own (with the header) so that
    every bad row is listed, not only the first, then the file as a whole again for errors
    between rows (a duplicate id)."""
    first = len(report.errors)
    if _try(report, lambda: build(source)) is not None:
        return
    del report.errors[first:]
    lines = source.text.splitlines()
    content = [i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    if not content:
        _try(report, lambda: build(source))
        return
    header = content[0]
    for i in content[1:]:
        one = Source(source.name, lines[header] + "\n" + lines[i] + "\n")
        try:
            build(one)
        except DictionaryError as exc:
            # the one-row file names line 2: put back the row's own line number
            message = str(exc).replace(f"{source.name}:2:", f"{source.name}:{i + 1}:", 1)
            if message not in report.errors:
                report.errors.append(message)
    if len(report.errors) == first:  # no row is wrong alone: the error is between rows or in the header
        _try(report, lambda: build(source))
