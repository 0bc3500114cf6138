"""The layout holds: every module of the apps imports only what its room may import,
and no module imports another's private name."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ["recommendations", "govuk", "accounts", "backups", "tracker"]

CORE = {"targets", "text", "richtext", "summary"}
# For each room of recommendations, the rooms it may import (its own always allowed).
ALLOWED = {
    "targets": set(),
    "text": set(),
    "richtext": set(),
    "summary": set(),
    # Bar charts' geometry for server-rendered SVG (the dashboard): plain data, no app.
    "charts": set(),
    "models": {"targets", "text"},
    "permissions": {"models"},
    "snapshots": {"models"} | CORE,
    # Freezing a submission (services/freezing.py) reads the snapshot and renders it;
    # a submission tells reviewers through notifications' tasks (which import no services).
    "services": {"models", "snapshots", "publishing", "notifications"} | CORE,
    "selectors": {"models", "permissions", "snapshots"} | CORE,
    "publishing": {"models", "snapshots", "selectors"} | CORE,
    "review": {"models", "snapshots", "selectors"} | CORE,
    "importing": {"models", "services"} | CORE,
    "forms": {"models"} | CORE,
    "templatetags": {"models", "permissions"} | CORE,
    "admin": {"models", "services"},
    # The app's ready() connects history's signal to publishing.changes (a change queues
    # the plan's render): configuration, no rule of its own.
    "apps": {"publishing"},
    "urls": {"views"},
    # The read-only JSON API: a door that reads (never services, forms or views).
    "api": {"models", "permissions", "selectors", "snapshots", "review"} | CORE,
    # Email: reminders, digests, messages to reviewers, and the outbox that sends them.
    "notifications": {"models", "permissions", "selectors", "snapshots", "review"} | CORE,
}
# Rooms that may import any room of the app: the doors to the outside world.
ANYTHING = {"views", "management", "migrations"}
# Which of the project's apps each app may import.
APP_IMPORTS = {
    "govuk": set(),
    "recommendations": {"govuk"},
    "accounts": {"govuk", "recommendations"},
    "backups": set(),
    "tracker": {"accounts", "recommendations"},
}


def modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def imports(path: Path):
    """(module imported, names imported) for every import, made absolute."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            yield module, [alias.name for alias in node.names]


def room(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else ""


CASES = [pytest.param(app, path, id=str(path.relative_to(ROOT))) for app, path in modules()]


@pytest.mark.parametrize(("app", "path"), CASES)
def test_imports_run_one_way(app, path):
    own = room(".".join(path.relative_to(ROOT).with_suffix("").parts))
    wrong = []
    for module, names in imports(path):
        top = module.split(".")[0]
        if top in APPS and top != app and top not in APP_IMPORTS[app]:
            wrong.append(module)
        if top != "recommendations" or app != "recommendations" or own in ANYTHING:
            continue
        targets = {room(module)} if room(module) else {room(f"{module}.{n}") for n in names}
        for target in targets - {own}:
            if target not in ALLOWED[own]:
                wrong.append(f"{module} ({target})")
    assert not wrong, f"{path.relative_to(ROOT)} ({own or app}) may not import {wrong}"


@pytest.mark.parametrize(("app", "path"), CASES)
def test_no_module_imports_another_modules_private_names(app, path):
    private = [
        f"{module}.{name}"
        for module, names in imports(path)
        for name in names
        if name.startswith("_") and module.split(".")[0] in APPS
    ]
    assert not private, f"{path.relative_to(ROOT)} imports {private}"


def test_every_room_is_known():
    """A new room of recommendations must say what it may import (ALLOWED above)."""
    rooms = {p.stem if p.is_file() else p.name for p in (ROOT / "recommendations").iterdir()}
    rooms = {r for r in rooms if not r.startswith("__")}
    assert rooms <= set(ALLOWED) | ANYTHING


def test_every_package_says_what_it_holds_and_may_import():
    for app in APPS:
        for init in (ROOT / app).rglob("__init__.py"):
            if {"migrations", "commands", "management", "templatetags"} & set(init.parts):
                continue
            docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
            assert docstring and "import" in docstring.lower(), f"{init.relative_to(ROOT)}"
