"""Claims: each reported proposition with its nested source chain and FactBank-style factuality."""

from __future__ import annotations

from spacy.tokens import Doc

from purportedly.model import Claim


def build_claims(doc: Doc) -> list[Claim]:
    """Placeholder until the provenance stage lands: no claims."""
    return []
