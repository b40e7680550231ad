"""Every feature that calls a model goes through the gateway's personal-data policy: under ``mask`` and
``block`` the stand-in model server never receives an HKID, under ``mask`` the officer still reads it in
what the model wrote, and under ``block`` each feature answers without the model. The call sites are found
in the source, so a feature added later that calls the model fails here until this journey covers it."""

import ast
import io
import json
import wave
from pathlib import Path

import pytest
from django.utils import translation

import aiplus
from aiplus.core.access import OPERATOR
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.llm.models import ModelCall
from aiplus.llm.services import department_model_set
from tests.conftest import add_text

HKID = "A123456(3)"
DIGITS = "123456"  # an HKID's digits, in whatever form it was sent
RECORD = (
    "Dog licence holder record\n\n"
    f"The dog licence of Chan Tai Man, HKID {HKID}, must be renewed once a year. The renewal fee is HK$80."
)
QUESTION = f"When must the dog licence of HKID {HKID} be renewed?"

# Every place that calls the gateway, and the flow its calls are recorded under: the journey below covers
# each one. A new call site fails test_every_call_site_of_the_gateway_is_covered until it is added here and
# to the journey.
COVERED = {
    ("assistant/services.py", "assistant.answer"),  # the assistant, chat turns, bots, /v1 and MCP
    ("chat/rewrite.py", "chat.rewrite"),
    ("meetings/generative.py", "meetings.minutes"),
    ("meetings/generative.py", "meetings.summary"),
    ("meetings/audio.py", "meetings.audio"),
    ("search/services.py", "search.query"),
    ("search/vectors.py", "search.vectors"),
    ("faq/index.py", "faq.match"),
    ("faq/embedding.py", "faq.index"),
    ("pilot/summarise.py", "pilot.summarise"),  # the document assistant: test_the_document_assistant_…
    ("pilot/translate.py", "pilot.translate"),
    ("pilot/draft.py", "pilot.draft"),
    ("pilot/proofread/model.py", "pilot.proofread"),
    ("pilot/extract/model.py", "pilot.extract"),
    ("catalogue/search.py", "documents.index"),  # solutions embedded: test_a_catalogue_search_…
    ("catalogue/search.py", "search.query"),
    ("briefs/writing.py", "briefs.write"),  # market briefs: test_a_market_brief_keeps_an_hkid_…
}
PILOT_FLOWS = {flow for _, flow in COVERED if flow.startswith("pilot.")}
GATEWAY = {"chat": None, "chat_stream": None, "transcribe": "meetings.audio", "embed_texts": None}
GATEWAY |= {"embed_query": "search.query", "embed_passages": "documents.index"}


def call_sites() -> set[tuple[str, str]]:
    """(file, flow) of every call to a gateway function outside the gateway itself."""
    root = Path(aiplus.__file__).parent
    found = set()
    for path in root.rglob("*.py"):
        relative = path.relative_to(root).as_posix()
        if relative.startswith("llm/"):
            continue
        source = path.read_text("utf-8")
        if "aiplus.llm" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in GATEWAY:
                continue
            flows = [
                k.value.value for k in node.keywords if k.arg == "flow" and isinstance(k.value, ast.Constant)
            ]
            found.add((relative, flows[0] if flows else GATEWAY[name] or "(no flow)"))
    return found


def test_every_call_site_of_the_gateway_is_covered():
    assert call_sites() == COVERED


@pytest.fixture(autouse=True)
def _answers_are_not_timed_here(settings):
    """This journey shows what reaches the model, not how fast; a busy shared machine may pass the limit."""
    settings.AIPLUS_ANSWER_TIME_LIMIT_SECONDS = 300
    settings.AIPLUS_SEARCH_TIME_LIMIT_SECONDS = 300


def _received(server) -> str:
    return json.dumps([r["body"] for r in server.requests], ensure_ascii=False)


def _minutes_reply() -> str:
    point = {"text": "Chan Tai Man ([HKID_1]) renews his licence.", "evidence": [0], "quote": "is [HKID_1]"}
    return json.dumps({"items": [{"title": "Licences", "points": [point]}], "decisions": [], "actions": []})


