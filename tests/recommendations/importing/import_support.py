"""Small Word plans for the import door's tests, written as departments write them."""

from tests.recommendations.importing.word_support import WordPlan


def youth_custody_docx(*, target: str = "March 2027", body: str = "HM Prison & Probation Service"):
    """A one-heading plan from the published layout; `target` may be made wrong."""
    plan = WordPlan()
    plan.paragraph(body)
    plan.paragraph("A Response to: An inspection of education in youth custody")
    plan.paragraph("Report Published: 14 March 2025")
    plan.plan_table()
    plan.merged_row("The Youth Custody Service should:")
    plan.row(
        ref="S40",
        rec="Every child should attend education for at least 25 hours a week.",
        agreement="Agreed",
        response=["Timetables will be rebuilt around education."],
        owner=["Head of Education, Youth Custody Service"],
        target=[target],
    )
    plan.row(
        ref="1.46",
        rec="Leaders should track attendance by child.",
        agreement="Agreed",
        response=["A weekly attendance report will go to governors."],
        owner=["Deputy Director Youth Custody Service"],
        target=["June 2026"],
    )
    return plan.bytes()
