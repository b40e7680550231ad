"""Time limits on request work (search, answers), so one heavy request cannot hold a server thread.

Python cannot safely stop a thread from outside, so the limit is cooperative: ``within_time_limit`` sets a
deadline for the call (a nested limit never extends an outer one) and the loops that grow with the size of
a question or a collection call ``check_time_limit()``, which raises the project error ``TIMED_OUT`` (503,
"took longer than the limit of N seconds") once the deadline has passed. The limits are settings, read
when the call starts.
"""

import functools
import time
from contextvars import ContextVar

from django.conf import settings

from aiplus.core.errors import AiplusError, ErrorCode

# (monotonic deadline, the limit in seconds that set it), or None outside any limit.
_deadline: ContextVar[tuple[float, int] | None] = ContextVar("aiplus_deadline", default=None)


def within_time_limit(setting_name: str):
    """Run the decorated function under the time limit named by a setting (whole seconds)."""

    def decorate(function):
        @functools.wraps(function)
        def limited(*args, **kwargs):
            seconds = getattr(settings, setting_name)
            deadline = (time.monotonic() + seconds, seconds)
            outer = _deadline.get()
            token = _deadline.set(outer if outer is not None and outer[0] <= deadline[0] else deadline)
            try:
                return function(*args, **kwargs)
            finally:
                _deadline.reset(token)

        return limited

    return decorate


def check_time_limit() -> None:
    current = _deadline.get()
    if current is not None and time.monotonic() > current[0]:
        raise AiplusError(ErrorCode.TIMED_OUT, params={"seconds": current[1]}, detail="time limit")
