import json
import re
from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from ghostless.jobs.services import job_update
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def jsonld(response) -> dict:
    html = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_the_list_shows_only_open_published_unexpired_jobs(client, job, settings):
    settings.COMPANY_NAME = "Acme & Co"
    JobFactory(title="Draft role", status="draft")
    JobFactory(title="Closed role", status="closed")
    JobFactory(title="Internal role", published=False)
    JobFactory(title="Expired role", valid_through=timezone.localdate() - timedelta(days=1))
    JobFactory(title="Closing today", valid_through=timezone.localdate())

    response = client.get(reverse("careers:list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Backend Engineer" in html and "Closing today" in html
    for hidden in ("Draft role", "Closed role", "Internal role", "Expired role"):
        assert hidden not in html
    assert "Acme &amp; Co" in html


def test_the_list_filters_by_department_location_and_type(client, job):
    JobFactory(title="Designer", department="Design", location="Lisbon")
    JobFactory(title="Intern", employment_type="internship")
    JobFactory(title="Remote SRE", remote=True, location="Germany")

    def titles(**params):
        html = client.get(reverse("careers:list"), params).content.decode()
        names = ("Backend Engineer", "Designer", "Intern", "Remote SRE")
        return {t for t in names if f">{t}</a>" in html}

    assert titles(department="Design") == {"Designer"}
    assert titles(location="Lisbon") == {"Designer"}
    assert titles(location="remote") == {"Remote SRE"}
    assert titles(type="internship") == {"Intern"}


def test_an_empty_list_says_what_to_do(client):
    html = client.get(reverse("careers:list")).content.decode()

    assert "There are no open jobs right now" in html


def test_the_public_pages_show_no_staff_navigation(recruiter_client, job):
    html = recruiter_client.get(reverse("careers:job", args=[job.slug])).content.decode()

    assert 'aria-label="Main"' not in html and "Log out" not in html


def test_a_closed_job_answers_404_with_a_link_to_the_openings(client, job):
    job_update(job=job, actor=None, status="filled")

    response = client.get(reverse("careers:job", args=[job.slug]))

    assert response.status_code == 404
    assert reverse("careers:list") in response.content.decode()


def test_an_unknown_slug_answers_404(client):
    assert client.get("/careers/no-such-job-9/").status_code == 404


def test_the_description_is_markdown_rendered_safely(client, job):
    job_update(
        job=job,
        actor=None,
        description="We **ship**.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",
    )

    html = client.get(reverse("careers:job", args=[job.slug])).content.decode()

    assert "<strong>ship</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "javascript:" not in html


def test_the_job_posting_json_ld_has_the_required_properties(client, job, settings):
    settings.COMPANY_LOGO_URL = "https://example.com/logo.png"
    job_update(job=job, actor=None, valid_through=date(2031, 3, 1), description="Build APIs.")

    data = jsonld(client.get(reverse("careers:job", args=[job.slug])))

    assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
    assert data["title"] == "Backend Engineer"
    assert "Build APIs." in data["description"]
    assert date.fromisoformat(data["datePosted"])
    assert data["hiringOrganization"]["name"] == settings.COMPANY_NAME
    assert data["hiringOrganization"]["logo"] == "https://example.com/logo.png"
    assert data["jobLocation"]["address"]["addressLocality"] == "Berlin"
    assert data["validThrough"].startswith("2031-03-01")
    assert data["employmentType"] == "FULL_TIME"


def test_a_remote_job_posting_names_telecommute_and_where_applicants_may_live(client):
    job = JobFactory(remote=True, location="Germany", employment_type="contract")

    data = jsonld(client.get(reverse("careers:job", args=[job.slug])))

    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "Germany"}
    assert "jobLocation" not in data and "validThrough" not in data
    assert data["employmentType"] == "CONTRACTOR"


def test_text_cannot_break_out_of_the_json_ld_block(client):
    job = JobFactory(title="Dev </script><script>alert(1)</script>")

    response = client.get(reverse("careers:job", args=[job.slug]))

    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert jsonld(response)["title"] == "Dev </script><script>alert(1)</script>"


def test_the_json_feed_lists_open_jobs(client, job):
    JobFactory(title="Draft role", status="draft")

    response = client.get(reverse("careers:feed_json"))

    assert response["Content-Type"].startswith("application/feed+json")
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [item["title"] for item in feed["items"]] == ["Backend Engineer"]
    assert feed["items"][0]["url"] == f"http://testserver/careers/{job.slug}/"


def test_the_atom_feed_lists_open_jobs(client, job):
    response = client.get(reverse("careers:feed_atom"))

    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.text for e in root.findall("a:entry/a:title", ns)]
    assert titles == ["Backend Engineer"]


def test_new_jobs_get_a_unique_slug(job):
    twin = JobFactory(title="Backend Engineer")

    assert job.slug == f"backend-engineer-{job.pk}"
    assert twin.slug != job.slug


def test_a_bullet_list_in_the_description_stays_a_list_and_scripts_are_removed(client, job):
    job_update(
        job=job,
        actor=None,
        description="What you will do:\n- Build APIs\n- Ship them\n<script>alert(1)</script>",
    )

    html = client.get(reverse("careers:job", args=[job.slug])).content.decode()

    assert "<ul>\n<li>Build APIs</li>\n<li>Ship them" in html
    assert "<script>alert(1)" not in html
