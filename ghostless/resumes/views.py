from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404

from ghostless.candidates.selectors import access_candidate
from ghostless.resumes.models import Resume


def download(request: HttpRequest, pk: int) -> FileResponse:
    resume = get_object_or_404(Resume, pk=pk)
    access_candidate(request.user, resume.candidate_id)  # 404 for who may not see them
    # Always an attachment, with the type we decided from the content: never rendered inline.
    response = FileResponse(
        resume.file.open("rb"),
        as_attachment=True,
        filename=resume.original_filename,
        content_type=resume.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
