from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ghostless.candidates.models import Candidate, CandidatePhone, Tag
from ghostless.jobs.services import application_hire, application_move
from tests.factories import ApplicationFactory, CandidateFactory, JobFactory

NEW = {
    "first_name": "Jane",
    "last_name": "Doe",
    "emails": "Jane.Doe@Example.COM\n\njane@work.example",
    "phones": "(415) 555-0134",
    "location": "Oakland",
    "current_title": "Staff Engineer",
    "current_company": "Acme",
    "linkedin_url": "https://www.linkedin.com/in/janedoe",
    "github_url": "",
    "website_url": "",
    "tags": "Python, remote , python",
    "source": "referral",
    "owner": "",
    "custom_fields": "Notice period: 1 month\nSalary: 100k",
}


def test_recruiter_adds_a_candidate_with_normalized_contacts(recruiter, recruiter_client):
    response = recruiter_client.post("/candidates/new/", NEW | {"owner": recruiter.pk})
    jane = Candidate.objects.get(first_name="Jane")
    assert response.status_code == 302
    assert response["Location"] == f"/candidates/{jane.pk}/"
    assert [e.email for e in jane.emails.all()] == ["jane.doe@example.com", "jane@work.example"]
    assert [p.phone for p in jane.phones.all()] == ["+14155550134"]
    assert sorted(t.name for t in jane.tags.all()) == ["python", "remote"]
    assert jane.custom_fields == {"Notice period": "1 month", "Salary": "100k"}
    assert jane.owner == recruiter


def test_form_page_labels_every_input(recruiter_client):
    html = recruiter_client.get("/candidates/new/").content.decode()
    for name in ("first_name", "emails", "phones", "tags", "owner", "custom_fields"):
        assert f'<label for="id_{name}"' in html


