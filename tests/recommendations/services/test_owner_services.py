"""Owners: roles resolved from the names a cell gives, once each, in the cell's order."""

import pytest
from django.core.exceptions import ValidationError

from recommendations import services
from recommendations.models import Owner

pytestmark = pytest.mark.django_db


def test_same_role_in_other_spacing_or_case_is_the_same_owner():
    owner = services.owner_get_or_create(name="T/Det Supt CT Nominal Management")
    again = services.owner_get_or_create(name="  t/det supt   CT nominal management ")
    assert again == owner
    assert Owner.objects.count() == 1


def test_names_become_owners_in_order_without_blanks_or_repeats():
    existing = services.owner_get_or_create(name="SRO MAPPS Programme")

    owners = services.owners_from_names(
        names=["Deputy Director JEXU", "", "sro  mapps programme", "deputy director jexu"]
    )

    assert [o.name for o in owners] == ["Deputy Director JEXU", "SRO MAPPS Programme"]
    assert owners[1] == existing
    assert Owner.objects.count() == 2


def test_a_cell_that_names_nobody_is_refused():
    with pytest.raises(ValidationError) as caught:
        services.owners_from_names(names=["", "   "])
    assert caught.value.message_dict["owners"] == ["Choose at least one responsible owner"]
