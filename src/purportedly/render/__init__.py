"""Readable renderings of an Analysis (terminal)."""
