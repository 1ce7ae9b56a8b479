"""The hooks lower layers call so the layers above can act without being imported."""

import pytest
from django.db import transaction

from ghostless.core import hooks
from ghostless.core.hooks import Hook
from tests.factories import CandidateFactory


@pytest.fixture
def hook():
    return Hook("something_changed")


def test_every_listener_hears_a_send_in_order(hook):
    heard = []
    hook.connect(lambda **kw: heard.append(("first", kw)))
    hook.connect(lambda **kw: heard.append(("second", kw)))
    hook.send(candidate_ids=[1, 2])
    assert heard == [("first", {"candidate_ids": [1, 2]}), ("second", {"candidate_ids": [1, 2]})]


def test_a_listener_connected_twice_hears_once(hook):
    heard = []

    def listener(**kw):
        heard.append(kw)

    hook.connect(listener)
    hook.connect(listener)
    hook.send(candidate_ids=[1])
    assert heard == [{"candidate_ids": [1]}]


@pytest.mark.django_db(transaction=True)
def test_send_on_commit_waits_for_the_commit(hook):
    heard = []
    hook.connect(lambda **kw: heard.append(kw))
    with transaction.atomic():
        hook.send_on_commit(candidate_ids=[3])
        assert heard == []
    assert heard == [{"candidate_ids": [3]}]


@pytest.mark.django_db(transaction=True)
def test_send_on_commit_is_dropped_when_the_change_rolls_back(hook):
    heard = []
    hook.connect(lambda **kw: heard.append(kw))
    with pytest.raises(RuntimeError), transaction.atomic():
        hook.send_on_commit(candidate_ids=[3])
        raise RuntimeError("the change failed")
    assert heard == []


@pytest.mark.django_db
def test_a_changed_candidate_reaches_the_search_index_in_the_same_transaction():
    """The search app listens to `candidates_changed` from the moment Django is ready."""
    from ghostless.search.models import SearchDocument

    candidate = CandidateFactory(first_name="Zelda")
    SearchDocument.objects.filter(candidate=candidate).delete()
    with transaction.atomic():
        hooks.candidates_changed.send(candidate_ids=[candidate.pk])
        assert SearchDocument.objects.filter(candidate=candidate).exists()
