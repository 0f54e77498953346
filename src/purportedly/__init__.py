"""purportedly: who said it, through whom it reached the page, and how sure anyone is."""

from purportedly import components  # noqa: F401  (registers the spaCy factories and Doc extensions)
from purportedly.analysis import analyze, analyze_article, analyze_stream
from purportedly.model import Analysis, Article
from purportedly.nlp.pipeline import add_components, load_pipeline

__version__ = "0.1.0"
__all__ = [
    "Analysis",
    "Article",
    "add_components",
    "analyze",
    "analyze_article",
    "analyze_stream",
    "load_pipeline",
    "__version__",
]
