"""The computed summary table and numbering gaps of a plan."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """The closing table of a published plan, computed from the data, never typed."""

    agreed: int
    partly_agreed: int
    not_agreed: int

    @property
    def total(self) -> int:
        return self.agreed + self.partly_agreed + self.not_agreed


_WHOLE_NUMBER = re.compile(r"^\s*(\d+)\s*$")


def numbering_gaps(references: list[str]) -> list[str]:
    """Whole numbers missing from 1 to the highest whole-number reference.

    Paragraph references ("S40", "1.46") have no expected sequence, so they are
    never reported as gaps; a plan numbered 1 to N reports every number it skips.
    """
    numbers = {int(m.group(1)) for ref in references if (m := _WHOLE_NUMBER.match(ref))}
    if not numbers:
        return []
    return [str(n) for n in range(1, max(numbers) + 1) if n not in numbers]
