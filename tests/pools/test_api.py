"""Talent pools over the API: GET/POST /pools, GET/POST /pools/{id}/members."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.pools.models import PoolMember, TalentPool
from ghostless.pools.services import pool_add
from tests.factories import CandidateFactory


@pytest.fixture
def pool(recruiter):
    return TalentPool.objects.create(name="Silver medalists", created_by=recruiter)


def test_pools_are_listed_with_their_counts(recruiter_api, pool, candidate, recruiter):
    member = pool_add(pool=pool, candidate=candidate, actor=recruiter)
    pool_add(pool=pool, candidate=CandidateFactory(), actor=recruiter)
    PoolMember.objects.filter(pk=member.pk).update(
        consent_given_at=timezone.now(), consent_expires_at=timezone.now() + timedelta(days=9)
    )
    response = recruiter_api.get("/pools")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["name"] == "Silver medalists"
    assert (item["member_count"], item["consented_count"]) == (2, 1)


def test_creating_a_pool_answers_201(recruiter_api):
    response = recruiter_api.post("/pools", {"name": "Designers", "description": "Strong folio"})
    assert response.status_code == 201
    assert response.json()["member_count"] == 0
    assert TalentPool.objects.get(name="Designers").description == "Strong folio"


def test_a_duplicate_pool_name_is_a_422_naming_the_field(recruiter_api, pool):
    response = recruiter_api.post("/pools", {"name": "silver MEDALISTS"})
    assert response.status_code == 422
    assert response.json()["field"] == "name"


def test_an_unknown_field_is_refused(recruiter_api):
    assert recruiter_api.post("/pools", {"name": "X", "colour": "red"}).status_code == 422


def test_members_are_paged_with_consent(recruiter_api, pool, candidate, recruiter):
    member = pool_add(pool=pool, candidate=candidate, actor=recruiter, reason="Final round")
    expires = timezone.now() + timedelta(days=700)
    PoolMember.objects.filter(pk=member.pk).update(
        consent_given_at=timezone.now(), consent_expires_at=expires
    )
    for _ in range(3):
        pool_add(pool=pool, candidate=CandidateFactory(), actor=recruiter)
    response = recruiter_api.get(f"/pools/{pool.pk}/members", {"limit": 2, "offset": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    [oldest] = body["items"][-1:]
    assert oldest["candidate_id"] == candidate.pk
    assert oldest["name"] == "Cara Candidate"
    assert oldest["reason"] == "Final round"
    assert oldest["consent_state"] == "granted"
    assert oldest["consent_expires_at"].startswith(expires.date().isoformat())
    assert oldest["added_by"] == "rita"


def test_adding_a_member_answers_201_then_200(recruiter_api, pool, candidate, recruiter):
    first = recruiter_api.post(
        f"/pools/{pool.pk}/members", {"candidate_id": candidate.pk, "reason": "Keep"}
    )
    assert first.status_code == 201
    assert first.json()["consent_state"] == "none"
    again = recruiter_api.post(
        f"/pools/{pool.pk}/members", {"candidate_id": candidate.pk, "reason": "Other"}
    )
    assert again.status_code == 200
    assert again.json()["reason"] == "Keep"
    assert PoolMember.objects.count() == 1


def test_an_unknown_candidate_is_a_422_naming_the_field(recruiter_api, pool):
    response = recruiter_api.post(f"/pools/{pool.pk}/members", {"candidate_id": 999999})
    assert response.status_code == 422
    assert response.json()["field"] == "candidate_id"


def test_an_unknown_pool_is_a_404(recruiter_api, candidate):
    assert recruiter_api.get("/pools/999999/members").status_code == 404
    response = recruiter_api.post("/pools/999999/members", {"candidate_id": candidate.pk})
    assert response.status_code == 404


def test_hiring_managers_see_no_pools_and_may_not_change_them(
    manager_api, pool, application, recruiter
):
    assert manager_api.get("/pools").json()["count"] == 0
    assert manager_api.get(f"/pools/{pool.pk}/members").status_code == 404
    assert manager_api.post("/pools", {"name": "Mine"}).status_code == 403
    response = manager_api.post(
        f"/pools/{pool.pk}/members", {"candidate_id": application.candidate_id}
    )
    assert response.status_code == 403
    assert TalentPool.objects.count() == 1 and not PoolMember.objects.exists()


def test_without_a_token_the_pools_are_closed(anonymous_api, pool):
    assert anonymous_api.get("/pools").status_code == 401
