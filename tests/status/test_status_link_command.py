"""`manage.py status_link` prints a working link to a candidate's page, found by id or email."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ghostless.status.links import candidate_for_token
from tests.status.conftest import path_of, token_of

pytestmark = pytest.mark.django_db


def printed(*args) -> str:
    out = StringIO()
    call_command("status_link", *args, stdout=out)
    return out.getvalue()


def test_by_email_or_id_it_prints_a_link_that_opens_their_page(client, candidate):
    for given in ("  CARA@example.org", str(candidate.pk)):
        line = printed(given)

        assert line.startswith(f"Cara Candidate (#{candidate.pk}): http")
        url = line.split()[-1]
        assert candidate_for_token(token_of(url)) == candidate
        assert client.get(path_of(url)).status_code == 200


def test_an_unknown_candidate_is_an_error(db):
    with pytest.raises(CommandError, match="No candidate nobody@example.org"):
        printed("nobody@example.org")
    with pytest.raises(CommandError, match="not a valid email address"):
        printed("nobody")
