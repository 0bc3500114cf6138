from django import template
from django.utils.html import format_html

from ..models import Agreement, Status

register = template.Library()

STATUS_COLOURS = {
    Status.COMPLETED: "green",
    Status.COMPLETED_ONGOING: "turquoise",
    Status.IMPLEMENTED: "green",
    Status.IN_PROGRESS: "blue",
    Status.DELAYED: "orange",
    Status.SUPERSEDED: "grey",
    Status.NOT_IMPLEMENTED: "red",
}
AGREEMENT_COLOURS = {
    Agreement.AGREED: "green",
    Agreement.PARTLY_AGREED: "yellow",
    Agreement.NOT_AGREED: "red",
}


# Simple tags rather than inclusion tags: a large plan shows thousands of these, and
# rendering a template for each doubled the page's render time.
def _tag(text: str, colour: str) -> str:
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


@register.simple_tag
def status_tag(status: str) -> str:
    return _tag(Status(status).label, STATUS_COLOURS.get(status, "grey"))


@register.simple_tag
def agreement_tag(agreement: str) -> str:
    return _tag(Agreement(agreement).label, AGREEMENT_COLOURS[agreement])


@register.simple_tag
def overdue_tag() -> str:
    return _tag("Overdue", "red")


@register.filter
def is_overdue(action, today) -> bool:
    return action.is_overdue(today)


@register.filter
def assessment_of(assessments: dict, recommendation_id: int):
    """The inspectorate's assessment of a recommendation, from a page's {id: assessment}."""
    return assessments.get(recommendation_id) if assessments else None
