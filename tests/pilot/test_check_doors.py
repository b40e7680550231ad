"""Proofread and Extract through each door: the API, the CLI and the pages, with bad input refused in the
user's language; and a model's answers verified against the text."""

import json

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from aiplus.cli import main
from aiplus.core.services import api_token_create
from tests.pilot.test_extract import LETTER, SCHEMA
from tests.support.fake_openai import FakeOpenAI


def _client_for(user, language="en") -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}", "Accept-Language": language})


@pytest.fixture
def model(settings):
    with FakeOpenAI() as server:
        settings.AIPLUS_LLM_BASE_URL = server.base_url
        settings.AIPLUS_LLM_API_KEY = "test-key"
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        settings.AIPLUS_LLM_MAX_RETRIES = 0
        yield server


@pytest.fixture
def dsd_glossary(alice, dsd, hpd):
    from aiplus.glossary.services import glossary_share, glossary_term_save

    glossary_term_save(
        actor=alice, department=dsd, channel="test", en="software", zh_hant="軟件", forbidden=["軟體"]
    )
    glossary_term_save(
        actor=alice,
        department=dsd,
        channel="test",
        en="personal data",
        zh_hant="個人資料",
        forbidden=["個人數據"],
    )
    glossary_share(actor=alice, department=dsd, reader_codes=["hpd"], channel="test")