def test_duplicate_email_is_refused_with_a_link_to_the_other_candidate(candidate, recruiter_client):
    response = recruiter_client.post("/candidates/new/", NEW | {"emails": "CARA@example.org"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "cara@example.org already belongs to Cara Candidate." in html
    assert f'href="/candidates/{candidate.pk}/"' in html
    assert "Open Cara Candidate's profile" in html
    assert 'aria-invalid="true"' in html
    assert Candidate.objects.count() == 1
    # What was typed stays in the form.
    assert "Staff Engineer" in html and "Notice period: 1 month" in html


def test_duplicate_phone_is_refused_with_a_link_to_the_other_candidate(candidate, recruiter_client):
    CandidatePhone.objects.create(candidate=candidate, phone="+14155550134")
    response = recruiter_client.post("/candidates/new/", NEW | {"phones": "415.555.0134"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "+14155550134 already belongs to Cara Candidate." in html
    assert f'href="/candidates/{candidate.pk}/"' in html
    assert Candidate.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("emails", "not-an-email", "is not a valid email address"),
        ("phones", "12", "is not a valid phone number"),
        ("first_name", "", "This field is required"),
        ("custom_fields", "no colon here", "Line 1 needs a name"),
        ("linkedin_url", "javascript:alert(1)", "Enter a valid URL"),
        ("owner", "99999", "Select a valid choice"),
    ],
)
def test_bad_input_is_shown_next_to_its_field(recruiter_client, field, value, message):
    response = recruiter_client.post("/candidates/new/", NEW | {field: value})
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert (
        f'aria-describedby="id_{field}_error' in html
        or f"id_{field}_helptext id_{field}_error" in html
    )
    assert not Candidate.objects.exists()


def test_owner_must_be_a_recruiter_or_admin(hiring_manager, recruiter_client):
    response = recruiter_client.post("/candidates/new/", NEW | {"owner": hiring_manager.pk})
    assert response.status_code == 422
    assert not Candidate.objects.exists()


def test_editing_changes_the_profile_and_keeps_untouched_custom_fields(
    candidate, recruiter_client, other_recruiter
):
    candidate.custom_fields = {"years": 7, "remote": True}
    candidate.save()
    form = recruiter_client.get(f"/candidates/{candidate.pk}/edit/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"current_company": "Globex", "owner": other_recruiter.pk}
    response = recruiter_client.post(f"/candidates/{candidate.pk}/edit/", data)
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.current_company == "Globex"
    assert candidate.owner == other_recruiter
    assert candidate.custom_fields == {"years": 7, "remote": True}
    assert [e.email for e in candidate.emails.all()] == ["cara@example.org"]


def test_editing_into_another_candidates_email_links_to_them(candidate, recruiter_client):
    other = CandidateFactory(first_name="Olga", last_name="Other", emails=["olga@example.org"])
    form = recruiter_client.get(f"/candidates/{candidate.pk}/edit/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["emails"] = "cara@example.org\nolga@example.org"
    response = recruiter_client.post(f"/candidates/{candidate.pk}/edit/", data)
    assert response.status_code == 422
    assert f'href="/candidates/{other.pk}/"' in response.content.decode()
    assert candidate.emails.count() == 1


def test_hiring_manager_gets_403_on_create_and_edit(application, manager_client):
    candidate = application.candidate
    assert manager_client.get("/candidates/new/").status_code == 403
    assert manager_client.post("/candidates/new/", NEW).status_code == 403
    assert manager_client.get(f"/candidates/{candidate.pk}/edit/").status_code == 403
    assert manager_client.post(f"/candidates/{candidate.pk}/edit/", NEW).status_code == 403
    assert Candidate.objects.count() == 1


def test_hiring_manager_gets_404_editing_a_candidate_she_cannot_see(stranger, manager_client):
    assert manager_client.get(f"/candidates/{stranger.pk}/edit/").status_code == 404


# The list.


def names(response) -> list[str]:
    return [c.name for c in response.context["page"].object_list]


@pytest.fixture
def cast(recruiter, other_recruiter, job, other_job):
    """Four candidates spread over jobs, stages, statuses, owners, tags and sources, with
    fixed titles and companies so no random value matches a search by chance."""
    fixed = {"current_title": "Engineer", "location": "Lisbon"}
    ann = CandidateFactory(
        **fixed,
        first_name="Ann",
        last_name="Archer",
        owner=recruiter,
        source="referral",
        current_company="Initech",
        emails=["ann@example.org"],
    )
    ben = CandidateFactory(
        **fixed,
        current_company="Globex",
        first_name="Ben",
        last_name="Baker",
        owner=other_recruiter,
        source="linkedin",
        emails=["ben@example.org"],
    )
    cy = CandidateFactory(
        **fixed,
        current_company="Hooli",
        first_name="Cy",
        last_name="Cole",
        owner=recruiter,
        source="careers page",
        emails=["cy@example.org"],
    )
    dee = CandidateFactory(
        **fixed,
        current_company="Umbrella",
        first_name="Dee",
        last_name="Dunn",
        emails=["dee@example.org"],
    )
    CandidatePhone.objects.create(candidate=dee, phone="+14155550199")
    Tag.objects.create(name="python").candidates.add(ann, cy)
    ApplicationFactory(candidate=ann, job=job)
    screen = job.stages.get(name="Screen")
    application_move(
        application=ApplicationFactory(candidate=ben, job=job), stage=screen, actor=recruiter
    )
    application_hire(application=ApplicationFactory(candidate=cy, job=other_job), actor=recruiter)
    return {"ann": ann, "ben": ben, "cy": cy, "dee": dee, "screen": screen}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"stage": "screen"}, ["Ben Baker"]),
        ({"status": "hired"}, ["Cy Cole"]),
        ({"owner": "ray"}, ["Ben Baker"]),
        ({"tag": "python"}, ["Ann Archer", "Cy Cole"]),
        ({"source": "linkedin"}, ["Ben Baker"]),
        ({"q": "archer"}, ["Ann Archer"]),
        ({"q": "initech"}, ["Ann Archer"]),
        ({"q": "ben@example"}, ["Ben Baker"]),
        ({"q": "5550199"}, ["Dee Dunn"]),
        # Through the search index: the start of a word, several words all matching.
        ({"q": "arch"}, ["Ann Archer"]),
        ({"q": "ann initech"}, ["Ann Archer"]),
        ({"q": "Ann Globex"}, []),
        # A short word is looked for anywhere.
        ({"q": "cy"}, ["Cy Cole"]),
        ({"status": "active", "owner": "rita"}, ["Ann Archer"]),
    ],
)
def test_each_list_filter_returns_the_right_candidates(recruiter_client, cast, query, expected):
    if query.get("stage") == "screen":
        query = {"stage": cast["screen"].pk}
    response = recruiter_client.get("/candidates/", query)
    assert response.status_code == 200
    assert sorted(names(response)) == expected


