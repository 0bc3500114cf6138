"""Importing a plan: one file (Word, spreadsheet or YAML) and, if wanted, its short name."""

from pathlib import PurePath

from django import forms

# The readers' own limit is the same (importing.MAX_UPLOAD_BYTES); forms may not import it.
MAX_BYTES = 10 * 1024 * 1024
EXTENSIONS = {".docx", ".xlsx", ".ods", ".csv", ".yaml", ".yml"}
WRONG_TYPE = (
    "The selected file must be a Word document (.docx) or a spreadsheet (.xlsx, .ods, .csv)"
)


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a plan file",
        help_text="A Word document laid out as published action plans are, or a spreadsheet "
        "in the tracker's template (.xlsx, .ods or .csv), no larger than 10MB",
        error_messages={
            "required": "Select a plan file",
            "empty": "The selected file is empty",
            "invalid": "Select a plan file",
            "missing": "Select a plan file",
        },
    )
    slug = forms.SlugField(
        label="Short name for the web address (optional)",
        help_text="Lower case letters, numbers and hyphens, for example yjb-education-2025. "
        "Leave it empty to use the one in the file, or one made from the report's title.",
        max_length=100,
        required=False,
        error_messages={
            "invalid": "The short name must only include lower case letters, numbers and hyphens"
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name or "").suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(WRONG_TYPE)
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 10MB")
        return upload

    def clean_slug(self):
        return self.cleaned_data["slug"].lower()
