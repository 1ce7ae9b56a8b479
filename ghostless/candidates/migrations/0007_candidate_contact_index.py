"""An index for sorting the candidate list by last contact, never contacted first (and its
reverse). Written per database: PostgreSQL needs NULLS FIRST in the index to read that
order from it, a clause SQLite's CREATE INDEX does not take (SQLite sorts NULLs first)."""

from django.db import migrations

NAME = "candidate_contact_idx"


def create(apps, schema_editor):
    nulls = " NULLS FIRST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX {NAME} ON candidates_candidate (last_contact_at{nulls}, id)"
    )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX {NAME}")


class Migration(migrations.Migration):
    dependencies = [("candidates", "0006_list_order_indexes")]
    operations = [migrations.RunPython(create, drop)]
