"""The gateway's personal-data policy: what a model receives under mask, block and off, what the user reads
back, and what the audit keeps."""

import pytest
from click.testing import CliRunner

from aiplus.cli import main
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.llm import services as llm
from aiplus.llm.models import DepartmentModel, ModelCall
from aiplus.llm.personal_data import Guard
from aiplus.llm.services import department_model_set

HKID = "A123456(3)"
OTHER_HKID = "K654321(9)"
LETTER = f"Applicant HKID {HKID}, phone 9123 4567, e-mail chan@example.com; spouse {OTHER_HKID}."


@pytest.fixture
def model(stand_in, settings):
    settings.AIPLUS_LLM_MAX_RETRIES = 0
    return stand_in


def sent_text(server) -> str:
    return str(server.requests[-1]["body"])


def ask(actor, text=LETTER):
    return llm.chat(actor=actor, flow="test.letter", messages=[{"role": "user", "content": text}])


def test_mask_sends_placeholders_and_the_reply_gets_the_values_back(amy, model):
    model.script("The applicant [HKID_1] and the spouse [HKID_2] can be called on [PHONE_1].")
    reply = ask(amy)
    sent = sent_text(model)
    assert HKID not in sent and OTHER_HKID not in sent and "9123 4567" not in sent
    assert "[HKID_1]" in sent and "[HKID_2]" in sent and "[EMAIL_1]" in sent
    assert reply.text == f"The applicant {HKID} and the spouse {OTHER_HKID} can be called on 9123 4567."
    system = model.requests[-1]["body"]["messages"][0]
    assert system["role"] == "system" and "[HKID_1]" in system["content"], "the model is told to copy them"
    call = ModelCall.objects.get()
    assert call.personal_data_policy == "mask"
    assert call.personal_data == {"EMAIL": 1, "HKID": 2, "PHONE": 1}
    assert HKID not in str(call.detail) + call.error


def test_the_same_value_gets_the_same_placeholder_in_every_message_of_a_call():
    guard = Guard("mask")
    sent = guard.messages(
        [{"role": "user", "content": f"Is {HKID} valid?"}, {"role": "assistant", "content": f"{HKID} is."}]
    )
    assert [m["content"] for m in sent] == ["Is [HKID_1] valid?", "[HKID_1] is."]
    assert guard.found == {"HKID": 2}


def test_a_conversation_sent_again_is_masked_again_in_each_call_with_its_own_placeholders():
    # The detector's findings are remembered by text; each call still masks, counts and numbers on its own.
    first, second = Guard("mask"), Guard("mask")
    assert first.texts([f"Is {HKID} valid?"]) == ["Is [HKID_1] valid?"]
    assert second.texts([f"Call {OTHER_HKID} first.", f"Is {HKID} valid?"]) == [
        "Call [HKID_1] first.",
        "Is [HKID_2] valid?",
    ]
    assert first.found == {"HKID": 1} and second.found == {"HKID": 2}


def test_a_placeholder_already_in_the_text_is_not_reused_for_a_value():
    guard = Guard("mask")
    (sent,) = guard.texts([f"The form field [HKID_1] holds {HKID}."])
    assert sent == "The form field [HKID_1] holds [HKID_2]."
    assert guard.restore(sent) == f"The form field [HKID_1] holds {HKID}."


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_a_streamed_placeholder_split_across_pieces_is_restored(size):
    guard = Guard("mask")
    guard.texts([f"{HKID} and chan@example.com"])
    reply = "Card [HKID_1] wrote from [EMAIL_1] about [NOTE_1] [HKID_9] ["
    restorer = guard.restorer()
    pieces = [restorer.feed(reply[i : i + size]) for i in range(0, len(reply), size)] + [restorer.flush()]
    assert "".join(pieces) == f"Card {HKID} wrote from chan@example.com about [NOTE_1] [HKID_9] ["


def test_a_streamed_answer_is_restored_for_the_reader(amy, model):
    model.script("Your card [HKID_1] is on file.")
    pieces = list(
        llm.chat_stream(actor=amy, flow="test.letter", messages=[{"role": "user", "content": LETTER}])
    )
    assert "".join(pieces) == f"Your card {HKID} is on file."
    assert HKID not in sent_text(model)
    assert ModelCall.objects.get().personal_data["HKID"] == 2


