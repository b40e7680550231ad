"""Content-addressed file store under AIPLUS_HOME/files: a file's path is its SHA-256."""

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

from aiplus.core.errors import AiplusError, ErrorCode

CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    checksum: str
    size: int
    head: bytes  # the first bytes, for type sniffing


def files_root() -> Path:
    return Path(settings.AIPLUS_HOME) / "files"


def stored_path(checksum: str) -> Path:
    return files_root() / checksum[:2] / checksum


def store_stream(stream: BinaryIO, *, limit: int | None = None) -> StoredFile:
    """Copy a stream into the store while hashing it; refuse it once it passes ``limit`` bytes."""
    limit = settings.AIPLUS_MAX_UPLOAD_BYTES if limit is None else limit
    root = files_root()
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    head = b""
    handle, temporary = tempfile.mkstemp(dir=root, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out:
            while block := stream.read(CHUNK_BYTES):
                size += len(block)
                if size > limit:
                    raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": limit // (1024 * 1024)})
                if len(head) < 4096:
                    head += block[: 4096 - len(head)]
                digest.update(block)
                out.write(block)
        checksum = digest.hexdigest()
        target = stored_path(checksum)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            os.unlink(temporary)
        else:
            os.replace(temporary, target)
        return StoredFile(checksum=checksum, size=size, head=head)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def stored_file_remove(checksum: str) -> bool:
    """Remove a stored file. The caller checks first that no document refers to its content any more."""
    path = stored_path(checksum)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True
