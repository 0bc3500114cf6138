"""An import in two steps: the preview of a plan file, then its confirmation.

The preview reads the file, checks the plan data whole (`checks.plan_data_check`), and
adds what only the importing person's rights decide: an editor imports plans of their
own bodies only, and only an administrator brings a new responding body in. It writes
nothing. Confirming reads the same bytes again and writes the plan in one transaction,
refusing while any problem remains, with every history row's reason naming the file.
"""

from collections.abc import Collection
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import ActionPlan, Agreement, Owner, PlanImport, ResponsibleBody, Status
from ..services.front_matter import STANDARD_CATEGORISATION
from .checks import plan_data_check
from .files import read_plan_file
from .reading import Problem, ReadResult
from .writer import plan_import


@dataclass
class ActionLine:
    text: str
    owners: list[tuple[str, bool]]  # (name, new to the service)
    target: str
    status: str


@dataclass
class RecommendationLine:
    reference: str
    text: str
    agreement: str
    actions: list[ActionLine] = field(default_factory=list)
    progress: list[tuple[str, int]] = field(default_factory=list)  # (round, entries)


@dataclass
class ImportPreview:
    """What a file would become, and every problem and note found in it."""

    file_name: str
    result: ReadResult
    problems: list[Problem]
    groups: list[tuple[str, list[RecommendationLine]]]
    new_owners: list[str]
    new_bodies: list[str]

    @property
    def data(self) -> dict:
        return self.result.data

    @property
    def notes(self) -> list[Problem]:
        return self.result.notes

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def counts(self) -> dict[str, int]:
        recs = [rec for _, recs in self.groups for rec in recs]
        counts = {
            ("heading", "headings"): len(self.groups),
            ("recommendation", "recommendations"): len(recs),
            ("action", "actions"): sum(len(rec.actions) for rec in recs),
            ("progress entry", "progress entries"): sum(n for rec in recs for _, n in rec.progress),
        }
        return {(one if n == 1 else many): n for (one, many), n in counts.items()}


def import_preview(
    *, file_name: str, content: bytes, slug: str = "", allowed_bodies: Collection[str] | None
) -> ImportPreview:
    """Read and check a plan file. `allowed_bodies`: the names of the bodies this person
    may import plans for (None: an administrator, who may name any body, new ones too).
    Raises UnreadableFile for a file that cannot be read as a plan at all."""
    result = read_plan_file(name=file_name, content=content, slug=slug)
    if isinstance(result.data, dict) and not result.data.get("categorisation"):
        # As a plan created in the service does: its agreement question needs the terms.
        result.data["categorisation"] = [dict(row) for row in STANDARD_CATEGORISATION]
        result.note("Categorisation table", "The file has none: the standard table is used")
    problems = [*result.problems, *plan_data_check(data=result.data)]
    bodies = [b.get("name", "") for b in _list(result.data.get("bodies")) if isinstance(b, dict)]
    known = set(ResponsibleBody.objects.filter(name__in=bodies).values_list("name", flat=True))
    new_bodies = [name for name in bodies if name and name not in known]
    if allowed_bodies is not None:
        problems += _body_problems(bodies, new_bodies, allowed_bodies)
    groups, owners = _lines(result.data)
    existing = set(Owner.objects.filter(name__in=owners).values_list("name", flat=True))
    new_owners = sorted(owners - existing)
    for _, recs in groups:
        for rec in recs:
            for action in rec.actions:
                action.owners = [(name, name in new_owners) for name, _ in action.owners]
    return ImportPreview(file_name, result, problems, groups, new_owners, new_bodies)


def _body_problems(bodies, new_bodies, allowed) -> list[Problem]:
    where = "Responding bodies"
    problems = [
        Problem(
            where,
            f"'{name}' is not a responding body in the service: correct the name, "
            "or ask an administrator to add the body",
        )
        for name in new_bodies
    ]
    if bodies and not set(bodies) & set(allowed):
        mine = " or ".join(sorted(allowed)) or "no body"
        problems.append(Problem(where, f"You can import plans of {mine} only"))
    return problems


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _lines(data: dict) -> tuple[list, set[str]]:
    """The plan's headings and recommendations, as the preview lists them."""
    groups, owners = [], set()
    for group in _list(data.get("groups")):
        if not isinstance(group, dict):
            continue
        recs = []
        for rec in _list(group.get("recommendations")):
            if not isinstance(rec, dict):
                continue
            line = RecommendationLine(
                str(rec.get("reference", "")),
                str(rec.get("text", "")),
                _label(Agreement, rec.get("agreement", Agreement.AGREED)),
            )
            for action in filter(lambda a: isinstance(a, dict), _list(rec.get("actions"))):
                names = [str(n) for n in _list(action.get("owners"))]
                owners.update(names)
                line.actions.append(
                    ActionLine(
                        str(action.get("text", "")),
                        [(n, False) for n in names],
                        str(action.get("target", "")),
                        _label(Status, action.get("status", Status.IN_PROGRESS)),
                    )
                )
            rounds: dict[str, int] = {}
            for entry in filter(lambda p: isinstance(p, dict), _list(rec.get("progress"))):
                owners.update(str(n) for n in _list(entry.get("owners")))
                label = str(entry.get("round", ""))
                rounds[label] = rounds.get(label, 0) + 1
            line.progress = list(rounds.items())
            recs.append(line)
        groups.append((str(group.get("heading", "")), recs))
    return groups, owners


@transaction.atomic
def import_confirm(*, pending: PlanImport, allowed_bodies, user) -> ActionPlan:
    """Write the plan the upload's preview showed, in one transaction, and mark the upload
    used; ValidationError (naming the first problem) while any problem remains."""
    pending = PlanImport.objects.select_for_update().get(pk=pending.pk)
    if pending.plan_id:
        raise ValidationError(f"{pending.file_name} has already been imported")
    preview = import_preview(
        file_name=pending.file_name,
        content=bytes(pending.content),
        slug=pending.slug,
        allowed_bodies=allowed_bodies,
    )
    if not preview.ok:
        raise ValidationError(f"The file still has problems: {preview.problems[0]}")
    try:
        plan, created = plan_import(
            data=preview.data, user=user, reason=f"Imported from {pending.file_name}"[:100]
        )
    except IntegrityError as error:
        # The database's own rules hold what the checks missed: nothing was written.
        raise ValidationError(f"The plan breaks a rule of the service: {error}") from error
    if not created:  # the slug was taken between the preview and now
        raise ValidationError(f"A plan with the slug '{plan.slug}' already exists")
    pending.plan, pending.imported_at = plan, timezone.now()
    pending.save(update_fields=["plan", "imported_at"])
    return plan


def import_upload(*, file_name: str, content: bytes, slug: str = "", user) -> PlanImport:
    """Keep an uploaded plan file until its preview is confirmed."""
    return PlanImport.objects.create(
        uploaded_by=user, file_name=file_name[:255], content=content, slug=slug
    )
