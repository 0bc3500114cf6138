"""Opening an uploaded file as a Word document, safely.

An upload is checked before python-docx sees it: it must be a zip archive holding a
Word document's parts, and what it unpacks to is bounded, so that a small file cannot
expand into gigabytes (a "zip bomb"). Anything else is refused with a plain message.
"""

import io
import zipfile

import docx
from docx.document import Document

from ..reading import UnreadableFile

# A published plan with its logos is a few megabytes unpacked; a hundred is generous.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PACKED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 5000

NOT_WORD = "The file is not a Word document (.docx)"


def _bytes_of(file) -> bytes:
    if isinstance(file, bytes | bytearray | memoryview):
        data = bytes(file)
    else:
        try:
            data = file.read(MAX_PACKED_BYTES + 1)
        except (OSError, ValueError, AttributeError) as error:
            raise UnreadableFile("The file could not be read") from error
        if not isinstance(data, bytes | bytearray):
            raise UnreadableFile("The file could not be read")
        data = bytes(data)
    if len(data) > MAX_PACKED_BYTES:
        raise UnreadableFile("The file is larger than 50 MB: too large to be an action plan")
    return data


def _check_archive(data: bytes) -> None:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableFile(f"{NOT_WORD}: it is not even a zip archive, as every .docx is")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise UnreadableFile(f"{NOT_WORD}: the archive is damaged") from error
    if len(parts) > MAX_PARTS:
        raise UnreadableFile(f"{NOT_WORD}: it holds {len(parts)} parts")
    # The sizes declared in the archive bound what unpacking produces: zipfile stops
    # at the declared size, so a part that lies about it fails its checksum instead.
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise UnreadableFile(
            "The file unpacks to more than 100 MB: too large to be an action plan "
            "(it may be built to exhaust the server)"
        )
    names = {part.filename for part in parts}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise UnreadableFile(f"{NOT_WORD}: it is a zip archive without a Word document in it")


def open_document(file) -> Document:
    """The python-docx Document of an upload (bytes or a binary file), or UnreadableFile."""
    data = _bytes_of(file)
    _check_archive(data)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx and lxml raise many kinds for a bad file
        raise UnreadableFile(f"{NOT_WORD}: its parts are damaged or of another kind") from error
