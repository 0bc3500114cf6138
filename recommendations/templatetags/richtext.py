from django import template
from django.utils.safestring import mark_safe

from .. import richtext as rt

register = template.Library()


@register.filter
def rich(source: str) -> str:
    """Render stored rich-text source as sanitised HTML."""
    html = rt.render(source)
    if not html:
        return ""
    # GOV.UK typography for paragraphs and lists inside any container.
    return mark_safe(f'<div class="app-rich-text">{html}</div>')  # noqa: S308 - nh3-sanitised
