"""A recommendation's rows made into its plan data: agreement, actions, progress.

What the layout does not say outright is read from the words and noted: an older
agreement term, the reason categories named in the text, a progress date that moves
an action's target (with the reason the text gives for it).
"""

from ...models import Agreement, Status
from ...targets import format_month, parse_month
from ...text import single_spaced
from ..reading import ReadResult
from .cells import Block, rich_text
from .matching import Target, match, owner_lines, segments_of
from .owners import OwnerNames
from .table import AGREEMENT, OWNER, RESPONSE, Draft
from .words import (
    agreement_of,
    reasons_line,
    reasons_named,
    revision_reason_in,
    status_named,
    status_of_label,
)


def _flat(parts: list[list[Block]]) -> list[Block]:
    return [block for part in parts for block in part]


class RecommendationReader:
    def __init__(self, owners: OwnerNames, result: ReadResult):
        self.owners = owners
        self.result = result
        self.rounds: dict[str, str | None] = {}

    def read(self, draft: Draft) -> dict:
        rec: dict = {"reference": draft.reference, "text": rich_text(draft.text)}
        if not rec["text"]:
            self.result.problem(draft.first.at("recommendation"), "The recommendation has no text")
        agreement, stated_reasons = self._agreement(draft)
        rec["agreement"] = agreement
        lead, after, pairs = self._parts(draft, agreement != Agreement.AGREED, agreement)
        response_parts = lead
        if agreement != Agreement.AGREED:
            if lead:
                rec["rationale"] = rich_text(lead[0])
                response_parts = lead[1:]
            else:
                label = Agreement(agreement).label
                self.result.problem(
                    draft.first.at(RESPONSE),
                    f"The recommendation is {label}, but the response does not say why",
                )
            reasons = stated_reasons
            if reasons is None:
                reasons = reasons_named(rec.get("rationale", "") or rich_text(_flat(lead)))
            if reasons:
                rec["reasons"] = reasons
            else:
                self.result.problem(
                    draft.first.at(AGREEMENT),
                    f"The recommendation is {Agreement(agreement).label}, but no reason is "
                    "named: say whether it is for commissioning, policy, operational or "
                    "affordability reasons",
                )
        if response := rich_text(_flat(response_parts)):
            rec["response"] = response
        rec["actions"] = self._actions(pairs)
        if response_after := rich_text(_flat(after)):
            rec["response_after"] = response_after
        rec["progress"] = self._progress(draft, rec["actions"])
        return rec

    def _agreement(self, draft: Draft) -> tuple[str, list[str] | None]:
        cell = draft.first.cell(AGREEMENT)
        where = draft.first.at(AGREEMENT)
        lines = [b.text for b in cell.filled]
        if not lines:
            self.result.problem(where, "Say whether it is Agreed, Partly Agreed or Not Agreed")
            return Agreement.AGREED.value, None
        term, older = agreement_of(lines[0])
        if term is None:
            self.result.problem(
                where, f"'{lines[0]}' is not one of Agreed, Partly Agreed or Not Agreed"
            )
            return Agreement.AGREED.value, None
        if older:
            self.result.note(where, f"The older term '{lines[0]}' is read as {term.label}")
        stated = next((r for line in lines[1:] if (r := reasons_line(line)) is not None), None)
        return term.value, stated

    def _parts(self, draft: Draft, rationale_first: bool, agreement: str):
        lead: list[list[Block]] = []
        after: list[list[Block]] = []
        pairs: list = []
        for segment in segments_of(draft.rows):
            if not segment.targets:
                # A Not Agreed recommendation has nothing to do, and so no date.
                if segment.named_owner and agreement != Agreement.NOT_AGREED:
                    self.result.problem(segment.row.at("target"), "The action has no target date")
                (after if pairs else lead).append(segment.blocks)
                continue
            if after:  # text between two actions belongs to the one above it
                pairs[-1][0].extend(_flat(after))
                after = []
            found = match(
                segment,
                progress=False,
                split_first=rationale_first and not lead and not pairs,
                result=self.result,
            )
            if found.lead:
                lead.append(found.lead)
            pairs += found.pairs
            if found.after:
                after.append(found.after)
        return lead, after, pairs

    def _owners(self, names, above, target: Target) -> list[str]:
        if names is None:
            names = above
        if not names:
            self.result.problem(target.row.at(OWNER), "No responsible owner is named")
            return []
        return self.owners.names(names, target.row, self.result)

    def _actions(self, pairs) -> list[dict]:
        actions = []
        above = None
        for blocks, target, names in pairs:
            owners = self._owners(names, above, target)
            above = names or above
            if target.revised_from:
                self.result.problem(target.where, "Only a progress entry can revise a target")
            status = self._status(target) or status_named(target.text) or Status.IN_PROGRESS.value
            self._check_target(target, status)
            actions.append(
                {
                    "text": rich_text(blocks),
                    "owners": owners,
                    "target": target.text,
                    "status": status,
                }
            )
        return actions

    def _status(self, target: Target) -> str | None:
        if not target.status:
            return None
        status = status_of_label(target.status)
        if status is None:
            labels = ", ".join(s.label for s in Status)
            self.result.problem(
                target.where, f"'{target.status}' is not a status: use one of {labels}"
            )
        return status

    def _check_target(self, target: Target, status: str) -> None:
        if not target.text:
            self.result.problem(target.where, "The action has no target date")
        elif status not in Status.closed() and parse_month(target.text) is None:
            if any(ch.isdigit() for ch in target.text):
                message = f"'{target.text}' is neither a month nor a financial year"
            else:
                message = (
                    f"'{target.text}' names no month: give a month and year, such as "
                    "March 2024, or a status, such as Completed"
                )
            self.result.problem(target.where, message)

    def _progress(self, draft: Draft, actions: list[dict]) -> list[dict]:
        entries: list[dict] = []
        for section in draft.progress:
            self._round(section.round, section.where)
            raw: list[list] = []
            for segment in segments_of(section.rows):
                if not segment.targets:
                    names = owner_lines(segment.row)
                    if names is None and raw:  # text running on from the entry above
                        raw[-1][0] += segment.blocks
                    else:
                        raw.append([list(segment.blocks), Target("", segment.row), names])
                    continue
                found = match(segment, progress=True, split_first=False, result=self.result)
                if found.lead and raw:
                    raw[-1][0] += found.lead
                elif found.lead:
                    found.pairs[0][0][:0] = found.lead
                raw += [list(pair) for pair in found.pairs]
            above = None
            for blocks, target, names in raw:
                owners = self._owners(names, above, target)
                above = names or above
                text = rich_text(blocks)
                if not text:
                    self.result.problem(target.row.at(RESPONSE), "The progress entry has no text")
                entries.append(self._entry(section.round, text, owners, target, actions))
        return entries

    def _round(self, label: str, where: str) -> None:
        if label in self.rounds:
            return
        month = parse_month(label)
        self.rounds[label] = month.strftime("%Y-%m") if month else None
        if month is None:
            self.result.problem(where, f"The round '{label}' names no month, such as July 2024")

    def _entry(self, round_label, text, owners, target: Target, actions) -> dict:
        entry = {"round": round_label, "text": text, "owners": owners, "target": target.text}
        month = parse_month(target.text)
        revises, original = self._revision(target, month, text, actions)
        status = self._status(target) or status_named(target.text)
        if status is None:
            slipped = revises and month and original and month > original
            status = Status.DELAYED.value if slipped else Status.IN_PROGRESS.value
        entry["status"] = status
        if revises:
            entry["revises_action"] = revises
            entry["revision_reason"] = target.reason
        return entry

    def _revision(self, target: Target, month, text: str, actions: list[dict]):
        """(action number, its original month) that the entry's date revises, if any:
        as a "(revised from …)" line says, or, where nothing is marked, a date that is
        no action's own (read, noted, with the reason the text gives)."""
        months = [parse_month(a["target"]) for a in actions]
        if target.revised_from:
            number = target.revised_action
            if number is None:
                wanted = single_spaced(target.revised_from).casefold()
                matches = [i for i, a in enumerate(actions, 1) if a["target"].casefold() == wanted]
                number = matches[-1] if matches else None
            if number is None or not 1 <= number <= len(actions):
                self.result.problem(
                    target.where, f"'{target.revised_from}' is not the target of any action above"
                )
                return None, None
            if not target.reason:
                self.result.problem(
                    target.where, "Give the reason the target changed: (revised from … : reason)"
                )
            if month is None:
                self.result.problem(target.where, "A revised target must name a month and year")
            return number, months[number - 1]
        if target.marked or month is None or month in months or not any(months):
            return None, None
        before = [(m, i) for i, m in enumerate(months, 1) if m and m < month]
        later = [(m, -i) for i, m in enumerate(months, 1) if m and m > month]
        original, number = max(before) if before else min(later)
        number = abs(number)
        written = actions[number - 1]["target"]
        target.reason = revision_reason_in(text)
        if target.reason:
            self.result.note(
                target.where,
                f"'{target.text}' is read as revising action {number}'s target "
                f"({written}), because of '{target.reason}', as the text says",
            )
        else:
            self.result.problem(
                target.where,
                f"'{target.text}' moves action {number}'s target from {written}"
                f"{'' if written == format_month(original) else f' ({format_month(original)})'}"
                ", and the text gives no reason the reader can "
                f"find: add a line '(revised from {written}: <the reason>)' under the date",
            )
        return number, original
