"""The candidate list's quick find: typed words narrow the list's own filters."""

from ghostless.search.quick_find import candidate_find
from tests.factories import ApplicationFactory


def names(candidates) -> set[str]:
    return {c.first_name for c in candidates}


def test_words_and_filters_must_both_match(people, recruiter, job):
    ApplicationFactory(candidate=people.ada, job=job)
    ApplicationFactory(candidate=people.jose, job=job)
    assert names(candidate_find(user=recruiter, q="python")) == {"Ada", "José"}
    assert names(candidate_find(user=recruiter, q="python", job=job.pk)) == {"Ada", "José"}
    assert names(candidate_find(user=recruiter, q="kube", job=job.pk)) == {"Ada"}
    assert names(candidate_find(user=recruiter, q="grace", job=job.pk)) == set()


def test_a_hiring_manager_finds_only_the_candidates_of_her_jobs(people, hiring_manager, job):
    ApplicationFactory(candidate=people.ada, job=job)
    assert names(candidate_find(user=hiring_manager, q="engineer")) == {"Ada"}


def test_a_word_with_nothing_to_match_finds_nobody(people, recruiter):
    assert names(candidate_find(user=recruiter, q="--")) == set()
