"""Who said each quote: candidate mentions from rules, the learned decision among them, its confidence.

The spaCy component is in ``component.py``; the other modules are the decisions it makes.
"""
