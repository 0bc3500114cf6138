"""Rich text: a Markdown subset (paragraphs and lists) stored as source, rendered safe.

Editors need paragraphs and bullet lists and nothing more, so the source is kept as
Markdown (editable, diffable in history) and HTML is produced only at render time:
markdown-it-py with every rule off but paragraphs and lists, raw HTML escaped, then
nh3 as a second line of defence in case a parser rule is ever widened.
"""

import functools

import nh3
from markdown_it import MarkdownIt

_parser = MarkdownIt("zero", {"html": False}).enable(["list"])

ALLOWED_TAGS = {"p", "ul", "ol", "li"}


@functools.lru_cache(maxsize=8192)
def render(source: str) -> str:
    """Return sanitised HTML for a rich-text source string.

    Cached: a pure function of the text, and pages render the same cells again and again.
    """
    if not source:
        return ""
    html = _parser.render(source)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, link_rel=None)


def plain_paragraphs(source: str) -> list[str]:
    """The text blocks of a source string (paragraphs and list items), for text output."""
    tokens = _parser.parse(source or "")
    return [t.content for t in tokens if t.type == "inline" and t.content]
