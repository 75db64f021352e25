"""What the benchmarks share: a PostgreSQL database of their own and one JSON line a figure."""

from __future__ import annotations

import json
import os


def ensure_database() -> None:
    """Create the database named by DATABASE_URL if it does not exist yet."""
    import psycopg2
    from psycopg2 import sql

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    conn = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    conn.close()


def emit(**figure) -> None:
    print(json.dumps(figure, ensure_ascii=False), flush=True)
