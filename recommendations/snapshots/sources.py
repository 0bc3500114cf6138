"""Where a snapshot reads from: the current rows, or the revision history at a moment."""

import datetime
from collections import defaultdict

from django.db.models import Model

from ..models import ActionPlan, Owner, ResponsibleBody


class LiveSource:
    """Reads current rows."""

    def one(self, model: type[Model], pk: int):
        return model.objects.get(pk=pk)

    def many(self, model: type[Model], **filters) -> list:
        if archivable(model):
            filters["archived_at__isnull"] = True
        return list(model.objects.filter(**filters))

    def owners(self, model: type[Model], ids: list[int]) -> dict[int, list[str]]:
        fk = model._meta.model_name
        through = model.owners.through.objects.filter(**{f"{fk}_id__in": ids})
        result: dict[int, list[str]] = defaultdict(list)
        for row in through.select_related("owner").order_by("id"):
            result[getattr(row, f"{fk}_id")].append(row.owner.name)
        return result

    def bodies(self, plan: ActionPlan) -> list[ResponsibleBody]:
        rows = ActionPlan.bodies.through.objects.filter(actionplan_id=plan.pk)
        return [
            row.responsiblebody for row in rows.select_related("responsiblebody").order_by("id")
        ]


class HistorySource:
    """Reads the latest historical record of each object at a moment; deletions drop out."""

    def __init__(self, as_of: datetime.datetime):
        self.as_of = as_of
        self._records: dict[type[Model], dict[int, Model]] = {}

    def _latest(self, model: type[Model], filters: dict) -> list:
        # Latest record per object, ties on history_date broken by history_id: a create
        # and the owners set with it share one date. Done in Python, one plain query.
        records = model.history.filter(history_date__lte=self.as_of, **filters).order_by(
            "history_date", "history_id"
        )
        latest = {record.id: record for record in records}
        return [record for record in latest.values() if record.history_type != "-"]

    def one(self, model: type[Model], pk: int):
        found = self._latest(model, {"id": pk})
        if not found:
            raise model.DoesNotExist(f"{model.__name__} {pk} did not exist yet")
        return found[0]

    def many(self, model: type[Model], **filters) -> list:
        records = self._latest(model, filters)
        if archivable(model):
            records = [r for r in records if r.archived_at is None]
        self._records.setdefault(model, {}).update({r.id: r for r in records})
        return records

    def owners(self, model: type[Model], ids: list[int]) -> dict[int, list[str]]:
        records = self._records.get(model, {})
        history_ids = {records[i].history_id: i for i in ids if i in records}
        m2m = m2m_history_model(model, "owners")
        # Order by the through row id: the order in which the owners were named.
        rows = list(m2m.objects.filter(history_id__in=history_ids).order_by("id"))
        names = owner_names_as_of({row.owner_id for row in rows}, self.as_of)
        result: dict[int, list[str]] = defaultdict(list)
        for row in rows:
            result[history_ids[row.history_id]].append(names.get(row.owner_id, ""))
        return result

    def bodies(self, plan) -> list[ResponsibleBody]:
        m2m = m2m_history_model(ActionPlan, "bodies")
        ids = [
            r.responsiblebody_id
            for r in m2m.objects.filter(history_id=plan.history_id).order_by("id")
        ]
        found = {b.pk: b for b in ResponsibleBody.objects.filter(pk__in=ids)}
        return [found[i] for i in ids if i in found]


def archivable(model: type[Model]) -> bool:
    return any(f.name == "archived_at" for f in model._meta.fields)


def m2m_history_model(model: type[Model], field_name: str) -> type[Model]:
    """simple-history's model of the historical rows of one many-to-many field."""
    history_model = model.history.model
    name = f"{history_model._meta.model_name}_{field_name}"
    return history_model._meta.get_field(name).related_model


def owner_names_as_of(ids: set[int], as_of: datetime.datetime) -> dict[int, str]:
    names = {o.id: o.name for o in Owner.objects.filter(pk__in=ids)}
    for record in Owner.history.filter(id__in=ids, history_date__lte=as_of).order_by(
        "history_date", "history_id"
    ):
        names[record.id] = record.name
    return names
