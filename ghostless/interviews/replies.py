"""An attendee's Accept / Decline arriving by email as an iTIP REPLY (RFC 5546 §3.2.3).

The answer counts when the REPLY names an interview we sent and an address on it, and comes
from that address (or from another address on the interview): a REPLY forged by a stranger
changes nothing. Whatever is refused is logged; the email itself stays where mail goes.
"""

import logging

from django.db import transaction

from ghostless.core.errors import DomainError
from ghostless.interviews import ical
from ghostless.interviews.models import Attendee, Interview
from ghostless.interviews.services import attendee_answer

logger = logging.getLogger(__name__)


def reply_received(*, calendar: str, from_email: str) -> Attendee | None:
    try:
        reply = ical.parse_reply(calendar)
    except DomainError as error:
        logger.info("Calendar reply from %s ignored: %s", from_email, error.message)
        return None
    interview = (
        Interview.objects.select_related("application__candidate").filter(uid=reply.uid).first()
    )
    if interview is None:
        logger.info("Calendar reply from %s for an unknown UID %s", from_email, reply.uid)
        return None
    current = set(
        interview.attendees.filter(removed_at__isnull=True).values_list("email", flat=True)
    )
    sender = from_email.strip().lower()
    if reply.email not in current or (sender != reply.email and sender not in current):
        logger.info(
            "Calendar reply for interview %s from %s naming %s: not on the interview",
            interview.pk,
            sender,
            reply.email,
        )
        return None
    try:
        with transaction.atomic():
            return attendee_answer(interview=interview, email=reply.email, response=reply.response)
    except DomainError as error:
        logger.info("Calendar reply for interview %s refused: %s", interview.pk, error.message)
        return None
