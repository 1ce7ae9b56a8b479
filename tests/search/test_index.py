"""The index follows every change in the same transaction, and can be rebuilt whole."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from ghostless.candidates.models import Candidate
from ghostless.candidates.services import candidate_update
from ghostless.search.index import candidate_reindex, index_rebuild
from ghostless.search.models import SearchDocument
from ghostless.search.query import matches, parse
from ghostless.search.services import candidates_tag
from ghostless.timeline.services import activity_log
from tests.search.helpers import add_person, found

pytestmark = pytest.mark.django_db


def test_an_edit_through_the_service_is_found_at_once(people, recruiter):
    candidate_update(
        candidate=people.ada,
        actor=recruiter,
        current_title="Platform Architect",
        emails=["ada@engines.example"],
        phones=[],
        tags=["alumni"],
        skills="Rust",
    )
    assert found(recruiter, "architect rust alumni ada@engines.example") == {"Ada"}
    for gone in ["staff", "kubernetes", "silver", "ada.lovelace@example.com", "2079460958"]:
        assert found(recruiter, gone) == set(), gone


def test_a_note_is_found_once_logged_a_call_is_not_a_note(people, recruiter):
    activity_log(candidate=people.jose, actor=recruiter, kind="note", body="Loves Haskell.")
    activity_log(candidate=people.ada, actor=recruiter, kind="call", body="Mentioned Erlang.")
    assert found(recruiter, "haskell") == {"José"}
    assert found(recruiter, "erlang") == set()


def test_tagging_a_selection_reindexes_those_tagged(people, recruiter):
    assert (
        candidates_tag(candidates=[people.ada, people.jose], name=" Shortlist ", actor=recruiter)
        == 2
    )
    assert found(recruiter, "shortlist") == {"Ada", "José"}


def test_a_rolled_back_change_leaves_the_index_as_it_was(people, recruiter):
    with pytest.raises(RuntimeError), transaction.atomic():
        candidate_update(candidate=people.ada, actor=recruiter, current_title="Chef")
        assert found(recruiter, "chef") == {"Ada"}
        raise RuntimeError
    assert found(recruiter, "chef") == set()
    assert found(recruiter, "staff") == {"Ada"}


def test_a_deleted_candidate_is_gone_from_the_index(people, recruiter):
    people.ada.delete()
    assert found(recruiter, "python") == {"José"}
    assert not SearchDocument.objects.filter(candidate_id=people.ada.pk).exists()


def test_reindexing_costs_the_same_queries_for_one_or_many(recruiter):
    people = [
        add_person(recruiter, first_name=f"P{n}", emails=[f"p{n}@x.example"]) for n in range(20)
    ]
    with CaptureQueriesContext(connection) as one:
        candidate_reindex([people[0].pk])
    with CaptureQueriesContext(connection) as many:
        candidate_reindex(p.pk for p in people)
    assert len(many) == len(one)


def test_rebuild_indexes_candidates_made_without_the_services(people, recruiter):
    bare = Candidate.objects.create(
        first_name="Bare", last_name="Factory", current_title="Glassblower"
    )
    assert found(recruiter, "glassblower") == set()
    SearchDocument.objects.filter(candidate=people.ada).delete()
    seen = []
    assert index_rebuild(batch_size=2, progress=seen.append) == 4
    assert seen[-1] == 4
    assert found(recruiter, "glassblower") == {"Bare"}
    assert found(recruiter, "python") == {"Ada", "José"}
    assert bare.pk


def test_search_reindex_command(people, recruiter, capsys):
    SearchDocument.objects.all().delete()
    assert found(recruiter, "python") == set()
    call_command("search_reindex", batch_size=1)
    assert "Indexed 3 candidates." in capsys.readouterr().out
    assert found(recruiter, "python") == {"Ada", "José"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("run", [1, 2])
def test_the_index_survives_the_flush_between_transactional_tests(recruiter, run):
    """A flush deletes documents with plain SQL; the full-text index must follow (triggers on
    SQLite, a generated column on PostgreSQL), or the run after it would match stale rows."""
    assert matches(parse("cooper")) == []
    add_person(recruiter, first_name="Flushy", current_title="Cooper")
    assert found(recruiter, "cooper") == {"Flushy"}