def _silence(path: Path) -> Path:
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(16000)
        audio.writeframes(b"\0\0" * 16000)
    return path


@pytest.mark.parametrize("policy", ["mask", "block"])
def test_no_feature_sends_an_hkid_to_the_model(policy, alice, amy, dsd, stand_in, tmp_path):
    from aiplus.assistant.services import answer_question
    from aiplus.bots.services import bot_answer, bot_create
    from aiplus.chat.services import chat_ask_whole, chat_create
    from aiplus.documents.services import collection_create
    from aiplus.faq.services import faq_import
    from aiplus.integrations.services import chat_answer, chat_model_get, conversation_from_messages
    from aiplus.llm.speech import transcribe
    from aiplus.meetings.services import write_minutes
    from aiplus.meetings.transcript import Segment, Transcript
    from aiplus.search.vectors import vectors_wait
    from tests.faq.conftest import FAQ_CSV

    department_model_set(actor=OPERATOR, department=dsd, personal_data_policy=policy)
    masked = policy == "mask"
    records = collection_create(actor=alice, slug="records", name="Records", department=dsd)
    add_text(records, alice, "record.txt", RECORD)
    vectors_wait(collection=records)  # search.vectors: the passage holding the HKID

    # The assistant (streamed; search.query embeds the question) shows the value the model only saw masked.
    answer = answer_question(actor=amy, question=QUESTION, collections=[records])
    assert HKID in answer.answer
    assert answer.engine == ("generative" if masked else "extractive")
    assert bool(answer.notice) is not masked
    assert masked or "personal data" in answer.notice

    # A chat turn, and a follow-up the model rewrites from the conversation (which holds the HKID).
    chat = chat_create(actor=amy, collections=["records"])
    chat_ask_whole(actor=amy, conversation_id=chat.pk, question=QUESTION)
    follow_up = chat_ask_whole(actor=amy, conversation_id=chat.pk, question="How much is it?")
    assert follow_up.answer

    # A public bot, and the OpenAI-compatible /v1 door.
    bot = bot_create(actor=alice, slug="records-bot", name="Records", department=dsd, collections=["records"])
    assert HKID in bot_answer(bot=bot, question=QUESTION).answer
    conversation = conversation_from_messages([{"role": "user", "content": QUESTION}])
    model = chat_model_get(amy, "collection:records")
    assert HKID in chat_answer(actor=amy, model=model, conversation=conversation, channel="openai").answer

    # An FAQ (its wordings and answers embedded, and the question matched by meaning).
    faq = collection_create(
        actor=alice, slug="faq", name="FAQ", department=dsd, kind="faq", visibility="public"
    )
    faq_import(actor=alice, collection=faq, path_or_file=io.BytesIO(FAQ_CSV.encode()), filename="faq.csv")
    faq_question = f"How do I renew my passport? My card is {HKID}."
    assert answer_question(actor=amy, question=faq_question, collections=[faq]).engine == "faq"

    # Generative minutes of a meeting where a card number was read out.
    stand_in.script(_minutes_reply())
    stand_in.script("Chan Tai Man ([HKID_1]) renews his licence [0].")
    spoken = Transcript([Segment(0, "Chair", f"Chan Tai Man's identity card number is {HKID}.")])
    minutes = write_minutes(spoken, actor=amy, title="Licences")
    assert minutes.engine == ("generative" if masked else "extractive")
    if masked:
        assert HKID in minutes.items[0].points[0].text

    # Audio cannot be masked: under block it is not sent at all.
    before = len(stand_in.requests)
    if masked:
        transcribe(actor=amy, audio_path=_silence(tmp_path / "a.wav"))
        assert len(stand_in.requests) == before + 1
    else:
        with pytest.raises(AiplusError) as refused:
            transcribe(actor=amy, audio_path=_silence(tmp_path / "a.wav"))
        assert refused.value.code == ErrorCode.PERSONAL_DATA_BLOCKED
        assert len(stand_in.requests) == before

    assert DIGITS not in _received(stand_in)
    calls = ModelCall.objects.filter(department=dsd)
    recorded = {(call.flow, call.personal_data_policy) for call in calls}
    # (passages are embedded by work that belongs to no department; refused minutes have no summary to write)
    expected = (
        {flow for _, flow in COVERED}
        - {"search.vectors", "faq.index", "documents.index", "briefs.write"}  # briefs: their own test below
        - PILOT_FLOWS
    )
    if not masked:
        expected.discard("meetings.summary")
    assert expected <= {flow for flow, _ in recorded}
    assert {policy} == {p for flow, p in recorded if flow != "meetings.audio"}
    channels = {c.detail.get("channel") for c in calls.filter(flow="assistant.answer")}
    assert {"bot", "openai"} <= channels, "the audit tells a bot's or /v1's answers from the assistant's"
    answered = calls.filter(flow="assistant.answer").first()
    assert answered.personal_data.get("HKID", 0) >= 1 and answered.ok is masked
    assert DIGITS not in json.dumps([[c.detail, c.error, c.personal_data] for c in calls])
    # Passages are embedded with the platform's default policy (the work belongs to no one): masked.
    assert ModelCall.objects.filter(flow="search.vectors", personal_data__HKID=1).exists()


