"""factory_boy factories for the action plan models."""

import datetime

import factory

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
            self.owners.set(extracted if extracted is not None else [OwnerFactory()])


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReportingRound

    plan = factory.SubFactory(PlanFactory)
    label = "July 2024"
    month = datetime.date(2024, 7, 1)
