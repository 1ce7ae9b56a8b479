"""The API the extension uses: candidates looked up by LinkedIn profile, and CORS for
browser-extension origins only."""

import pytest

from ghostless.candidates import services
from tests.api_clients import PREFIX

EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


@pytest.fixture
def jane(recruiter):
    return services.candidate_create(
        actor=recruiter,
        first_name="Jane",
        last_name="Doe",
        linkedin_url="https://www.linkedin.com/in/jane-doe-42/",
    )


@pytest.mark.parametrize(
    "address",
    [
        "https://www.linkedin.com/in/jane-doe-42/",
        "http://linkedin.com/in/Jane-Doe-42",
        "https://uk.linkedin.com/in/jane-doe-42/?originalSubdomain=uk",
    ],
)
def test_lookup_by_linkedin_url_finds_the_profile_whatever_its_form(recruiter_api, jane, address):
    response = recruiter_api.get("/candidates", {"linkedin_url": address})
    assert response.status_code == 200
    assert [c["id"] for c in response.json()["items"]] == [jane.pk]


def test_lookup_of_another_profile_finds_nobody(recruiter_api, jane):
    response = recruiter_api.get(
        "/candidates", {"linkedin_url": "https://www.linkedin.com/in/jane-doe-43/"}
    )
    assert response.json()["items"] == []


def test_lookup_of_an_address_that_is_not_linkedin_is_a_422(recruiter_api, jane):
    response = recruiter_api.get("/candidates", {"linkedin_url": "https://example.com/in/jane"})
    assert response.status_code == 422
    assert response.json()["field"] == "linkedin_url"


def test_a_hiring_manager_finds_only_candidates_of_her_jobs(manager_api, jane):
    response = manager_api.get("/candidates", {"linkedin_url": jane.linkedin_url})
    assert response.json()["items"] == []


def test_lookup_costs_the_same_whatever_the_number_of_candidates(
    recruiter, recruiter_api, jane, django_assert_num_queries
):
    """The token check, the page and its prefetches: no query per candidate."""
    recruiter_api.get("/me")  # the token's first use is recorded once
    for n in range(3):
        services.candidate_create(
            actor=recruiter,
            first_name=f"Other {n}",
            linkedin_url=f"https://linkedin.com/in/o{n}",
        )
    with django_assert_num_queries(7):
        recruiter_api.get("/candidates", {"linkedin_url": jane.linkedin_url})


def test_an_extension_preflight_is_answered(client):
    response = client.options(
        f"{PREFIX}/candidates",
        headers={
            "Origin": EXTENSION,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == EXTENSION
    assert "Authorization" in response["Access-Control-Allow-Headers"]
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in response


def test_an_extension_reads_the_answer_and_its_errors(recruiter_api, anonymous_api, jane):
    recruiter_api.client.defaults["HTTP_ORIGIN"] = (
        "moz-extension://0f3c1d2e-aaaa-bbbb-cccc-123456789abc"
    )
    answered = recruiter_api.get(f"/candidates/{jane.pk}")
    assert answered["Access-Control-Allow-Origin"].startswith("moz-extension://")
    assert "Origin" in answered["Vary"]
    anonymous_api.client.defaults["HTTP_ORIGIN"] = EXTENSION
    refused = anonymous_api.get("/me")
    assert refused.status_code == 401
    assert refused["Access-Control-Allow-Origin"] == EXTENSION


def test_web_origins_get_no_cors(recruiter_api, client):
    recruiter_api.client.defaults["HTTP_ORIGIN"] = "https://evil.example"
    assert "Access-Control-Allow-Origin" not in recruiter_api.get("/me")
    preflight = client.options(
        f"{PREFIX}/me",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "Access-Control-Allow-Origin" not in preflight


def test_pages_outside_the_api_get_no_cors(recruiter_client):
    response = recruiter_client.get("/settings/", headers={"Origin": EXTENSION})
    assert "Access-Control-Allow-Origin" not in response
