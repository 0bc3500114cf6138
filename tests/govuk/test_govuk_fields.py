"""The GOV.UK date input: day, month and year boxes, with errors that say what is wrong."""

import datetime

import pytest
from django import forms

from govuk.fields import GovUKDateField, IdMultipleChoiceField
from govuk.forms import GovUKFormMixin


class DateForm(GovUKFormMixin, forms.Form):
    submitted = GovUKDateField(
        label="Date submitted",
        help_text="For example, 9 8 2024",
        error_messages={
            "required": "Enter the date submitted",
            "incomplete": "The date submitted must include a %(missing)s",
            "invalid": "The date submitted must be a real date",
        },
    )


def post(**parts):
    return DateForm({f"submitted_{name}": value for name, value in parts.items()})


def test_three_boxes_make_a_date():
    form = post(day="9", month="8", year="2024")
    assert form.is_valid()
    assert form.cleaned_data["submitted"] == datetime.date(2024, 8, 9)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({}, "Enter the date submitted"),
        ({"day": "9", "month": "8"}, "The date submitted must include a year"),
        ({"year": "2024"}, "The date submitted must include a day and month"),
        ({"day": "31", "month": "2", "year": "2024"}, "The date submitted must be a real date"),
        ({"day": "9", "month": "Aug", "year": "2024"}, "The date submitted must be a real date"),
        ({"day": "9", "month": "8", "year": "24"}, "The date submitted must be a real date"),
    ],
)
def test_what_is_wrong_is_said(parts, message):
    form = post(**parts)
    assert not form.is_valid()
    assert form.errors["submitted"] == [message]


def test_rendered_as_the_govuk_date_input_keeping_what_was_typed():
    html = str(post(day="31", month="2", year="2024")["submitted"].as_field_group())
    assert 'class="govuk-date-input"' in html
    assert 'role="group"' in html
    for name, value in [("day", "31"), ("month", "2"), ("year", "2024")]:
        assert f'name="submitted_{name}"' in html
        assert f'value="{value}"' in html
    assert 'id="id_submitted-error"' in html
    assert "govuk-input--error" in html


@pytest.mark.django_db
def test_an_id_that_cannot_be_one_is_an_invalid_choice():
    from recommendations.models import ResponsibleBody

    field = IdMultipleChoiceField(queryset=ResponsibleBody.objects.all())
    for value in ["abc", "-1", str(10**20)]:
        with pytest.raises(forms.ValidationError) as caught:
            field.clean([value])
        assert caught.value.code == "invalid_choice"


@pytest.mark.parametrize(
    "parts",
    [
        {"day": "2147483648", "month": "8", "year": "2024"},
        {"day": "9", "month": "99999999999999999999", "year": "2024"},
        {"day": "٩", "month": "8", "year": "2024"},
        {"day": "9", "month": "8", "year": "２０２４"},
    ],
)
def test_numbers_no_date_can_hold_are_not_a_real_date(parts):
    form = post(**parts)
    assert not form.is_valid()
    assert form.errors["submitted"] == ["The date submitted must be a real date"]