def test_the_api_proofreads_with_the_glossary_shared_with_the_asker(bob, dsd_glossary):
    response = _client_for(bob).post(
        "/api/v1/pilot/proofread", {"text": "請保護個人數據,並更新軟體。"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    issues = {(i["kind"], i["found"], i["suggestion"]) for i in response.json()["issues"]}
    assert ("glossary", "個人數據", "個人資料") in issues
    assert ("glossary", "軟體", "軟件") in issues
    assert ("punctuation", ",", "，") in issues


def test_an_unpaired_surrogate_is_refused_in_chinese(amy):
    response = _client_for(amy, "zh-hant").post(
        "/api/v1/pilot/proofread", '{"text": "abc\\ud800"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "proofread.text"
    assert "要校對的文字" in response.json()["error"]["message"]


def test_the_api_extracts_fields_from_a_docx_letter(amy, tmp_path):
    from docx import Document

    document = Document()
    for line in LETTER.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "letter.docx"
    document.save(path)
    upload = SimpleUploadedFile("letter.docx", path.read_bytes())
    response = _client_for(amy).post("/api/v1/pilot/extract", {"file": upload, "schema": json.dumps(SCHEMA)})
    assert response.status_code == 200, response.content
    fields = {f["name"]: f for f in response.json()["fields"]}
    assert fields["hkid"]["normalised"] == "A123456(3)" and fields["hkid"]["valid"]
    assert fields["fee"]["normalised"] == "1330.00"


def test_a_bad_schema_or_a_fake_pdf_gets_a_clear_error(amy):
    client = _client_for(amy, "zh-hant")
    upload = SimpleUploadedFile("letter.txt", LETTER.encode())
    response = client.post("/api/v1/pilot/extract", {"file": upload, "schema": "{not json"})
    assert response.status_code == 400 and response.json()["error"]["field"] == "extract.schema"
    fake = SimpleUploadedFile("letter.pdf", b"MZ this is not a pdf")
    response = client.post("/api/v1/pilot/extract", {"file": fake, "schema": json.dumps(SCHEMA)})
    assert response.status_code == 422 and response.json()["error"]["code"] == "corrupt_file"


def test_the_model_adds_spelling_and_only_what_the_text_says(amy, model):
    model.script(
        json.dumps(
            [
                {"text": "recieved", "suggestion": "received", "kind": "spelling", "message": "Spelling."},
                {"text": "HKID A123456(3)", "suggestion": "x", "kind": "grammar", "message": "Invented."},
            ]
        )
    )
    response = _client_for(amy).post(
        "/api/v1/pilot/proofread", {"text": "We recieved your letter。"}, content_type="application/json"
    )
    body = response.json()
    assert body["model_used"]
    assert {(i["kind"], i["found"]) for i in body["issues"]} == {
        ("spelling", "recieved"),
        ("punctuation", "。"),
    }


def test_a_model_that_fails_leaves_the_rule_issues(amy, model):
    model.fail_next(503, should_retry=None)
    response = _client_for(amy).post(
        "/api/v1/pilot/proofread", {"text": "部門將採購新的軟體。"}, content_type="application/json"
    )
    assert response.status_code == 200 and not response.json()["model_used"]
    assert response.json()["issues"][0]["found"] == "軟體"


def test_text_the_policy_keeps_from_the_model_is_checked_by_the_rules_saying_why(amy, dsd, model):
    """GIVEN a department that blocks personal data WHEN an officer proofreads or extracts from a text with
    an HKID THEN the rule results stand, nothing reaches the model, and the page says why in Chinese."""
    from aiplus.core.access import OPERATOR
    from aiplus.llm.services import department_model_set

    department_model_set(actor=OPERATOR, department=dsd, personal_data_policy="block")
    text = "陳大文（身份證號碼 A123456(3)）將採購新的軟體。"
    response = _client_for(amy, "zh-hant").post(
        "/api/v1/pilot/proofread", {"text": text}, content_type="application/json"
    )
    assert response.status_code == 200 and not response.json()["model_used"]
    assert ("regional", "軟體") in {(i["kind"], i["found"]) for i in response.json()["issues"]}
    assert "個人資料（HKID" in response.json()["notice"]
    client = Client(headers={"Accept-Language": "zh-hant"})
    client.force_login(amy)
    page = client.post("/assistant/documents/proofread/", {"action": "check", "text": text}).content.decode()
    assert "軟體" in page and "個人資料（HKID" in page and "尚未設定語言模型" not in page
    upload = SimpleUploadedFile("letter.txt", LETTER.encode())
    schema = {"fields": [*SCHEMA["fields"], {"name": "deputy", "type": "name"}]}
    page = client.post("/assistant/documents/extract/", {"file": upload, "schema": json.dumps(schema)})
    assert page.status_code == 200 and 'id="field-hkid"' in page.content.decode()
    assert "不准許把個人資料傳送至語言模型" in page.content.decode()
    assert model.requests == []


def test_the_model_fills_a_field_the_rules_missed_only_with_words_of_the_document(amy, model, tmp_path):
    from aiplus.pilot.services_check import extract_from_file

    path = tmp_path / "note.txt"
    path.write_text("The officer in charge is Mr WONG Siu Ming of the licensing team.", encoding="utf-8")
    schema = {"fields": [{"name": "officer", "type": "name"}, {"name": "deputy", "type": "name"}]}
    model.script(json.dumps({"officer": "WONG Siu Ming", "deputy": "LEE Ka Yan"}))
    result = extract_from_file(
        actor=amy, path_or_file=path, filename="note.txt", schema=json.dumps(schema), channel="test"
    )
    fields = {f.name: f for f in result.fields}
    assert fields["officer"].value == "WONG Siu Ming" and fields["officer"].method == "model"
    assert not fields["deputy"].found  # the model's invention is dropped


def test_the_cli_proofreads_and_extracts(db, tmp_path):
    text = tmp_path / "memo.txt"
    text.write_text("部門將採購新的軟體,以提升效率。", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["proofread", str(text), "--json"])
    assert result.exit_code == 1, result.output
    issues = json.loads(result.stdout.strip().splitlines()[-1])["issues"]
    assert {i["found"] for i in issues} == {"軟體", ","}

    letter, schema = tmp_path / "letter.txt", tmp_path / "schema.json"
    letter.write_text(LETTER, encoding="utf-8")
    schema.write_text(json.dumps(SCHEMA), encoding="utf-8")
    result = runner.invoke(main, ["extract", str(letter), "--schema", str(schema), "--json"])
    assert result.exit_code == 0, result.output
    fields = {f["name"]: f for f in json.loads(result.stdout.strip().splitlines()[-1])["fields"]}
    assert fields["reference"]["value"] == "DSD/LIC/2025/0042"

    schema.write_text('{"fields": [{"name": "x", "type": "colour"}]}', encoding="utf-8")
    result = runner.invoke(main, ["extract", str(letter), "--schema", str(schema)])
    assert result.exit_code == 1 and "field type" in result.output


def test_the_cli_imports_a_glossary_and_refuses_a_bad_file_whole(dsd, tmp_path):
    from aiplus.glossary.models import GlossaryTerm

    good = tmp_path / "terms.csv"
    good.write_text("en,zh-Hant,forbidden\nsoftware,軟件,軟體\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["glossary", "import", str(good), "--department", "dsd", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip().splitlines()[-1])["created"] == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("en,zh-Hant,forbidden\nnetwork,網絡,網絡\n", encoding="utf-8")
    result = runner.invoke(main, ["glossary", "import", str(bad), "--department", "dsd"])
    assert result.exit_code == 1 and "row 2" in result.output
    assert GlossaryTerm.objects.count() == 1
    result = runner.invoke(main, ["glossary", "import", str(good), "--department", "nope"])
    assert result.exit_code == 1 and "nope" in result.output


def test_the_pages_proofread_and_apply_a_fix(amy):
    client = Client()
    client.force_login(amy)
    page = client.post("/assistant/documents/proofread/", {"action": "check", "text": "部門將採購新的軟體。"})
    assert page.status_code == 200 and "軟體" in page.content.decode()
    fixed = client.post(
        "/assistant/documents/proofread/",
        {
            "action": "apply",
            "text": "部門將採購新的軟體。",
            "start": 7,
            "end": 9,
            "found": "軟體",
            "suggestion": "軟件",
        },
    )
    assert "部門將採購新的軟件。" in fixed.content.decode()
    stale = client.post(
        "/assistant/documents/proofread/",
        {
            "action": "apply",
            "text": "已改動的文字",
            "start": 7,
            "end": 9,
            "found": "軟體",
            "suggestion": "軟件",
        },
    )
    assert stale.status_code == 400


def test_the_extract_page_shows_where_each_value_was_found(amy):
    client = Client()
    client.force_login(amy)
    upload = SimpleUploadedFile("letter.txt", LETTER.encode())
    page = client.post("/assistant/documents/extract/", {"file": upload, "schema": json.dumps(SCHEMA)})
    body = page.content.decode()
    assert page.status_code == 200
    assert 'href="#field-hkid"' in body and 'id="field-hkid"' in body


def test_the_glossary_page_edits_for_the_owner_and_reads_for_a_sharer(alice, bob, tom, dsd_glossary):
    owner = Client()
    owner.force_login(alice)
    added = owner.post(
        "/glossary/dsd/", {"action": "add", "en": "network", "zh_hant": "網絡", "forbidden": "網路"}
    )
    assert added.status_code == 302
    reader = Client()
    reader.force_login(bob)
    page = reader.get("/glossary/dsd/").content.decode()
    assert "網絡" in page and "Add a term" not in page
    assert reader.post("/glossary/dsd/", {"action": "add", "en": "x"}).status_code == 403
    stranger = Client()
    stranger.force_login(tom)
    assert stranger.get("/glossary/dsd/").status_code == 404


def test_a_docx_is_proofread_through_the_api_and_a_huge_text_is_refused(amy, tmp_path, settings):
    from docx import Document

    document = Document()
    document.add_paragraph("第一段沒有問題。")
    document.add_paragraph("第二段提到網路。")
    path = tmp_path / "memo.docx"
    document.save(path)
    client = _client_for(amy)
    response = client.post(
        "/api/v1/pilot/proofread/file", {"file": SimpleUploadedFile("memo.docx", path.read_bytes())}
    )
    assert response.status_code == 200, response.content
    assert [i["found"] for i in response.json()["issues"]] == ["網路"]
    huge = client.post("/api/v1/pilot/proofread", {"text": "字" * 200_001}, content_type="application/json")
    assert huge.status_code == 400 and huge.json()["error"]["field"] == "proofread.text"
