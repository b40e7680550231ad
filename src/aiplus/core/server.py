"""The web server of ``aiplus serve``: waitress, sized so one heavy request cannot starve the others, and
answering the requests it refuses itself (too large, headers too long) in aiplus's own error shape.

waitress checks a request's declared size and header length before the application sees it, and then
answers with a bare English text page. Its ``HTTPChannel.error_task_class`` is the documented place to
change that answer; ``JsonErrorTask`` gives the same JSON as every other API error (in the asker's
language when the headers were read), or the translated message as text for a page.
"""

import gc
import json
import socket

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask

from aiplus.core.api_errors import API_PREFIX, error_body, max_request_bytes, request_too_large_params
from aiplus.core.errors import ErrorCode

_CODE_FOR_STATUS = {
    413: ErrorCode.REQUEST_TOO_LARGE,
    431: ErrorCode.HEADERS_TOO_LARGE,
    500: ErrorCode.INTERNAL,
}


def _language(headers: dict) -> str:
    probe = HttpRequest()
    probe.META["HTTP_ACCEPT_LANGUAGE"] = headers.get("ACCEPT_LANGUAGE", "")
    return translation.get_language_from_request(probe)


class JsonErrorTask(ErrorTask):
    def execute(self):
        error = self.request.error
        code = _CODE_FOR_STATUS.get(error.code, ErrorCode.INVALID)
        params = request_too_large_params() if code == ErrorCode.REQUEST_TOO_LARGE else None
        with translation.override(_language(self.request.headers)):
            body = error_body(code, params=params)
        # waitress forgets the address of a request whose headers were too long; those get JSON too.
        if error.code == 431 or (self.request.path or "").startswith(API_PREFIX):
            content_type, data = "application/json", json.dumps(body, ensure_ascii=False)
        else:
            content_type, data = "text/plain; charset=utf-8", body["error"]["message"]
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", content_type))
        self.set_close_on_finish()
        payload = data.encode("utf-8")
        self.content_length = len(payload)
        self.write(payload)


class JsonErrorChannel(HTTPChannel):
    error_task_class = JsonErrorTask


def listening_socket(host: str, port: int) -> socket.socket:
    """The address bound once by ``aiplus serve`` when it runs several web processes
    (``AIPLUS_WEB_PROCESSES``): each inherits this socket and accepts from it, and the kernel hands every new
    connection to one of them. So the processes share one port and use every processor, where one process's
    threads take turns on one (Python's global interpreter lock)."""
    listener = socket.create_server((host, port), backlog=1024)
    listener.set_inheritable(True)
    return listener


def warm_up() -> None:
    """Load what every request needs before the first one, not during it, and then set it aside from the
    garbage collector. Found under 20 concurrent chat users (bench/chat_api.py):

    - The URL patterns (every API's schemas) take about 1.6 s of processor time to import, and jieba's
      dictionary about 1.5 s; the first request of a process loaded them and stalled every request in flight
      with it. OpenCC's tables and the local embedding model are loaded here too.
    - What is loaded here lives as long as the process, yet each full collection walked all of it again:
      pauses of 144 and 210 ms, during which no request moves. ``gc.freeze`` keeps it out of collections.
    """
    from django.urls import get_resolver

    from aiplus.core.language import warm_up as language_warm_up
    from aiplus.llm.embeddings import warm_up as embeddings_warm_up

    get_resolver().url_patterns  # noqa: B018 (imports every URLconf and API)
    language_warm_up()
    embeddings_warm_up()
    gc.collect()
    gc.freeze()


def make_server(application, *, host: str = "", port: int = 0, listener: socket.socket | None = None):
    """A waitress server with aiplus's limits, on ``host``:``port`` or on an inherited ``listener``.
    Threads: enough that a few slow answers leave room for pages (``AIPLUS_SERVER_THREADS``); connections:
    accepted up to ``AIPLUS_SERVER_CONNECTION_LIMIT``; bodies: refused unread above ``max_request_bytes()``."""
    warm_up()
    address = {"sockets": [listener]} if listener is not None else {"host": host, "port": port}
    server = create_server(
        application,
        **address,
        threads=settings.AIPLUS_SERVER_THREADS,
        connection_limit=settings.AIPLUS_SERVER_CONNECTION_LIMIT,
        max_request_body_size=max_request_bytes(),
        channel_timeout=60,
    )
    listeners = [server, *getattr(server, "map", {}).values()]
    for listener in listeners:
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = JsonErrorChannel
    return server
