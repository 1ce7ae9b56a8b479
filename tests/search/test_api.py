"""GET /api/v1/search: the same search as the page, as JSON."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ghostless.pools.services import consent_record, pool_create
from tests.api_clients import api_for
from tests.factories import ApplicationFactory
from tests.search.helpers import add_person

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["candidate"]["name"] for item in response.json()["items"]]


def test_items_carry_candidate_score_and_snippet(people, recruiter_api):
    response = recruiter_api.get("/search", {"q": "cobol"})
    body = response.json()
    assert body["count"] == 1 and body["capped"] is False
    item = body["items"][0]
    assert item["candidate"] == {
        "id": people.grace.pk,
        "name": "Grace Hopper",
        "current_title": "Compiler Engineer",
        "current_company": "Navy Labs",
        "location": "Arlington",
        "url": f"/candidates/{people.grace.pk}/",
    }
    assert item["score"] > 0
    assert (
        item["snippet"]
        == "Resume: Wrote the first <mark>COBOL</mark> compiler. Led distributed systems teams."
    )


def test_best_match_first_and_paging(people, recruiter_api):
    assert names(recruiter_api.get("/search", {"q": "python"}))[0] in {
        "Ada Lovelace",
        "José Müller",
    }
    page = recruiter_api.get("/search", {"q": "python", "limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and len(page["items"]) == 1


def test_filters_as_query_parameters(people, job, recruiter, other_recruiter, recruiter_api):
    ApplicationFactory(candidate=people.ada, job=job)
    pool = pool_create(actor=recruiter, name="Keep")
    consent_record(pool=pool, candidate=people.jose)
    assert names(recruiter_api.get("/search", {"q": "python", "job": job.pk})) == ["Ada Lovelace"]
    assert names(recruiter_api.get("/search", {"pool": pool.pk, "consent": "consented"})) == [
        "José Müller"
    ]
    assert names(recruiter_api.get("/search", {"tag": "Silver-Medalist", "location": "lon"})) == [
        "Ada Lovelace"
    ]
    # Rita added them by hand, so she owns them; Ray owns none.
    assert sorted(names(recruiter_api.get("/search", {"q": "python", "owner": "rita"}))) == [
        "Ada Lovelace",
        "José Müller",
    ]
    assert names(recruiter_api.get("/search", {"q": "python", "owner": "ray"})) == []
    assert names(
        recruiter_api.get("/search", {"contacted_before": "2030-01-01", "q": "cobol"})
    ) == ["Grace Hopper"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": '"open'}, "q"),
        ({"q": "-python"}, "q"),
        ({}, "q"),
        ({"job": 999999}, "job"),
        ({"stage": 999999}, "stage"),
        ({"pool": 999999}, "pool"),
        ({"owner": "nobody"}, "owner"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(people, recruiter_api, params, field):
    response = recruiter_api.get("/search", params)
    assert response.status_code == 422
    assert response.json()["field"] == field


@pytest.mark.parametrize(
    "params", [{"consent": "maybe"}, {"limit": 0}, {"limit": 101}, {"contacted_after": "soon"}]
)
def test_malformed_parameters_are_422(recruiter_api, params):
    assert recruiter_api.get("/search", {"q": "x"} | params).status_code == 422


def test_hiring_managers_find_only_theirs_and_no_pools(people, job, hiring_manager, outsider):
    ApplicationFactory(candidate=people.ada, job=job)
    assert names(api_for(hiring_manager).get("/search", {"q": "python"})) == ["Ada Lovelace"]
    assert names(api_for(outsider).get("/search", {"q": "python"})) == []
    assert api_for(outsider).get("/search", {"q": "python", "job": job.pk}).status_code == 422
    assert (
        api_for(hiring_manager).get("/search", {"q": "python", "consent": "consented"}).status_code
        == 403
    )


def test_queries_do_not_grow_with_hits(recruiter, recruiter_api):
    def add(n, start):
        for i in range(start, start + n):
            add_person(recruiter, first_name=f"Welder{i}", current_title="Welder", tags=["metal"])

    def count() -> int:
        recruiter_api.get("/me")
        with CaptureQueriesContext(connection) as queries:
            response = recruiter_api.get("/search", {"q": "welder", "limit": 100})
        assert response.status_code == 200
        return len(queries)

    add(5, 0)
    few = count()
    add(45, 5)
    assert count() == few
