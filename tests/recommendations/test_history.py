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
        agreement="partly_agreed",
        rationale="The recommendation is partly agreed for operational reasons.",
        reasons=["operational"],
        user=editor,
        change_reason="Ministers declined part of it",
    )

    latest = rec.history.latest()
    assert latest.agreement == "partly_agreed"
    assert latest.history_user == editor
    assert latest.history_change_reason == "Ministers declined part of it"
    assert rec.history.earliest().agreement == "agreed"


def test_owners_added_and_removed_are_kept_in_history():
    first, second = OwnerFactory(name="SRO MAPPS Programme"), OwnerFactory(name="T/Det Supt")
    action = ActionFactory(owners=[first])

    action.owners.add(second)
    action.owners.remove(first)

    snapshots = [
        sorted(o.owner.name for o in record.owners.all())
        for record in action.history.order_by("history_date", "history_id")
    ]
    assert ["SRO MAPPS Programme"] in snapshots
    assert ["SRO MAPPS Programme", "T/Det Supt"] in snapshots
    assert snapshots[-1] == ["T/Det Supt"]


def test_a_revised_target_leaves_the_original_untouched(django_user_model):
    action = ActionFactory(target_text="June 2024")
    rec = action.recommendation
    from tests.factories import RoundFactory

    rnd = RoundFactory(plan=rec.group.plan)
    services.progress_update_add(
        recommendation=rec,
        round=rnd,
        text="Now expected by January 2025.",
        owners=list(Owner.objects.all()),
        status="delayed",
        target_text="January 2025",
        revises_action=action,
        revision_reason="internal resourcing pressures",
    )

    action = Action.objects.get(pk=action.pk)
    assert action.target_text == "June 2024"
    assert action.history.count() == 2  # created, then owners set: never a date change
    assert {h.target_text for h in action.history.all()} == {"June 2024"}
