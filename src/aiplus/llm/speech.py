"""Speech to text through the one gateway: an OpenAI-compatible transcription endpoint, or a local
faster-whisper model the operator provides (``AIPLUS_WHISPER_MODEL_DIR``). Every call is recorded like a chat
call; audio cannot be masked, so a department whose policy blocks personal data sends none to an endpoint
(a local model is always allowed)."""

import importlib.util
import logging
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.llm.personal_data import Guard, Policy, refuse_audio, shared_endpoint_policy
from aiplus.llm.services import _client, _record, guarded

logger = logging.getLogger("aiplus.llm")


@dataclass(frozen=True)
class SpokenSegment:
    start: float  # seconds from the start of the audio sent
    end: float
    text: str
    speaker: str = ""  # as the server labels it ("SPEAKER_00"); "" when it does not diarise


@dataclass(frozen=True)
class TranscriptionResult:
    segments: list[SpokenSegment] = field(default_factory=list)
    language: str = ""  # as the model reports it ("en", "chinese", "yue"), "" when it does not say
    model: str = ""
    duration: float = 0.0  # seconds of audio


def _local_whisper_dir() -> str:
    return settings.AIPLUS_WHISPER_MODEL_DIR


def speech_configured() -> bool:
    """True when audio can be sent somewhere: a local faster-whisper model or a transcription endpoint."""
    return bool(_local_whisper_dir() or (settings.AIPLUS_SPEECH_BASE_URL and settings.AIPLUS_SPEECH_MODEL))


def speech_check() -> None:
    """Raise SPEECH_NOT_CONFIGURED unless `transcribe` has somewhere to send audio.

    A model directory names the operator's choice to keep audio on this machine, so a missing package or
    directory is an error rather than a silent fall-back to the endpoint.
    """
    model_dir = _local_whisper_dir()
    if model_dir:
        if importlib.util.find_spec("faster_whisper") is None:
            raise AiplusError(
                ErrorCode.SPEECH_NOT_CONFIGURED,
                detail="AIPLUS_WHISPER_MODEL_DIR is set but faster-whisper is not installed: "
                "pip install 'aiplus[speech]'",
            )
        if not Path(model_dir).is_dir():
            raise AiplusError(
                ErrorCode.SPEECH_NOT_CONFIGURED,
                detail=f"AIPLUS_WHISPER_MODEL_DIR {model_dir!r} is not a directory",
            )
    elif not speech_configured():
        raise AiplusError(
            ErrorCode.SPEECH_NOT_CONFIGURED,
            detail="set AIPLUS_SPEECH_BASE_URL (and AIPLUS_SPEECH_MODEL) or AIPLUS_WHISPER_MODEL_DIR",
        )


def transcribe(
    *, actor, audio_path, language: str | None = None, prompt: str | None = None, flow: str = "meetings.audio"
) -> TranscriptionResult:
    """Speech to timed text segments, from the local faster-whisper model when AIPLUS_WHISPER_MODEL_DIR is
    set, otherwise from the OpenAI-compatible endpoint (``response_format="verbose_json"`` with segment
    timestamps). Speaker labels are kept when the server diarises. The call is recorded either way.

    Audio cannot be masked: under the ``block`` policy it is not sent to the endpoint (PERSONAL_DATA_BLOCKED);
    the local model keeps it on this machine and is always allowed."""
    speech_check()
    if _local_whisper_dir():
        return _transcribe_local(
            actor=actor, audio_path=Path(audio_path), language=language, prompt=prompt, flow=flow
        )
    if shared_endpoint_policy(actor) == Policy.BLOCK:
        guard = Guard(Policy.BLOCK)
        model = settings.AIPLUS_SPEECH_MODEL
        guarded(guard=guard, actor=actor, flow=flow, kind="transcription", model=model, send=refuse_audio)
    return _transcribe_endpoint(
        actor=actor, audio_path=Path(audio_path), language=language, prompt=prompt, flow=flow
    )


