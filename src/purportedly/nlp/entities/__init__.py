"""People, organisations and places named in the article, one entity per referent with its aliases.

The spaCy component is in ``component.py``; the other modules are the decisions it makes.
"""
