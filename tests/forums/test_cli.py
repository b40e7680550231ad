"""``aiplus forums``: list, statistics files, the attendance import and check-in by code."""

import io

from click.testing import CliRunner
from openpyxl import load_workbook

from aiplus.cli import main
from tests.forums.conftest import sign_up


def test_statistics_as_csv_and_xlsx_files_and_check_in_by_code(forum, tmp_path):
    arrived = sign_up(forum, "a@example.com")
    sign_up(forum, "b@example.com", mode="online")
    runner = CliRunner()
    listed = runner.invoke(main, ["forums", "list"])
    assert "ai-forum" in listed.output and "in_person 1, online 0" in listed.output

    checked = runner.invoke(main, ["forums", "check-in", arrived.code])
    assert checked.exit_code == 0 and "checked in" in checked.output

    printed = runner.invoke(main, ["forums", "stats", "ai-forum", "--format", "csv"])
    assert printed.output.splitlines()[1] == "all,all,2,2,0,1,0"
    sheet = tmp_path / "stats.xlsx"
    assert (
        runner.invoke(main, ["forums", "stats", "ai-forum", "--format", "xlsx", "-o", str(sheet)]).exit_code
        == 0
    )
    assert load_workbook(io.BytesIO(sheet.read_bytes())).active["F2"].value == 1


def test_attendance_import_and_clear_errors(forum, tmp_path):
    sign_up(forum, "online@example.com", mode="online")
    report = tmp_path / "teams.csv"
    report.write_text("Full Name,Email\nOnline,online@example.com\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["forums", "attendance", "ai-forum", str(report), "--json"])
    assert result.exit_code == 0 and '"marked": 1' in result.output
    missing = runner.invoke(main, ["forums", "stats", "no-such-forum"])
    assert missing.exit_code != 0 and "no-such-forum" in missing.output
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage")
    refused = runner.invoke(main, ["forums", "attendance", "ai-forum", str(bad)])
    assert refused.exit_code != 0 and "UTF-16" in refused.output