def _transcribe_endpoint(*, actor, audio_path: Path, language, prompt, flow: str) -> TranscriptionResult:
    from openai import OpenAIError

    model = settings.AIPLUS_SPEECH_MODEL
    client = _client(
        settings.AIPLUS_SPEECH_BASE_URL,
        settings.AIPLUS_SPEECH_API_KEY,
        settings.AIPLUS_SPEECH_TIMEOUT_SECONDS,
    )
    options = {"language": language, "prompt": prompt}
    started = time.monotonic()
    try:
        with audio_path.open("rb") as audio:
            response = client.audio.transcriptions.create(
                model=model,
                file=audio,
                response_format="verbose_json",
                timestamp_granularities=["segment"],
                **{name: value for name, value in options.items() if value},
            )
    except OpenAIError as exc:
        _record(actor=actor, flow=flow, kind="transcription", model=model, started=started, error=str(exc))
        logger.warning("transcription failed flow=%s model=%s error=%s", flow, model, exc)
        raise AiplusError(ErrorCode.MODEL_UNAVAILABLE, detail=str(exc)) from exc
    result = _verbose_result(
        response.to_dict() if hasattr(response, "to_dict") else {"text": str(response)}, model
    )
    _record(
        actor=actor,
        flow=flow,
        kind="transcription",
        model=model,
        started=started,
        seconds=result.duration,
        segments=len(result.segments),
    )
    return result


def _verbose_result(data: dict, model: str) -> TranscriptionResult:
    """Read a verbose_json answer tolerantly: servers differ in which fields they fill."""
    duration = float(data.get("duration") or 0.0)
    segments = []
    for item in data.get("segments") or []:
        text = str(item.get("text") or "").strip()
        if not text:
            continue
        start = float(item.get("start") or 0.0)
        end = float(item.get("end") if item.get("end") is not None else start)
        segments.append(SpokenSegment(start, max(start, end), text, str(item.get("speaker") or "").strip()))
    if not segments and str(data.get("text") or "").strip():
        segments.append(SpokenSegment(0.0, duration, str(data["text"]).strip()))
    return TranscriptionResult(segments, str(data.get("language") or ""), model, duration)


@cache
def _whisper_model(model_dir: str):
    from faster_whisper import WhisperModel

    return WhisperModel(model_dir, device="auto", compute_type="default")


def _transcribe_local(*, actor, audio_path: Path, language, prompt, flow: str) -> TranscriptionResult:
    model_dir = _local_whisper_dir()
    model = f"faster-whisper:{Path(model_dir).name}"
    started = time.monotonic()
    try:
        whisper = _whisper_model(model_dir)
    except ImportError as exc:
        raise AiplusError(
            ErrorCode.SPEECH_NOT_CONFIGURED,
            detail=f"faster-whisper cannot be imported ({exc}): pip install 'aiplus[speech]'",
        ) from exc
    try:
        pieces, info = whisper.transcribe(
            str(audio_path), language=language, initial_prompt=prompt, vad_filter=True
        )
        segments = [
            SpokenSegment(float(piece.start), float(piece.end), piece.text.strip())
            for piece in pieces
            if piece.text.strip()
        ]
    except Exception as exc:  # CTranslate2 and the model raise their own types; all mean "no answer"
        _record(actor=actor, flow=flow, kind="transcription", model=model, started=started, error=str(exc))
        logger.warning("local transcription failed flow=%s model=%s error=%s", flow, model, exc)
        raise AiplusError(ErrorCode.MODEL_UNAVAILABLE, detail=str(exc)) from exc
    duration = float(getattr(info, "duration", 0.0) or 0.0)
    _record(
        actor=actor,
        flow=flow,
        kind="transcription",
        model=model,
        started=started,
        seconds=duration,
        segments=len(segments),
    )
    return TranscriptionResult(segments, str(getattr(info, "language", "") or ""), model, duration)
