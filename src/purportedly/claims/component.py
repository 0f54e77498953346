"""Component that sets doc._.claims (claims with source chains and factuality) at the end of the pipeline."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from purportedly.claims import build_claims
from purportedly.model import Claim
from purportedly.nlp.extensions import register_extensions

register_extensions()


class ClaimBuilder:
    """Set ``doc._.claims``; runs after quotes, speakers, sources and hedges."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Claim]:
        return build_claims(doc)

    def set_annotations(self, doc: Doc, claims: list[Claim]) -> Doc:
        doc._.claims = claims
        return doc


@Language.factory(
    "purportedly_claims", default_config={},
    requires=["doc._.quotes", "doc._.indirect_quotes", "doc._.sources", "doc._.entities", "doc._.hedges"],
    assigns=["doc._.claims"],
)
def make_claims(nlp: Language, name: str) -> ClaimBuilder:
    return ClaimBuilder(nlp, name)