def test_job_filter_lists_that_jobs_candidates_and_offers_its_stages(recruiter_client, cast, job):
    response = recruiter_client.get("/candidates/", {"job": job.pk})
    assert sorted(names(response)) == ["Ann Archer", "Ben Baker"]
    stage_choices = [label for value, label in response.context["form"].fields["stage"].choices]
    assert stage_choices[:3] == ["Any stage", "Sourced", "Applied"]


def test_stage_select_waits_for_a_job(recruiter_client, cast, job, other_job):
    """Without a job the stage select offers no stages (thousands at scale), only the hint."""
    response = recruiter_client.get("/candidates/")
    assert response.context["form"].fields["stage"].choices == [("", "Any stage")]
    assert "Choose a job to pick one of its stages." in response.content.decode()


def test_a_stage_from_a_link_still_filters_without_a_job(recruiter_client, cast, job):
    response = recruiter_client.get("/candidates/", {"stage": cast["screen"].pk})
    assert names(response) == ["Ben Baker"]
    assert "Backend Engineer: Screen" in response.content.decode()


def test_changing_the_job_refreshes_only_the_stage_select(recruiter_client, cast, job):
    response = recruiter_client.get(
        "/candidates/",
        {"job": job.pk, "stage": cast["screen"].pk + 1000},
        headers={"HX-Request": "true", "HX-Target": "field-stage"},
    )
    html = response.content.decode()
    assert html.startswith('<div class="field" id="field-stage"')
    assert 'hx-trigger="change from:#id_job"' in html.split(">", 1)[0]
    assert ">Screen</option>" in html
    assert "Ann Archer" not in html and "errorlist" not in html


def test_jobs_and_owners_are_typed_and_suggested_not_listed_in_the_page(
    recruiter_client, cast, job, recruiter
):
    filled = JobFactory(title="Old Filled Role", status="filled")
    JobFactory(title="Closed Role", status="closed")
    html = recruiter_client.get("/candidates/").content.decode()
    # No job or owner is written into the page, however many there are.
    assert "Backend Engineer" not in html.split("</form>", 1)[0]
    assert 'list="id_job-options"' in html and 'hx-get="/jobs/lookup/"' in html
    assert 'list="id_owner-options"' in html and 'hx-get="/people/lookup/"' in html
    # Filled and closed jobs can be filtered on too; a link's bare id shows as its title.
    chosen = recruiter_client.get("/candidates/", {"job": filled.pk})
    assert chosen.context["form"].is_valid()
    assert f'value="Old Filled Role (#{filled.pk})"' in chosen.content.decode()
    picked = recruiter_client.get("/candidates/", {"job": f"Old Filled Role (#{filled.pk})"})
    assert picked.context["form"].cleaned_data["job"] == filled
    typed = recruiter_client.get("/candidates/", {"job": "old filled role"})
    assert typed.context["form"].cleaned_data["job"] == filled
    vague = recruiter_client.get("/candidates/", {"job": "Role"}).content.decode()
    assert "Pick the job from the list" in vague
    owner = recruiter_client.get("/candidates/", {"owner": recruiter.username})
    assert owner.context["form"].cleaned_data["owner"] == recruiter.username
    nobody = recruiter_client.get("/candidates/", {"owner": "nobody-here"}).content.decode()
    assert "Pick someone from the list" in nobody


def test_the_lookups_suggest_live_jobs_first_and_teammates_by_name(
    recruiter_client, manager_client, job, recruiter
):
    filled = JobFactory(title="Backend Veteran", status="filled")
    found = recruiter_client.get("/jobs/lookup/", {"job": "backend"}).content.decode()
    assert found.index(f'value="{job.title} (#{job.pk})"') < found.index(
        f'value="Backend Veteran (#{filled.pk})"'
    )
    assert ">Filled" in found
    live = recruiter_client.get("/jobs/lookup/", {"live": "1", "to_job": "backend"})
    assert "Backend Veteran" not in live.content.decode()
    # A hiring manager is offered only her own jobs.
    assert "Backend Veteran" not in manager_client.get("/jobs/lookup/").content.decode()
    people = recruiter_client.get("/people/lookup/", {"owner": recruiter.first_name[:3]})
    assert f'<option value="{recruiter.username}">{recruiter.name}</option>' in (
        people.content.decode()
    )


