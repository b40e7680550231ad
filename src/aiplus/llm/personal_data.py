"""The personal-data policy of the model gateway: what text leaving for a model may carry.

``mask``: each personal-data value the detector (``aiplus.privacy.detect``) finds is replaced by a placeholder
such as ``[HKID_1]`` before the call (the same value, the same placeholder, within the call), and the
placeholders in the reply are put back, in streamed replies too, where one may arrive split across pieces.
``block``: a call whose text holds personal data is refused with PERSONAL_DATA_BLOCKED, which callers treat
like an unavailable model (they fall back to their model-free path). ``off``: text is sent as written.
The counts per type found are recorded with every call (``ModelCall.personal_data``), never the values.
"""

import re
from collections import Counter
from enum import StrEnum
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.validation import invalid
from aiplus.llm.models import DepartmentModel
from aiplus.privacy.detect import ALL_TYPES, TYPES, detect


class Policy(StrEnum):
    OFF = "off"
    MASK = "mask"
    BLOCK = "block"


_PLACEHOLDER = re.compile(r"\[(" + "|".join(ALL_TYPES) + r")_(\d+)\]")
# The start of a placeholder that the next piece of a stream may complete: "[", "[HK", "[HKID_1".
_OPEN_TAIL = re.compile(r"\[[A-Z_]*\d*$")
_LONGEST = max(len(name) for name in ALL_TYPES) + 8


@lru_cache(maxsize=4096)
def _detected(text: str, types: tuple[str, ...]) -> tuple:
    """The detector's findings in ``text``, remembered: a conversation sends its earlier turns again with each
    question, and answers cite the same passages over and over, so most texts a gateway checks it has checked
    before (this halved the chat API's processor time per request). The texts stay in this process's memory
    only, as the requests that carried them did."""
    return tuple(detect(text, types=types))


def clean_policy(value: str) -> str:
    """A policy as given by a person: off, mask, block, or "" for the platform's default."""
    value = (value or "").strip().lower()
    if value and value not in set(Policy):
        raise invalid("model.personal_data_policy", "policy")
    return value


def shared_endpoint_policy(actor=None) -> str:
    """The policy for the platform's embeddings and transcription endpoints: the actor's department's choice,
    else the platform's (a department's internal-server exemption covers its own chat endpoint only)."""
    department_id = getattr(actor, "department_id", None)
    own = DepartmentModel.objects.filter(department_id=department_id).first() if department_id else None
    return (own.personal_data_policy if own else "") or settings.AIPLUS_PERSONAL_DATA_POLICY


def refuse_audio(guard) -> None:
    """Audio cannot be checked for personal data, so under ``block`` it is refused whatever it holds."""
    raise AiplusError(
        ErrorCode.PERSONAL_DATA_BLOCKED,
        params={"types": _("speech in a recording, which cannot be checked")},
        detail="personal data blocked: audio cannot be checked",
    )


def masked_types() -> tuple[str, ...]:
    """What the gateway treats as personal data: the eight personal types, and the quasi-identifiers an
    operator adds with AIPLUS_PERSONAL_DATA_EXTRA_TYPES (places, dates… stay by default: a department's own
    office names masked before a model sees them would spoil its answers)."""
    return (*TYPES, *settings.AIPLUS_PERSONAL_DATA_EXTRA_TYPES)


