"""Small plans and hand-made files for the spreadsheet tests."""

import copy
import datetime
import io
import zipfile


def small_plan() -> dict:
    """A plan small enough that each row of its export is known by heart.

    Action plan rows: 2 rec 1 action 1, 3 rec 1 action 2, 4 rec 1 progress,
    5 rec 2 action 1, 6 rec A3 (no entries yet), 7 heading with no recommendation.
    """
    return copy.deepcopy(
        {
            "slug": "small-plan",
            "title": "A response to: a small inspection",
            "report": {
                "title": "A small inspection",
                "published": datetime.date(2024, 1, 15),
                "inspection_period": "23 April – 3 May 2019",
            },
            "bodies": [{"name": "HM Prison & Probation Service", "short_name": "HMPPS"}],
            "caveat": "Dates may move.",
            "milestones": [
                {
                    "kind": "report_published",
                    "label": "Report Published",
                    "date": datetime.date(2024, 1, 15),
                },
                {
                    "kind": "plan_submitted",
                    "label": "Action Plan Submitted",
                    "date": datetime.date(2024, 2, 1),
                    "change_note": "First version.",
                },
            ],
            "introduction": "First paragraph.\n\nSecond paragraph.",
            "categorisation": [
                {"term": "agreed", "definition": "All of it.", "comment": "Say how."},
                {"term": "partly_agreed", "definition": "Part of it."},
            ],
            "rounds": [{"label": "July 2024", "month": "2024-07"}],
            "groups": [
                {
                    "heading": "The Ministry of Justice should:",
                    "recommendations": [
                        {
                            "reference": "1",
                            "text": "Do the first thing.",
                            "agreement": "partly_agreed",
                            "rationale": "Only part is affordable.",
                            "reasons": ["operational", "affordability"],
                            "response": "We will:",
                            "actions": [
                                {
                                    "text": "- one\n- two",
                                    "owners": ["Director A", "Director B"],
                                    "target": "March 2024",
                                    "status": "in_progress",
                                },
                                {
                                    "text": "Second action.",
                                    "owners": ["Director A"],
                                    "target": "Completed",
                                    "status": "completed",
                                },
                            ],
                            "response_after": "Then we will review.",
                            "progress": [
                                {
                                    "round": "July 2024",
                                    "text": "Delayed by resourcing.",
                                    "owners": ["Director A"],
                                    "target": "January 2025",
                                    "status": "delayed",
                                    "revises_action": 1,
                                    "revision_reason": "resourcing",
                                },
                            ],
                        },
                        {
                            "reference": "2",
                            "text": "Do the second thing.",
                            "agreement": "agreed",
                            "actions": [
                                {
                                    "text": "Only action.",
                                    "owners": ["Director C"],
                                    "target": "by the end of 2023-24",
                                    "status": "in_progress",
                                },
                            ],
                            "progress": [],
                        },
                    ],
                },
                {
                    "heading": "The Prison Service should:",
                    "recommendations": [
                        {
                            "reference": "A3",
                            "text": "Do a third thing.",
                            "agreement": "not_agreed",
                            "actions": [],
                            "progress": [],
                        },
                    ],
                },
                {"heading": "Counter Terrorism Policing:", "recommendations": []},
            ],
        }
    )


def rec(data: dict, reference: str) -> dict:
    return next(
        r for g in data["groups"] for r in g["recommendations"] if r["reference"] == reference
    )


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def replaced_member(workbook: bytes, name: str, content: bytes) -> bytes:
    """A copy of a zipped workbook with one member's content replaced."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members[name] = content
    return _zip(members)


def xlsx_sheet_xml(rows: int) -> bytes:
    """A worksheet of `rows` rows of two numbers each, written directly: fast to make."""
    body = "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}"><v>1</v></c></row>'
        for n in range(1, rows + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    ).encode()


def zip_bomb(megabytes: int, members: int = 1) -> bytes:
    """A zip of zeros that unzips to `megabytes` MB, in one member or in many."""
    out = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        for index in range(members):
            with archive.open(f"content{index}.xml", "w") as member:
                for _ in range(megabytes // members):
                    member.write(chunk)
    return out.getvalue()
