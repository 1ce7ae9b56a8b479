from django import forms

from ghostless.imports.mapping import FIELDS


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet (.csv or .xlsx)",
        help_text="The first row names the columns. CSV in UTF-8 or Windows-1252.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class MappingForm(forms.Form):
    """One choice per column of the file: the field it fills, or nothing."""

    def __init__(self, *args, columns: list[str], mapping: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = columns
        choices = [("", "— not imported —"), *FIELDS.items()]
        for index, column in enumerate(columns):
            self.fields[f"col-{index}"] = forms.ChoiceField(
                label=column, choices=choices, required=False, initial=mapping.get(column, "")
            )

    def mapping(self) -> dict[str, str]:
        return {
            column: self.cleaned_data[f"col-{index}"]
            for index, column in enumerate(self.columns)
            if self.cleaned_data.get(f"col-{index}")
        }


class ResumeUploadForm(forms.Form):
    file = forms.FileField(
        label="resume.json (JSON Resume)",
        help_text="The jsonresume.org format; it is checked against the official schema.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
