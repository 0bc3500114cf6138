from django import template
from django.utils.safestring import mark_safe

from .. import richtext as rt

register = template.Library()


@register.filter
def rich(source: str) -> str:
    """Render stored rich-text source as sanitised HTML."""
    return mark_safe(rt.render(source))  # noqa: S308 - output is sanitised by nh3
