"""Bulk inserts straight through the driver: `executemany` on SQLite, `COPY` on PostgreSQL.

Django's `bulk_create` builds a model instance per row and an INSERT with thousands of
parameters per batch; at a million candidates (tens of millions of rows) that alone takes
longer than the whole load may. Rows here are plain tuples in the order of `fields`, with ids
chosen by the generator, so related rows can point at each other before anything is written.

Datetimes in rows are naive UTC. Both drivers then write what Django writes for an aware
value: SQLite's adapter gives the same "YYYY-MM-DD HH:MM:SS[.ffffff]" text Django stores (so
SQL comparisons with rows the app writes later hold), and PostgreSQL reads the text in the
connection's time zone, which Django sets to UTC.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max


class BulkWriter:
    def __init__(self) -> None:
        self.vendor = connection.vendor
        self.counts: dict[str, int] = {}
        self._next_ids: dict[type[models.Model], int] = {}

    def next_id(self, model: type[models.Model]) -> int:
        """The first free id of a table, read once; later calls continue from the last one."""
        if model not in self._next_ids:
            self._next_ids[model] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        return self._next_ids[model]

    def insert(self, model: type[models.Model], fields: Sequence[str], rows: list[tuple]):
        """Write `rows`; columns left out of `fields` get their field's default, so a column
        added to a model later does not break the load."""
        if not rows:
            return
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        rest = [f for f in meta.concrete_fields if f.attname not in fields and not f.primary_key]
        defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in given + rest)
        table = connection.ops.quote_name(meta.db_table)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + defaults)
            else:
                if defaults:
                    rows = [row + defaults for row in rows]
                marks = ", ".join(["%s"] * (len(given) + len(rest)))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608 -- names from the models
                    rows,
                )
        self.counts[meta.db_table] = self.counts.get(meta.db_table, 0) + len(rows)

    def reset_sequences(self, models_: Sequence[type[models.Model]]) -> None:
        """PostgreSQL's id sequences must continue after the ids written by hand."""
        statements = connection.ops.sequence_reset_sql(no_style(), models_)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def secondary_indexes(models_: Sequence[type[models.Model]]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of every plain (non-unique) index on these tables."""
    tables = [m._meta.db_table for m in models_]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                "WHERE t.relname = ANY(%s) AND NOT x.indisunique AND NOT x.indisprimary",
                [tables],
            )
        else:
            marks = ", ".join(["%s"] * len(tables))
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608 -- only placeholders are formatted in
                f"AND sql NOT LIKE 'CREATE UNIQUE%%' AND tbl_name IN ({marks})",
                tables,
            )
        return list(cursor.fetchall())


@contextmanager
def indexes_built_after(models_: Sequence[type[models.Model]]) -> Iterator[None]:
    """Drop the plain indexes of these tables for the load and build them again afterwards,
    whatever happens: one sorted build is far cheaper than millions of index updates."""
    indexes = secondary_indexes(models_)
    with connection.cursor() as cursor:
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _, sql in indexes:
                cursor.execute(sql)
