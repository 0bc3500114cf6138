"""Who may edit a plan: the one-query read that edit pages use agrees with the rule."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from recommendations import permissions

pytestmark = pytest.mark.django_db

MAY_EDIT = {
    "anonymous": False,
    "reviewer": False,
    "other_editor": False,
    "editor": True,
    "admin": True,
}


@pytest.mark.parametrize("role", MAY_EDIT)
def test_the_plan_is_given_only_to_those_who_may_edit_it(seed_plan, people, role):
    user = people[role] or AnonymousUser()
    assert permissions.can_edit_plan(user, seed_plan) is MAY_EDIT[role]
    if MAY_EDIT[role]:
        assert permissions.plan_for_editing(user, seed_plan.slug) == seed_plan
    else:
        with pytest.raises(PermissionDenied):
            permissions.plan_for_editing(user, seed_plan.slug)


@pytest.mark.parametrize("role", MAY_EDIT)
def test_a_plan_that_does_not_exist_is_not_found_for_anyone(seed_plan, people, role):
    with pytest.raises(Http404):
        permissions.plan_for_editing(people[role] or AnonymousUser(), "no-such-plan")


def test_an_editor_loses_the_plan_when_their_body_leaves_it(seed_plan, people):
    editor = people["editor"]
    seed_plan.bodies.remove(*editor.membership.bodies.all())
    with pytest.raises(PermissionDenied):
        permissions.plan_for_editing(editor, seed_plan.slug)


def test_one_query_reads_the_plan_and_the_permission(seed_plan, people, django_assert_num_queries):
    editor = type(people["editor"]).objects.select_related("membership").get(pk=people["editor"].pk)
    with django_assert_num_queries(1):
        permissions.plan_for_editing(editor, seed_plan.slug)
