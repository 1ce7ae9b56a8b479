"""The demo's offers, told through the services: on three applications of open jobs with a
hiring manager, one waits on that manager's approval (for two days, so it is in her queue),
one was sent and waits on the candidate, and one was accepted on the status page (hired).
Each job asks its hiring manager, then Alice, to approve, within a salary range."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.status_links import status_token
from ghostless.jobs.models import Application, JobStatus, StageRole
from ghostless.jobs.services import application_move
from ghostless.offers import services
from ghostless.offers.models import OfferApproval

SALARIES = [Decimal("82000"), Decimal("76000"), Decimal("91000")]


def _applications() -> list[Application]:
    live = (
        Application.objects.filter(
            status="active", job__status=JobStatus.OPEN, job__hiring_manager__isnull=False
        )
        .exclude(offers__isnull=False)
        .filter(candidate__emails__isnull=False)
        .distinct()
        .select_related("candidate", "job__hiring_manager", "stage", "owner")
    )
    at_offer = list(live.filter(stage__role=StageRole.OFFER).order_by("id")[:3])
    taken = {a.job_id for a in at_offer}
    for application in live.filter(stage__role=StageRole.INTERVIEW).order_by("id"):
        if len(at_offer) == 3:
            break
        if application.job_id in taken:
            continue
        stage = application.job.stages.filter(role=StageRole.OFFER).first()
        if stage:
            application_move(application=application, stage=stage, actor=application.owner)
            at_offer.append(application)
            taken.add(application.job_id)
    return at_offer


def make_offers(alice: User) -> None:
    now = timezone.now()
    today = now.date()
    for index, application in enumerate(_applications()):
        job = application.job
        recruiter = application.owner or alice
        services.policy_save(
            owner=job,
            actor=alice,
            approver_ids=[job.hiring_manager_id, alice.pk],
            salary_min=Decimal("70000"),
            salary_max=Decimal("95000"),
            currency="EUR",
        )
        offer = services.offer_create(
            application=application,
            actor=recruiter,
            title=job.title,
            salary=SALARIES[index],
            currency="EUR",
            pay_period="year",
            start_date=today + timedelta(days=45),
            expires_on=today + timedelta(days=10),
        )
        services.offer_submit(offer=offer, actor=recruiter)
        if index == 0:
            # Waiting on the hiring manager for two days: an approval_due in her queue.
            OfferApproval.objects.filter(offer=offer, order=0).update(
                waiting_since=now - timedelta(days=2)
            )
            continue
        services.offer_approve(offer=offer, actor=job.hiring_manager, comment="Within budget.")
        services.offer_approve(offer=offer, actor=alice)
        offer = services.offer_send(offer=offer, actor=recruiter)
        if index == 2:
            services.offer_accept_by_candidate(
                candidate=application.candidate,
                offer=offer,
                token=status_token(application.candidate_id),
                ip="203.0.113.7",
            )
