"""Resumes over the API: upload a version (multipart), list them, download one."""

from datetime import datetime

from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from ninja import File, Router, Schema, Status, UploadedFile

from ghostless.api.schemas import Id
from ghostless.candidates.selectors import access_candidate
from ghostless.core.errors import DomainError
from ghostless.core.permissions import check_recruiter
from ghostless.resumes import services
from ghostless.resumes.selectors import access_resume, candidate_resumes
from ghostless.resumes.views import file_response

router = Router(tags=["resumes"])


class ResumeOut(Schema):
    id: int
    original_filename: str
    content_type: str
    size: int
    uploaded_at: datetime
    is_current: bool
    parse_status: str
    parse_error: str
    download_url: str

    @staticmethod
    def resolve_download_url(resume, context) -> str:
        path = reverse(
            "api:resume_file",
            kwargs={"candidate_id": resume.candidate_id, "resume_id": resume.pk},
        )
        return context["request"].build_absolute_uri(path)


@router.get("/{candidate_id}/resumes", response=list[ResumeOut])
def list_resumes(request: HttpRequest, candidate_id: Id):
    """Every version, newest first; the first is current."""
    candidate = access_candidate(request.auth, candidate_id)
    return candidate_resumes(candidate=candidate)


@router.post("/{candidate_id}/resumes", response={201: ResumeOut})
def upload_resume(request: HttpRequest, candidate_id: Id, file: File[UploadedFile]):
    """A PDF, Word (.docx) or plain-text file of up to 10 MB, in the multipart field `file`;
    it becomes the current resume. Its text is read in the background (`parse_status`)."""
    candidate = access_candidate(request.auth, candidate_id)
    check_recruiter(request.auth, "can upload resumes")
    try:
        resume = services.resume_add(candidate=candidate, upload=file, actor=request.auth)
    except DomainError as exc:
        if exc.field == "resume":
            exc.field = "file"  # the multipart field's name here, not the careers form's
        raise
    return Status(201, resume)


@router.get("/{candidate_id}/resumes/{resume_id}/file", url_name="resume_file")
def download_resume(request: HttpRequest, candidate_id: Id, resume_id: Id) -> FileResponse:
    """The file, as an attachment with the type decided from its content."""
    resume = access_resume(request.auth, resume_id)
    if resume.candidate_id != candidate_id:
        raise Http404
    return file_response(resume)