def test_source_and_tag_selects_list_each_value_once_in_order(recruiter_client, cast):
    CandidateFactory(source="linkedin")
    form = recruiter_client.get("/candidates/").context["form"]
    assert [v for v, _ in form.fields["source"].choices] == [
        "",
        "careers page",
        "linkedin",
        "referral",
    ]
    assert [v for v, _ in form.fields["tag"].choices] == ["", "python"]


def test_manager_sees_only_sources_and_tags_of_her_candidates(manager_client, cast):
    form = manager_client.get("/candidates/").context["form"]
    assert [v for v, _ in form.fields["source"].choices] == ["", "linkedin", "referral"]
    assert [v for v, _ in form.fields["tag"].choices] == ["", "python"]


def test_long_lists_say_more_than_the_cap_and_page_on(recruiter_client, settings, monkeypatch):
    monkeypatch.setattr("ghostless.candidates.paging.DEFAULT_CAP", 4)
    settings.PAGE_SIZE = 2
    for i in range(7):
        CandidateFactory(first_name=f"Pat{i}", source="fair")
    first = recruiter_client.get("/candidates/", {"source": "fair"})
    html = first.content.decode()
    assert "More than 4 candidates match these filters" in html
    assert "Page 1</span>" in html and 'href="?source=fair&amp;page=2"' in html
    third = recruiter_client.get("/candidates/", {"source": "fair", "page": 3})
    assert len(names(third)) == 2 and 'page=4"' in third.content.decode()
    last = recruiter_client.get("/candidates/", {"source": "fair", "page": 4})
    assert len(names(last)) == 1 and "Next" not in last.content.decode()
    past = recruiter_client.get("/candidates/", {"source": "fair", "page": 99})
    assert past.context["page"].number == 4 and len(names(past)) == 1


def test_quick_find_also_finds_skills_through_the_search_index(recruiter_client, cast):
    CandidateFactory(first_name="Sky", last_name="Walker", skills="Terraform, Go")
    response = recruiter_client.get("/candidates/", {"q": "terra"})
    assert names(response) == ["Sky Walker"]


@pytest.mark.parametrize("selective", [True, False])
def test_quick_find_answers_the_same_from_the_index_or_walking_newest_first(
    recruiter_client, cast, monkeypatch, selective
):
    # PostgreSQL starts from the full-text index for a rare word and walks the list for a
    # common one; both must find the same people in the same order.
    monkeypatch.setattr("ghostless.search.quick_find._selective", lambda sql, params: selective)
    for n in range(3):
        CandidateFactory(first_name=f"Zed{n}", last_name="Quill", skills="Terraform")
    response = recruiter_client.get("/candidates/", {"q": "quill terra"})
    assert names(response) == ["Zed2 Quill", "Zed1 Quill", "Zed0 Quill"]


def test_list_shows_the_columns_a_recruiter_scans(recruiter_client, cast):
    html = recruiter_client.get("/candidates/", {"q": "ben"}).content.decode()
    ben = cast["ben"]
    assert f'href="/candidates/{ben.pk}/"' in html
    assert "ben@example.org" in html
    assert "Ray Romano" in html
    assert "Backend Engineer" in html and '<span class="badge">Screen</span>' in html
    assert "linkedin" in html


@pytest.mark.parametrize(
    "query",
    [
        {"job": "abc"},
        {"job": "99999"},
        {"stage": "x"},
        {"stage": "99999"},
        {"status": "sleeping"},
        {"owner": "nobody"},
        {"tag": "<b>"},
        {"page": "zzz"},
        {"page": "-1"},
        {"page": "99999"},
        {"q": "%_'\"\\"},
    ],
)
def test_bad_filters_never_break_the_list(recruiter_client, cast, query):
    response = recruiter_client.get("/candidates/", query)
    assert response.status_code == 200


