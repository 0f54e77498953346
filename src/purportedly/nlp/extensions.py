"""The Doc extensions purportedly's components read and write, registered in one place.

What a Doc carries is plain data: ``doc._.quotes_data`` is a list of dicts of strings, numbers
and lists (the JSON form of ``model.Quote``), so ``doc.to_bytes()``, ``DocBin`` and
``nlp.pipe(n_process=2)`` carry it, and a reader without purportedly installed sees plain
values. ``doc._.quotes`` is the typed view: pydantic models built from that data on first read
(and kept for the Doc's lifetime, so repeated reads are free); assigning ``doc._.quotes = [...]``
stores both. A component that changes the models it read assigns the list back, which is what
writes the change into the plain data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from pydantic import TypeAdapter
from spacy.tokens import Doc

from purportedly.model import (
    Article,
    Claim,
    Count,
    Entity,
    GlossaryHit,
    Hedge,
    Place,
    Quote,
    Segment,
    Source,
    TimeExpression,
)

# name -> the model of each item; doc._.<name> is a list of them (None until a component sets it)
LIST_EXTENSIONS: dict[str, type] = {
    "segments": Segment,  # layout blocks (from the reader, or one body block)
    "quotes": Quote,  # direct quotes and labelled turns
    "indirect_quotes": Quote,  # reported speech
    "sources": Source,
    "hedges": Hedge,
    "entities": Entity,
    "counts": Count,
    "times": TimeExpression,
    "places": Place,
    "glossary": GlossaryHit,
    "claims": Claim,
}
DATA_SUFFIX = "_data"
TEXT = "_text"  # the Doc's text, in the view cache (not an extension; keys starting "_" are such values)
T = TypeVar("T")

# Doc -> {name: (the plain data the view was built from, the typed view)}. A cache, not state:
# each entry belongs to one Doc and goes with it, and is rebuilt when the plain data is replaced
# (Doc.from_bytes, a DocBin, a worker process's result).
_VIEWS: WeakKeyDictionary[Doc, dict[str, tuple[Any, Any]]] = WeakKeyDictionary()


def _views(doc: Doc) -> dict[str, tuple[Any, Any]]:
    views = _VIEWS.get(doc)
    if views is None:
        views = _VIEWS[doc] = {}
    return views


# name -> the getter of doc._.<name>, so get_list() calls it without going through doc._
_GETTERS: dict[str, Callable[[Doc], Any]] = {}


def _typed_view(name: str, adapter: TypeAdapter) -> tuple:
    data_name = name + DATA_SUFFIX
    # where spaCy keeps a Doc's value of a plain extension (Underscore._get_key); reading it there
    # is ``doc._.<name>_data`` without building an Underscore, and components read the views
    # hundreds of times per Doc
    data_key = ("._.", data_name, None, None)

    def get(doc: Doc) -> Any:
        data = doc.user_data.get(data_key)  # the extension's default is None
        views = _views(doc)
        cached = views.get(name)
        if cached is not None and cached[0] is data:
            return cached[1]
        value = None if data is None else adapter.validate_python(data)
        views[name] = (data, value)
        return value

    def set_(doc: Doc, value: Any) -> None:
        data = None if value is None else adapter.dump_python(value, mode="json")
        setattr(doc._, data_name, data)
        _views(doc)[name] = (data, value)

    _GETTERS[name] = get
    return get, set_


def register_extensions() -> None:
    """Register every extension once; safe to call repeatedly."""
    models = {"article": Article, **{name: list[model] for name, model in LIST_EXTENSIONS.items()}}
    for name, model in models.items():
        if Doc.has_extension(name):
            continue
        Doc.set_extension(name + DATA_SUFFIX, default=None)
        getter, setter = _typed_view(name, TypeAdapter(model))
        Doc.set_extension(name, getter=getter, setter=setter)


def get_list(doc: Doc, name: str) -> list:
    """The typed list under ``doc._.<name>``, created empty on first use."""
    getter = _GETTERS.get(name)
    value = getter(doc) if getter is not None else getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


def per_doc(doc: Doc, key: str, build: Callable[[Doc], T]) -> T:
    """``build(doc)``, computed once per Doc and kept with its typed views (not in user_data,
    where it would be serialised with the Doc); a retokenised Doc (another length) gets it anew."""
    views = _views(doc)
    cached = views.get(key)
    if cached is None or cached[0] != len(doc):
        cached = views[key] = (len(doc), build(doc))
    return cached[1]


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds the string from every token on each access."""
    return per_doc(doc, TEXT, _text_of)


def _text_of(doc: Doc) -> str:
    # the Article's text when the Doc was made from it: the same string, no join
    article = doc._.article
    if article is not None and len(doc) and len(article.text) == doc[-1].idx + len(doc[-1].text_with_ws):
        return article.text
    return doc.text


def stale_annotations(doc: Doc) -> list[str]:
    """Names whose typed view was changed in place without being assigned back (a bug: the
    change would be lost with ``to_bytes``); tests check no component leaves any."""
    stale = []
    for name, (data, value) in _VIEWS.get(doc, {}).items():
        if name.startswith("_"):
            continue
        adapter = TypeAdapter(Article if name == "article" else list[LIST_EXTENSIONS[name]])
        if value is not None and adapter.dump_python(value, mode="json") != data:
            stale.append(name)
    return stale


register_extensions()
