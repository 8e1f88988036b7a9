"""Exceptions raised by eventcode.

Every message says what was expected and what was found, and names the file and line
(or record) when the problem comes from input.
"""

from __future__ import annotations


class EventcodeError(Exception):
    """Base class for all eventcode errors."""


class DictionaryError(EventcodeError, ValueError):
    """A packaged or user dictionary file is malformed."""


class ModelNotFoundError(EventcodeError, OSError):
    """No spaCy pipeline could be loaded."""


class InputError(EventcodeError, ValueError):
    """Input (an article, a CSV of events) cannot be used as given."""


class OutputError(EventcodeError, OSError):
    """An output cannot be written where asked (a folder, an input file, locked by another run)."""


class CodingError(EventcodeError, RuntimeError):
    """The coder failed on a text coded on its own (a long run reports such an article as a problem and goes on)."""
