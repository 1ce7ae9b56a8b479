import io
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from fpdf import FPDF

from ghostless.careers.forms import started_token
from ghostless.careers.services import job_questions_set
from tests.messaging.conftest import smtp  # noqa: F401 (the real SMTP server fixture)


def _pdf_bytes() -> bytes:
    document = FPDF()
    document.set_font("Helvetica", size=11)
    document.add_page()
    document.cell(text="Pat Applicant, engineer")
    return bytes(document.output())


# A real PDF: the upload check opens it (a header alone is refused as damaged).
PDF_BYTES = _pdf_bytes()
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "ghostless.messaging.backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"


@pytest.fixture
def public_job(job):
    """Rita's open, published Backend Engineer job, asking two questions."""
    job_questions_set(
        job=job,
        actor=None,
        questions=[
            {"label": "May you work in the EU?", "kind": "yes_no", "choices": [], "required": True},
            {
                "label": "How did you hear about us?",
                "kind": "choice",
                "choices": ["Friend", "Job board"],
                "required": False,
            },
        ],
    )
    return job


def pdf(name="cv.pdf", data=PDF_BYTES):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def docx(name="cv.docx", document=f'<w:document xmlns:w="{WORD_NS}"/>', extra=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
        for entry, data in extra:
            archive.writestr(entry, data)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def form_token(job, seconds_ago: int = 60) -> str:
    """A "form shown at" token from a while ago, as a person filling the form would send."""
    with time_machine.travel(timezone.now() - timedelta(seconds=seconds_ago)):
        return started_token(job.pk)


def apply_data(job, **overrides) -> dict:
    questions = {q.label: q for q in job.questions.all()}
    data = {
        "first_name": "Pat",
        "last_name": "Applicant",
        "email": "pat@example.net",
        "phone": "",
        "link": "https://www.linkedin.com/in/pat",
        "cover_note": "I build things.",
        "privacy": "on",
        "homepage": "",
        "started": form_token(job),
        "resume": pdf(),
    }
    if q := questions.get("May you work in the EU?"):
        data[f"q_{q.pk}"] = "Yes"
    if q := questions.get("How did you hear about us?"):
        data[f"q_{q.pk}"] = "Friend"
    data.update(overrides)
    return data


def apply(client, job, **overrides):
    return client.post(reverse("careers:job", args=[job.slug]), apply_data(job, **overrides))
