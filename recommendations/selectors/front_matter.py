"""Reads for the front matter's pages: the plan's report, bodies, milestones and
categorisation table as they now are, and the responding bodies."""

from dataclasses import dataclass

from django.db.models import QuerySet

from ..models import ActionPlan, CategorisationTerm, Milestone, ResponsibleBody


@dataclass
class FrontMatter:
    plan: ActionPlan
    bodies: list[ResponsibleBody]
    milestones: list[Milestone]
    terms: list[CategorisationTerm]


def plan_bodies(*, plan: ActionPlan) -> list[ResponsibleBody]:
    """The plan's bodies in the order they head it (the order they were named in)."""
    rows = ActionPlan.bodies.through.objects.filter(actionplan=plan).order_by("id")
    return [row.responsiblebody for row in rows.select_related("responsiblebody")]


def front_matter(*, plan: ActionPlan) -> FrontMatter:
    """Everything before the action plan table, live, for its editors."""
    plan = ActionPlan.objects.select_related("report").get(pk=plan.pk)
    return FrontMatter(
        plan=plan,
        bodies=plan_bodies(plan=plan),
        milestones=list(plan.milestones.order_by("position", "date", "id")),
        terms=list(plan.categorisation.order_by("position", "id")),
    )


def editable_milestones(*, plan: ActionPlan) -> QuerySet[Milestone]:
    """The plan's milestones an editor may change: all but the submissions."""
    return plan.milestones.exclude(kind__in=Milestone.SUBMISSION_KINDS)


def body_list() -> QuerySet[ResponsibleBody]:
    return ResponsibleBody.objects.order_by("name")
