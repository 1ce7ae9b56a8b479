"""Timeline entries for the careers page, one small function per kind."""

from ghostless.jobs.models import Application
from ghostless.timeline.events import record
from ghostless.timeline.models import Activity, EventKind, Kind


def careers_applied(*, application: Application, again: bool, cover_note: str) -> Activity:
    title = application.job.title
    return record(
        candidate=application.candidate,
        application=application,
        actor=None,
        kind=Kind.SYSTEM,
        subject=(
            f"Applied again for {title} on the careers page (resume and answers updated)"
            if again
            else f"Applied for {title} on the careers page"
        ),
        body=cover_note,
        event=EventKind.CAREERS_APPLICATION,
        payload={"again": again, "privacy_notice": True},
    )


def talent_network_joined(*, application: Application, source: str) -> Activity:
    return record(
        candidate=application.candidate,
        application=application,
        actor=None,
        kind=Kind.SYSTEM,
        subject="Agreed on the careers page to be kept in the talent network",
        event=EventKind.TALENT_NETWORK_CONSENT,
        payload={"source": source},
    )


def acknowledgement_defaulted(
    *, application: Application, template_id: int, error: str
) -> Activity:
    return record(
        candidate=application.candidate,
        application=application,
        actor=None,
        kind=Kind.SYSTEM,
        subject="Acknowledgement sent with the built-in text",
        body=error,
        event=EventKind.ACKNOWLEDGEMENT_DEFAULT,
        payload={"template": template_id},
    )


def acknowledgement_refused(*, application: Application, error: str) -> Activity:
    return record(
        candidate=application.candidate,
        application=application,
        actor=None,
        kind=Kind.SYSTEM,
        subject="Acknowledgement not sent",
        body=error,
        event=EventKind.ACKNOWLEDGEMENT_REFUSED,
    )
