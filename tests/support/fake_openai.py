"""A tiny OpenAI-compatible model server for tests (standard library only).

Serves ``GET /v1/models``, ``POST /v1/chat/completions`` (plain and streaming),
``POST /v1/embeddings`` and ``POST /v1/audio/transcriptions`` (multipart) with
deterministic, model-free behaviour::

    with FakeOpenAI() as server:
        client = OpenAI(base_url=server.base_url, api_key="test")
        server.script("Exact reply.")  # next chat completion returns this
        server.fail_next(503)  # next request fails with HTTP 503
        server.fail_next(429, retry_after=1, should_retry=None)  # ... with Retry-After, client decides
        server.delay_next(2.0)  # next request waits two seconds before answering
        server.break_next_stream(3)  # next streamed reply drops after three pieces
        server.naive = True  # chat obeys an instruction it finds in the prompt, as a naive model would
        FakeOpenAI(latency=Latency())  # chat answers take as long as on a local model server (fake_replies)
        ...
        assert server.requests[-1]["body"]["model"] == "fake-chat"

Without a scripted reply, chat completions act as a small grounded reader over
numbered ``[n] `` passages in the last user message (see `grounded_answer`).

Transcriptions answer ``verbose_json`` (or ``json`` / ``text``). By default the
audio is cut into `TRANSCRIPT_SEGMENT_SECONDS` segments by its length, read from
a WAV or FLAC header (else estimated from the size as 16 kHz 16-bit mono);
``server.script_transcription([{"start": 0, "end": 2, "text": "Hi", "speaker":
"SPEAKER_00"}, ...])`` queues the exact segments of the next transcription.
Recorded transcription bodies hold the form fields, with the file replaced by
``{"filename", "bytes", "duration"}``.

Manual use: ``python -m tests.support.fake_openai --port 8001 [--latency]``. What it says is in
``fake_replies``, its audio and form handling in ``fake_audio``.
"""

from __future__ import annotations

import argparse
import base64
import collections
import itertools
import json
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler

from tests.support.fake_audio import (
    FormError,
    audio_duration,
    length_segments,
    parse_multipart,
    verbose_segments,
)
from tests.support.fake_replies import (
    EMBED_DIMENSIONS,
    PIECE_RE,
    Latency,
    count_tokens,
    embed,
    grounded_answer,
    obeyed_instruction,
)
from tests.support.http_server import TrackingHTTPServer

CHAT_MODEL = "fake-chat"
EMBED_MODEL = "fake-embed"
SPEECH_MODEL = "whisper-1"


def _message_text(message: object) -> str:
    """Return the text of a chat message whose content is a string or parts."""
    content = message.get("content") if isinstance(message, dict) else None
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            part.get("text", "")
            for part in content
            if isinstance(part, dict) and isinstance(part.get("text"), str)
        )
    return ""


def _error_body(status: int, message: str, code: str | None = None) -> dict:
    """Build an OpenAI-style error payload."""
    if status >= 500:
        kind = "server_error"
    elif status == 429:
        kind, code = "rate_limit_error", code or "rate_limit_exceeded"
    else:
        kind = "invalid_request_error"
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


class _ClientError(Exception):
    """A request problem reported to the client as an HTTP 400."""


# --------------------------------------------------------------------------
# HTTP layer
# --------------------------------------------------------------------------


