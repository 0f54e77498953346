"""The Doc extensions purportedly's components read and write, registered in one place."""

from __future__ import annotations

from spacy.tokens import Doc

# name -> default factory. Lists are created per Doc via getters-with-storage below,
# because a mutable `default` would be shared by every Doc.
LIST_EXTENSIONS = (
    "segments",  # list[model.Segment]: layout blocks (from the reader, or one body block)
    "quotes",  # list[model.Quote]: direct quotes and labelled turns
    "indirect_quotes",  # list[model.Quote]: reported speech
    "sources",  # list[model.Source]
    "hedges",  # list[model.Hedge]
    "entities",  # list[model.Entity]
    "counts",  # list[model.Count]
    "times",  # list[model.TimeExpression]
    "places",  # list[model.Place]
    "glossary",  # list[model.GlossaryHit]
    "claims",  # list[model.Claim]
)


def register_extensions() -> None:
    """Register every extension once; safe to call repeatedly."""
    if not Doc.has_extension("article"):
        # the model.Article the Doc was made from, or None for a bare text
        Doc.set_extension("article", default=None)
    for name in LIST_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def get_list(doc: Doc, name: str) -> list:
    """The list stored under ``doc._.<name>``, created empty on first use."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


register_extensions()
