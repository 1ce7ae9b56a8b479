from django import forms

from ghostless.core.forms import FieldGroup
from ghostless.resumes.validation import EXTENSIONS


class ResumeUploadForm(forms.Form):
    bound_field_class = FieldGroup
    file = forms.FileField(
        label="Upload a new resume",
        help_text="PDF, Word (.docx) or plain text, up to 10 MB. It becomes the current "
        "resume; earlier ones are kept.",
        error_messages={"required": "Choose a file to upload."},
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in EXTENSIONS.values())}
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("auto_id", "resume-%s")
        super().__init__(*args, **kwargs)
