"""Hedge cues (purportedly, allegedly, could not be verified) and the sentences they weaken.

The spaCy component is in ``component.py``; the other modules are the decisions it makes.
"""
