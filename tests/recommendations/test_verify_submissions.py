"""`manage.py verify_submissions`: every stored hash and the chain, recomputed."""

import io

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from recommendations.models import SubmissionRecord, sha256_hex
from tests.conftest import SEED_SLUG

pytestmark = pytest.mark.django_db


def verify(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_submissions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def record(plan, number) -> SubmissionRecord:
    return SubmissionRecord.objects.get(plan=plan, number=number)


def test_the_loaded_seed_verifies_with_one_line_per_plan(seed_plan):
    out, _ = verify()
    assert out.splitlines() == [f"OK {SEED_SLUG}: 3 submissions, every hash and the chain hold"]
    assert verify(SEED_SLUG)[0] == out


def test_one_byte_changed_in_a_stored_document_is_named(seed_plan):
    tampered = record(seed_plan, 2)
    data = bytearray(tampered.document)
    data[100] = ord("X") if data[100] != ord("X") else ord("Y")
    SubmissionRecord.objects.filter(pk=tampered.pk).update(document=bytes(data))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_submissions", SEED_SLUG, stdout=io.StringIO(), stderr=err)
    assert (
        f"Plan '{SEED_SLUG}', submission 2: the document hash differs from the stored document"
        in err.getvalue()
    )
    assert "submission 1" not in err.getvalue() and "submission 3" not in err.getvalue()


def test_a_tampered_pdf_with_its_hash_rewritten_breaks_the_record_hash(seed_plan):
    tampered = record(seed_plan, 1)
    pdf = bytes(tampered.pdf) + b"\n%tampered"
    SubmissionRecord.objects.filter(pk=tampered.pk).update(pdf=pdf, pdf_sha256=sha256_hex(pdf))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_submissions", stdout=io.StringIO(), stderr=err)
    assert f"Plan '{SEED_SLUG}', submission 1: the record hash differs" in err.getvalue()


def test_a_broken_chain_is_named(seed_plan):
    # Submission 2 rewritten wholesale, its own hashes consistent: the chain still tells.
    second = record(seed_plan, 2)
    second.previous_sha256 = "0" * 64
    second.record_sha256 = second.chain_digest()
    second.save()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_submissions", SEED_SLUG, stdout=io.StringIO(), stderr=err)
    problems = err.getvalue()
    assert f"Plan '{SEED_SLUG}', submission 2: the chain is broken" in problems
    assert f"Plan '{SEED_SLUG}', submission 3: the chain is broken" in problems


def test_the_command_exits_non_zero_from_the_shell(seed_plan):
    SubmissionRecord.objects.filter(pk=record(seed_plan, 3).pk).update(html=b"<html>")
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "verify_submissions", SEED_SLUG])
    assert exited.value.code != 0


def test_an_unknown_plan_is_refused(db):
    with pytest.raises(CommandError, match="No plan 'nope'"):
        verify("nope")
