"""schema.org JobPosting for search engines, and the escaping that keeps it inside its tag."""

import json

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from ghostless.jobs.models import Job

EMPLOYMENT_TYPES = {
    "full_time": "FULL_TIME",
    "part_time": "PART_TIME",
    "contract": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "internship": "INTERN",
}
# As django.utils.html.json_script: "</script>" or "<!--" in any text cannot end the block.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def job_posting(job: Job, *, description_html: str, url: str) -> dict:
    posted = job.status_changed_at or job.created_at
    organization = {"@type": "Organization", "name": settings.COMPANY_NAME}
    if settings.SITE_URL:
        organization["sameAs"] = settings.SITE_URL
    if settings.COMPANY_LOGO_URL:
        organization["logo"] = settings.COMPANY_LOGO_URL
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": description_html or job.title,
        "datePosted": posted.date().isoformat(),
        "hiringOrganization": organization,
        "employmentType": EMPLOYMENT_TYPES.get(job.employment_type, "OTHER"),
        "directApply": True,
        "url": url,
        "identifier": {"@type": "PropertyValue", "name": settings.COMPANY_NAME, "value": job.pk},
    }
    if job.remote:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {
            "@type": "Country",
            "name": job.location or "Worldwide",
        }
    else:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": job.location},
        }
    if job.valid_through:
        data["validThrough"] = f"{job.valid_through.isoformat()}T23:59:59"
    if job.department:
        data["industry"] = job.department
    return data


def script_tag(data: dict) -> SafeString:
    payload = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 (escaped above)
