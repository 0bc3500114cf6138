"""GOV.UK Design System markup for every Django form, through Django's form-rendering API.

With ``FORM_RENDERER = "govuk.forms.GovUKFormRenderer"`` (and ``"django.forms"`` in
INSTALLED_APPS, so that TemplatesSetting finds Django's own widget templates), ``{{ form }}``
renders each field as a GOV.UK form group and ``{{ form.name.as_field_group }}`` renders
one. The markup lives in govuk/templates/govuk/forms/; this module only works out, per field,
which GOV.UK component it is and the ids and classes that component needs.

A form field may carry these optional attributes, read by the field template:

    field.choice_hints = {"agreed": "The body accepts the recommendation in full"}
        hint text under individual radio or checkbox choices, keyed by choice value
    field.label_size = "m"            # "s", "m", "l" or "xl": a bigger label or legend
    field.is_page_heading = True      # the label or legend is the page's <h1>
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.functional import cached_property

# The GOV.UK class for each kind of widget, and its error modifier.
_WIDGET_CLASSES = {
    "input": ("govuk-input", "govuk-input--error"),
    "password": (
        "govuk-input govuk-password-input__input govuk-js-password-input-input",
        "govuk-input--error",
    ),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
}

_SIZES = {"s", "m", "l", "xl"}
DATE_PARTS = ("day", "month", "year")


def _is_date_input(widget: forms.Widget) -> bool:
    names = getattr(widget, "widgets_names", None)
    return (
        isinstance(widget, forms.MultiWidget)
        and tuple(name.strip("_-") for name in names or ()) == DATE_PARTS
    )


def govuk_widget_kind(widget: forms.Widget) -> str:
    """Which GOV.UK component renders this widget (the field template switches on it)."""
    if widget.is_hidden:
        return "hidden"
    # CheckboxSelectMultiple is a subclass of RadioSelect, so it is tested first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if _is_date_input(widget):
        return "date"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):  # also SelectMultiple and NullBooleanSelect
        return "select"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


def _choice_hint(hints: dict, value) -> str:
    # ModelChoiceField values are ModelChoiceIteratorValue: match on the pk, its string
    # form or the instance, whichever the form's author used as the key.
    for key in (value, getattr(value, "instance", None), str(value)):
        try:
            if key is not None and key in hints:
                return hints[key]
        except TypeError:  # an unhashable key
            continue
    return ""


class GovUKBoundField(BoundField):
    """A BoundField that knows its GOV.UK component, ids, classes and label text."""

    @cached_property
    def govuk_widget(self) -> str:
        return govuk_widget_kind(self.field.widget)

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}-hint" if self.auto_id else ""

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error" if self.auto_id else ""

    @property
    def aria_describedby(self):
        # GOV.UK's ids (<id>-hint, <id>-error) instead of Django's (<id>_helptext, ...).
        # Django puts this on the widget; for fieldsets the field template puts it on
        # the <fieldset>.
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                ids.append(self.hint_id)
            if self.errors:
                ids.append(self.error_id)
        return " ".join(ids)

    @property
    def error_href(self) -> str:
        """The fragment the error summary links to: the field's first input."""
        if self.govuk_widget in {"radios", "checkboxes", "date"}:
            return f"#{self.auto_id}_0"
        return f"#{self.id_for_label or self.auto_id}"

    @property
    def govuk_label(self) -> str:
        """The label text, marked "(optional)" when the field is not required."""
        label = str(self.label)
        if not self.field.required and self.govuk_widget not in {"checkbox", "hidden"}:
            return f"{label} (optional)"
        return label

    @property
    def label_size(self) -> str:
        size = getattr(self.field, "label_size", "")
        return size if size in _SIZES else ""

    @property
    def is_page_heading(self) -> bool:
        return bool(getattr(self.field, "is_page_heading", False))

    @property
    def govuk_input_type(self) -> str:
        return {"radios": "radio", "checkboxes": "checkbox"}.get(self.govuk_widget, "")

    @cached_property
    def govuk_items(self) -> list[dict]:
        """The choices of a radios or checkboxes field, each with its own id and hint."""
        hints = getattr(self.field, "choice_hints", None) or {}
        items = []
        for index, subwidget in enumerate(self.subwidgets):
            data = subwidget.data
            item_id = data["attrs"].get("id") or f"{self.auto_id}_{index}"
            hint = _choice_hint(hints, data["value"])
            items.append(
                {
                    "id": item_id,
                    "name": data["name"],
                    "value": "" if data["value"] is None else data["value"],
                    "label": data["label"],
                    "checked": data["selected"],
                    "disabled": bool(data["attrs"].get("disabled")),
                    "hint": hint,
                    "hint_id": f"{item_id}-item-hint" if hint else "",
                }
            )
        return items

    @cached_property
    def govuk_date_items(self) -> list[dict]:
        """Day, month and year boxes of a date input, with their current values."""
        context = self.field.widget.get_context(self.html_name, self.value(), {"id": self.auto_id})
        widths = (2, 2, 4)
        items = []
        for subwidget, label, width in zip(
            context["widget"]["subwidgets"], ("Day", "Month", "Year"), widths, strict=True
        ):
            items.append(
                {
                    "id": subwidget["attrs"].get("id", ""),
                    "name": subwidget["name"],
                    "value": subwidget["value"] or "",
                    "label": label,
                    "width": width,
                }
            )
        return items

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        kind = govuk_widget_kind(widget)
        if kind not in _WIDGET_CLASSES:
            return attrs
        base, error = _WIDGET_CLASSES[kind]
        classes = [base, widget.attrs.get("class", ""), attrs.get("class", "")]
        if self.errors and error:
            classes.append(error)
        attrs["class"] = " ".join(c for c in classes if c)
        if kind == "password":
            attrs.setdefault("spellcheck", "false")
            attrs.setdefault("autocapitalize", "none")
            if "autocomplete" not in widget.attrs:
                attrs.setdefault("autocomplete", "current-password")
        return attrs


class GovUKFormRenderer(TemplatesSetting):
    """Render every form and field with GOV.UK Frontend markup (govuk/templates/govuk/forms/)."""

    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"
    bound_field_class = GovUKBoundField


class GovUKFormMixin:
    """For the project's forms: the renderer does the markup, this only sets defaults.

    Browser validation is off (no ``required`` attribute) so that GOV.UK error messages,
    written for each field, are what users see; pages add ``novalidate`` to the <form>.
    """

    use_required_attribute = False
    error_css_class = "govuk-form-group--error"


def add_service_errors(form: forms.Form, error: ValidationError, field_map=None) -> None:
    """Show a service's validation errors beside the matching fields, or in the summary."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        name = field_map.get(name, name)
        form.add_error(name if name in form.fields else None, messages)
