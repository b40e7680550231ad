"""What one document may cost a worker: pages, characters of text, unpacked size, image pixels.

Each limit is a setting and is checked before the costly step it guards, from what the file says about
itself: the page count before any page is read, an image's size from its header before it is decoded, the
sizes in a zip directory before a member is unpacked (so a small DOCX that unpacks to a gigabyte is refused
without unpacking it). A document over a limit fails as ``TOO_LARGE`` with the limit named in its reason.
"""

import zipfile
from pathlib import Path

from django.conf import settings

from aiplus.core.errors import AiplusError, ErrorCode

MEGABYTE = 1024 * 1024
# UTF-8 and UTF-16 take at most four bytes a character, so a text file over four bytes per allowed
# character certainly holds too many characters, whatever its encoding.
MAX_BYTES_PER_CHARACTER = 4


def _too_large(reason: str, limit: int, found: str) -> AiplusError:
    return AiplusError(ErrorCode.TOO_LARGE, {"reason": reason, "limit": f"{limit:,}"}, detail=found)


def check_page_count(count: int) -> None:
    if count > settings.AIPLUS_MAX_DOCUMENT_PAGES:
        raise _too_large("pages", settings.AIPLUS_MAX_DOCUMENT_PAGES, f"{count} pages")


def check_pixels(width: float, height: float) -> None:
    limit = settings.AIPLUS_MAX_IMAGE_MEGAPIXELS
    if width * height > limit * 1_000_000:
        raise _too_large("pixels", limit, f"{int(width)}x{int(height)} pixels")


def image_too_large() -> AiplusError:
    """The error for an image that Pillow itself refuses to decode as a decompression bomb."""
    return _too_large("pixels", settings.AIPLUS_MAX_IMAGE_MEGAPIXELS, "refused by Pillow")


def check_characters(count: int) -> None:
    if count > settings.AIPLUS_MAX_DOCUMENT_CHARACTERS:
        raise _too_large("characters", settings.AIPLUS_MAX_DOCUMENT_CHARACTERS, f"{count} characters")


def check_text_file_size(path: Path) -> None:
    """Refuse a text file that cannot fit in the character limit, before reading it into memory."""
    size = path.stat().st_size
    if size > settings.AIPLUS_MAX_DOCUMENT_CHARACTERS * MAX_BYTES_PER_CHARACTER:
        raise _too_large("characters", settings.AIPLUS_MAX_DOCUMENT_CHARACTERS, f"{size} bytes of text")


def check_unpacked(path: Path, file_type: str) -> None:
    """Refuse an Office file (a zip) with a member that unpacks beyond the limit, from its directory alone.

    The sizes in the directory are the ones the zip reader enforces while unpacking (a member that inflates
    past its recorded size is an error), so they can be trusted.
    """
    limit = settings.AIPLUS_MAX_UNPACKED_MB
    try:
        with zipfile.ZipFile(path) as archive:
            largest = max((member.file_size for member in archive.infolist()), default=0)
    except (zipfile.BadZipFile, OSError) as exc:
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": file_type}, detail=str(exc)) from exc
    if largest > limit * MEGABYTE:
        raise _too_large("unpacked", limit, f"a member of {largest} bytes")
