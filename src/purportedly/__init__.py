"""purportedly: who said it, through whom it reached the page, and how sure anyone is."""

from purportedly.analysis import analyze, analyze_article, analyze_stream
from purportedly.model import Analysis, Article

__version__ = "0.1.0"
__all__ = ["Analysis", "Article", "analyze", "analyze_article", "analyze_stream", "__version__"]
