"""Writes for resumes."""

import hashlib

from django.db import transaction
from django.utils import timezone

from ghostless.accounts.models import User
from ghostless.candidates.models import Candidate
from ghostless.resumes.models import Resume
from ghostless.resumes.validation import check_resume


def resume_add(*, candidate: Candidate, upload, actor: User | None) -> Resume:
    """Store a checked upload as the candidate's current resume; earlier ones are kept."""
    content_type = check_resume(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    # Keep only the last path segment and a sane length: it is shown and sent as a filename.
    original = (upload.name or "resume").replace("\\", "/").rsplit("/", 1)[-1][:255] or "resume"
    with transaction.atomic():
        Resume.objects.filter(candidate=candidate, is_current=True).update(is_current=False)
        resume = Resume(
            candidate=candidate,
            original_filename=original,
            content_type=content_type,
            size=upload.size,
            sha256=digest.hexdigest(),
            uploaded_at=timezone.now(),
            uploaded_by=actor,
            is_current=True,
        )
        resume.file.save("resume", upload, save=False)
        resume.save()
    return resume
