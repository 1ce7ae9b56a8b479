"""Reads for the public careers page: only open, published, unexpired jobs are ever public."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ghostless.jobs.models import Job, JobStatus


def public_jobs() -> QuerySet[Job]:
    today = timezone.localdate()
    return (
        Job.objects.filter(status=JobStatus.OPEN, published=True, slug__isnull=False)
        .filter(Q(valid_through__isnull=True) | Q(valid_through__gte=today))
        .order_by("-status_changed_at", "-id")
    )


def public_job_list(*, department: str = "", location: str = "", employment_type: str = ""):
    jobs = public_jobs()
    if department:
        jobs = jobs.filter(department=department)
    if location == "remote":
        jobs = jobs.filter(remote=True)
    elif location:
        jobs = jobs.filter(location=location, remote=False)
    if employment_type:
        jobs = jobs.filter(employment_type=employment_type)
    return jobs


def filter_options() -> dict:
    jobs = public_jobs()
    return {
        "departments": sorted(
            set(jobs.exclude(department="").values_list("department", flat=True))
        ),
        "locations": sorted(
            set(jobs.filter(remote=False).exclude(location="").values_list("location", flat=True))
        ),
        "has_remote": jobs.filter(remote=True).exists(),
        "types": sorted(set(jobs.values_list("employment_type", flat=True))),
    }


def public_job(slug: str) -> Job:
    """404 for anything not open to applicants."""
    return get_object_or_404(public_jobs().prefetch_related("questions"), slug=slug)
