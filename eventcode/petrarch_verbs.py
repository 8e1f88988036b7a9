"""Reader of PETRARCH verb dictionaries: synsets, pattern expansion and event codes (the
mapping: :mod:`eventcode.petrarch`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from .actions import NULL_CODE, Phrase, VerbPattern
from .codebook import Codebook, load_codebook
from .errors import DictionaryError
from .petrarch_actors import CODE_BRACKET, Unsupported, dictionary_lines

__all__ = ["DEFAULT_TARGETS", "MAX_EXPANSIONS", "read_verbs"]

# target slots tried when a PETRARCH pattern does not place the target with "+"
DEFAULT_TARGETS = ("dobj", "dative", "with", "between", "to", "against", "on", "at", "for", "from", "ccomp", "after")
MAX_EXPANSIONS = 200


class _Unsup(Exception):
    pass


_SYNSET_REF = re.compile(r"&[A-Za-z0-9_]+")


def _expand(text: str, synsets: dict[str, list[str]], depth: int = 0) -> list[str]:
    """All texts with every ``&SYNSET`` replaced by one of its members (members may nest)."""
    if depth > 5:
        raise _Unsup("synsets nested too deeply")
    m = _SYNSET_REF.search(text)
    if m is None:
        return [text]
    # "&TIETYPES_MEMOS": the longest known synset name, then "_" glues on the next word
    parts = m.group(0)[1:].upper().split("_")
    k = next((k for k in range(len(parts), 0, -1) if "&" + "_".join(parts[:k]) in synsets), 0)
    if not k:
        raise _Unsup(f"unknown synset {m.group(0)}")
    name = "&" + "_".join(parts[:k])
    end = m.start() + len(name)
    out: list[str] = []
    for member in synsets[name]:
        for filled in _expand(member, synsets, depth + 1):
            out.extend(_expand(text[: m.start()] + filled.strip() + text[end:], synsets, depth + 1))
            if len(out) > MAX_EXPANSIONS:
                raise _Unsup(f"synset expansion too large (over {MAX_EXPANSIONS} forms)")
    return out


def _phrase_text(pattern: str) -> str:
    """A PETRARCH pattern (synsets already expanded) → eventcode phrase text; raises _Unsup.

    Grouping brackets ``( )`` ``{ }`` are dropped (a phrase is matched linearly anyway).
    """
    if "|" in pattern:
        raise _Unsup("alternation (|)")
    star = pattern.find("*")
    if "%" in pattern[star:]:  # after the verb a compound actor is simply the target
        pattern = pattern[:star] + pattern[star:].replace("%", "+")
    if pattern.count("%") + pattern.count("+") + pattern.count("$") > 1 and "%" in pattern:
        raise _Unsup("compound actor (%) with other actor slots")
    text = re.sub(r"[(){}]", " ", pattern).replace("^", " ^ ")
    text = re.sub(r"\s*_\s*(?=[*+$])|(?<=[*+$])\s*_\s*", "_", text)  # "WAS_ *" keeps its "_"
    text = " ".join(text.split()).lower()
    if text.count("*") != 1:
        raise _Unsup("pattern without exactly one verb marker (*)")
    return text


_VERB_WORD = re.compile(r"[a-z][a-z'\-]*")


def _verb_entry(spec: str) -> tuple[str, str, str] | None:
    """``VERB``, ``+VERB_PARTICLE``, ``VERB PARTICLE`` or ``WORD_+VERB`` → ``(verb, particle,
    words before the verb joined by "_")``; None if it is none of these."""
    words = spec.replace("_", " ").lower().split()
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    k = marked[0] if marked else 0
    if not words or (not marked and len(words) > 2):
        return None
    verb, before, after = words[k].lstrip("+"), words[:k], words[k + 1 :]
    if len(after) > 1 or not _VERB_WORD.fullmatch(verb) or not all(_VERB_WORD.fullmatch(w) for w in before + after):
        return None
    return verb, after[0] if after else "", "_".join(before)


class _Code(NamedTuple):
    code: str
    reverse: str  # the target's event towards the source, from a paired code [X:Y]
    problem: str
    note: bool = False  # imported, but as a null pattern


def _code(body: str, codebook: Codebook) -> _Code:
    """A PETRARCH event code ``042``, paired ``032:033`` (source→target : target→source) or ``---``.

    A code the CAMEO codebook lacks becomes the null code, with a note: the pattern still
    stops the block's more general patterns from coding what its author meant as something else.
    """
    body = body.strip()
    if not body:
        return _Code("", "", "no code")
    code, _, reverse = (x.strip() for x in body.partition(":"))
    if ":" in body and not reverse:
        return _Code("", "", f"paired code [{body}] without its second code")
    unknown = [c for c in (code, reverse) if c and c != NULL_CODE and c not in codebook]
    if unknown or code == NULL_CODE:
        reason = f"code {unknown[0]!r} is not in the CAMEO codebook; imported as a null pattern (codes nothing)" if unknown else ""
        return _Code(NULL_CODE, "", reason, note=bool(unknown))
    return _Code(code, reverse, "")


def read_verbs(
    path: str | Path, codebook: Codebook | None = None
) -> tuple[list[VerbPattern], list[Unsupported]]:
    """Read a PETRARCH verb dictionary into eventcode :class:`VerbPattern`\\ s.

    ``VerbPattern.origin`` and the id (``petr:<block>:<line>``) name the PETRARCH line;
    ``example`` holds the original PETRARCH pattern text.
    """
    codebook = codebook or load_codebook()
    file = Path(path).name
    problems: list[Unsupported] = []
    out: list[VerbPattern] = []
    synsets: dict[str, list[str]] = {}
    lines = list(dictionary_lines(path))
    # pass 1: synsets (they may be defined after their first use)
    current: str | None = None
    for n, raw, content in lines:
        text = content.strip()
        if text.startswith("&"):
            current = text.split()[0].upper().rstrip("_")
            synsets[current] = []
        elif text.startswith("---") or text.startswith("-"):
            current = None
        elif current is not None and text.startswith("+"):
            synsets[current].append(text[1:].strip())
        elif current is not None and text and not text.startswith("+"):
            current = None
    # pass 2: blocks
    state = "none"
    block = ""
    block_code = ""
    verbs: list[tuple[str, str]] = []
    compounds: list[tuple[tuple[str, str], str]] = []  # ((verb, particle), words before it)
    used: Counter = Counter()

    def emit(n: int, raw: str, verb_list: Sequence[tuple[str, str]], code: _Code, phrases: Sequence[str] = ()) -> None:
        pid = f"petr:{block.lower()}:{n}"
        used[pid] += 1
        if used[pid] > 1:
            pid = f"{pid}.{used[pid]}"
        where = f"{file}:{n}"
        parsed = tuple(dict.fromkeys(Phrase.parse(p, where) for p in phrases))
        # [X:X]: a joint action; with a target, each side also does it to the other
        flags = frozenset({"symmetric"} if code.code == code.reverse else ())
        out.append(VerbPattern(pid, code.code, tuple(dict.fromkeys(verb_list)), (), DEFAULT_TARGETS, flags,
                               " ".join(raw.split()), where, parsed, code.reverse))

    for n, raw, content in lines:
        text = content.strip()
        if not text:
            continue
        if text.startswith("---"):
            m = re.match(r"---\s*(.*?)\s*\[([^\]]*)\]", text)
            if not m:
                problems.append(Unsupported(file, n, raw.strip(), "verb block header not understood"))
                state = "skip"
                continue
            block = re.sub(r"[\s_]+", "-", m.group(1).strip("_ ")) or "block"
            block_code = m.group(2).strip()
            verbs = []
            compounds = []
            state = "block"
            continue
        if text.startswith("&"):
            state = "synset"
            continue
        if state == "synset":
            if text.startswith("+"):
                continue
            state = "none"
        if state != "block":
            if state == "none":
                problems.append(Unsupported(file, n, raw.strip(), "line outside a verb block"))
            continue
        if text.startswith("-"):
            body_m = re.fullmatch(r"-\s*(.*?)\s*\[([^\]]*)\]\s*", text)
            if not body_m:
                problems.append(Unsupported(file, n, raw.strip(), "pattern without a [code]"))
                continue
            code = _code(body_m.group(2) or block_code, codebook)
            if code.problem:
                problems.append(Unsupported(file, n, raw.strip(), code.problem, note=code.note))
                if not code.note:
                    continue
            if not verbs and not compounds:
                problems.append(Unsupported(file, n, raw.strip(), "pattern in a block without usable verbs"))
                continue
            try:
                phrases, dropped = [], []
                for t in _expand(body_m.group(1), synsets):
                    try:
                        p = _phrase_text(t)
                        Phrase.parse(p, f"{file}:{n}")
                        phrases.append(p)
                    except (_Unsup, DictionaryError) as exc:
                        dropped.append(str(exc).split(": ", 1)[-1])
                if not phrases:
                    raise _Unsup(dropped[0])
                if dropped:  # a synset member eventcode cannot match ("MI-24VM/HIND"): the others still work
                    problems.append(Unsupported(file, n, raw.strip(), f"{len(dropped)} of {len(dropped) + len(phrases)} synset expansions not imported (first: {dropped[0]})", note=True))
            except _Unsup as exc:
                problems.append(Unsupported(file, n, raw.strip(), str(exc)))
                continue
            if verbs:
                emit(n, raw, verbs, code, phrases)
            for verb, prefix in compounds:  # "WIRE_+TAP": the words before the verb join each phrase
                emit(n, raw, [verb], code, [p.replace("*", f"{prefix}_*") for p in phrases])
            continue
        # a verb line: VERB {FORMS} [code], +VERB_PARTICLE {FORMS} [code], WORD_+VERB …
        text = text.split(";", 1)[0].strip()  # TABARI-style ";" comments
        own = CODE_BRACKET.findall(text)
        forms = re.findall(r"\{([^}]*)\}", text)
        main = re.sub(r"\{[^}]*\}", " ", CODE_BRACKET.sub(" ", text)).strip()
        if not main:
            continue
        entries = [_verb_entry(spec) for spec in (main, *" ".join(forms).split())]
        if entries[0] is None:
            problems.append(Unsupported(file, n, raw.strip(), "verb is not a word, a word with one particle, or words_+VERB"))
            continue
        line_verbs = [(v, p) for v, p, prefix in filter(None, entries) if not prefix]
        line_compounds = [((v, p), prefix) for v, p, prefix in filter(None, entries) if prefix]
        verbs.extend(line_verbs)
        compounds.extend(line_compounds)
        code_body = own[0] if own else block_code
        if code_body.strip() in ("", "---"):
            continue  # a verb without a default code only serves the block's patterns
        code = _code(code_body, codebook)
        if code.problem:
            problems.append(Unsupported(file, n, raw.strip(), f"verb default {code.problem}", note=code.note))
            if not code.note:
                continue
        if line_verbs:
            emit(n, raw, line_verbs, code)
        for verb, prefix in line_compounds:
            emit(n, raw, [verb], code, [f"{prefix}_*"])
    return out, problems
