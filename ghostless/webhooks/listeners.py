"""What each event type carries, and the listeners that turn hooks into events.

Every listener runs inside the transaction of the change (hooks sent at once), so the
event and its deliveries commit or roll back with it (webhooks.services.event_emit)."""

from datetime import datetime

from django.db import transaction

from ghostless.candidates.models import Candidate
from ghostless.core import hooks
from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.webhooks.services import endpoints_subscribed, event_emit, events_redact


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def candidate_data(candidate: Candidate) -> dict:
    return {
        "id": candidate.pk,
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "emails": [e.email for e in candidate.emails.all()],
        "phones": [p.phone for p in candidate.phones.all()],
        "location": candidate.location,
        "current_title": candidate.current_title,
        "current_company": candidate.current_company,
        "linkedin_url": candidate.linkedin_url,
        "github_url": candidate.github_url,
        "website_url": candidate.website_url,
        "source": candidate.source,
        "owner": candidate.owner.username if candidate.owner_id else None,
        "tags": sorted(t.name for t in candidate.tags.all()),
        "created_at": _when(candidate.created_at),
        "updated_at": _when(candidate.updated_at),
    }


def application_data(application: Application) -> dict:
    job = application.job
    return {
        "id": application.pk,
        "candidate_id": application.candidate_id,
        "job": {
            "id": job.pk,
            "title": job.title,
            "department": job.department,
            "location": job.location,
            "employment_type": job.employment_type,
        },
        "stage": {"id": application.stage_id, "name": application.stage.name},
        "status": application.status,
        "source": application.source,
        "owner": application.owner.username if application.owner_id else None,
        "created_at": _when(application.created_at),
    }


def _offer_terms(offer) -> dict:
    return {
        "id": offer.pk,
        "title": offer.title,
        "salary": str(offer.salary),
        "currency": offer.currency,
        "pay_period": offer.pay_period,
        "start_date": offer.start_date.isoformat(),
        "accepted_at": _when(offer.answered_at),
    }


def hire_data(application: Application) -> dict:
    """What an HR system needs to start onboarding: the person, the job and the terms."""
    from ghostless.offers.models import Offer, OfferState

    offer = (
        Offer.objects.filter(application=application, state=OfferState.ACCEPTED)
        .order_by("-answered_at", "-id")
        .first()
    )
    return application_data(application) | {
        "candidate": candidate_data(application.candidate),
        "start_date": offer.start_date.isoformat() if offer else None,
        "offer": _offer_terms(offer) if offer else None,
    }


def _application(application_id: int) -> Application:
    return Application.objects.select_related("job", "stage", "owner", "candidate").get(
        pk=application_id
    )


# The listeners, one per hook.


def on_candidates_created(*, candidates: list[Candidate], **_) -> None:
    # Who subscribes is read once for them all: an import adds thousands at a time.
    endpoints = endpoints_subscribed("candidate.created")
    for candidate in candidates:
        event_emit(
            type="candidate.created",
            candidate_id=candidate.pk,
            data=lambda c=candidate: candidate_data(c),
            endpoints=endpoints,
        )


def on_candidate_created(*, candidate: Candidate, **_) -> None:
    on_candidates_created(candidates=[candidate])


def on_candidates_updated(*, candidate_ids: list[int], fields: list[str], **_) -> None:
    for candidate in Candidate.objects.filter(pk__in=candidate_ids).select_related("owner"):
        event_emit(
            type="candidate.updated",
            candidate_id=candidate.pk,
            data=lambda c=candidate: candidate_data(c) | {"changed": sorted(fields)},
        )


def on_candidate_merged(*, survivor_id: int, merged_id: int, **_) -> None:
    event_emit(
        type="candidate.merged",
        candidate_id=survivor_id,
        data=lambda: {"survivor_id": survivor_id, "merged_id": merged_id},
    )


