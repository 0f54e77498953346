"""A Doc made from an Article, and the Analysis collected from the Doc the pipeline finished."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from purportedly.claims import build_claims
from purportedly.claims.recordings import RecordingFinder
from purportedly.model import Analysis, Article
from purportedly.nlp.extensions import get_list
from purportedly.profiling import BUILDING, CLAIMS, stage


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc carrying its Article, ready for ``nlp(doc)`` / ``nlp.pipe(docs)``."""
    doc = nlp.make_doc(article.text)
    doc._.article = article
    return doc


def analysis_from_doc(doc: Doc) -> Analysis:
    """Collect what the components set on ``doc`` into the shared data model."""
    article: Article = doc._.article
    with stage(CLAIMS):
        claims = doc._.claims if doc._.claims is not None else build_claims(doc)
    with stage(BUILDING):
        return _build_analysis(doc, article, claims)


def _build_analysis(doc: Doc, article: Article, claims: list) -> Analysis:
    # recordings are read off the finished Analysis (so stored analyses can get them again)
    return RecordingFinder()(_analysis_of(doc, article, claims))


def _analysis_of(doc: Doc, article: Article, claims: list) -> Analysis:
    return Analysis(
        document=article.document,
        title=article.title,
        date=article.date,
        outlet=article.outlet,
        authors=article.authors,
        url=article.url,
        key_points=[s.text for s in article.segments_of("key_point")],
        captions=[s.text for s in article.segments_of("caption", "credit")],
        quotes=get_list(doc, "quotes"),
        indirect_quotes=get_list(doc, "indirect_quotes"),
        sources=get_list(doc, "sources"),
        claims=claims,
        hedges=get_list(doc, "hedges"),
        counts=get_list(doc, "counts"),
        entities=get_list(doc, "entities"),
        times=get_list(doc, "times"),
        places=get_list(doc, "places"),
        glossary=get_list(doc, "glossary"),
        article=article,
    )
