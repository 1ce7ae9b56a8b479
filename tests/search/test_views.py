"""The search page: results with snippets, saved searches, and acting on a selection."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ghostless.jobs.models import Application
from ghostless.pools.models import PoolMember
from ghostless.pools.services import pool_create
from ghostless.search.models import SavedSearch
from ghostless.search.services import candidates_tag, saved_search_save
from tests.conftest import client_for
from tests.factories import ApplicationFactory, JobFactory
from tests.search.helpers import add_person

pytestmark = pytest.mark.django_db
URL = "/search/"


def test_every_page_has_a_labelled_search_box(recruiter_client):
    page = recruiter_client.get("/candidates/").content.decode()
    assert '<label for="topbar-q">Find a candidate</label>' in page
    assert f'action="{URL}"' in page


def test_results_show_where_each_person_matched(people, recruiter_client):
    response = recruiter_client.get(URL, {"q": "cobol OR kubernetes"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 matches" in page
    assert "Resume: Wrote the first <mark>COBOL</mark> compiler." in page
    assert "Skills: Python, <mark>Kubernetes</mark>" in page
    assert f'href="/candidates/{people.grace.pk}/"' in page


def test_candidate_text_is_escaped_in_results(recruiter, recruiter_client):
    add_person(recruiter, first_name="<b>Eve</b>", current_title="<script>alert(1)</script> Hacker")
    page = recruiter_client.get(URL, {"q": "hacker"}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Hacker</mark>" in page
    assert "&lt;b&gt;Eve&lt;/b&gt;" in page


def test_a_bad_query_is_explained_on_the_page(people, recruiter_client):
    response = recruiter_client.get(URL, {"q": '"python'})
    assert response.status_code == 422
    assert "A quote is not closed" in response.content.decode()


def test_empty_states_say_what_to_type(people, recruiter_client):
    page = recruiter_client.get(URL).content.decode()
    assert "Type a name, email, phone, skill" in page
    page = recruiter_client.get(URL, {"q": "astronaut"}).content.decode()
    assert "Nobody matches. Try fewer words" in page


def test_filters_alone_list_people(people, recruiter_client):
    page = recruiter_client.get(URL, {"location": "zür"}).content.decode()
    assert "1 match" in page
    assert "Müller" in page


def test_results_are_paged(recruiter, recruiter_client):
    for n in range(30):
        add_person(recruiter, first_name=f"Welder{n:02d}", current_title="Welder")
    first = recruiter_client.get(URL, {"q": "welder"}).content.decode()
    second = recruiter_client.get(URL, {"q": "welder", "page": 2}).content.decode()
    assert "30 matches" in first and "Page 1 of 2" in first
    assert first.count('name="candidates"') == 25
    assert second.count('name="candidates"') == 5


def count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(queries)


def test_results_page_queries_do_not_grow_with_hits(recruiter, recruiter_client, job):
    def add(n, start):
        for i in range(start, start + n):
            person = add_person(
                recruiter,
                first_name=f"Welder{i}",
                current_title="Welder",
                emails=[f"w{i}@x.example"],
                tags=["metal"],
            )
            ApplicationFactory(candidate=person, job=job)

    add(5, 0)
    params = {"q": "welder metal", "job": job.pk}
    few = count_queries(recruiter_client, params)
    add(45, 5)
    assert count_queries(recruiter_client, params) == few


def test_hiring_manager_sees_her_candidates_without_selection_tools(
    people, job, manager_client, outsider_client
):
    ApplicationFactory(candidate=people.ada, job=job)
    page = manager_client.get(URL, {"q": "python"}).content.decode()
    assert "Lovelace" in page and "Müller" not in page
    assert 'name="candidates"' not in page and "Talent pool" not in page
    assert "Nobody matches" in outsider_client.get(URL, {"q": "python"}).content.decode()


# Saved searches


def test_save_a_search_and_run_it_again(people, recruiter, recruiter_client):
    response = recruiter_client.post(
        "/search/saved/", {"name": "Pythonistas", "query": "q=python&location=lon&page=3"}
    )
    saved = SavedSearch.objects.get(owner=recruiter)
    assert (saved.name, saved.query) == ("Pythonistas", "q=python&location=lon")
    assert response.url == f"{URL}?q=python&location=lon"
    page = recruiter_client.get(response.url).content.decode()
    assert f'<a href="{URL}?q=python&amp;location=lon">Pythonistas</a>' in page
    assert "1 match" in page


def test_saving_under_the_same_name_replaces_the_query(recruiter, recruiter_client):
    recruiter_client.post("/search/saved/", {"name": "Mine", "query": "q=python"})
    recruiter_client.post("/search/saved/", {"name": "Mine", "query": "q=rust"})
    assert list(SavedSearch.objects.values_list("name", "query")) == [("Mine", "q=rust")]


def test_saving_needs_a_name_and_a_search(recruiter_client):
    recruiter_client.post("/search/saved/", {"name": "", "query": "q=python"})
    response = recruiter_client.post("/search/saved/", {"name": "Empty", "query": ""}, follow=True)
    assert "Search for something first" in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_only_the_owner_lists_and_deletes_a_saved_search(
    recruiter, other_recruiter, recruiter_client
):
    saved, _ = saved_search_save(owner=recruiter, name="Mine", query="q=python")
    other_client = client_for(other_recruiter)
    assert "Mine" not in other_client.get(URL).content.decode()
    assert other_client.post(f"/search/saved/{saved.pk}/delete/").status_code == 404
    recruiter_client.post(f"/search/saved/{saved.pk}/delete/", {"next": URL})
    assert not SavedSearch.objects.exists()


# Acting on a selection


def act(client, action, candidates, **fields):
    data = {"action": action, "candidates": [c.pk for c in candidates], "next": f"{URL}?q=x"}
    return client.post("/search/selection/", data | fields, follow=True)


def test_add_selected_to_a_job_skips_those_already_on_it(people, job, recruiter_client):
    ApplicationFactory(candidate=people.ada, job=job)
    response = act(recruiter_client, "job", [people.ada, people.jose, people.grace], to_job=job.pk)
    assert response.redirect_chain[-1][0] == f"{URL}?q=x"
    assert f"Added 2 to {job.title} (1 already on it)." in response.content.decode()
    first = job.stages.order_by("order").first()
    assert set(
        Application.objects.filter(job=job, stage=first).values_list(
            "candidate__first_name", flat=True
        )
    ) == {"Ada", "José", "Grace"}
    assert (
        people.jose.activities.filter(kind="stage_change").exists()
        or people.jose.activities.exists()
    )


def test_add_selected_to_a_pool(people, recruiter, recruiter_client):
    pool = pool_create(actor=recruiter, name="Platform")
    response = act(recruiter_client, "pool", [people.ada, people.jose], to_pool=pool.pk)
    assert "Added 2 to Platform." in response.content.decode()
    assert PoolMember.objects.filter(pool=pool).count() == 2


def test_tag_selected(people, recruiter_client):
    response = act(recruiter_client, "tag", [people.ada, people.jose], tag="Shortlist")
    assert "Tagged 2 with “shortlist”." in response.content.decode()
    page = recruiter_client.get(URL, {"q": "shortlist"}).content.decode()
    assert "2 matches" in page


def test_a_selection_needs_ticks_and_a_target(people, recruiter_client):
    assert (
        "Tick at least one candidate" in act(recruiter_client, "tag", [], tag="x").content.decode()
    )
    page = act(recruiter_client, "job", [people.ada], to_job="").content.decode()
    assert "Choose the job" in page
    page = act(recruiter_client, "tag", [people.ada], tag=" ").content.decode()
    assert "Type the tag" in page


def test_ids_that_are_no_visible_candidate_are_ignored(people, recruiter_client):
    data = {"action": "tag", "tag": "ok", "candidates": [people.ada.pk, 999999], "next": URL}
    response = recruiter_client.post("/search/selection/", data, follow=True)
    assert "Tagged 1 with “ok”." in response.content.decode()


def test_hiring_managers_cannot_act_on_a_selection(people, job, manager_client):
    ApplicationFactory(candidate=people.ada, job=job)
    response = manager_client.post(
        "/search/selection/", {"action": "tag", "candidates": [people.ada.pk], "tag": "x"}
    )
    assert response.status_code == 403


def test_email_posts_the_selection_to_the_nurture_page(people, recruiter_client):
    page = recruiter_client.get(URL, {"q": "python"}).content.decode()
    assert 'formaction="/pools/nurture/"' in page
    response = recruiter_client.post(
        "/pools/nurture/", {"candidates": [people.ada.pk, people.jose.pk]}
    )
    assert response.status_code == 200
    assert "Lovelace" in response.content.decode()


def test_a_selection_of_impossible_ids_is_refused(people, recruiter_client):
    data = {"action": "tag", "tag": "x", "candidates": ["99999999999999999999"], "next": URL}
    response = recruiter_client.post("/search/selection/", data, follow=True)
    assert "That selection cannot be used" in response.content.decode()


def test_a_hiring_manager_filters_by_the_tags_of_her_candidates_only(
    people, job, recruiter, manager_client
):
    ApplicationFactory(candidate=people.jose, job=job)
    candidates_tag(candidates=[people.jose], name="remote", actor=recruiter)
    page = manager_client.get(URL).content.decode()
    assert '<option value="remote">' in page
    assert '<option value="silver-medalist">' not in page


def test_jobs_are_typed_and_a_chosen_jobs_stages_listed(recruiter_client, job):
    filled = JobFactory(title="Old Filled Role", status="filled")
    page = recruiter_client.get(URL).content.decode()
    assert "Old Filled Role" not in page and 'hx-get="/jobs/lookup/"' in page
    assert "Choose a job to pick one of its stages." in page
    screen = filled.stages.get(name="Screen")
    chosen = recruiter_client.get(URL, {"job": filled.pk, "stage": screen.pk})
    assert chosen.context["form"].is_valid()
    assert f'value="Old Filled Role (#{filled.pk})"' in chosen.content.decode()


def test_changing_the_job_refreshes_only_the_stage_select(recruiter_client, job):
    response = recruiter_client.get(
        URL,
        {"job": job.pk, "stage": "999999"},
        headers={"HX-Request": "true", "HX-Target": "field-stage"},
    )
    html = response.content.decode()
    assert html.startswith('<div class="field" id="field-stage"')
    assert f"{job.title}: Screen</option>" in html and "errorlist" not in html
