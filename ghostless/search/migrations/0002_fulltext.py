"""The full-text index over SearchDocument, in each database's own terms.

SQLite: an FTS5 table whose content is search_searchdocument, kept in sync by triggers (so
even a bare DELETE, such as a test-suite flush, keeps them equal). Text arrives normalized,
so the tokenizer only splits on spaces; no stemming, no diacritics left to remove. Prefix
indexes for 3 and 4 letters: without them `dev*` merges the lists of every word it starts.
PostgreSQL: a stored generated tsvector, one weight per column, with a GIN index.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        a, b, c, d,
        content='search_searchdocument', content_rowid='candidate_id',
        tokenize='unicode61 remove_diacritics 0', prefix='3 4'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, a, b, c, d)
        VALUES (new.candidate_id, new.a, new.b, new.c, new.d);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, a, b, c, d)
        VALUES ('delete', old.candidate_id, old.a, old.b, old.c, old.d);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, a, b, c, d)
        VALUES ('delete', old.candidate_id, old.a, old.b, old.c, old.d);
        INSERT INTO search_fts(rowid, a, b, c, d)
        VALUES (new.candidate_id, new.a, new.b, new.c, new.d);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]
POSTGRESQL = [
    """ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', a), 'A')
        || setweight(to_tsvector('simple', b), 'B')
        || setweight(to_tsvector('simple', c), 'C')
        || setweight(to_tsvector('simple', d), 'D')
    ) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