def on_candidate_anonymised(*, candidate_id: int, **_) -> None:
    # Sent on commit by privacy: this listener makes its own transaction.
    with transaction.atomic():
        events_redact(candidate_id=candidate_id)
        event_emit(
            type="candidate.anonymised",
            candidate_id=candidate_id,
            data=lambda: {"id": candidate_id},
        )


def on_applications_created(*, applications: list[Application], **_) -> None:
    # Who subscribes is read once for them all: an import adds thousands at a time.
    endpoints = endpoints_subscribed("application.created")
    for application in applications:
        event_emit(
            type="application.created",
            candidate_id=application.candidate_id,
            data=lambda a=application: application_data(_application(a.pk)),
            endpoints=endpoints,
        )


def on_application_created(*, application: Application, **_) -> None:
    on_applications_created(applications=[application])


def on_stage_changed(*, application: Application, from_stage, to_stage, **_) -> None:
    def data():
        return application_data(_application(application.pk)) | {
            "from_stage": {"id": from_stage.pk, "name": from_stage.name} if from_stage else None
        }

    event_emit(type="application.stage_changed", candidate_id=application.candidate_id, data=data)


STATUS_EVENTS = {
    ApplicationStatus.REJECTED: "application.rejected",
    ApplicationStatus.HIRED: "application.hired",
    ApplicationStatus.WITHDRAWN: "application.withdrawn",
}


def on_status_changed(*, application: Application, new: str, reason: str = "", **_) -> None:
    kind = STATUS_EVENTS.get(new)
    if kind is None:
        return

    def data():
        current = _application(application.pk)
        if new == ApplicationStatus.HIRED:
            return hire_data(current)
        return application_data(current) | {"reason": reason}

    event_emit(type=kind, candidate_id=application.candidate_id, data=data)


def on_told(*, application_id: int, how: str, **_) -> None:
    def data():
        current = _application(application_id)
        return application_data(current) | {"told_how": how, "told_at": _when(current.told_at)}

    candidate_id = Application.objects.values_list("candidate_id", flat=True).get(pk=application_id)
    event_emit(type="candidate.told", candidate_id=candidate_id, data=data)


def interview_data(interview) -> dict:
    return {
        "id": interview.pk,
        "application_id": interview.application_id,
        "candidate_id": interview.application.candidate_id,
        "job_id": interview.application.job_id,
        "title": interview.title,
        "starts_at": _when(interview.starts_at),
        "duration_minutes": interview.duration_minutes,
        "location": interview.location,
        "video_url": interview.video_url,
        "status": interview.status,
        "interviewers": [
            a.user.username for a in interview.attendees.select_related("user") if a.user_id
        ],
    }


def on_interview(kind: str):
    def listener(*, interview, **_) -> None:
        event_emit(
            type=kind,
            candidate_id=interview.application.candidate_id,
            data=lambda: interview_data(interview),
        )

    return listener


def on_offer_accepted(*, offer, **_) -> None:
    def data():
        return _offer_terms(offer) | {
            "application": application_data(_application(offer.application_id))
        }

    event_emit(type="offer.accepted", candidate_id=offer.application.candidate_id, data=data)


def connect() -> None:
    hooks.candidate_created.connect(on_candidate_created)
    hooks.candidates_created.connect(on_candidates_created)
    hooks.candidates_updated.connect(on_candidates_updated)
    hooks.candidate_merged.connect(on_candidate_merged)
    hooks.candidate_anonymised.connect(on_candidate_anonymised)
    hooks.application_created.connect(on_application_created)
    hooks.applications_created.connect(on_applications_created)
    hooks.application_stage_changed.connect(on_stage_changed)
    hooks.application_status_changed.connect(on_status_changed)
    hooks.application_told.connect(on_told)
    hooks.interview_scheduled.connect(on_interview("interview.scheduled"))
    hooks.interview_cancelled.connect(on_interview("interview.cancelled"))
    hooks.offer_accepted.connect(on_offer_accepted)
