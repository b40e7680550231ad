"""One small writer per output format of the demo corpus; ``WRITERS`` maps a content file's ``format``."""

from collections.abc import Callable
from pathlib import Path

from .content import Document
from .docx import write_docx
from .html import write_html
from .image import write_scan_pdf, write_scan_png
from .pdf import write_pdf
from .text import write_markdown, write_txt
from .xlsx import write_xlsx

Writer = Callable[[Document, Path], None]

WRITERS: dict[str, Writer] = {
    "pdf": write_pdf,
    "docx": write_docx,
    "html": write_html,
    "md": write_markdown,
    "txt": write_txt,
    "xlsx": write_xlsx,
    "scan-pdf": write_scan_pdf,
    "scan-png": write_scan_png,
}
