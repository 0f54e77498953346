"""Importing this module registers every purportedly spaCy factory and Doc extension.

``import purportedly`` imports it, so ``nlp.add_pipe("purportedly_quotes")`` works after a
plain import; an installed package also declares the factories as ``spacy_factories`` entry
points (pyproject.toml), so ``spacy.load()`` of a saved pipeline finds them without any import.
It sits above ``nlp`` and ``claims`` because it names both; neither names the other's factory.
"""

from __future__ import annotations

from purportedly.claims import component as claims_component
from purportedly.nlp import extensions, jargon, layout, tokenizer
from purportedly.nlp.counts import component as counts
from purportedly.nlp.entities import component as entities
from purportedly.nlp.hedges import component as hedges
from purportedly.nlp.places import component as places
from purportedly.nlp.quotes import component as quotes
from purportedly.nlp.sources import component as sources
from purportedly.nlp.speakers import component as speakers
from purportedly.nlp.speakers import decision as speaker_model
from purportedly.nlp.speakers import links as speaker_links
from purportedly.nlp.times import component as times

# module -> the factory it registers; tests check this against pyproject's entry points
FACTORIES = {
    "purportedly_layout": layout.make_layout,
    "purportedly_quotes": quotes.make_quotes,
    "purportedly_speakers": speakers.make_speakers,
    "purportedly_speaker_model": speaker_model.make_speaker_model,
    "purportedly_sources": sources.make_sources,
    "purportedly_hedges": hedges.make_hedges,
    "purportedly_entities": entities.make_entities,
    "purportedly_speaker_links": speaker_links.make_speaker_links,
    "purportedly_counts": counts.make_counts,
    "purportedly_times": times.make_times,
    "purportedly_places": places.make_places,
    "purportedly_jargon": jargon.make_jargon,
    "purportedly_claims": claims_component.make_claims,
}

CALLBACKS = {tokenizer.CALLBACK: tokenizer.make_keep_dotted_names}

extensions.register_extensions()