@pytest.mark.parametrize("policy", ["mask", "block"])
def test_the_document_assistant_keeps_an_hkid_from_the_model(policy, alice, amy, dsd, stand_in):
    """Summarise, translate and draft as a user's job runs them; proofread and extract as their pages do."""
    from aiplus.documents.parsers import PageText
    from aiplus.pilot.draft import templates_for
    from aiplus.pilot.extract import parse_schema
    from aiplus.pilot.jobs import job_create, job_process
    from aiplus.pilot.models import Job
    from aiplus.pilot.services_check import extract_from_pages, proofread_text

    department_model_set(actor=OPERATOR, department=dsd, personal_data_policy=policy)
    masked = policy == "mask"
    if masked:  # what a model would write from what it was sent: placeholders where the HKID was
        stand_in.script("Chan Tai Man ([HKID_1]) must renew the dog licence once a year. [2]")
        stand_in.script("陳大文（身份證號碼 [HKID_1]）的狗牌須每年續期一次。續期費用為港幣80元。")
        stand_in.script("Dear Mr Chan,\n\nThe dog licence of HKID [HKID_1] must be renewed once a year. [2]")
        typo = {"kind": "spelling", "message": "Spelling.", "text": "[HKID_1], must be renewd"}
        stand_in.script(json.dumps([{**typo, "suggestion": "[HKID_1], must be renewed"}]))
        stand_in.script(json.dumps({"holder": "Chan Tai Man, HKID [HKID_1]", "hkid": "[HKID_1]"}))

    def job(task: str, **options) -> Job:
        created = job_create(actor=amy, task=task, text=RECORD, options=options, channel="web")
        job_process(job_id=created.pk)
        return Job.objects.get(pk=created.pk)

    summary = job("summarise")
    assert summary.status == "ready"
    if masked:
        assert summary.result["engine"] == "model" and HKID in summary.result["text"]
    else:  # the document's own sentences, and why
        assert summary.result["engine"] == "extractive" and HKID in summary.result["text"]
        assert any("personal data (HKID" in notice for notice in summary.result["notices"])

    translated = job("translate", target="zh-Hant")
    template = templates_for(amy).get(language="en")
    drafted = job("draft", template_id=template.pk)
    if masked:
        assert translated.status == "ready" and f"身份證號碼 {HKID}" in translated.result["text"]
        assert drafted.status == "ready" and f"HKID {HKID} must" in drafted.result["text"]
        assert [cite["sentence"] for cite in drafted.result["cites"]] == [2]
    else:  # refused with the reason, in the user's language, and nothing kept as a result
        for refused in (translated, drafted):
            assert (refused.status, refused.error_code, refused.result) == (
                "failed",
                "personal_data_blocked",
                None,
            )
            assert "personal data (HKID" in refused.error_message
            with translation.override("zh-hant"):
                assert "此文字含有個人資料（HKID" in refused.error_message

    text = f"The dog licence of Chan Tai Man, HKID {HKID}, must be renewd once a year。"
    checked = proofread_text(actor=amy, text=text, channel="web")
    found = {(issue.kind, issue.found, issue.suggestion) for issue in checked.issues}
    assert ("punctuation", "。", ".") in found, "the rule issues stand either way"
    assert checked.model_used is masked
    if masked:
        assert ("spelling", f"{HKID}, must be renewd", f"{HKID}, must be renewed") in found
    else:
        assert "personal data (HKID" in checked.notice

    schema = parse_schema(
        {"fields": [{"name": n, "type": t} for n, t in [("hkid", "hkid"), ("holder", "text")]]}
    )
    extracted = extract_from_pages(actor=amy, pages=[PageText(1, RECORD)], schema=schema, channel="web")
    fields = {field.name: field for field in extracted.fields}
    assert (fields["hkid"].value, fields["hkid"].method) == (HKID, "pattern"), "the rules found it"
    assert extracted.model_used is masked
    if masked:
        assert (fields["holder"].value, fields["holder"].method) == (f"Chan Tai Man, HKID {HKID}", "model")
    else:
        assert not fields["holder"].found and "personal data (HKID" in extracted.notice

    assert DIGITS not in _received(stand_in)
    assert len(stand_in.requests) == (5 if masked else 0)
    calls = ModelCall.objects.filter(department=dsd, flow__startswith="pilot.")
    assert {(call.flow, call.personal_data_policy, call.ok) for call in calls} == {
        (flow, policy, masked) for flow in PILOT_FLOWS
    }
    assert all(call.personal_data.get("HKID", 0) >= 1 for call in calls)


