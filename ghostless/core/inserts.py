"""Many new rows of one table in few statements, for the bulk writes of spreadsheet imports.

Django's `bulk_create` runs every value of every row through its field's methods while it
compiles the statement, and on SQLite caps a statement at 999 variables whatever the library
allows: at tens of thousands of rows that compiling was most of an import's time. Here the
instances already hold their values (their defaults were set when they were made), so a value
only needs its database adaptation, and only for the few types that have one.

On PostgreSQL a statement carries one array per column (`INSERT ... SELECT * FROM UNNEST`,
as Django does there): psycopg parses a statement's placeholders in Python on every execute,
which for a thousand rows of twenty columns cost more than the insert."""

import sqlite3

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

# Values of these fields go to the driver as they are: their `get_db_prep_save` returns a
# str, int or bool unchanged. Any other field (dates, JSON, ...) is adapted by Django, bar
# None: NULL for every field.
AS_IS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}
ROWS_PER_STATEMENT = 1000


def _rows_per_statement(connection, columns: int) -> int:
    if connection.vendor != "sqlite":
        return ROWS_PER_STATEMENT
    connection.ensure_connection()
    variables = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(ROWS_PER_STATEMENT, variables // columns))


def _sql(connection, meta, fields, rows: int, returning: bool) -> str:
    quote = connection.ops.quote_name
    sql = f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
    if connection.vendor == "postgresql":
        # The type without its length, as Django's own UNNEST insert: nothing is truncated.
        arrays = (f"%s::{f.db_type(connection).split('(')[0]}[]" for f in fields)
        sql += f"SELECT * FROM UNNEST({', '.join(arrays)})"  # noqa: S608 -- names, not values
    else:
        sql += "VALUES " + ", ".join([f"({', '.join(['%s'] * len(fields))})"] * rows)
    return sql + (f" RETURNING {quote(meta.pk.column)}" if returning else "")


def _values(connection, objs: list[Model], adapters) -> list[list]:
    rows = []
    for obj in objs:
        row = []
        for attname, adapt in adapters:
            value = getattr(obj, attname)
            if adapt is not None and value is not None:
                value = adapt(value, connection)
            row.append(value)
        rows.append(row)
    return rows


def insert(objs: list[Model], *, returning: bool = False) -> None:
    """INSERT these unsaved instances of one model as they are, in statements of up to
    ROWS_PER_STATEMENT rows; with `returning`, give each its new primary key. Rows they point
    to must be saved already (a foreign key is read from its id), and the model may have no
    `auto_now` field (nothing here calls `pre_save`)."""
    if not objs:
        return
    connection = connections[DEFAULT_DB_ALIAS]  # not the proxy: it is read for every value
    meta = type(objs[0])._meta
    fields = [f for f in meta.concrete_fields if f is not meta.auto_field]
    if any(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) for f in fields):
        raise ValueError(f"{meta.label} has auto_now fields: save it with bulk_create.")
    adapters = [
        (f.attname, None if f.get_internal_type() in AS_IS else f.get_db_prep_save) for f in fields
    ]
    per_statement = _rows_per_statement(connection, len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), per_statement):
            chunk = objs[start : start + per_statement]
            rows = _values(connection, chunk, adapters)
            if connection.vendor == "postgresql":
                params = [list(column) for column in zip(*rows, strict=True)]
            else:
                params = [value for row in rows for value in row]
            cursor.execute(_sql(connection, meta, fields, len(chunk), returning), params)
            if returning:
                # In the order of the rows given, as Django's own bulk_create relies on too.
                for obj, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                    obj.pk = pk
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
