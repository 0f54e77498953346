"""Bring an existing store up to date: tables added since it was made, corpus features backfilled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from purportedly.store import rows

if TYPE_CHECKING:
    from purportedly.store.core import Store

# Bump when purportedly.corpus.features computes something different: every store then
# recomputes its article_features rows on its next writable open.
# 2: anchors leave out the byline and outlet, counts keep their sentence, article_recordings (the
# recordings each article retells); 3: the recordings' releasers and keywords
FEATURES_VERSION = 3
FEATURES_KEY = "features_version"  # in the meta table: the version every row has been brought to
BACKFILL_PAGE = 200  # articles per transaction


def features_current(store: Store) -> bool:
    row = store.session.one("SELECT value FROM meta WHERE key = ?", (FEATURES_KEY,))
    return row is not None and row["value"] == str(FEATURES_VERSION)


def refresh_features(store: Store) -> int:
    """Compute the corpus features of every article lacking them at FEATURES_VERSION (a store made
    before they existed, or by an older version), page by page; returns how many were written."""
    written, last = 0, 0
    while True:
        page = store.session.execute(
            "SELECT a.id FROM articles a LEFT JOIN article_features f ON f.article_id = a.id"
            " LEFT JOIN article_recordings r ON r.article_id = a.id"
            " WHERE a.id > ? AND (f.version IS NULL OR f.version <> ? OR r.version IS NULL OR r.version <> ?)"
            " ORDER BY a.id LIMIT ?",
            (last, FEATURES_VERSION, FEATURES_VERSION, BACKFILL_PAGE),
        ).fetchall()
        if not page:
            break
        with store.transaction() as db:
            for row in page:
                analysis = store.analysis(row["id"])
                if analysis is not None:
                    rows.insert_features(db, row["id"], analysis)
                    written += 1
        last = page[-1]["id"]
    with store.transaction() as db:
        db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (FEATURES_KEY, str(FEATURES_VERSION)),
        )
    return written
