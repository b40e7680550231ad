"""The gateway masks the eight personal types only, unless an operator adds quasi-identifier types with
AIPLUS_PERSONAL_DATA_EXTRA_TYPES: a department's office names and dates reach the model as written."""

from aiplus.llm import services as llm
from aiplus.llm.personal_data import Guard

QUESTION = "Mr Chan of Loveland Technologies Ltd met us in Sha Tin on 13 March 2019; phone 9123 4567."


def test_by_default_places_organisations_and_dates_are_sent_as_written():
    (sent,) = Guard("mask").texts([QUESTION])
    assert "9123 4567" not in sent and "[PHONE_1]" in sent
    assert "Loveland Technologies Ltd" in sent and "Sha Tin" in sent and "13 March 2019" in sent


def test_extra_types_are_masked_and_put_back_in_the_reply(settings, amy, stand_in):
    settings.AIPLUS_PERSONAL_DATA_EXTRA_TYPES = ["DATE_TIME", "ORGANIZATION"]
    settings.AIPLUS_LLM_MAX_RETRIES = 0
    stand_in.script("They met on [DATE_TIME_1] at [ORGANIZATION_1].")
    reply = llm.chat(actor=amy, flow="test.letter", messages=[{"role": "user", "content": QUESTION}])
    sent = str(stand_in.requests[-1]["body"])
    assert "13 March 2019" not in sent and "Loveland Technologies Ltd" not in sent and "Sha Tin" in sent
    assert reply.text == "They met on 13 March 2019 at Loveland Technologies Ltd."
