"""The pages: duplicates on the profile, compare and merge, and the merge history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ghostless.candidates.models import Candidate, CandidateMerge, DuplicateDismissal
from ghostless.candidates.services import candidate_create
from ghostless.jobs.services import application_create
from ghostless.merges.services import candidate_merge
from tests.factories import ActivityFactory
from tests.merges.conftest import HTMX
from tests.parsed_html import find, find_all, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def jon(recruiter):
    return candidate_create(
        actor=recruiter,
        first_name="Jon",
        last_name="Smith",
        current_company="Northwind",
        location="London",
        emails=["jon@example.com"],
    )


@pytest.fixture
def john(recruiter):
    return candidate_create(
        actor=recruiter, first_name="John", last_name="Smith", current_company="Northwind"
    )


def test_the_profile_loads_possible_duplicates_after_the_page(recruiter_client, jon, john):
    profile = recruiter_client.get(f"/candidates/{jon.pk}/").content.decode()
    assert "Possible duplicates" not in profile
    assert f'hx-get="/candidates/{jon.pk}/duplicates/" hx-trigger="load"' in profile
    assert 'href="?duplicates=1#duplicates"' in profile
    html = recruiter_client.get(f"/candidates/{jon.pk}/duplicates/", **HTMX).content.decode()
    assert html.lstrip().startswith('<section class="card" id="duplicates"')
    assert "Similar name, same company (Northwind)" in html


def test_without_js_the_profile_shows_duplicates_when_asked(recruiter_client, jon, john):
    html = recruiter_client.get(f"/candidates/{jon.pk}/?duplicates=1").content.decode()
    assert "Possible duplicates" in html
    assert "Similar name, same company (Northwind)" in html
    assert f'href="/candidates/{jon.pk}/merge/{john.pk}/"' in html
    assert "Not a duplicate" in html


def test_a_profile_without_duplicates_has_no_such_card(recruiter_client, jon):
    response = recruiter_client.get(f"/candidates/{jon.pk}/duplicates/", **HTMX)
    assert response.status_code == 200
    assert response.content.decode().strip() == ""
    asked = recruiter_client.get(f"/candidates/{jon.pk}/?duplicates=1").content.decode()
    assert "Possible duplicates" not in asked


def test_hiring_managers_see_no_duplicates(manager_client, application, recruiter):
    cara = application.candidate
    candidate_create(
        actor=recruiter,
        first_name=cara.first_name,
        last_name=cara.last_name,
        current_company=cara.current_company,
    )
    html = manager_client.get(f"/candidates/{cara.pk}/?duplicates=1").content.decode()
    assert "Possible duplicates" not in html and "/duplicates/" not in html
    assert manager_client.get(f"/candidates/{cara.pk}/duplicates/").status_code == 403


def test_not_a_duplicate_with_htmx_returns_the_card_without_the_pair(recruiter_client, jon, john):
    response = recruiter_client.post(f"/candidates/{jon.pk}/duplicates/{john.pk}/dismiss/", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="duplicates"' in html
    assert "will no longer be suggested" in html
    assert f"/candidates/{jon.pk}/merge/{john.pk}/" not in html
    assert DuplicateDismissal.objects.count() == 1


def test_not_a_duplicate_without_js_redirects_to_the_profile(recruiter_client, jon, john):
    response = recruiter_client.post(f"/candidates/{jon.pk}/duplicates/{john.pk}/dismiss/")
    assert response.status_code == 302
    assert response["Location"] == f"/candidates/{jon.pk}/?duplicates=1#duplicates"
    assert "Possible duplicates" not in recruiter_client.get(response["Location"]).content.decode()


def test_compare_shows_both_records_and_defaults_to_more_history(recruiter_client, jon, john):
    ActivityFactory.create_batch(3, candidate=john)
    html = recruiter_client.get(f"/candidates/{jon.pk}/merge/{john.pk}/").content.decode()
    assert "jon@example.com" in html and "London" in html
    assert "Timeline entries" in html
    assert f'value="{john.pk}" checked' in html
    assert f'value="{jon.pk}">' in html
    assert '<label for="survivor-' in html


def test_merging_from_the_compare_page_redirects_to_the_survivor(recruiter_client, jon, john):
    response = recruiter_client.post(
        f"/candidates/{jon.pk}/merge/{john.pk}/",
        {"survivor": jon.pk, "confirm": "yes"},
        follow=True,
    )
    assert response.redirect_chain == [(f"/candidates/{jon.pk}/", 302)]
    html = response.content.decode()
    assert "John Smith is merged into this record." in html
    assert f"Merged John Smith (#{john.pk}) into this record" in html
    assert not Candidate.objects.filter(pk=john.pk).exists()


def test_the_compare_page_asks_for_a_choice(recruiter_client, jon, john):
    response = recruiter_client.post(f"/candidates/{jon.pk}/merge/{john.pk}/", {"survivor": "7"})
    assert response.status_code == 422
    assert "Choose the record to keep." in response.content.decode()
    assert Candidate.objects.filter(pk=john.pk).exists()


def test_merging_a_record_with_itself_is_refused_on_the_page(recruiter_client, jon):
    response = recruiter_client.get(f"/candidates/{jon.pk}/merge/{jon.pk}/", follow=True)
    assert "cannot be merged with itself" in response.content.decode()


def test_hiring_managers_may_not_compare_or_merge(manager_client, application, recruiter):
    cara = application.candidate
    other = candidate_create(actor=recruiter, first_name="Carla")
    application_create(candidate=other, job=application.job, actor=recruiter)
    url = f"/candidates/{cara.pk}/merge/{other.pk}/"
    assert manager_client.get(url).status_code == 403
    assert manager_client.post(url, {"survivor": cara.pk}).status_code == 403
    dismiss = f"/candidates/{cara.pk}/duplicates/{other.pk}/dismiss/"
    assert manager_client.post(dismiss).status_code == 403
    assert manager_client.get("/candidates/merges/").status_code == 403
    assert Candidate.objects.filter(pk=other.pk).exists()


def test_someone_elses_candidates_are_404_for_a_hiring_manager(manager_client, jon, john):
    assert manager_client.get(f"/candidates/{jon.pk}/merge/{john.pk}/").status_code == 404


def test_the_merge_history_shows_who_what_and_the_record_as_it_was(
    recruiter_client, recruiter, jon, john
):
    john_id = john.pk
    candidate_merge(survivor=jon, other=john, actor=recruiter)
    html = recruiter_client.get("/candidates/merges/").content.decode()
    assert "Rita Reyes" in html
    assert f'John Smith <span class="muted small">#{john_id}</span>' in html
    assert "The record as it was" in html and "Northwind" in html
    assert "Moved 1 timeline entry." in html
    profile = recruiter_client.get(f"/candidates/{jon.pk}/?duplicates=1").content.decode()
    assert f'href="/candidates/merges/?candidate={jon.pk}"' in profile
    narrowed = recruiter_client.get(f"/candidates/merges/?candidate={jon.pk}").content.decode()
    assert f"#{john_id}" in narrowed


def test_an_empty_merge_history_says_where_merges_start(recruiter_client):
    html = recruiter_client.get("/candidates/merges/").content.decode()
    assert "No merges yet." in html


def _merges_page_queries(client, recruiter, count: int) -> int:
    while CandidateMerge.objects.count() < count:
        keep = candidate_create(actor=recruiter, first_name="Keep", emails=[])
        gone = candidate_create(actor=recruiter, first_name="Gone")
        candidate_merge(survivor=keep, other=gone, actor=recruiter)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/candidates/merges/").status_code == 200
    return len(queries)


def test_merge_history_queries_do_not_grow_with_merges(recruiter_client, recruiter):
    assert _merges_page_queries(recruiter_client, recruiter, 2) == _merges_page_queries(
        recruiter_client, recruiter, 8
    )


def _profile_queries(client, candidate, recruiter, namesakes: int) -> int:
    """The profile with `namesakes` possible duplicates and one more record merged into it."""
    while Candidate.objects.filter(first_name="John").count() < namesakes:
        candidate_create(
            actor=recruiter, first_name="John", last_name="Smith", current_company="Northwind"
        )
    merged = candidate_create(actor=recruiter, first_name="Old")
    candidate_merge(survivor=candidate, other=merged, actor=recruiter)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/candidates/{candidate.pk}/").status_code == 200
    return len(queries)


def test_profile_queries_do_not_grow_with_duplicates_or_merges(recruiter_client, recruiter, jon):
    one = _profile_queries(recruiter_client, jon, recruiter, 1)
    many = _profile_queries(recruiter_client, jon, recruiter, 6)
    assert one == many


def test_an_unconfirmed_merge_asks_and_merges_nothing(recruiter_client, jon, john):
    response = recruiter_client.post(f"/candidates/{jon.pk}/merge/{john.pk}/", {"survivor": jon.pk})
    assert response.status_code == 200
    assert Candidate.objects.filter(pk=john.pk).exists()
    dialog = find(response, "div", data_confirm_body=True)
    assert f"Merge John Smith (#{john.pk}) into Jon Smith (#{jon.pk})?" in text(dialog)
    assert f"Then record #{john.pk} is deleted. This cannot be undone" in text(dialog)
    form = find(dialog, "form", data_confirm_form=True)
    assert text(find(form, "button")) == "Merge John Smith into Jon Smith"
    carried = {(i.get("name"), i.get("value")) for i in find_all(form, "input")}
    assert {("survivor", str(jon.pk)), ("confirm", "yes")} <= carried
