"""Every change is kept: who made it, when, why, and owner relations too."""

import pytest

from recommendations import services
from recommendations.models import Action, Owner
from tests.factories import ActionFactory, OwnerFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def test_a_change_made_through_a_request_records_the_acting_user(client, admin_user):
    owner = OwnerFactory(name="Deputy Director Joint Extremism Unit")
    client.force_login(admin_user)

    response = client.post(
        f"/admin/recommendations/owner/{owner.pk}/change/",
        {"name": "Deputy Director Joint Extremism Unit (JEXU)"},
    )

    assert response.status_code == 302
    latest = owner.history.latest()
    assert latest.name == "Deputy Director Joint Extremism Unit (JEXU)"
    assert latest.history_user == admin_user
    assert latest.history_type == "~"


def test_a_service_records_the_user_and_the_change_reason(django_user_model):
    editor = django_user_model.objects.create_user("editor")
    rec = RecommendationFactory()

    services.recommendation_update(
        recommendation=rec,
        data={
            "agreement": "partly_agreed",
            "rationale": "The recommendation is partly agreed for operational reasons.",
            "reasons": ["operational"],
        },
        user=editor,
        change_reason="Ministers declined part of it",
    )

    latest = rec.history.latest()
    assert latest.agreement == "partly_agreed"
    assert latest.history_user == editor
    assert latest.history_change_reason == "Ministers declined part of it"
    assert rec.history.earliest().agreement == "agreed"


def test_owners_added_and_removed_are_kept_in_history_in_the_order_named(django_user_model):
    editor = django_user_model.objects.create_user("editor")
    action = ActionFactory(owners=[OwnerFactory(name="SRO MAPPS Programme")])

    services.action_update(
        action=action,
        data={},
        owner_names=["T/Det Supt", "SRO MAPPS Programme"],
        user=editor,
        change_reason="Policing leads now",
    )
    services.action_update(
        action=action, data={}, owner_names=["T/Det Supt"], user=editor, change_reason="One"
    )

    records = list(action.history.order_by("history_date", "history_id"))
    named = [[o.owner.name for o in r.owners.order_by("id")] for r in records]
    distinct = [names for i, names in enumerate(named) if i == 0 or names != named[i - 1]]
    assert distinct[-3:] == [
        ["SRO MAPPS Programme"],
        ["T/Det Supt", "SRO MAPPS Programme"],
        ["T/Det Supt"],
    ]
    # The revision that sets each new list of owners carries its editor and reason.
    setting = {}
    for names, record in zip(named, records, strict=True):
        setting.setdefault(tuple(names), record)
    assert (
        setting[("T/Det Supt", "SRO MAPPS Programme")].history_change_reason == "Policing leads now"
    )
    assert setting[("T/Det Supt",)].history_user == editor


def test_a_revised_target_leaves_the_original_untouched(django_user_model):
    action = ActionFactory(target_text="June 2024")
    rec = action.recommendation
    from tests.factories import RoundFactory

    rnd = RoundFactory(plan=rec.group.plan)
    services.progress_update_add(
        recommendation=rec,
        round_label=rnd.label,
        text="Now expected by January 2025.",
        owner_names=list(Owner.objects.values_list("name", flat=True)),
        status="delayed",
        target_text="January 2025",
        revises_action_id=action.pk,
        revision_reason="internal resourcing pressures",
    )

    action = Action.objects.get(pk=action.pk)
    assert action.target_text == "June 2024"
    assert action.history.count() == 2  # created, then owners set: never a date change
    assert {h.target_text for h in action.history.all()} == {"June 2024"}
