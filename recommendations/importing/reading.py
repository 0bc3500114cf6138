"""What every reader of a plan file gives back: the plan as data, and what is wrong with it.

Each reader (YAML, Word, spreadsheets) turns a file into the *plan data* shape that
`yaml_plan.plan_import` writes (the shape of fixtures/*.yaml), and lists every problem
it met with where it met it, so that a person can fix the file. Nothing is written while
a problem remains; notes say what was read in a way the person may want to check (an
older term read as a newer one, an owner not seen before) and do not stop an import.
"""

from dataclasses import dataclass, field


class UnreadableFile(ValueError):
    """The file cannot be read as a plan at all (wrong type, corrupt, too large)."""


@dataclass(frozen=True)
class Problem:
    where: str  # "Table 2, row 14, column 'Target Date'"
    message: str  # "'Sumer 2024' is neither a month nor a financial year"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class ReadResult:
    data: dict
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def note(self, where: str, message: str) -> None:
        self.notes.append(Problem(where, message))

    @property
    def ok(self) -> bool:
        return not self.problems
