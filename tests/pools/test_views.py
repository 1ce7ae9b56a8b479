"""The staff pages: the pool list, a pool's members, adding from a profile or a selection."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ghostless.pools.models import PoolMember, TalentPool
from ghostless.pools.services import pool_add
from ghostless.timeline.models import Activity
from tests.conftest import client_for
from tests.factories import CandidateFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def fill(pool, count, actor):
    for _ in range(count):
        pool_add(pool=pool, candidate=CandidateFactory(), actor=actor, reason="Good fit")


# The list


def test_the_list_shows_counts_consent_and_the_newest_member(recruiter_client, pool, recruiter):
    fill(pool, 2, recruiter)
    newest = CandidateFactory(first_name="Nina", last_name="Newest")
    member = pool_add(pool=pool, candidate=newest, actor=recruiter)
    PoolMember.objects.filter(pk=member.pk).update(
        consent_given_at=timezone.now(), consent_expires_at=timezone.now() + timedelta(days=30)
    )
    response = recruiter_client.get("/pools/")
    assert response.status_code == 200
    [row] = response.context["page"].object_list
    assert (row.member_count, row.consented_count) == (3, 1)
    assert b"Nina Newest" in response.content
    assert b"Reached the final round" in response.content


def test_an_empty_list_says_how_to_start(recruiter_client):
    response = recruiter_client.get("/pools/")
    assert b"No talent pools yet" in response.content


def test_creating_a_pool_leads_to_its_page(recruiter_client, recruiter):
    response = recruiter_client.post(
        "/pools/", {"pool-name": "Designers", "pool-description": "Portfolio stood out"}
    )
    pool = TalentPool.objects.get(name="Designers")
    assert response.status_code == 302 and response["Location"] == f"/pools/{pool.pk}/"
    assert pool.created_by == recruiter


def test_a_duplicate_name_is_shown_beside_the_field(recruiter_client, pool):
    response = recruiter_client.post("/pools/", {"pool-name": pool.name.upper()})
    assert response.status_code == 422
    assert b"There is already a pool called" in response.content
    assert b'aria-invalid="true"' in response.content
    assert TalentPool.objects.count() == 1


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_5_or_50_pools(recruiter_client, recruiter):
    def add_pools(start, stop):
        for index in range(start, stop):
            fill(TalentPool.objects.create(name=f"Pool {index:02d}"), 2, recruiter)

    add_pools(0, 5)
    few = queries_for(recruiter_client, "/pools/")
    add_pools(5, 50)
    assert queries_for(recruiter_client, "/pools/?page=2") == few


# A pool's page


def test_the_pool_page_shows_when_why_by_whom_and_consent(recruiter_client, pool, recruiter):
    granted = pool_add(pool=pool, candidate=CandidateFactory(first_name="Gia"), actor=None)
    expired = pool_add(pool=pool, candidate=CandidateFactory(first_name="Eve"), actor=recruiter)
    pool_add(
        pool=pool, candidate=CandidateFactory(first_name="Nora"), actor=recruiter, reason="Sharp"
    )
    now = timezone.now()
    PoolMember.objects.filter(pk=granted.pk).update(
        consent_given_at=now, consent_expires_at=now + timedelta(days=700)
    )
    PoolMember.objects.filter(pk=expired.pk).update(
        consent_given_at=now - timedelta(days=800), consent_expires_at=now - timedelta(days=70)
    )
    response = recruiter_client.get(f"/pools/{pool.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Consent until" in html and "Consent expired" in html
    assert "Legitimate interest until" in html  # Nora, added by a recruiter
    assert "Sharp" in html and "by Rita Reyes" in html and "by the candidate" in html


def test_an_empty_pool_explains_how_people_join(recruiter_client, pool):
    response = recruiter_client.get(f"/pools/{pool.pk}/")
    assert b"Nobody is in this pool yet" in response.content


def test_members_are_paged(recruiter_client, pool, recruiter, settings):
    settings.PAGE_SIZE = 5
    fill(pool, 7, recruiter)
    response = recruiter_client.get(f"/pools/{pool.pk}/", {"page": 2})
    assert len(response.context["page"].object_list) == 2
    assert b"Page 2 of 2" in response.content


def test_the_pool_page_costs_the_same_queries_for_5_or_50_members(
    recruiter_client, pool, recruiter
):
    fill(pool, 5, recruiter)
    few = queries_for(recruiter_client, f"/pools/{pool.pk}/")
    fill(pool, 45, recruiter)
    assert queries_for(recruiter_client, f"/pools/{pool.pk}/?page=2") == few


def test_removing_a_member_keeps_a_timeline_entry(recruiter_client, pool, candidate, recruiter):
    member = pool_add(pool=pool, candidate=candidate, actor=recruiter)
    response = recruiter_client.post(f"/pools/{pool.pk}/members/{member.pk}/remove/")
    assert response.status_code == 302 and response["Location"] == f"/pools/{pool.pk}/"
    assert not PoolMember.objects.exists()
    entry = Activity.objects.get(candidate=candidate, payload__event="pool_removed")
    assert entry.kind == "system" and entry.actor == recruiter
    assert "Backend silver medalists" in entry.subject


def test_a_member_of_another_pool_cannot_be_removed_through_this_one(
    recruiter_client, pool, candidate, recruiter
):
    other = TalentPool.objects.create(name="Other")
    member = pool_add(pool=other, candidate=candidate, actor=recruiter)
    response = recruiter_client.post(f"/pools/{pool.pk}/members/{member.pk}/remove/")
    assert response.status_code == 404
    assert PoolMember.objects.filter(pk=member.pk).exists()


# Adding from a profile


def test_the_profile_shows_memberships_and_the_unsubscribed_badge(
    recruiter_client, pool, candidate, recruiter
):
    pool_add(pool=pool, candidate=candidate, actor=recruiter, reason="Great final round")
    candidate.unsubscribed_at = timezone.now()
    candidate.save()
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert 'id="pools"' in html
    assert "Backend silver medalists" in html and "Great final round" in html
    assert "Unsubscribed" in html and "Legitimate interest until" in html


def test_adding_from_the_profile_with_htmx_returns_the_card(
    recruiter_client, pool, candidate, recruiter
):
    response = recruiter_client.post(
        f"/pools/add/{candidate.pk}/",
        {"pool-add-pool": pool.pk, "pool-add-reason": "Keep for Q3"},
        **HTMX,
    )
    assert response.status_code == 200
    assert b"Cara Candidate is now in Backend silver medalists." in response.content
    member = PoolMember.objects.get()
    assert (member.candidate, member.added_by, member.reason) == (
        candidate,
        recruiter,
        "Keep for Q3",
    )


def test_adding_again_keeps_the_first_membership(
    recruiter_client, pool, candidate, other_recruiter
):
    pool_add(pool=pool, candidate=candidate, actor=other_recruiter, reason="First")
    response = recruiter_client.post(
        f"/pools/add/{candidate.pk}/",
        {"pool-add-pool": pool.pk, "pool-add-reason": "Again"},
        **HTMX,
    )
    assert b"was already in" in response.content
    assert PoolMember.objects.get().reason == "First"


def test_adding_without_a_pool_shows_the_error_beside_the_field(recruiter_client, pool, candidate):
    response = recruiter_client.post(f"/pools/add/{candidate.pk}/", {"pool-add-pool": ""}, **HTMX)
    assert response.status_code == 200
    assert b'aria-invalid="true"' in response.content
    assert not PoolMember.objects.exists()


def test_adding_without_javascript_goes_back_to_the_profile(recruiter_client, pool, candidate):
    response = recruiter_client.post(f"/pools/add/{candidate.pk}/", {"pool-add-pool": pool.pk})
    assert response.status_code == 302
    assert response["Location"] == f"/candidates/{candidate.pk}/#pools"
    assert PoolMember.objects.count() == 1


# Adding a selection from the candidate list


def test_the_candidate_list_offers_to_add_the_selection(recruiter_client, pool, candidate):
    html = recruiter_client.get("/candidates/").content.decode()
    assert 'name="bulk-candidates"' in html and "Add selected to pool" in html


def test_adding_a_selection_adds_each_once(recruiter_client, pool, candidate, recruiter):
    others = [CandidateFactory(), CandidateFactory()]
    pool_add(pool=pool, candidate=others[0], actor=recruiter)
    response = recruiter_client.post(
        "/pools/add-selected/",
        {
            "bulk-pool": pool.pk,
            "bulk-reason": "Sourcing sprint",
            "bulk-candidates": [candidate.pk, others[0].pk, others[1].pk],
            "next": "/candidates/?q=x",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/candidates/?q=x"
    assert PoolMember.objects.filter(pool=pool).count() == 3
    assert PoolMember.objects.get(candidate=candidate).reason == "Sourcing sprint"
    flash = [str(m) for m in response.wsgi_request._messages]
    assert flash == ["Added 2 to Backend silver medalists (1 already there)."]


def test_an_empty_selection_is_refused_with_a_message(recruiter_client, pool):
    response = recruiter_client.post("/pools/add-selected/", {"bulk-pool": pool.pk}, follow=True)
    assert b"Tick at least one candidate first." in response.content
    assert not PoolMember.objects.exists()


def test_an_off_site_next_is_ignored(recruiter_client, pool, candidate):
    response = recruiter_client.post(
        "/pools/add-selected/",
        {"bulk-pool": pool.pk, "bulk-candidates": [candidate.pk], "next": "https://evil.example"},
    )
    assert response["Location"] == "/candidates/"


# Who may


@pytest.mark.parametrize("path", ["/pools/", "/pools/{pool}/"])
def test_hiring_managers_do_not_see_pool_pages(manager_client, pool, path):
    assert manager_client.get(path.format(pool=pool.pk)).status_code == 404


def test_hiring_managers_may_not_change_pools(manager_client, pool, application, recruiter):
    candidate = application.candidate  # on Hana's job, so she sees the profile
    member = pool_add(pool=pool, candidate=candidate, actor=recruiter)
    posts = [
        ("/pools/", {"pool-name": "Mine"}),
        (f"/pools/add/{candidate.pk}/", {"pool-add-pool": pool.pk}),
        ("/pools/add-selected/", {"bulk-pool": pool.pk, "bulk-candidates": [candidate.pk]}),
        (f"/pools/{pool.pk}/members/{member.pk}/remove/", {}),
    ]
    for path, data in posts:
        assert manager_client.post(path, data).status_code == 403, path
    assert TalentPool.objects.count() == 1 and PoolMember.objects.count() == 1


def test_hiring_managers_see_no_pools_on_profiles_lists_or_nav(manager_client, application, pool):
    profile = manager_client.get(f"/candidates/{application.candidate_id}/").content.decode()
    listing = manager_client.get("/candidates/").content.decode()
    assert 'id="pools"' not in profile and "Talent pools" not in profile
    assert "bulk-candidates" not in listing


def test_admins_manage_pools_too(admin, pool, candidate):
    client = client_for(admin)
    assert client.get("/pools/").status_code == 200
    client.post(f"/pools/add/{candidate.pk}/", {"pool-add-pool": pool.pk})
    assert PoolMember.objects.get().added_by == admin
