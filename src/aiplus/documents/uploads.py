"""Refuse oversized uploads while they stream in, before their bytes fill memory or the disk.

The handler runs first in ``FILE_UPLOAD_HANDLERS``. It refuses a whole request whose declared length is
over ``max_request_bytes()`` (a few files' worth), and any single file over ``AIPLUS_MAX_UPLOAD_BYTES``. Refusing raises
``StopUpload(connection_reset=False)``: Django reads and discards the rest of the body, so the browser gets
a proper page, and the view sees ``request.upload_refused`` and shows the too-large message.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from aiplus.core.api_errors import max_request_bytes


def upload_limit_mb() -> int:
    return settings.AIPLUS_MAX_UPLOAD_BYTES // (1024 * 1024)


class LimitedUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.limit = settings.AIPLUS_MAX_UPLOAD_BYTES
        self.request_too_large = False
        if request is not None:
            request.upload_refused = False

    def _refuse(self):
        if self.request is not None:
            self.request.upload_refused = True
        raise StopUpload(connection_reset=False)

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request_too_large = bool(content_length) and content_length > max_request_bytes()
        return None  # let the normal multipart parser do the work

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.request_too_large or (self.content_length is not None and self.content_length > self.limit):
            self._refuse()

    def receive_data_chunk(self, raw_data, start):
        if self.request_too_large or start + len(raw_data) > self.limit:
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler builds the file object