@pytest.mark.parametrize("policy", ["mask", "block"])
def test_a_catalogue_search_keeps_an_hkid_from_the_model(policy, amy, dsd, stand_in):
    """An officer pastes a caller's card number into the solution catalogue's search: under mask its meaning
    is searched without it, under block the search uses words alone; it finds the solution either way."""
    from aiplus.catalogue.search import catalogue_search, drop_cached_index, published_embed
    from aiplus.llm.embeddings import query_cache_clear
    from tests.catalogue.conftest import make_solution, make_vendor_user

    query_cache_clear()
    drop_cached_index()
    department_model_set(actor=OPERATOR, department=dsd, personal_data_policy=policy)
    solution = make_solution(make_vendor_user("vera", "Harbourlight Analytics Ltd", "61203451"))
    assert published_embed() == 1  # the worker's work when a solution is published
    found = catalogue_search(actor=amy, query=f"hotline transcriber for the caller with HKID {HKID}")
    assert [hit.id for hit in found.hits] == [str(solution.public_id)]
    assert DIGITS not in _received(stand_in)
    searched = ModelCall.objects.get(flow="search.query", department=dsd)
    assert (searched.personal_data_policy, searched.ok, searched.personal_data["HKID"]) == (
        policy,
        policy == "mask",
        1,
    )
    assert ModelCall.objects.filter(flow="documents.index", ok=True).exists()


RELEASE = f"""Government press release

Translation tools contract awarded
**********************************

The Demo Services Department awarded a HK$2 million contract for translation tools on December 2 after a complaint by the holder of HKID {HKID}.

The holder of HKID {HKID} said 40 officers would be trained by March.

Ends/Wednesday, December 2, 2026
"""


@pytest.mark.parametrize("policy", ["mask", "block"])
def test_a_market_brief_keeps_an_hkid_from_the_model(policy, alice, dsd, stand_in):
    """A press release that names a complainant by HKID: under mask the brief is written without the model
    seeing it, under block the brief stays extractive; either way the brief is made."""
    from aiplus.briefs.services import brief_create
    from aiplus.documents.services import collection_create
    from tests.catalogue.conftest import make_office_user

    department_model_set(actor=OPERATOR, department=dsd, personal_data_policy=policy)
    press = collection_create(actor=alice, slug="press", name="Press releases", department=dsd)
    add_text(press, alice, "release.txt", RELEASE)
    with translation.override("en"):
        brief = brief_create(actor=make_office_user(dsd), slug="press", date_from="2026-12-01")
    assert brief.headline
    assert DIGITS not in _received(stand_in)
    call = ModelCall.objects.get(flow="briefs.write", department=dsd)
    assert (call.personal_data_policy, call.ok) == (policy, policy == "mask")
    assert call.personal_data.get("HKID", 0) >= 1
