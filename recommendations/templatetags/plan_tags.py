from django import template

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


@register.inclusion_tag("includes/govuk/tag.html")
def status_tag(status: str):
    return {"text": Status(status).label, "colour": STATUS_COLOURS.get(status, "grey")}


@register.inclusion_tag("includes/govuk/tag.html")
def agreement_tag(agreement: str):
    return {"text": Agreement(agreement).label, "colour": AGREEMENT_COLOURS[agreement]}


@register.inclusion_tag("includes/govuk/tag.html")
def overdue_tag():
    return {"text": "Overdue", "colour": "red"}


@register.filter
def is_overdue(action, today) -> bool:
    return action.is_overdue(today)
