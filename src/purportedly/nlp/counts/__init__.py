"""Counted events (killed, wounded, captured...) with their figure, qualifier and counted noun.

The spaCy component is in ``component.py``; the other modules are the decisions it makes.
"""
