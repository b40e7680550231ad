"""What the Redact tool proposes: every detection type by default, quasi-identifiers included, through the
command line and the API alike; AIPLUS_REDACT_TYPES narrows it, and a mistyped type stops start-up checks."""

import json

import pytest
from click.testing import CliRunner
from django.core.checks import run_checks
from django.test import Client

from aiplus.cli import main
from aiplus.core.services import api_token_create
from aiplus.privacy.models import RedactJob
from aiplus.privacy.redact import jobs

pytestmark = pytest.mark.django_db

LETTER = (
    "Dear Mr Chan,\nyour phone 9123 4567 is on file. You flew to Canada on 13 March 2019 for Loveland "
    "Technologies Ltd, aged 45.\n"
)


def _cli_spans(path) -> list[tuple[str, str]]:
    result = CliRunner().invoke(main, ["redact", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    return [(s["type"], s["text"]) for s in report["spans"]], report["redacted"]


def test_the_cli_proposes_quasi_identifiers_with_their_types(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    spans, redacted = _cli_spans(letter)
    assert {
        ("PERSON", "Chan"),
        ("PHONE", "9123 4567"),
        ("LOCATION", "Canada"),
        ("DATE_TIME", "13 March 2019"),
        ("ORGANIZATION", "Loveland Technologies Ltd"),
        ("AGE", "45"),
    } <= set(spans)
    assert "Canada" not in redacted and "13 March 2019" not in redacted and "on file" in redacted


def test_aiplus_redact_types_narrows_what_is_proposed(tmp_path, settings):
    settings.AIPLUS_REDACT_TYPES = ["PERSON", "PHONE"]
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    spans, redacted = _cli_spans(letter)
    assert {kind for kind, _ in spans} == {"PERSON", "PHONE"}
    assert "Canada" in redacted and "9123 4567" not in redacted


def test_the_api_gives_the_same_types_and_accepts_a_quasi_identifier_chosen(tmp_path, amy):
    _, key = api_token_create(user=amy, name="test")
    client = Client(headers={"Authorization": f"Bearer {key}"})
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    with letter.open("rb") as stream:
        found = client.post("/api/v1/redact", {"file": stream})
    assert found.status_code == 200, found.content
    spans = found.json()["spans"]
    assert {"LOCATION", "DATE_TIME", "ORGANIZATION", "AGE", "PERSON", "PHONE"} <= {s["type"] for s in spans}
    chosen = [s for s in spans if s["type"] == "LOCATION"]
    with letter.open("rb") as stream:
        response = client.post("/api/v1/redact/file", {"file": stream, "spans": json.dumps(chosen)})
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert "Canada" not in text and "9123 4567" in text
    with letter.open("rb") as stream:
        bad = client.post(
            "/api/v1/redact/file", {"file": stream, "spans": '[{"type": "PLACE", "start": 0, "end": 4}]'}
        )
    assert bad.status_code == 400 and bad.json()["error"]["field"] == "redact.type"


def test_unknown_type_names_in_settings_fail_the_system_checks(settings):
    settings.AIPLUS_REDACT_TYPES = ["PERSON", "PLACE"]
    settings.AIPLUS_PERSONAL_DATA_EXTRA_TYPES = ["HKID"]  # personal types are always masked: not an extra
    errors = {error.id: error.msg for error in run_checks()}
    assert "PLACE" in errors["aiplus.E050"] and "HKID" in errors["aiplus.E051"]
    settings.AIPLUS_REDACT_TYPES, settings.AIPLUS_PERSONAL_DATA_EXTRA_TYPES = ["LOCATION"], ["DATE_TIME"]
    assert not {"aiplus.E050", "aiplus.E051"} & {error.id for error in run_checks()}


def test_the_review_page_names_each_quasi_identifier_in_the_officers_language(tmp_path, amy, bob):
    """The page labels the new kinds in Chinese for a Chinese reader, and only the uploader sees the review."""
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    client = Client(headers={"Accept-Language": "zh-hant"})
    client.force_login(amy)
    with letter.open("rb") as stream:
        review_url = client.post("/privacy/redact/", {"file": stream})["Location"]
    token = review_url.rstrip("/").rsplit("/", 1)[-1]
    assert jobs.redact_job_process(job_id=RedactJob.objects.get(token=token).pk) == "ready"
    page = client.get(review_url).content.decode()
    assert 'class="pii pii-LOCATION"' in page and "地點" in page and "日期或時間" in page and "年齡" in page
    other = Client()
    other.force_login(bob)
    assert other.get(review_url).status_code == 404
