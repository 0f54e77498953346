"""A PostgreSQL schema of one's own for a test (or a module of tests), dropped afterwards.

Needs PURPORTEDLY_TEST_PG_URL (scripts/postgres.sh prints one when run as root); tests skip without.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import pytest

PG_URL = os.environ.get("PURPORTEDLY_TEST_PG_URL", "")
NO_SERVER = "no PostgreSQL server: set PURPORTEDLY_TEST_PG_URL (scripts/test.sh starts one when run as root)"


def with_search_path(url: str, schema: str) -> str:
    """``url`` whose connections use ``schema`` (libpq's options parameter)."""
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query), ("options", f"-c search_path={schema}")]
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


@contextmanager
def fresh_schema_url() -> Iterator[str]:
    """A Postgres URL onto a fresh, empty schema (the test is skipped without a server)."""
    if not PG_URL:
        pytest.skip(NO_SERVER)
    psycopg = pytest.importorskip("psycopg", reason="the postgres extra (psycopg 3) is not installed")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield with_search_path(PG_URL, schema)
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
