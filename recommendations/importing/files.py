"""Which reader a plan file goes to, by its name, with the limits every upload shares.

`read_plan_file` is the one door for the import command and the import page: it refuses
what no reader should open (an unknown type, an empty or oversized file), hands the
bytes to the reader for the file's type, and names the plan with the slug asked for.
"""

from pathlib import PurePath

import yaml

from .reading import ReadResult, UnreadableFile
from .spreadsheet import read_csv, read_ods, read_xlsx
from .word import read_docx

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a long published plan is well under 1 MB
TYPES = {
    ".docx": "Word document",
    ".xlsx": "Excel spreadsheet",
    ".ods": "OpenDocument spreadsheet",
    ".csv": "CSV file",
    ".yaml": "YAML plan data",
    ".yml": "YAML plan data",
}
ACCEPTED = ", ".join(sorted({suffix for suffix in TYPES if suffix != ".yml"}))


def read_yaml(content: bytes) -> ReadResult:
    """The plan data format of fixtures/, read safely (no Python objects)."""
    try:
        data = yaml.safe_load(content.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise UnreadableFile(f"The file is not valid YAML plan data: {error}") from None
    if not isinstance(data, dict):
        raise UnreadableFile("The file is YAML, but not plan data: it holds no plan fields.")
    return ReadResult(data=data)


def read_plan_file(*, name: str, content: bytes, slug: str = "") -> ReadResult:
    """Read a plan from a file's name and bytes. Raises UnreadableFile with a message
    for the person who chose the file."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in TYPES:
        raise UnreadableFile(
            f"The selected file must be a Word document or a spreadsheet ({ACCEPTED})"
        )
    if not content:
        raise UnreadableFile("The selected file is empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise UnreadableFile(
            f"The selected file must be smaller than {MAX_UPLOAD_BYTES // 1024 // 1024} MB"
        )
    if suffix == ".docx":
        result = read_docx(content, slug=slug or None)
    elif suffix == ".xlsx":
        result = read_xlsx(content)
    elif suffix == ".ods":
        result = read_ods(content)
    elif suffix == ".csv":
        result = read_csv(content)
    else:
        result = read_yaml(content)
    if slug:
        result.data["slug"] = slug
    return result
