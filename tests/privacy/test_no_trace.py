"""After anonymisation no table, index, file or sent-mail copy holds the person's words."""

from pathlib import Path

import pytest
from django.db import connection

from ghostless.privacy.anonymise import candidate_anonymise
from ghostless.search.query import match_any
from tests.privacy.person import SECRETS, build_person


def table_rows_holding(secrets: list[str]) -> list[tuple[str, str]]:
    """(table, secret) for every row of every table, all columns read as text."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the schema
            for row in cursor.fetchall():
                text = " ".join(
                    v.decode("utf-8", "replace") if isinstance(v, bytes | memoryview) else str(v)
                    for v in (bytes(x) if isinstance(x, memoryview) else x for x in row)
                ).lower()
                found += [(table, s) for s in secrets if s in text]
    return sorted(set(found))


def index_terms() -> set[str]:
    """Every term the full-text index holds."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms "
                "USING fts5vocab(main, search_fts, 'row')"
            )
            cursor.execute("SELECT term FROM temp.search_terms")
        else:
            cursor.execute("SELECT word FROM ts_stat('SELECT vector FROM search_searchdocument')")
        return {term for (term,) in cursor.fetchall()}


def files_holding(folder: Path, secrets: list[str]) -> list[str]:
    return sorted(
        f"{path.name}: {s}"
        for path in folder.rglob("*")
        if path.is_file()
        for s in secrets
        if s in path.read_bytes().decode("utf-8", "replace").lower()
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.django_db
def test_anonymised_person_leaves_no_trace(
    media, eml_outbox, settings, django_capture_on_commit_callbacks
):
    person = build_person()
    assert files_holding(settings.SMS_FILE_PATH, ["zorblatt"]), "the text was written"
    assert table_rows_holding(["zorblatt"]), "the builder must put the name in the tables"
    assert files_holding(media, ["xylophonic"]) and files_holding(eml_outbox, ["marzipanic"])
    assert "zorblatt" in index_terms()

    with django_capture_on_commit_callbacks(execute=True):
        candidate = candidate_anonymise(
            person.candidate, actor=person.recruiter, reason="Retention period ended"
        )

    assert candidate.name == f"Anonymised candidate #{candidate.pk}"
    held = table_rows_holding(SECRETS)
    assert held == [], held
    assert [t for t in index_terms() if any(s in t for s in SECRETS)] == []
    assert match_any(["zorblatt", "quixotica"]) == []
    assert files_holding(media, SECRETS) == []
    assert files_holding(eml_outbox, SECRETS) == []
    assert files_holding(settings.SMS_FILE_PATH, SECRETS) == []


@pytest.mark.django_db
def test_other_candidates_batch_skips_are_kept(media, eml_outbox):
    person = build_person()
    candidate_anonymise(person.candidate, actor=None, reason="Retention")
    from ghostless.messaging.models import BulkSend

    skipped = BulkSend.objects.get().skipped
    assert skipped[1]["candidate"] == "Someone Else"
    assert skipped[0]["candidate"] == f"Anonymised candidate #{person.candidate.pk}"


@pytest.mark.django_db
def test_status_link_of_an_anonymised_person_shows_nothing(client, media, eml_outbox):
    from ghostless.candidates.status_links import status_url

    person = build_person()
    url = status_url(person.candidate.pk)
    path = url[url.index("/status/") :]
    assert client.get(path).status_code == 200
    candidate_anonymise(person.candidate, actor=None, reason="Erasure")
    assert client.get(path).status_code == 404
