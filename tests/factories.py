"""factory_boy factories for the action plan models."""

import datetime

import factory

from accounts.models import Membership
from recommendations import models


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.InspectionReport

    title = factory.Sequence(lambda n: f"Thematic inspection {n}")
    published_on = datetime.date(2024, 1, 15)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ActionPlan

    slug = factory.Sequence(lambda n: f"plan-{n}")
    report = factory.SubFactory(ReportFactory)
    title = factory.LazyAttribute(lambda o: o.report.title)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AddresseeGroup

    plan = factory.SubFactory(PlanFactory)
    heading = "His Majesty's Prison and Probation Service should:"
    position = factory.Sequence(int)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Recommendation

    group = factory.SubFactory(GroupFactory)
    reference = factory.Sequence(lambda n: str(n + 1))
    position = factory.Sequence(int)
    text = "Review the approach."
    agreement = models.Agreement.AGREED


class OwnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Owner
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Deputy Director {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Action
        skip_postgeneration_save = True

    recommendation = factory.SubFactory(RecommendationFactory)
    text = "Publish revised guidance."
    target_text = "March 2024"
    target_month = datetime.date(2024, 3, 1)

    @factory.post_generation
    def owners(self, create, extracted, **kwargs):
        if create:
            # One at a time, in the order given: set() takes a set, and the order in which
            # a cell names its owners is part of the plan.
            for owner in extracted if extracted is not None else [OwnerFactory()]:
                self.owners.add(owner)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReportingRound

    plan = factory.SubFactory(PlanFactory)
    label = "July 2024"
    month = datetime.date(2024, 7, 1)


def make_role_users() -> dict:
    """One user per role (password "pw"): the seed plan's editor works for HMPPS, the
    other editor for a body that has no part in the seed plan; "anonymous" is None."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    hmpps, _ = models.ResponsibleBody.objects.get_or_create(
        name="HM Prison & Probation Service", defaults={"short_name": "HMPPS"}
    )
    other = models.ResponsibleBody.objects.create(name="Youth Justice Board")
    users = {"anonymous": None}
    users["admin"] = User.objects.create_superuser("admin", "a@example.gov.uk", "pw")
    for username, role, bodies in [
        ("reviewer", Membership.Role.REVIEWER, []),
        ("editor", Membership.Role.EDITOR, [hmpps]),
        ("other_editor", Membership.Role.EDITOR, [other]),
    ]:
        user = User.objects.create_user(username, password="pw")
        Membership.objects.create(user=user, role=role).bodies.set(bodies)
        users[username] = user
    return users
