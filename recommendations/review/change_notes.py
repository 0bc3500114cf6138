"""Change notes drafted from a comparison, for the editor to edit before submitting."""

from .compare import Comparison


def draft_change_note(comparison: Comparison) -> str:
    """A change note for the editor to edit, one line per change a reviewer looks for."""
    lines = []
    for heading in comparison.headings_added:
        lines.append(f"New heading: {heading}")
    for rec in comparison.recommendations:
        name = f"Recommendation {rec.reference}"
        if rec.kind == "added":
            lines.append(f"{name}: added")
            continue
        if rec.kind == "removed":
            lines.append(f"{name}: removed")
            continue
        if rec.agreement:
            lines.append(f"{name}: now {rec.agreement.new} (was {rec.agreement.old})")
        for text in rec.texts:
            lines.append(f"{name}: {text.field.lower()} changed")
        for action in rec.actions_changed:
            if action.target:
                move = action.target
                reason = f": {'; '.join(move.reasons)}" if move.reasons else ""
                lines.append(
                    f"{name}: target date moved from {move.old_text} to {move.new_text}{reason}"
                )
        if rec.actions_added:
            count = len(rec.actions_added)
            lines.append(f"{name}: {count} new action{'s' if count != 1 else ''}")
        if rec.new_progress:
            rounds = sorted({label for label, _ in rec.new_progress})
            count = len(rec.new_progress)
            lines.append(
                f"{name}: {count} new progress entr{'ies' if count != 1 else 'y'} "
                f"({', '.join(rounds)})"
            )
    return "\n".join(lines)


def no_update_line(*, round_label: str, references: list[str]) -> str:
    """The change note's line naming what has no update in a round, or "" if nothing."""
    if not references:
        return ""
    if len(references) == 1:
        return f"No update in {round_label} for recommendation {references[0]}"
    named = f"{', '.join(references[:-1])} and {references[-1]}"
    return f"No update in {round_label} for recommendations {named}"
