"""Component: link each quote's speaker to the entity it names (``Quote.speaker_entity``)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from purportedly.model import Entity, Quote
from purportedly.names import surface_key
from purportedly.nlp.extensions import get_list, register_extensions

register_extensions()

SPEAKING_TYPES = ("PERSON", "ORG")  # a place or a group does not speak; its officials do
NOT_WORD = re.compile(r"[^\w ]+")


def words_only(text: str) -> str:
    return " ".join(NOT_WORD.sub(" ", text).split())


class SpeakerLinker:
    """Finds, for every quote with a speaker, the PERSON or ORG entity that speaker names.

    A speaker string is matched by an entity's name or alias, else by the longest entity name it
    contains as whole words ('Sgt. Ivan Moroz, the firefighter' -> Ivan Moroz), else by an entity
    mention at the attribution itself. Descriptions that name nobody ('the soldier') stay unlinked.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[tuple[Quote, str]]:
        entities = [e for e in get_list(doc, "entities") if e.type in SPEAKING_TYPES]
        if not entities:
            return []
        by_key = self._names(entities)
        by_mention = {(m.start, m.end): e.id for e in entities for m in e.mentions}
        links = []
        for quote in [*get_list(doc, "quotes"), *get_list(doc, "indirect_quotes")]:
            entity_id = self._entity_for(quote, by_key, by_mention)
            if entity_id is not None:
                links.append((quote, entity_id))
        return links

    def set_annotations(self, doc: Doc, links: list[tuple[Quote, str]]) -> Doc:
        for quote, entity_id in links:
            quote.speaker_entity = entity_id
        if links:  # assigned back: that writes the change into the Doc's plain data
            doc._.quotes, doc._.indirect_quotes = get_list(doc, "quotes"), get_list(doc, "indirect_quotes")
        return doc

    @staticmethod
    def _names(entities: list[Entity]) -> dict[str, str]:
        keys: dict[str, str] = {}
        for entity in entities:
            for name in (entity.name, *entity.aliases):
                keys.setdefault(surface_key(name), entity.id)
        keys.pop("", None)
        return keys

    @staticmethod
    def _entity_for(
        quote: Quote, by_key: dict[str, str], by_mention: dict[tuple[int, int], str]
    ) -> str | None:
        if not quote.speaker:
            return None
        speaker = surface_key(quote.speaker)
        if speaker in by_key:
            return by_key[speaker]
        mention = quote.speaker_mention
        if mention is not None and (mention.start, mention.end) in by_mention:
            return by_mention[(mention.start, mention.end)]
        padded = f" {words_only(speaker)} "
        inside = [key for key in by_key if len(key) > 3 and f" {words_only(key)} " in padded]
        return by_key[max(inside, key=len)] if inside else None


@Language.factory(
    "purportedly_speaker_links",
    requires=["doc._.quotes", "doc._.indirect_quotes", "doc._.entities"],
    assigns=["doc._.quotes", "doc._.indirect_quotes"],
)
def make_speaker_links(nlp: Language, name: str) -> SpeakerLinker:
    return SpeakerLinker(nlp, name)
