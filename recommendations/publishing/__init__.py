"""Publishing a plan: one print template, rendered as HTML and, through WeasyPrint, as PDF.

The published page, the PDF download and `manage.py export_plan` all come through here,
so the three can never disagree. Any moment of a plan can be published: the snapshot
(live, or as it stood at a submission or a date) is the only input. `layout` turns the
snapshot into the print view-model, `render` makes and caches the files, and
`pdf_structure` repairs WeasyPrint's table tags; `stored` serves a submission's frozen
files, never rendering them again; `background` and `tasks` render every PDF in the
worker (queued by `changes` when a plan changes, or by a download), `downloads` says
what a download gets (the file, or that it is being prepared); `exports` writes the
plan as spreadsheets (`spreadsheet`) and Word (`word`) for other tools. It imports
models, snapshots, selectors and the core helpers, never services, views, forms or the
other capability packages.
"""

from .downloads import (
    PdfDownload,
    pdf_download,
    pdf_publication,
    publication_bytes,
    working_render_file,
)
from .exports import EXPORTS, Export, plan_export
from .layout import gaps_statement
from .render import (
    CONTENT_TYPES,
    HTML,
    PDF,
    Publication,
    plan_publication_html,
    plan_publication_pdf,
    publication_name,
    publication_prepare,
    render_pdf,
)
from .stored import StoredPublication, version_publication

__all__ = [
    "CONTENT_TYPES",
    "EXPORTS",
    "Export",
    "HTML",
    "PDF",
    "PdfDownload",
    "Publication",
    "StoredPublication",
    "gaps_statement",
    "pdf_download",
    "pdf_publication",
    "plan_export",
    "plan_publication_html",
    "plan_publication_pdf",
    "publication_bytes",
    "publication_name",
    "publication_prepare",
    "render_pdf",
    "version_publication",
    "working_render_file",
]