def test_block_refuses_the_call_in_the_users_language_and_records_it(amy, dsd, model):
    department_model_set(actor=_platform(), department=dsd, personal_data_policy="block")
    with pytest.raises(AiplusError) as caught:
        ask(amy)
    assert caught.value.code == ErrorCode.PERSONAL_DATA_BLOCKED
    assert "EMAIL, HKID, PHONE" in caught.value.message
    assert model.requests == []
    call = ModelCall.objects.get()
    assert not call.ok and call.personal_data_policy == "block" and call.personal_data["HKID"] == 2
    ask(amy, "What are the opening hours?")  # text without personal data still goes, as written
    assert model.requests[-1]["body"]["messages"] == [
        {"role": "user", "content": "What are the opening hours?"}
    ]


def test_block_message_in_traditional_chinese(amy, dsd, model):
    from django.utils import translation

    department_model_set(actor=_platform(), department=dsd, personal_data_policy="block")
    with pytest.raises(AiplusError) as caught:
        ask(amy)
    with translation.override("zh-hant"):
        assert "個人資料" in caught.value.message


def test_off_sends_as_written_and_still_counts(amy, dsd, model):
    department_model_set(actor=_platform(), department=dsd, personal_data_policy="off")
    ask(amy)
    assert HKID in sent_text(model)
    assert ModelCall.objects.get().personal_data == {"EMAIL": 1, "HKID": 2, "PHONE": 1}


def test_an_internal_own_endpoint_is_exempt_and_the_global_one_never_is(amy, dsd, model):
    department_model_set(
        actor=_platform(),
        department=dsd,
        base_url=model.base_url,
        internal_endpoint=True,
        personal_data_policy="",
    )
    ask(amy)
    assert HKID in sent_text(model)
    department_model_set(actor=_platform(), department=dsd, base_url="")  # back to the global endpoint
    ask(amy)
    assert HKID not in sent_text(model)
    assert [c.personal_data_policy for c in ModelCall.objects.order_by("at", "pk")] == ["off", "mask"]


def test_the_platform_default_applies_to_people_without_a_department(admin, model, settings):
    settings.AIPLUS_PERSONAL_DATA_POLICY = "block"
    with pytest.raises(AiplusError):
        ask(admin)
    settings.AIPLUS_PERSONAL_DATA_POLICY = "mask"
    ask(admin)
    assert HKID not in sent_text(model)


def test_an_unknown_policy_is_refused_with_the_field_named(dsd):
    with pytest.raises(AiplusError) as caught:
        department_model_set(actor=_platform(), department=dsd, personal_data_policy="sometimes")
    assert caught.value.field == "model.personal_data_policy"


def test_the_cli_sets_and_shows_the_policy(dsd):
    runner = CliRunner()
    result = runner.invoke(main, ["model", "set", "--department", "dsd", "--personal-data", "block"])
    assert result.exit_code == 0, result.output
    assert "personal data: block" in result.output
    assert DepartmentModel.objects.get(department=dsd).personal_data_policy == "block"
    shown = runner.invoke(main, ["model", "show", "--department", "dsd", "--json"])
    assert '"personal_data": "block"' in shown.output
    refused = runner.invoke(main, ["model", "set", "--department", "dsd", "--personal-data", "never"])
    assert refused.exit_code != 0 and "personal data policy" in refused.output


def _platform():
    from aiplus.core.access import OPERATOR

    return OPERATOR


def test_a_mistyped_platform_policy_stops_start_up(settings):
    from django.core.checks import run_checks

    settings.AIPLUS_PERSONAL_DATA_POLICY = "masked"
    assert [m.id for m in run_checks() if m.id == "aiplus.E040"] == ["aiplus.E040"]
    settings.AIPLUS_PERSONAL_DATA_POLICY = "block"
    assert not [m for m in run_checks() if m.id == "aiplus.E040"]


def test_a_department_administrator_sets_the_policy_in_the_admin_site_and_it_is_audited(client, dsd):
    from aiplus.core.models import AuditEvent, Role
    from aiplus.core.services import user_create

    dora = user_create(username="dora", password="pass-dora", department=dsd, role=Role.DEPARTMENT_ADMIN)
    client.force_login(dora)
    form = client.get("/admin/llm/departmentmodel/add/").content.decode()
    assert 'name="personal_data_policy"' in form and 'name="internal_endpoint"' in form
    response = client.post(
        "/admin/llm/departmentmodel/add/",
        {"department": dsd.pk, "use_model": "on", "personal_data_policy": "block", "api_key": ""},
    )
    assert response.status_code == 302
    assert DepartmentModel.objects.get(department=dsd).personal_data_policy == "block"
    event = AuditEvent.objects.get(action="llm.department_model.set")
    assert event.detail["personal_data_policy"] == "block" and event.actor == dora
