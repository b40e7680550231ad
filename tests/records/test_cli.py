"""``aiplus records`` through click's runner, as a records manager or an operator would run it."""

import json

from click.testing import CliRunner

from aiplus.cli import main
from aiplus.documents.models import Document
from aiplus.records.models import DisposalBatch, DisposalRecord, LegalHold


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_hold_due_propose_approve_execute_and_export(rita, andy, files, seven_years):
    licence, pier = (Document.objects.get(source_id=s) for s in ("licence-2015.txt", "pier-2016.txt"))
    for document in (licence, pier):
        result = _run("records", "set", document.pk, "--user", "rita")
        assert result.exit_code == 0, result.output
    assert "2022-01-31" in _run("records", "set", licence.pk, "--schedule", "gen-7", "--user", "rita").output
    held = _run(
        "records", "hold", "place", "Pier claim", "--reason", "HCA 9", "--document", pier.pk, "--user", "rita"
    )
    assert held.exit_code == 0, held.output
    due = [
        json.loads(line) for line in _run("records", "due", "--json", "--user", "rita").stdout.splitlines()
    ]
    assert [(d["document_id"], d["held"]) for d in due] == [(licence.pk, False), (pier.pk, True)]
    proposed = _run("records", "propose", "--user", "rita")
    assert proposed.exit_code == 0 and "Batch" in proposed.output
    batch = DisposalBatch.objects.get()
    refused = _run("records", "approve", batch.pk, "--user", "rita")
    assert refused.exit_code == 1 and "permission" in refused.output
    assert _run("records", "approve", batch.pk, "--user", "andy").exit_code == 0
    executed = _run("records", "execute", batch.pk, "--user", "rita")
    assert executed.exit_code == 0 and "1 documents disposed of" in executed.output
    exported = _run("records", "disposed", "--user", "rita").stdout
    assert exported.startswith("department,batch,document_id") and "licence-2015.txt" in exported
    release = _run(
        "records", "hold", "release", LegalHold.objects.get().pk, "--note", "settled", "--user", "rita"
    )
    assert release.exit_code == 0
    # The operator's run, as cron or the periodic task does it: the released document is proposed now.
    assert "1 batches proposed" in _run("records", "propose").output


def test_a_held_document_refuses_execution_with_a_clear_message(rita, andy, files, seven_years):
    licence = Document.objects.get(source_id="licence-2015.txt")
    _run("records", "set", licence.pk, "--user", "rita")
    _run("records", "propose", "--department", "dsd", "--user", "rita")
    batch = DisposalBatch.objects.get()
    _run("records", "approve", batch.pk, "--user", "andy")
    _run(
        "records", "hold", "place", "Audit", "--reason", "ICAC", "--collection", files.slug, "--user", "rita"
    )
    refused = _run("records", "execute", batch.pk, "--user", "rita")
    assert refused.exit_code == 1 and "legal hold (Audit)" in refused.output
    assert Document.objects.filter(pk=licence.pk).exists() and not DisposalRecord.objects.exists()


def test_other_departments_and_bad_input_are_refused(rita, hugo, files, seven_years, tmp_path):
    licence = Document.objects.get(source_id="licence-2015.txt")
    hidden = _run("records", "set", licence.pk, "--user", "hugo")
    assert hidden.exit_code == 1 and "Not found" in hidden.output
    assert _run("records", "due", "--department", "dsd", "--user", "hugo").exit_code == 1
    bad_date = _run("records", "set", licence.pk, "--until", "31/12/2030", "--user", "rita")
    assert bad_date.exit_code == 1 and "YYYY-MM-DD" in bad_date.output
    path = tmp_path / "schedules.csv"
    path.write_text("code,title_en,years,action\nfin-7,Finance,7,shred\n", encoding="utf-8")
    imported = _run("records", "import", path, "--user", "rita")
    assert imported.exit_code == 1 and "row 2" in imported.output
    assert _run("records", "manager-add", "nobody").exit_code == 1


def test_a_file_counted_from_closing_gets_its_date_when_closed(rita, files):
    from aiplus.records.services import schedule_save

    schedule_save(
        actor=rita, department=rita.department, code="case-2", title_en="Cases", years=2, trigger="closed"
    )
    hawker = Document.objects.get(source_id="hawker-2024.txt")
    assert (
        "its file is closed"
        in _run("records", "set", hawker.pk, "--schedule", "case-2", "--user", "rita").output
    )
    closed = _run("records", "close", hawker.pk, "--on", "2024-02-29", "--user", "rita")
    assert closed.exit_code == 0 and "2026-02-28" in closed.output
