"""The plan as files for other tools: spreadsheets (.xlsx, .ods, .csv) in the template of
docs/spreadsheet-template.md, and Word (.docx) in the published layout.

Each is written from the plan data of a snapshot (`snapshots.plan_data_from_snapshot`),
so a file exported from any version of a plan (live, as it stood on a day, or a frozen
submission) reads back through `recommendations.importing` as that same plan.
"""

from dataclasses import dataclass

from ..snapshots import PlanView, plan_data_from_snapshot
from .spreadsheet import FORMATS as SPREADSHEETS
from .word import to_docx

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXPORTS = {**SPREADSHEETS, "docx": (to_docx, DOCX_TYPE)}
LABELS = {
    "xlsx": "Excel spreadsheet (.xlsx)",
    "ods": "OpenDocument spreadsheet (.ods)",
    "csv": "CSV file (.csv)",
    "docx": "Word document (.docx)",
}


@dataclass(frozen=True)
class Export:
    data: bytes
    content_type: str
    filename: str


def plan_export(*, snapshot: PlanView, fmt: str, name: str) -> Export:
    """The snapshot as a file of one of EXPORTS; `name` is the file name without extension.

    Raises KeyError for a format there is not."""
    write, content_type = EXPORTS[fmt]
    return Export(write(plan_data_from_snapshot(snapshot)), content_type, f"{name}.{fmt}")
