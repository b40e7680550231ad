"""aiplus's waitress server (``core.server.make_server``, as ``aiplus serve`` runs it) in a thread of the test."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def waitress_in_thread(application) -> Iterator:
    """The running server (``effective_host``, ``effective_port``) on 127.0.0.1, stopped on leaving."""
    from aiplus.core.server import make_server

    server = make_server(application, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        # Closed from the server's own loop: closed from here while the loop waited on its sockets, the loop
        # failed with "Bad file descriptor".
        server.trigger.pull_trigger(server.close)
        thread.join(timeout=10)
        server.task_dispatcher.shutdown()