class _Server(TrackingHTTPServer):
    """Threading HTTP server that knows its `FakeOpenAI` owner."""

    def __init__(self, address: tuple[str, int], fake: FakeOpenAI) -> None:
        self.fake = fake
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    """Request handler implementing the OpenAI subset."""

    server: _Server
    server_version = "FakeOpenAI/1.0"

    def log_message(self, *args: object) -> None:
        """Keep test output quiet."""

    # -- entry points ------------------------------------------------------

    def do_GET(self) -> None:
        """Serve the model list."""
        path = self.path.split("?", 1)[0].rstrip("/")
        if not self._preflight():
            return
        models = [self._model(CHAT_MODEL), self._model(EMBED_MODEL), self._model(SPEECH_MODEL)]
        if path == "/v1/models":
            self._send_json(200, {"object": "list", "data": models})
        elif path.startswith("/v1/models/") and path[11:] in (CHAT_MODEL, EMBED_MODEL, SPEECH_MODEL):
            self._send_json(200, self._model(path[11:]))
        else:
            self._send_error(404, f"Invalid URL (GET {path})")

    def do_POST(self) -> None:
        """Serve chat completions, embeddings and transcriptions."""
        path = self.path.split("?", 1)[0].rstrip("/")
        try:
            raw = self._read_body()
        except ValueError:
            raw = b""
        if path == "/v1/audio/transcriptions":
            self._transcriptions(raw)
            return
        try:
            body: object = json.loads(raw)
        except ValueError:
            body = None
        malformed = not isinstance(body, dict)
        recorded = raw.decode("utf-8", "replace") if malformed else body
        self.server.fake._record(path, recorded)
        if not self._preflight():
            return
        routes = {"/v1/chat/completions": self._chat, "/v1/embeddings": self._embeddings}
        if path not in routes:
            self._send_error(404, f"Invalid URL (POST {path})")
        elif malformed:
            self._send_error(400, "Request body must be a JSON object.")
        else:
            try:
                routes[path](body)
            except _ClientError as exc:
                self._send_error(400, str(exc))

    # -- endpoints ---------------------------------------------------------

    def _chat(self, body: dict) -> None:
        """Handle ``POST /v1/chat/completions``."""
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise _ClientError("'messages' must be a non-empty array.")
        users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
        prompt = _message_text(users[-1]) if users else ""
        answer = self.server.fake._take_script()
        if answer is None and self.server.fake.naive:
            answer = obeyed_instruction("\n".join(_message_text(m) for m in messages))
        if answer is None:
            answer = grounded_answer(prompt)
        prompt_tokens = sum(count_tokens(_message_text(m)) for m in messages)
        completion_tokens = count_tokens(answer)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        base = {
            "id": f"chatcmpl-fake-{self.server.fake._next_id()}",
            "created": int(time.time()),
            "model": str(body.get("model") or CHAT_MODEL),
            "system_fingerprint": "fp_fake",
        }
        if body.get("stream"):
            options = body.get("stream_options")
            include_usage = isinstance(options, dict) and bool(options.get("include_usage"))
            self._send_stream(base, answer, usage, include_usage)
            return
        latency = self.server.fake.latency
        if latency is not None:
            time.sleep(latency.first_token_seconds + latency.writing_seconds(completion_tokens))
        message = {"role": "assistant", "content": answer, "refusal": None}
        choice = {"index": 0, "message": message, "logprobs": None, "finish_reason": "stop"}
        self._send_json(200, {**base, "object": "chat.completion", "choices": [choice], "usage": usage})

    def _embeddings(self, body: dict) -> None:
        """Handle ``POST /v1/embeddings``."""
        texts = self._embedding_inputs(body.get("input"))
        dimensions = body.get("dimensions", EMBED_DIMENSIONS)
        if type(dimensions) is not int or dimensions < 1:
            raise _ClientError("'dimensions' must be a positive integer.")
        encoding = body.get("encoding_format") or "float"
        if encoding not in ("float", "base64"):
            raise _ClientError("'encoding_format' must be 'float' or 'base64'.")
        data = []
        for index, text in enumerate(texts):
            vector: object = embed(text, dimensions)
            if encoding == "base64":
                packed = struct.pack(f"<{dimensions}f", *vector)
                vector = base64.b64encode(packed).decode("ascii")
            data.append({"object": "embedding", "index": index, "embedding": vector})
        tokens = sum(count_tokens(text) for text in texts)
        self._send_json(
            200,
            {
                "object": "list",
                "data": data,
                "model": str(body.get("model") or EMBED_MODEL),
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            },
        )

    def _transcriptions(self, raw: bytes) -> None:
        """Handle ``POST /v1/audio/transcriptions`` (multipart form with a ``file`` field)."""
        try:
            fields = parse_multipart(self.headers.get("Content-Type", ""), raw)
        except FormError as exc:
            self.server.fake._record("/v1/audio/transcriptions", raw[:200].decode("utf-8", "replace"))
            if self._preflight():
                self._send_error(400, str(exc))
            return
        upload = fields.get("file")
        recorded = dict(fields)
        duration = 0.0
        if isinstance(upload, tuple):
            duration = audio_duration(upload[1])
            recorded["file"] = {
                "filename": upload[0],
                "bytes": len(upload[1]),
                "duration": round(duration, 3),
            }
        self.server.fake._record("/v1/audio/transcriptions", recorded)
        if not self._preflight():
            return
        if not isinstance(upload, tuple) or not upload[1]:
            self._send_error(400, "'file' must be a non-empty uploaded file.")
            return
        if not fields.get("model"):
            self._send_error(400, "'model' is required.")
            return
        scripted = self.server.fake._take_transcription()
        segments = length_segments(duration) if scripted is None else scripted
        text = " ".join(str(s.get("text", "")).strip() for s in segments).strip()
        response_format = fields.get("response_format") or "json"
        if response_format == "text":
            data = text.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        if response_format != "verbose_json":
            self._send_json(200, {"text": text})
            return
        language = str(fields.get("language") or "english")
        self._send_json(
            200,
            {
                "task": "transcribe",
                "language": language,
                "duration": round(duration, 3),
                "text": text,
                "segments": verbose_segments(segments),
            },
        )

    @staticmethod
    def _embedding_inputs(value: object) -> list[str]:
        """Normalise ``input`` (string, strings, token ids) to a list of strings."""
        is_token_list = isinstance(value, list) and value and all(type(v) is int for v in value)
        if isinstance(value, str) or is_token_list:
            value = [value]
        if not isinstance(value, list) or not value:
            raise _ClientError("'input' must be a non-empty string or array.")
        texts = []
        for item in value:
            if isinstance(item, list) and all(type(v) is int for v in item):
                item = " ".join(map(str, item))
            if not isinstance(item, str) or not item:
                raise _ClientError("'input' items must be non-empty strings.")
            texts.append(item)
        return texts

    # -- plumbing ----------------------------------------------------------

    def _preflight(self) -> bool:
        """Check the bearer token and any queued failure; send the error if any."""
        scheme, _, token = self.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            self._send_error(
                401,
                "Incorrect API key provided. Send 'Authorization: Bearer <key>'.",
                code="invalid_api_key",
            )
            return False
        delay = self.server.fake._take_delay()
        if delay:
            time.sleep(delay)
        failure = self.server.fake._take_failure()
        if failure is not None:
            status, retry_after, should_retry = failure
            headers = {}
            if should_retry is not None:
                headers["x-should-retry"] = "true" if should_retry else "false"
            if retry_after is not None:
                headers["Retry-After"] = str(retry_after)
            self._send_error(
                status,
                f"Simulated failure (HTTP {status}) from FakeOpenAI.fail_next().",
                extra_headers=headers,
            )
            return False
        return True

    def _read_body(self) -> bytes:
        """Read the request body (Content-Length or chunked)."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline().strip():
                pass
            return b"".join(parts)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    @staticmethod
    def _model(model_id: str) -> dict:
        """Describe one model."""
        return {"id": model_id, "object": "model", "created": 0, "owned_by": "fake-openai"}

    def _send_json(self, status: int, payload: object, extra_headers: dict | None = None) -> None:
        """Send a JSON response."""
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-request-id", f"req_fake_{self.server.fake._next_id()}")
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _send_error(
        self,
        status: int,
        message: str,
        code: str | None = None,
        extra_headers: dict | None = None,
    ) -> None:
        """Send an OpenAI-style error response."""
        self._send_json(status, _error_body(status, message, code), extra_headers)

    def _send_stream(self, base: dict, answer: str, usage: dict, include_usage: bool) -> None:
        """Send the answer as ``chat.completion.chunk`` server-sent events."""
        pieces = PIECE_RE.findall(answer)
        if "".join(pieces) != answer:
            pieces = [answer]
        deltas = [{"role": "assistant", "content": ""}] + [{"content": p} for p in pieces]
        chunks = []
        for delta in deltas:
            choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": None}
            chunks.append({"choices": [choice]})
        final = {"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}
        chunks.append({"choices": [final]})
        if include_usage:
            chunks.append({"choices": [], "usage": usage})
        else:
            chunks[-1]["usage"] = usage
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        cut = self.server.fake._take_break()
        if cut is not None:  # the connection drops after `cut` pieces of text
            chunks = chunks[: cut + 1]
        latency = self.server.fake.latency
        try:
            for number, chunk in enumerate(chunks):
                if latency is not None and number == 1:
                    time.sleep(latency.first_token_seconds)
                if latency is not None and number >= 1 and chunk["choices"]:
                    time.sleep(
                        latency.writing_seconds(count_tokens(chunk["choices"][0]["delta"].get("content")))
                    )
                event = {**base, "object": "chat.completion.chunk", **chunk}
                if include_usage:
                    event.setdefault("usage", None)
                line = f"data: {json.dumps(event, ensure_ascii=False)}\n\n"
                self.wfile.write(line.encode("utf-8"))
                self.wfile.flush()
            if cut is None:
                self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


class FakeOpenAI:
    """An OpenAI-compatible server on 127.0.0.1, run in a daemon thread.

    Attributes:
        base_url: ``http://127.0.0.1:PORT/v1`` once started (else ``None``).
        requests: ``{"path", "body"}`` dicts for every POST received, in order
            (``body`` is the parsed JSON, or the raw text if it was malformed).
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0, latency: Latency | None = None) -> None:
        """Configure the bind address (port 0 picks a free port) and the chat completions' `Latency`
        (None, the default for tests: they answer at once)."""
        self.host = host
        self.port = port
        self.latency = latency
        self.base_url: str | None = None
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self._scripts: collections.deque[str] = collections.deque()
        self._failures: collections.deque[tuple[int, float | str | None, bool | None]] = collections.deque()
        self._delays: collections.deque[float] = collections.deque()
        self._breaks: collections.deque[int] = collections.deque()
        # When true, a chat completion obeys an instruction found in its prompt (see `obeyed_instruction`).
        self.naive = False
        self._transcriptions: collections.deque[list[dict]] = collections.deque()
        self._ids = itertools.count(1)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> FakeOpenAI:
        """Bind and start serving in a daemon thread; returns self."""
        if self._server is not None:
            raise RuntimeError("FakeOpenAI is already running")
        self._server = _Server((self.host, self.port), self)
        self.port = self._server.server_address[1]
        self.base_url = f"http://{self.host}:{self.port}/v1"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FakeOpenAI:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port (safe to call twice)."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeOpenAI:
        """Start the server."""
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        """Stop the server."""
        self.stop()

    def script(self, text: str) -> None:
        """Queue `text` as the exact reply of the next chat completion (used once)."""
        with self._lock:
            self._scripts.append(text)

    def script_transcription(self, segments: list[dict]) -> None:
        """Queue the segments (``start``, ``end``, ``text``, optional ``speaker``) of the next transcription.

        Several calls queue answers for several requests, in order; each is used once.
        """
        with self._lock:
            self._transcriptions.append([dict(segment) for segment in segments])

    def fail_next(
        self,
        status: int = 500,
        *,
        retry_after: float | str | None = None,
        should_retry: bool | None = False,
    ) -> None:
        """Make the next authorised request fail with HTTP `status` (queued).

        By default the response carries ``x-should-retry: false`` so the openai
        SDK raises at once instead of retrying; ``should_retry=None`` sends no
        such header (the client decides), ``True`` sends ``true``.
        ``retry_after`` adds a ``Retry-After`` header (seconds or an HTTP date).
        """
        if not 400 <= status <= 599:
            raise ValueError(f"status must be an HTTP error code, got {status}")
        with self._lock:
            self._failures.append((status, retry_after, should_retry))

    def break_next_stream(self, after_pieces: int) -> None:
        """Make the next streamed chat completion drop its connection after `after_pieces` pieces of text,
        without finishing (queued)."""
        with self._lock:
            self._breaks.append(int(after_pieces))

    def delay_next(self, seconds: float) -> None:
        """Make the next authorised request wait `seconds` before it is answered (queued)."""
        with self._lock:
            self._delays.append(float(seconds))

    def reset(self, wait: float = 30.0) -> None:
        """Forget recorded requests, scripted replies and transcriptions, queued failures and delays; not naive.

        First waits (up to `wait` seconds) for requests still being handled: a delayed request whose client
        gave up would otherwise wake later and take a failure or reply queued after the reset.
        """
        if self._server is not None and not self._server.wait_idle(wait):
            raise RuntimeError(f"FakeOpenAI still handles a request after {wait} s")
        with self._lock:
            self.requests.clear()
            self._scripts.clear()
            self._failures.clear()
            self._delays.clear()
            self._breaks.clear()
            self._transcriptions.clear()
            self.naive = False

    def _record(self, path: str, body: object) -> None:
        with self._lock:
            self.requests.append({"path": path, "body": body})

    def _take_script(self) -> str | None:
        with self._lock:
            return self._scripts.popleft() if self._scripts else None

    def _take_transcription(self) -> list[dict] | None:
        with self._lock:
            return self._transcriptions.popleft() if self._transcriptions else None

    def _take_failure(self) -> tuple[int, float | str | None, bool | None] | None:
        with self._lock:
            return self._failures.popleft() if self._failures else None

    def _take_break(self) -> int | None:
        with self._lock:
            return self._breaks.popleft() if self._breaks else None

    def _take_delay(self) -> float | None:
        with self._lock:
            return self._delays.popleft() if self._delays else None

    def _next_id(self) -> int:
        with self._lock:
            return next(self._ids)


def main(argv: list[str] | None = None) -> None:
    """Run the server until interrupted, printing its base URL."""
    parser = argparse.ArgumentParser(description="Fake OpenAI-compatible server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument(
        "--latency",
        action="store_true",
        help=f"answer chat completions as slowly as a local model server would ({Latency()})",
    )
    parser.add_argument("--first-token-ms", type=float, help="with --latency: time to the first token")
    parser.add_argument("--tokens-per-second", type=float, help="with --latency: writing speed")
    args = parser.parse_args(argv)
    latency = None
    if args.latency:
        latency = Latency(
            Latency.first_token_seconds if args.first_token_ms is None else args.first_token_ms / 1000,
            args.tokens_per_second or Latency.tokens_per_second,
        )
    with FakeOpenAI(args.host, args.port, latency) as server:
        print(server.base_url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
