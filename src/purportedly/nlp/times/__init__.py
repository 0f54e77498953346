"""Time expressions, normalised against the publication date.

The spaCy component is in ``component.py``; the other modules are the decisions it makes.
"""
