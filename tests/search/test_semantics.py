"""What a search finds. The suite runs on SQLite and on PostgreSQL: the same assertions hold
on both, which is the promise that a query means the same on either database."""

import pytest

from ghostless.core.errors import DomainError
from ghostless.search.query import match_any
from ghostless.search.selectors import SearchFilters, candidate_search
from tests.search.helpers import add_person, found, ranked_names

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("q", "names"),
    [
        ("python", {"Ada", "José"}),
        ("Python ENGINEER", {"Ada"}),
        ("python -kubernetes", {"José"}),
        ('python -"machine learning"', {"Ada"}),
        ("kubernetes OR cobol", {"Ada", "Grace"}),
        ("engineer kubernetes OR cobol", {"Ada", "Grace"}),
        ('"machine learning"', {"José"}),
        ('"learning machine"', set()),
        ("kube*", {"Ada"}),
        ("lovel* analyt*", {"Ada"}),
        ('"analytical eng"*', {"Ada"}),
        ("kubernetesx", set()),
    ],
)
def test_words_phrases_or_exclusion_and_prefix(people, recruiter, q, names):
    assert found(recruiter, q) == names


@pytest.mark.parametrize(
    "q", ["jose muller", "José Müller", "JOSE MÜLLER", "zurich", "Zürich", "espanol"]
)
def test_accents_and_case_do_not_matter(people, recruiter, q):
    assert found(recruiter, q) == {"José"}


@pytest.mark.parametrize(
    "q", ["ada.lovelace@example.com", "lovelace@example.com", "ada.lovelace", "example.com"]
)
def test_email_found_whole_or_in_pieces(people, recruiter, q):
    assert found(recruiter, q) == {"Ada"}


@pytest.mark.parametrize(
    ("q", "name"),
    [
        ("+44 20 7946 0958", "Ada"),
        ("+442079460958", "Ada"),
        ("2079460958", "Ada"),
        ("020 7946 0958", "Ada"),
        ("(415) 555-0100", "Grace"),
        ("415-555-0100", "Grace"),
        ("4155550100", "Grace"),
        ("+1 415 555 0100", "Grace"),
    ],
)
def test_phone_found_as_typed_in_any_common_form(people, recruiter, q, name):
    assert found(recruiter, q) == {name}


def test_resume_text_notes_tags_skills_and_custom_fields_are_searched(people, recruiter):
    assert found(recruiter, "cobol compiler") == {"Grace"}
    assert found(recruiter, '"distributed systems"') == {"Grace"}
    assert found(recruiter, "tooling") == {"Grace"}
    assert found(recruiter, "silver-medalist") == {"Ada"}
    assert found(recruiter, "deutsch") == {"José"}


def test_a_private_note_is_not_searchable(people, recruiter):
    assert found(recruiter, "zebracorn") == set()


def test_a_name_ranks_above_a_mention_in_a_note(recruiter):
    from ghostless.timeline.services import activity_log

    mentioned = add_person(recruiter, first_name="Mina", current_title="Designer")
    activity_log(candidate=mentioned, actor=recruiter, kind="note", body="Knows Ferreira well.")
    add_person(recruiter, first_name="Rui", last_name="Ferreira", current_title="Designer")
    assert ranked_names(recruiter, "ferreira") == ["Rui", "Mina"]


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ('"unclosed phrase', "quote is not closed"),
        ("-python", "-word only excludes"),
        ("OR python", "each side of OR"),
        ("python OR", "each side of OR"),
        ("python OR -java", "OR cannot join"),
        ("ku*", "at least 3 letters"),
        ("@@ !!", "Type a name"),
        ("x " * 300, "under 500 characters"),
        (" ".join(f"w{n}" for n in range(31)), "at most 30 words"),
    ],
)
def test_a_query_that_cannot_be_read_says_what_to_fix(people, recruiter, q, message):
    with pytest.raises(DomainError, match=message) as error:
        candidate_search(user=recruiter, q=q, filters=SearchFilters())
    assert error.value.field == "q"


def test_engine_syntax_typed_by_a_user_is_just_text(people, recruiter):
    """Operators of FTS5 and tsquery are separators here, never syntax."""
    for q in [
        "NEAR(python kubernetes)",
        "python & !kubernetes",
        "a:python",
        "python:*",
        "{a}:python",
    ]:
        assert found(recruiter, q) <= {"Ada", "José"}
    assert found(recruiter, "python:* & kubernetes") == {"Ada"}


def test_lower_case_or_is_a_word(people, recruiter):
    assert found(recruiter, "kubernetes or cobol") == set()


def test_matching_is_bounded_and_says_when_it_stopped(recruiter):
    for n in range(5):
        add_person(recruiter, first_name=f"Same{n}", current_title="Welder")
    result = candidate_search(user=recruiter, q="welder", filters=SearchFilters(), limit=3)
    assert (result.count, result.capped) == (3, True)
    result = candidate_search(user=recruiter, q="welder", filters=SearchFilters(), limit=5)
    assert (result.count, result.capped) == (5, False)


def test_match_any_ranks_people_matching_more_of_the_words_first(people):
    hits = match_any(["Python", "Kubernetes", "Staff Engineer", "nothing-like-this"])
    names = {people.ada.pk: "Ada", people.jose.pk: "José", people.grace.pk: "Grace"}
    assert [names[pk] for pk, _ in hits] == ["Ada", "José"]
    assert hits[0][1] > hits[1][1] > 0
    assert match_any(["", "!!"]) == []
