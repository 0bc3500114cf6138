"""A snapshot as a canonical JSON document, and back: how a submission is kept for good.

Canonical: keys sorted, no whitespace, UTF-8, dates and moments ISO 8601 (moments in
UTC), so one plan always gives the same bytes and the same SHA-256. The document holds
every field of the PlanView dataclasses (read from the dataclasses themselves, so a
field added to `shapes` is kept without a change here); responding bodies are kept by
their id, name, short name and logo text, as they read when the plan was submitted.
`plan_from_document(plan_document(view)) == view`, and the bytes of
`plan_document(plan_from_document(data))` are `data`.
"""

import dataclasses
import datetime
import json
import types
import typing
from typing import Any

from ..models import ResponsibleBody
from . import shapes
from .shapes import PlanView

SCHEMA_VERSION = 1
BODY_FIELDS = ("name", "short_name", "logo_alt")


class DocumentError(ValueError):
    """The stored document is not a plan this code can read."""


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def plan_document(view: PlanView) -> bytes:
    """The plan as canonical JSON bytes."""
    return canonical_json({"schema_version": SCHEMA_VERSION, "plan": _encode(view)})


def plan_from_document(data: bytes) -> PlanView:
    """The PlanView a document holds. Raises DocumentError if it cannot be read."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DocumentError(f"Not a JSON document: {error}") from error
    if not isinstance(document, dict) or document.get("schema_version") != SCHEMA_VERSION:
        raise DocumentError(f"Not a plan document of schema version {SCHEMA_VERSION}")
    return _decode(PlanView, document.get("plan"))


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, ResponsibleBody):
        return {"id": value.pk, **{name: getattr(value, name) for name in BODY_FIELDS}}
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    raise TypeError(f"A plan document cannot hold {type(value).__name__}")


def _decode(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            return None
        (kind,) = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _decode(kind, value)
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_decode(item, v) for v in _expect(list, value)]
    if dataclasses.is_dataclass(kind):
        return _decode_dataclass(kind, _expect(dict, value))
    if kind is ResponsibleBody:
        value = _expect(dict, value)
        return ResponsibleBody(id=value["id"], **{name: value[name] for name in BODY_FIELDS})
    if kind is datetime.datetime:
        return datetime.datetime.fromisoformat(_expect(str, value))
    if kind is datetime.date:
        return datetime.date.fromisoformat(_expect(str, value))
    if kind in (bool, int, str):
        return _expect(kind, value)
    raise DocumentError(f"A plan document cannot hold {kind}")


def _decode_dataclass(kind: type, value: dict) -> Any:
    hints = typing.get_type_hints(kind, vars(shapes))
    arguments = {}
    for f in dataclasses.fields(kind):
        if f.name in value:
            arguments[f.name] = _decode(hints[f.name], value[f.name])
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise DocumentError(f"{kind.__name__}: '{f.name}' is missing")
    return kind(**arguments)


def _expect(kind: type, value: Any) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise DocumentError(f"Expected {kind.__name__}, found {type(value).__name__}")
    return value
