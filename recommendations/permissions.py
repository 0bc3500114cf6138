"""Who may do what, decided on the server for every view.

- Administrators (superusers) do everything.
- Editors edit the plans of their own bodies and read them live.
- Reviewers, and editors of other bodies, read only what has been submitted: the plan
  as it stood at its latest submission, never a working draft.
- Anyone else signed in has no access to plans.

Which version of a plan a reader reads is worked out in `selectors.versions`.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404

from .models import ActionPlan

ADMIN, EDITOR, REVIEWER = "admin", "editor", "reviewer"


def role_of(user) -> str:
    if not user.is_authenticated:
        return ""
    if user.is_superuser:
        return ADMIN
    # A missing one-to-one raises an AttributeError subclass, so getattr's default applies.
    membership = getattr(user, "membership", None)
    return membership.role if membership else ""


def body_ids_of(user) -> set[int]:
    if role_of(user) != EDITOR:
        return set()
    return set(user.membership.bodies.values_list("id", flat=True))


def can_edit_plan(user, plan: ActionPlan) -> bool:
    role = role_of(user)
    if role == ADMIN:
        return True
    if role != EDITOR:
        return False
    return plan.bodies.filter(members=user.membership).exists()


def can_create_plans(user) -> bool:
    return role_of(user) == ADMIN or bool(body_ids_of(user))


def plan_for_editing(user, slug: str) -> ActionPlan:
    """The plan with this slug (404 if there is none) if the user may edit it, else 403.

    The same rule as can_edit_plan, read with the plan in one query: every edit page
    and every save asks it.
    """
    plans = ActionPlan.objects.all()
    role = role_of(user)
    if role == EDITOR:
        own_bodies = ActionPlan.bodies.through.objects.filter(
            actionplan=OuterRef("pk"), responsiblebody__members=user.membership
        )
        plans = plans.annotate(editable=Exists(own_bodies))
    plan = get_object_or_404(plans, slug=slug)
    if role == ADMIN or (role == EDITOR and plan.editable):
        return plan
    raise PermissionDenied


def can_assess(user) -> bool:
    """The inspectorate's judgement is the reviewers' own (administrators may act for them)."""
    return role_of(user) in {REVIEWER, ADMIN}


def can_comment(user, plan: ActionPlan) -> bool:
    return role_of(user) in {REVIEWER, ADMIN} or can_edit_plan(user, plan)
