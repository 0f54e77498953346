"""Claims: each reported proposition with its nested source chain and FactBank-style factuality."""

from __future__ import annotations

from spacy.tokens import Doc

from purportedly.model import Claim


def build_claims(doc: Doc) -> list[Claim]:
    """Every claim of a processed Doc: quotes, reported speech, attributed and hedged sentences.

    Reads doc._.quotes, doc._.indirect_quotes and doc._.sources; works on a Doc without
    them too (then only hedged sentences in the article's own voice become claims).
    """
    from purportedly.claims.extract import ClaimExtractor  # keeps `import purportedly` light

    if len(doc) == 0:
        return []
    return ClaimExtractor(doc).run()