class Guard:
    """One call's masking: applies the policy to the text sent and restores the reply."""

    def __init__(self, policy: str):
        self.policy = policy if policy in set(Policy) else Policy.MASK  # an unknown value never means off
        self.found: Counter[str] = Counter()
        self._placeholder: dict[str, str] = {}  # value -> placeholder
        self._value: dict[str, str] = {}  # placeholder -> value
        self._taken: set[str] = set()  # placeholders already written in the text sent, never reused
        self._numbered: Counter[str] = Counter()  # the last number given, by type

    @property
    def record(self) -> dict:
        """What ``ModelCall`` keeps of this call's personal data: the policy and counts per type."""
        return {"personal_data_policy": str(self.policy), "personal_data": dict(sorted(self.found.items()))}

    def texts(self, texts: list[str]) -> list[str]:
        """The texts as they may be sent; raises PERSONAL_DATA_BLOCKED under ``block`` when any holds
        personal data."""
        self._taken.update(match.group() for text in texts for match in _PLACEHOLDER.finditer(text))
        types = masked_types()
        found = [_detected(text, types) for text in texts]
        self.found.update(span.type for spans in found for span in spans)
        if self.policy == Policy.BLOCK and self.found:
            raise AiplusError(
                ErrorCode.PERSONAL_DATA_BLOCKED,
                params={"types": ", ".join(sorted(self.found))},
                detail=f"personal data blocked: {dict(self.found)}",
            )
        if self.policy == Policy.OFF:
            return list(texts)
        return [self._masked(text, spans) for text, spans in zip(texts, found, strict=True)]

    def messages(self, messages: list[dict], *, note: str = "") -> list[dict]:
        """Chat messages as they may be sent (text parts of a multi-part message included); when anything
        was masked, ``note`` (how to treat the placeholders) ends the system message, or becomes one."""
        slots: list[tuple[int, int | None]] = []
        texts: list[str] = []
        for m, message in enumerate(messages):
            content = message.get("content")
            if isinstance(content, str):
                slots.append((m, None))
                texts.append(content)
            elif isinstance(content, list):
                for p, part in enumerate(content):
                    if isinstance(part, dict) and isinstance(part.get("text"), str):
                        slots.append((m, p))
                        texts.append(part["text"])
        sent = [dict(message) for message in messages]
        for (m, p), text in zip(slots, self.texts(texts), strict=True):
            if p is None:
                sent[m]["content"] = text
            else:
                parts = sent[m]["content"] = list(sent[m]["content"])
                parts[p] = {**parts[p], "text": text}
        if note and self._value:
            if sent and sent[0].get("role") == "system" and isinstance(sent[0].get("content"), str):
                sent[0]["content"] = f"{sent[0]['content'].rstrip()}\n\n{note.strip()}"
            else:
                sent.insert(0, {"role": "system", "content": note.strip()})
        return sent

    def _masked(self, text: str, spans) -> str:
        pieces, at = [], 0
        for span in spans:
            pieces += [text[at : span.start], self._placeholder_for(span.type, span.text)]
            at = span.end
        return "".join(pieces) + text[at:]

    def _placeholder_for(self, kind: str, value: str) -> str:
        if value not in self._placeholder:
            number = self._numbered[kind] + 1
            while f"[{kind}_{number}]" in self._taken:
                number += 1
            self._numbered[kind] = number
            name = f"[{kind}_{number}]"
            self._placeholder[value], self._value[name] = name, value
            self._taken.add(name)
        return self._placeholder[value]

    def restore(self, text: str) -> str:
        """The reply with this call's placeholders replaced by their values (others left as written)."""
        if not self._value:
            return text
        return _PLACEHOLDER.sub(lambda match: self._value.get(match.group(), match.group()), text)

    def restorer(self) -> "StreamRestorer":
        return StreamRestorer(self)


class StreamRestorer:
    """Restores a reply that arrives in pieces: text that may be the start of a placeholder is held back
    until the next piece shows whether it is one."""

    def __init__(self, guard: Guard):
        self.guard = guard
        self.held = ""

    def feed(self, piece: str) -> str:
        if not self.guard._value:
            return piece
        text = self.held + piece
        tail = _OPEN_TAIL.search(text[-_LONGEST:])
        cut = len(text) - (len(tail.group()) if tail else 0)
        self.held = text[cut:]
        return self.guard.restore(text[:cut])

    def flush(self) -> str:
        text, self.held = self.held, ""
        return self.guard.restore(text)
