"""Importing plans from files: Word (.docx, the published layout and its family),
spreadsheets (.xlsx, .ods, .csv, in the template of docs/spreadsheet-template.md) and
the YAML data format of fixtures/.

Every reader builds the plan as data and lists every problem with where it is
(`reading.ReadResult`); `files.read_plan_file` picks the reader by the file's name.
Nothing is written while a problem remains; then the plan is written through
`recommendations.services` (and its `common` helpers) in one transaction. Importers
import models, services and the core helpers, never views, forms or the other
capability packages.
"""

from .files import MAX_UPLOAD_BYTES, TYPES, read_plan_file, read_yaml
from .reading import Problem, ReadResult, UnreadableFile
from .spreadsheet import read_csv, read_ods, read_xlsx
from .word import read_docx

__all__ = [
    "MAX_UPLOAD_BYTES",
    "TYPES",
    "Problem",
    "ReadResult",
    "UnreadableFile",
    "read_csv",
    "read_docx",
    "read_ods",
    "read_plan_file",
    "read_xlsx",
    "read_yaml",
]
