"""Who the article cites: agencies, outlets, officials, channels, people and described sources,
one canonical name each.

The spaCy component is in ``component.py``; the other modules are the decisions it makes.
"""
