"""A Date header from before 1970: the mail is kept, dated when it arrived."""

import pytest

from ghostless.messaging import inbound
from tests.messaging.test_inbound import email, inbound_activities


@pytest.mark.parametrize(
    "date",
    [
        "Mon, 01 Jan 0100 00:00:00 +1400",
        "Fri, 01 Jan 1960 00:00:00 -1200",
        "Wed, 31 Dec 1969 23:59:59 +0000",
    ],
)
def test_mail_dated_before_1970_is_kept_and_dated_on_arrival(candidate, date):
    received = inbound.receive(email(Date=date), source="webhook")
    received.refresh_from_db()
    assert received.candidate == candidate
    assert received.sent_at is None
    assert inbound_activities().get().occurred_at == received.received_at
