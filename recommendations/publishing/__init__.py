"""Publishing a plan: one print template, rendered as HTML and, through WeasyPrint, as PDF.

The published page, the PDF download and `manage.py export_plan` all come through here,
so the three can never disagree. Any moment of a plan can be published: the snapshot
(live, or as it stood at a submission or a date) is the only input. `layout` turns the
snapshot into the print view-model, `render` makes and caches the files, and
`pdf_structure` repairs WeasyPrint's table tags; `stored` serves a submission's frozen
files, never rendering them again; `exports` writes the plan as spreadsheets
(`spreadsheet`) and Word (`word`) for other tools. It imports models, snapshots,
selectors and the core helpers, never views, forms or the other capability packages.
"""

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
    "Publication",
    "StoredPublication",
    "gaps_statement",
    "plan_export",
    "plan_publication_html",
    "plan_publication_pdf",
    "publication_name",
    "publication_prepare",
    "render_pdf",
    "version_publication",
]
