"""The corpus tests' own articles (text/, html/, feeds/) and a factory for hand-built analyses."""
