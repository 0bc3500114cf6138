"""Word-level differences that do not rely on colour alone."""

import difflib
import html
import re
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

# Words with their trailing space, so "June 2024" to "January 2025" is one change.
_TOKENS = re.compile(r"^\s+|\S+\s*")


# Comparing word by word costs the product of the two lengths; past this, show the
# whole old text removed and the whole new text added instead.
MAX_DIFF_WORK = 2_000_000


def word_diff(old: str, new: str) -> SafeString:
    """HTML marking removed and added words with <del>/<ins> and hidden labels."""
    old_words, new_words = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    if len(old_words) * len(new_words) > MAX_DIFF_WORK:
        old_words, new_words = ["".join(old_words)], ["".join(new_words)]
    parts = []
    # Compare the words alone: a word gaining a following space is no change.
    matcher = difflib.SequenceMatcher(
        a=[w.strip() for w in old_words], b=[w.strip() for w in new_words], autojunk=False
    )
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(html.escape("".join(new_words[b1:b2])))
            continue
        if op in {"delete", "replace"}:
            removed = html.escape("".join(old_words[a1:a2]))
            parts.append(
                f'<del><span class="govuk-visually-hidden">removed: </span>{removed}</del>'
            )
        if op in {"insert", "replace"}:
            added = html.escape("".join(new_words[b1:b2]))
            parts.append(f'<ins><span class="govuk-visually-hidden">added: </span>{added}</ins>')
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


@dataclass
class Change:
    field: str
    old: str
    new: str
    is_text: bool = False

    @property
    def diff(self) -> SafeString:
        return word_diff(self.old, self.new)
