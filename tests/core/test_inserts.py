"""`core.inserts.insert` writes rows exactly as Django's `bulk_create` would."""

from datetime import UTC, datetime

import pytest
from django.forms.models import model_to_dict

from ghostless.core.inserts import insert
from ghostless.timeline.models import Activity, Kind
from tests.factories import CandidateFactory


def _activities(candidate, actor, tag: str) -> list[Activity]:
    when = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)
    return [
        Activity(
            candidate=candidate,
            actor=actor if n % 2 else None,
            kind=Kind.NOTE if n % 3 else Kind.SYSTEM,
            subject=f'{tag} {n} ’quoted’ "text"',
            body="" if n % 2 else "line one\nline two",
            payload={"n": n, "nested": {"list": [1, None, "é"]}} if n % 2 else {},
            occurred_at=when,
            answered_at=None if n % 2 else when,
            private=bool(n % 2),
        )
        for n in range(1, 2500)  # more than one statement's worth of rows
    ]


def _stored(pks) -> list[dict]:
    rows = Activity.objects.filter(pk__in=pks).order_by("pk")
    return [model_to_dict(a, exclude=["id", "subject", "created_at"]) for a in rows]


@pytest.mark.django_db
def test_insert_stores_what_bulk_create_stores_and_gives_the_ids_in_order(recruiter):
    candidate = CandidateFactory()
    by_django = Activity.objects.bulk_create(_activities(candidate, recruiter, "django"))
    ours = _activities(candidate, recruiter, "ours")
    insert(ours, returning=True)

    assert all(not a._state.adding for a in ours)
    stored = Activity.objects.filter(pk__in=[a.pk for a in ours]).values_list("pk", "subject")
    assert dict(stored) == {a.pk: a.subject for a in ours}
    assert _stored(a.pk for a in ours) == _stored(a.pk for a in by_django)
