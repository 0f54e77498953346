"""spaCy pipeline components: quotes, speakers, sources, hedges, entities, counts, times, places, jargon.

Each component is a class with ``__call__(doc)`` = ``match()`` then ``set_annotations()``,
registered with a ``@Language.factory`` under a ``purportedly_*`` name and configured by
arguments; lexicons are data files under ``purportedly/data``. Importing this package
registers the factories and Doc extensions, so the components can be added to any pipeline:

    import spacy, purportedly.nlp
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("purportedly_quotes")
"""

from purportedly.nlp import extensions  # noqa: F401  (registers Doc extensions)
from purportedly.nlp.pipeline import COMPONENTS, load_pipeline

__all__ = ["COMPONENTS", "load_pipeline"]