def test_pager_links_keep_the_filters(recruiter_client, settings):
    settings.PAGE_SIZE = 2
    for i in range(5):
        CandidateFactory(first_name=f"Pat{i}", source="fair")
    response = recruiter_client.get("/candidates/", {"source": "fair"})
    html = response.content.decode()
    assert len(names(response)) == 2
    assert 'href="?source=fair&amp;page=2"' in html
    second = recruiter_client.get("/candidates/", {"source": "fair", "page": 3})
    assert len(names(second)) == 1


def test_empty_list_says_how_to_add_a_candidate(recruiter_client):
    html = recruiter_client.get("/candidates/").content.decode()
    assert "No candidates yet" in html
    assert 'href="/candidates/new/"' in html


def test_no_match_says_how_to_clear_the_filters(recruiter_client, cast):
    html = recruiter_client.get("/candidates/", {"q": "zzzz"}).content.decode()
    assert "No candidates match these filters" in html


def test_hiring_manager_lists_only_her_jobs_candidates_without_add_button(manager_client, cast):
    response = manager_client.get("/candidates/")
    assert sorted(names(response)) == ["Ann Archer", "Ben Baker"]
    assert b"Add candidate" not in response.content
    assert b"Sales Lead" not in response.content


def test_candidate_supplied_text_is_escaped_in_the_list(recruiter_client):
    CandidateFactory(first_name="<script>alert(1)</script>", current_company="<b>Evil</b>")
    html = recruiter_client.get("/candidates/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Evil</b>" not in html


def _list_queries(client, count: int, job, recruiter) -> int:
    tag = Tag.objects.get_or_create(name="python")[0]
    for _ in range(count - Candidate.objects.count()):
        person = CandidateFactory(owner=recruiter)
        person.tags.add(tag)
        CandidatePhone.objects.create(candidate=person, phone=f"+1415555{person.pk:04d}")
        ApplicationFactory(candidate=person, job=job)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/candidates/").status_code == 200
    return len(queries)


@pytest.mark.parametrize("client_name", ["recruiter_client", "manager_client"])
def test_candidate_list_queries_do_not_grow_with_rows(request, client_name, job, recruiter):
    client = request.getfixturevalue(client_name)
    five = _list_queries(client, 5, job, recruiter)
    fifty = _list_queries(client, 50, job, recruiter)
    assert five == fifty


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Ann Archer", "Ben Baker", "Zoe Zeta"]),
        ("-name", ["Zoe Zeta", "Ben Baker", "Ann Archer"]),
        ("last_contact", ["Zoe Zeta", "Ben Baker", "Ann Archer"]),
        ("-last_contact", ["Ann Archer", "Ben Baker", "Zoe Zeta"]),
    ],
)
def test_the_list_sorts_by_its_name_and_last_contact_headers(recruiter_client, sort, expected):
    now = timezone.now()
    for first, last, contact in [
        ("Ben", "Baker", now - timedelta(days=3)),
        ("Ann", "Archer", now - timedelta(hours=1)),
        ("Zoe", "Zeta", None),  # never contacted: the longest wait
    ]:
        CandidateFactory(first_name=first, last_name=last, last_contact_at=contact, source="fair")
    response = recruiter_client.get("/candidates/", {"sort": sort, "source": "fair"})
    assert names(response) == expected
    html = response.content.decode()
    assert 'aria-sort="' in html and "back to newest first" in html
    # Filtering again keeps the order: the form carries it.
    assert f'<input type="hidden" name="sort" value="{sort}"' in html


def test_the_sort_header_flips_its_direction(recruiter_client, cast):
    html = recruiter_client.get("/candidates/", {"sort": "name"}).content.decode()
    assert 'aria-sort="ascending"' in html and 'href="?sort=-name"' in html
    plain = recruiter_client.get("/candidates/").content.decode()
    assert "newest first" in plain and "aria-sort" not in plain


def test_the_lookups_cost_the_same_however_many_jobs_and_people(
    recruiter_client, django_assert_num_queries
):
    JobFactory.create_batch(30, title="Backend Role")
    # Session, user, then one bounded query for the suggestions.
    with django_assert_num_queries(3):
        jobs = recruiter_client.get("/jobs/lookup/", {"job": "backend"}).content.decode()
    assert jobs.count("<option") == 20
    with django_assert_num_queries(3):
        recruiter_client.get("/people/lookup/", {"owner": "a"})
