"""Direct quotes, labelled turns and reported speech: where the words are and the cue that attributes them.

The spaCy component is in ``component.py``; the other modules are the decisions it makes.
"""
