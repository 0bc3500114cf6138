"""Checking a downloaded plan: one file, a PDF or an HTML page, up to 20 MB."""

import hashlib
from pathlib import PurePath

from django import forms

MAX_BYTES = 20 * 1024 * 1024
PDF_EXTENSIONS = {".pdf"}
HTML_EXTENSIONS = {".html", ".htm"}
NOT_A_PLAN_FILE = "The selected file must be a PDF or an HTML file"
# A PDF's header may follow up to 1 KB of other bytes; an HTML page opens with its
# doctype or <html> tag, after an optional byte order mark and white space.
SNIFF_BYTES = 1024
HTML_OPENINGS = (b"<!doctype html", b"<html")


def sniffed_type(head: bytes) -> str:
    """'pdf', 'html' or '' from a file's first bytes."""
    if b"%PDF-" in head:
        return "pdf"
    opening = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if opening.startswith(HTML_OPENINGS):
        return "html"
    return ""


class CheckFileForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="A PDF or web page (HTML) of a plan downloaded from this service, "
        "no larger than 20MB",
        error_messages={
            "required": "Select a PDF or HTML file",
            "empty": "The selected file is empty",
            "invalid": "Select a PDF or HTML file",
            "missing": "Select a PDF or HTML file",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 20MB")
        upload.seek(0)
        head = upload.read(SNIFF_BYTES)
        kind = sniffed_type(head)
        extension = PurePath(upload.name or "").suffix.lower()
        expected = PDF_EXTENSIONS if kind == "pdf" else HTML_EXTENSIONS if kind else set()
        if extension not in expected:
            raise forms.ValidationError(NOT_A_PLAN_FILE)
        digest = hashlib.sha256()
        for chunk in upload.chunks():  # from the start again
            digest.update(chunk)
        self.cleaned_data["sha256"] = digest.hexdigest()
        return upload
