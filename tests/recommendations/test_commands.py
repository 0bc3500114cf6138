import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_demo_accounts_refuse_to_be_made_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Refusing to create demo accounts with DEBUG off"):
        call_command("create_demo_users")
    assert not get_user_model().objects.exists()


def test_demo_accounts_take_their_password_from_the_environment(settings, monkeypatch, capsys):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSWORD", "correct-horse-battery")

    call_command("create_demo_users")

    for username in ["editor", "reviewer", "admin"]:
        assert authenticate(username=username, password="correct-horse-battery")
    assert get_user_model().objects.get(username="admin").is_superuser
    assert "correct-horse-battery" not in capsys.readouterr().out


def test_demo_accounts_print_a_generated_password(settings, monkeypatch, capsys):
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)

    call_command("create_demo_users")

    password = capsys.readouterr().out.strip().rsplit("Password: ", 1)[1]
    assert authenticate(username="reviewer", password=password)


def test_load_plan_explains_a_missing_file():
    with pytest.raises(CommandError, match="Cannot read /nowhere.yaml"):
        call_command("load_plan", "/nowhere.yaml")


def test_load_plan_explains_incomplete_data(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("slug: x\nreport: {title: A report}\ntitle: A plan\nbodies: []\n")
    with pytest.raises(CommandError, match="plan: 'groups' is missing"):
        call_command("load_plan", str(path))
