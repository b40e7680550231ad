"""Audio and forms for the stand-in model server's transcriptions: an upload's length from its WAV or FLAC
header, the default transcript cut by that length, and multipart form fields. Standard library only."""

from __future__ import annotations

import email.parser
import email.policy
import struct

TRANSCRIPT_SEGMENT_SECONDS = 5.0


class FormError(ValueError):
    """A multipart body that cannot be read (answered with HTTP 400)."""


def audio_duration(data: bytes) -> float:
    """Seconds of audio in a WAV or FLAC file, from its header; else from its size as 16 kHz 16-bit mono."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        position, rate, block = 12, 0, 0
        while position + 8 <= len(data):
            chunk, size = (
                data[position : position + 4],
                struct.unpack("<I", data[position + 4 : position + 8])[0],
            )
            if chunk == b"fmt ":
                channels, rate = struct.unpack("<HI", data[position + 10 : position + 16])
                block = struct.unpack("<H", data[position + 20 : position + 22])[0] or channels * 2
            elif chunk == b"data" and rate and block:
                available = min(size, len(data) - position - 8)
                return available / block / rate
            position += 8 + size + (size & 1)
    if data[:4] == b"fLaC" and len(data) >= 26:
        # The first metadata block is STREAMINFO: 20-bit sample rate, 36-bit sample count at bytes 18-25.
        packed = int.from_bytes(data[18:26], "big")
        rate, samples = packed >> 44, packed & ((1 << 36) - 1)
        if rate:
            return samples / rate
    return len(data) / 32000


def length_segments(duration: float) -> list[dict]:
    """The default transcription: one segment per `TRANSCRIPT_SEGMENT_SECONDS` of audio."""
    segments, start = [], 0.0
    while start < duration - 1e-6:
        end = min(duration, start + TRANSCRIPT_SEGMENT_SECONDS)
        segments.append(
            {
                "start": round(start, 3),
                "end": round(end, 3),
                "text": f"Words from {start:.1f} to {end:.1f} seconds.",
            }
        )
        start = end
    return segments


def parse_multipart(content_type: str, body: bytes) -> dict[str, object]:
    """Form fields of a multipart/form-data body: text values, or ``(filename, bytes)`` for files.

    A repeated field (``timestamp_granularities[]``) becomes a list.
    """
    if not content_type.lower().startswith("multipart/form-data"):
        raise FormError("Expected a multipart/form-data body.")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise FormError("Malformed multipart/form-data body.")
    fields: dict[str, object] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        value: object = (filename, payload) if filename is not None else payload.decode("utf-8", "replace")
        if name in fields:
            previous = fields[name]
            fields[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            fields[name] = value
    return fields


def verbose_segments(segments: list[dict]) -> list[dict]:
    """Transcript segments as a ``verbose_json`` transcription lists them (speaker labels kept)."""
    full = []
    for index, segment in enumerate(segments):
        item = {
            "id": index,
            "seek": 0,
            "start": float(segment.get("start", 0.0)),
            "end": float(segment.get("end", 0.0)),
            "text": str(segment.get("text", "")),
            "tokens": [],
            "temperature": 0.0,
            "avg_logprob": -0.2,
            "compression_ratio": 1.2,
            "no_speech_prob": 0.01,
        }
        if segment.get("speaker"):
            item["speaker"] = str(segment["speaker"])
        full.append(item)
    return full
