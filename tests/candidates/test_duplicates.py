"""Possible duplicates: suggested on evidence, dismissed for good, found without a scan."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ghostless.candidates import duplicates
from ghostless.candidates.duplicates import duplicate_dismiss, duplicate_suggestions
from ghostless.candidates.normalize import linkedin_key
from ghostless.candidates.services import candidate_create, candidate_update
from ghostless.core.errors import DomainError, PermissionDenied

pytestmark = pytest.mark.django_db


def person(actor, first, last="", **fields):
    return candidate_create(actor=actor, first_name=first, last_name=last, **fields)


def suggested(user, candidate) -> dict[int, list[str]]:
    return {
        d.candidate.pk: d.reasons for d in duplicate_suggestions(user=user, candidate=candidate)
    }


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/jane-doe",
        "http://linkedin.com/in/Jane-Doe/",
        "https://de.linkedin.com/in/jane-doe?trk=profile#top",
    ],
)
def test_linkedin_addresses_are_keyed_without_scheme_www_query_or_slash(url):
    assert linkedin_key(url) == "linkedin.com/in/jane-doe"


def test_other_addresses_have_no_linkedin_key():
    assert linkedin_key("https://github.com/jane") == ""
    assert linkedin_key("https://www.linkedin.com/") == ""


def test_the_same_linkedin_profile_is_suggested_whatever_the_name(recruiter):
    jane = person(recruiter, "Jane", "Doe", linkedin_url="https://www.linkedin.com/in/jane-doe/")
    other = person(recruiter, "J.", "Smith-Doe", linkedin_url="http://linkedin.com/in/Jane-Doe")
    assert suggested(recruiter, jane) == {other.pk: ["Same LinkedIn profile"]}
    assert suggested(recruiter, other) == {jane.pk: ["Same LinkedIn profile"]}


def test_a_close_name_at_the_same_company_is_suggested(recruiter):
    jon = person(recruiter, "Jon", "Smith", current_company="Acme", location="Paris")
    john = person(recruiter, "John", "Smith", current_company="ACME ", location="Lyon")
    [duplicate] = duplicate_suggestions(user=recruiter, candidate=jon)
    assert duplicate.candidate == john
    assert duplicate.reasons == ["Similar name, same company (ACME)"]
    assert 88 <= duplicate.score < 100


def test_a_close_name_in_the_same_city_is_suggested(recruiter):
    ana = person(recruiter, "Ana", "Costa", current_company="Lumen", location="Lisbon")
    other = person(recruiter, "Ana", "Kosta", current_company="", location="lisbon")
    assert suggested(recruiter, ana) == {other.pk: ["Similar name, same city (lisbon)"]}


def test_a_short_first_name_with_the_same_last_name_is_close(recruiter):
    jon = person(recruiter, "Jon", "Smith", current_company="Northwind Analytics")
    jonathan = person(recruiter, "Jonathan", "Smith", current_company="Northwind Analytics")
    assert suggested(recruiter, jon) == {
        jonathan.pk: ["Similar name, same company (Northwind Analytics)"]
    }


def test_the_same_name_at_the_same_company_and_city_gives_both_reasons(recruiter):
    one = person(recruiter, "José", "García", current_company="Acme", location="Madrid")
    two = person(recruiter, "Jose", "Garcia", current_company="Acme", location="Madrid")
    assert suggested(recruiter, one) == {
        two.pk: ["Same name, same company (Acme)", "Same name, same city (Madrid)"]
    }


def test_a_common_first_name_alone_is_no_duplicate(recruiter):
    john = person(recruiter, "John", "Smith", current_company="Acme", location="Berlin")
    person(recruiter, "John", "Miller", current_company="Acme", location="Berlin")
    person(recruiter, "John", "Smyth-Jones", current_company="Acme", location="Berlin")
    assert suggested(recruiter, john) == {}


def test_the_same_last_name_with_another_first_name_is_no_duplicate(recruiter):
    brian = person(recruiter, "Brian", "Wallace", location="Warsaw, Poland")
    person(recruiter, "Brittany", "Wallace", location="Warsaw, Poland")
    assert suggested(recruiter, brian) == {}


def test_a_close_name_elsewhere_is_no_duplicate(recruiter):
    jon = person(recruiter, "Jon", "Smith", current_company="Acme", location="Paris")
    person(recruiter, "John", "Smith", current_company="Globex", location="Rome")
    assert suggested(recruiter, jon) == {}


def test_not_a_duplicate_stops_the_suggestion_from_both_sides(recruiter):
    jon = person(recruiter, "Jon", "Smith", current_company="Acme")
    john = person(recruiter, "John", "Smith", current_company="Acme")
    duplicate_dismiss(candidate=john, other=jon, actor=recruiter)
    duplicate_dismiss(candidate=jon, other=john, actor=recruiter)  # twice changes nothing
    assert suggested(recruiter, jon) == {}
    assert suggested(recruiter, john) == {}


def test_only_recruiters_dismiss_and_never_a_record_against_itself(recruiter, hiring_manager):
    jon = person(recruiter, "Jon", "Smith", current_company="Acme")
    with pytest.raises(DomainError):
        duplicate_dismiss(candidate=jon, other=jon, actor=recruiter)
    with pytest.raises(PermissionDenied):
        duplicate_dismiss(candidate=jon, other=jon, actor=hiring_manager)


def test_an_edited_linkedin_address_is_found(recruiter):
    jane = person(recruiter, "Jane", "Doe")
    other = person(recruiter, "Janet", "Roe")
    candidate_update(
        candidate=other, actor=recruiter, linkedin_url="https://www.linkedin.com/in/jd"
    )
    candidate_update(candidate=jane, actor=recruiter, linkedin_url="linkedin.com/in/JD/")
    assert suggested(recruiter, jane) == {other.pk: ["Same LinkedIn profile"]}


def test_the_check_reads_a_bounded_number_of_rows(recruiter, monkeypatch):
    """However many namesakes, each narrowing query reads at most its limit."""
    jon = person(recruiter, "Jon", "Smith", current_company="Acme", location="Berlin")
    for n in range(6):
        person(recruiter, "John", "Smith", current_company="Acme", location="Berlin", source=str(n))
    monkeypatch.setattr(duplicates, "ROWS_PER_QUERY", 2)
    with CaptureQueriesContext(connection) as queries:
        found = duplicate_suggestions(user=recruiter, candidate=jon)
    # Three narrowing queries (no LinkedIn address), each with its LIMIT, and the dismissals.
    assert len(queries) == 4
    assert all("LIMIT 2" in q["sql"] for q in queries.captured_queries[:3])
    assert 2 <= len(found) <= 6
