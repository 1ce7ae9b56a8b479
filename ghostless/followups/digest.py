"""The daily digest: each recruiter's overdue and due-today follow-ups, mailed at an hour they
choose in their own time zone, once a day."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from ghostless.accounts.models import User
from ghostless.core.when import ShownZone
from ghostless.followups.models import Reason
from ghostless.followups.selectors import queue
from ghostless.messaging.services import notification_queue


def _link(path: str) -> str:
    return settings.SITE_URL + path


def _followup_link(followup) -> str:
    """A missing scorecard is written on the interview's kit (the only page an interviewer
    has for that candidate); everything else is worked from the profile."""
    if followup.reason == Reason.FEEDBACK_DUE and followup.interview_id:
        return _link(reverse("interviews:kit", args=[followup.interview_id]))
    return _link(reverse("candidates:detail", args=[followup.candidate_id]))


def digest_for(user: User, now: datetime) -> tuple[str, str, str] | None:
    """(subject, text, html) listing what is overdue and due today, or None when nothing is."""
    followups = list(queue(user=user, now=now))
    if not followups:
        return None
    rows = [
        {
            "followup": followup,
            "waited": timesince(followup.waiting_since, now, depth=1),
            "url": _followup_link(followup),
        }
        for followup in followups
    ]
    context = {
        "user": user,
        "overdue": [row for row in rows if row["followup"].due_at <= now],
        "today": [row for row in rows if row["followup"].due_at > now],
        # Only recruiters and admins have a queue; interviewers start from their home page.
        "queue_url": _link(reverse("followups:queue" if user.sees_everything else "home")),
        "settings_url": _link(reverse("accounts:settings")),
    }
    # Times in the mail are the reader's, not the server's.
    with timezone.override(ShownZone(user.time_zone)):
        subject = render_to_string("followups/email/digest-subject.txt", context)
        text = render_to_string("followups/email/digest-body.txt", context)
        html = render_to_string("followups/email/digest-body.html", context)
    return " ".join(subject.split()), text, html


def send_due_digests(now: datetime | None = None) -> int:
    """Queue the digest of every user whose chosen hour it is now, where they are.

    1. Pick active users with an email and a digest hour (interviewers and hiring managers
       too: they owe scorecards).
    2. Skip those whose local hour is another, or who had today's digest already.
    3. Claim the user's day with a conditional update, so two workers send once.
    4. Queue the mail (none when nothing is due); its key makes a repeat a no-op.
    """
    now = now or timezone.now()
    users = User.objects.filter(is_active=True, digest_hour__isnull=False).exclude(email="")
    sent = 0
    for user in users:
        local = now.astimezone(ZoneInfo(user.time_zone))
        today = local.date()
        if local.hour != user.digest_hour or user.digest_sent_on == today:
            continue
        with transaction.atomic():
            claimed = (
                User.objects.filter(pk=user.pk)
                .filter(Q(digest_sent_on__isnull=True) | ~Q(digest_sent_on=today))
                .update(digest_sent_on=today)
            )
            if not claimed or (content := digest_for(user, now)) is None:
                continue
            subject, text, html = content
            notification_queue(
                to_user=user,
                subject=subject,
                body=text,
                html=html,
                idempotency_key=f"digest:{user.pk}:{today.isoformat()}",
            )
            sent += 1
    return sent
