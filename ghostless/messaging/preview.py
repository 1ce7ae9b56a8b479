"""A bulk send's second look, before anything is written: how many will get a message, who
will be skipped and why, and the first message as its recipient will get it, rendered the way
`message_queue` renders it (the same merge fields, the same unsubscribe footer)."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ghostless.accounts.models import User
from ghostless.core.errors import DomainError
from ghostless.jobs.models import Application
from ghostless.messaging import rendering
from ghostless.messaging.models import EmailTemplate, Purpose, Suppression

NO_ADDRESS = "no email address"
SUPPRESSED = "their address is on the suppression list (it bounced or was refused)"
UNSUBSCRIBED = "unsubscribed from news of other roles"
DO_NOT_CONTACT = "marked do not contact"
CHUNK = 10_000


@dataclass
class SendPlan:
    count: int  # how many will be sent a message
    skipped: list[tuple[str, int]] = field(default_factory=list)  # (why, how many)
    # The first recipient's message: {"name", "to", "rendered"}, or {"name", "error"}.
    first: dict | None = None
    by_text: int = 0  # of `count`, how many email cannot reach who are texted instead


def first_message(*, candidate, job, template, to_email: str, actor, pool=None) -> dict:
    """One message as `message_queue` would render it for this recipient."""
    context = rendering.merge_context(
        candidate=candidate,
        job=job,
        recruiter=actor or candidate.owner,
        to_email=to_email,
        pool=pool,
    )
    first = {"name": candidate.name, "to": to_email}
    try:
        rendered = rendering.render(subject=template.subject, body=template.body, context=context)
    except DomainError as error:
        return first | {"error": f"The template “{template.name}” cannot render: {error.message}"}
    return first | {
        "rendered": rendering.with_unsubscribe(rendered, body=template.body, context=context)
    }


def send_plan(
    applications: list[Application],
    *,
    template_for: Callable[[Application], EmailTemplate],
    actor: User,
    pool=None,
    text_instead: Callable[[Application], bool] | None = None,
) -> SendPlan:
    """`applications` in send order, with `candidate__emails` prefetched; one query more per
    10,000 addresses (the suppressed ones). `text_instead`: whether one email cannot reach
    is told by text instead (the loop's outcome messages, texts.outcome)."""
    firsts = {a.pk: next(iter(a.candidate.emails.all()), None) for a in applications}
    addresses = [e.email.lower() for e in firsts.values() if e is not None]
    suppressed = set()
    for start in range(0, len(addresses), CHUNK):  # within both databases' parameter limits
        suppressed |= set(
            Suppression.objects.filter(
                email__in=addresses[start : start + CHUNK], cleared_at__isnull=True
            ).values_list("email", flat=True)
        )
    skipped: Counter[str] = Counter()
    count, first, by_text = 0, None, 0
    for application in applications:
        address = firsts[application.pk]
        template = template_for(application)
        unreachable = address is None or address.email.lower() in suppressed
        if application.candidate.do_not_contact_at is not None:
            skipped[DO_NOT_CONTACT] += 1
        elif unreachable and text_instead is not None and text_instead(application):
            count, by_text = count + 1, by_text + 1
        elif address is None:
            skipped[NO_ADDRESS] += 1
        elif address.email.lower() in suppressed:
            skipped[SUPPRESSED] += 1
        elif application.candidate.unsubscribed_at and template.purpose == Purpose.NURTURE:
            skipped[UNSUBSCRIBED] += 1
        else:
            count += 1
            if first is None:
                first = first_message(
                    candidate=application.candidate,
                    job=application.job,
                    template=template,
                    to_email=address.email,
                    actor=actor,
                    pool=pool,
                )
    return SendPlan(count=count, skipped=sorted(skipped.items()), first=first, by_text=by_text)
