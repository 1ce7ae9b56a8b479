"""seed_demo refuses what it must not fill: a database in use, or a count below one."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.jobs.models import Job

pytestmark = pytest.mark.django_db


def seed(candidates: int) -> str:
    out = StringIO()
    call_command("seed_demo", candidates=candidates, stdout=out)
    return out.getvalue()


def test_seed_demo_leaves_a_database_in_use_alone(candidate):
    output = seed(candidates=40)

    assert "nothing to do" in output
    assert Candidate.objects.count() == 1
    assert not User.objects.filter(username="rosa").exists()


def test_seed_demo_refuses_a_count_below_one():
    with pytest.raises(CommandError, match="at least 1"):
        seed(candidates=0)
    assert Job.objects.count() == 0
