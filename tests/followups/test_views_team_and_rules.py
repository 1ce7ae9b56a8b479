from datetime import timedelta

from ghostless.followups.models import FollowUp, RuleSetting
from ghostless.followups.rules import rule_settings
from tests.factories import CandidateFactory, UserFactory
from tests.followups.conftest import remind


def test_the_team_view_compares_everyone_with_bars(
    admin_client_, recruiter, other_recruiter, candidate
):
    for _ in range(3):
        remind(recruiter, candidate)
    remind(other_recruiter, candidate, due_in=timedelta(days=3))
    unassigned = remind(recruiter, CandidateFactory())
    FollowUp.objects.filter(pk=unassigned.pk).update(assignee=None)
    html = admin_client_.get("/followups/team/").content.decode()
    assert html.index("Rita Reyes") < html.index("Ray Romano")
    assert "<em>Unassigned</em>" in html
    assert '<span class="bar bar-open" data-share="100"></span>' in html  # Rita: 3 of 3
    assert '<span class="bar bar-open" data-share="33"></span>' in html  # Ray: 1 of 3


def test_the_team_view_pages_a_large_team_and_totals_it_all(
    admin_client_, candidate, django_assert_num_queries
):
    people = UserFactory.create_batch(30, password=None)
    for n, person in enumerate(people):
        remind(person, candidate, due_in=timedelta(days=1 if n else -1))
    first = admin_client_.get("/followups/team/").content.decode()
    assert first.count('<th scope="row">') == 25
    assert "In all: 30 open, 1 overdue, held by 30 people" in first
    assert first.index(people[0].name) < first.index("</tbody>")  # the overdue one leads
    assert 'rel="next"' in first
    second = admin_client_.get("/followups/team/", {"page": 2}).content.decode()
    assert second.count('<th scope="row">') == 5
    assert people[0].name not in second
    # The page's cost does not grow with the team: the same queries for 30 people or 300.
    with django_assert_num_queries(6):
        admin_client_.get("/followups/team/")


def test_the_team_view_explains_when_nobody_owes_anything(admin_client_):
    assert (
        "No open follow-ups on the team" in admin_client_.get("/followups/team/").content.decode()
    )


def test_only_admins_see_the_team_and_rules(recruiter_client, manager_client):
    for client in (recruiter_client, manager_client):
        assert client.get("/followups/team/").status_code == 404
        assert client.get("/followups/rules/").status_code == 404
        assert client.post("/followups/rules/", {}).status_code == 403


def test_admins_turn_rules_off_and_change_their_limits(admin_client_):
    html = admin_client_.get("/followups/rules/").content.decode()
    assert 'href="/jobs/settings/"' in html  # stage limits are set per stage
    response = admin_client_.post(
        "/followups/rules/",
        {
            "awaiting_reply_enabled": "on",
            "awaiting_reply_days": "2",
            "not_acknowledged_days": "1",
            "close_the_loop_enabled": "on",
            "close_the_loop_days": "5",
            "awaiting_candidate_days": "2",
            "stale_in_stage_enabled": "on",
            "approval_due_enabled": "on",
            "approval_due_days": "1",
            "offer_expiring_days": "2",
        },
    )
    assert response.status_code == 302
    chosen = rule_settings()
    assert chosen["awaiting_reply"] == (True, 2)
    assert chosen["not_acknowledged"] == (False, 1)
    assert chosen["close_the_loop"] == (True, 5)
    assert chosen["stale_in_stage"][0] is True
    assert chosen["offer_expiring"] == (False, 2)


def test_a_limit_out_of_range_is_shown_next_to_its_field(admin_client_):
    response = admin_client_.post(
        "/followups/rules/",
        {"awaiting_reply_days": "99", "not_acknowledged_days": "1", "close_the_loop_days": "2"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and "less than or equal to 60" in html
    assert not RuleSetting.objects.exists()
