"""Keeping search documents up to date. Services that change indexed data call
`candidate_reindex` at their end, inside their transaction, so the index is never behind."""

from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Max, Min

from ghostless.candidates.models import Candidate
from ghostless.core.inserts import insert
from ghostless.search.documents import candidate_fields, group_texts
from ghostless.search.models import SearchDocument
from ghostless.search.text import normalize


def _documents(fields_by_id: dict) -> list[SearchDocument]:
    documents = []
    for pk, fields in fields_by_id.items():
        texts = {group: normalize(text) for group, text in group_texts(fields).items()}
        documents.append(SearchDocument(candidate_id=pk, **texts))
    return documents


def candidate_reindex(candidate_ids: Iterable[int]) -> None:
    """Rebuild these candidates' documents; ids of deleted candidates just lose theirs.
    A fixed number of queries however many ids (bar the insert batches)."""
    ids = sorted(set(candidate_ids))
    if not ids:
        return
    documents = _documents(candidate_fields(ids=ids))
    with transaction.atomic():
        SearchDocument.objects.filter(candidate_id__in=ids).delete()
        insert(documents)


@contextmanager
def _triggers_paused():
    """SQLite: writing row by row through the triggers costs a tokenization per row and more
    per deleted row; for a whole rebuild the triggers step aside and FTS5 rebuilds its index
    in one pass from the documents afterwards. Inside the caller's transaction: should the
    rebuild fail, rolling back restores the triggers too."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [SearchDocument._meta.db_table],
        )
        triggers = cursor.fetchall()
        for name, _ in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
    yield
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        for _, sql in triggers:
            cursor.execute(sql)


def index_rebuild(*, batch_size: int = 5000, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild every document, reading candidates batch by batch of ids; returns how many were
    written. One transaction: searches see the old index until the new one is complete, and
    writers wait for it (on SQLite, the whole time)."""
    bounds = Candidate.objects.aggregate(low=Min("pk"), high=Max("pk"))
    done = 0
    with transaction.atomic(), _triggers_paused():
        SearchDocument.objects.all().delete()
        if bounds["low"] is None:
            return 0
        for low in range(bounds["low"], bounds["high"] + 1, batch_size):
            documents = _documents(candidate_fields(id_range=(low, low + batch_size - 1)))
            insert(documents)
            done += len(documents)
            if progress is not None:
                progress(done)
    return done
