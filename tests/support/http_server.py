"""A threading HTTP server for the tests' stand-in servers that knows which requests it is still handling."""

from __future__ import annotations

import sys
import threading
from http.server import ThreadingHTTPServer


class TrackingHTTPServer(ThreadingHTTPServer):
    """Counts the requests being handled, so a test can wait until none is (`wait_idle`): a request whose
    client gave up may still be running, and would otherwise act on what the next test sets up. A client
    that hung up (a timeout, a dropped stream) is normal for a server, not an error to print."""

    def __init__(self, address: tuple[str, int], handler: type) -> None:
        self._in_flight = 0
        self._idle = threading.Condition()
        super().__init__(address, handler)

    def process_request_thread(self, request, client_address) -> None:
        with self._idle:
            self._in_flight += 1
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._idle:
                self._in_flight -= 1
                self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no request is being handled; False if some still is after `timeout` seconds."""
        with self._idle:
            return self._idle.wait_for(lambda: self._in_flight == 0, timeout)

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)
