"""Word transcripts (paragraphs, and tables of speaker, text and time) and whisper / whisperX JSON."""

import io
import json
import math
import zipfile
import zlib

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.meetings.parsers.common import (
    PARENTHETICAL_RE,
    SENTENCE_END_RE,
    Source,
    clock_seconds,
    join_lines,
    new_segment,
    speaker_name,
    word_set,
)
from aiplus.meetings.parsers.text import paragraphs, read_text_lines
from aiplus.meetings.transcript import Segment


def _row_cells(row) -> list[str]:
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
            continue
        seen.add(id(cell._tc))
        cells.append(cell.text.strip())
    return cells


def _table_columns(rows: list[list[str]]) -> tuple[dict[str, int], int] | None:
    """Which columns hold speaker, text and time, and the first body row; None for a table that is not a
    transcript (an attendance list, a table of figures)."""
    header = [PARENTHETICAL_RE.sub("", cell).strip().rstrip(":：").casefold() for cell in rows[0]]
    columns: dict[str, int] = {}
    for role, names in (
        ("speaker", word_set("speaker_columns")),
        ("text", word_set("text_columns")),
        ("time", word_set("time_columns")),
    ):
        found = next((i for i, cell in enumerate(header) if cell in names), None)
        if found is not None:
            columns[role] = found
    if "speaker" in columns and "text" in columns:
        return columns, 1
    width = min(len(row) for row in rows)
    if width < 2:
        return None
    columns = {}
    for i in range(width):
        if sum(clock_seconds(row[i]) is not None for row in rows) >= 0.8 * len(rows):
            columns["time"] = i
            break
    rest = [i for i in range(width) if i != columns.get("time")]
    if len(rest) < 2:
        return None
    speaker_column, text_column = rest[0], rest[1]
    names = [row[speaker_column].rstrip(":：") for row in rows if row[speaker_column]]
    texts = [row[text_column] for row in rows if row[text_column]]
    if not names or not all(speaker_name(name) for name in names):
        return None
    if sum(bool(SENTENCE_END_RE.search(text)) for text in texts) * 2 < len(texts):
        return None
    return {**columns, "speaker": speaker_column, "text": text_column}, 0


def _table_segments(rows: list[list[str]]) -> list[Segment] | None:
    rows = [row for row in rows if any(row)]
    found = _table_columns(rows) if rows else None
    if found is None:
        return None
    columns, first_row = found
    segments: list[Segment] = []
    for row in rows[first_row:]:
        speaker, text, time = (
            row[columns[role]] if role in columns and columns[role] < len(row) else ""
            for role in ("speaker", "text", "time")
        )
        speaker = speaker.rstrip(":：").strip()
        if not text:
            continue
        if not speaker and segments:  # a row continuing the speaker above
            segments[-1].text = join_lines([segments[-1].text, text])
            continue
        segments.append(new_segment(speaker, text, clock_seconds(time) if time else None))
    return segments


def sniff_docx(source: Source) -> bool:
    return source.data.startswith(b"PK\x03\x04")


def read_docx(source: Source) -> list[Segment]:
    """A Word transcript: paragraphs as text lines, and tables of speaker and text (and time) row by row.
    Other tables are read as lines; with transcript tables present, paragraphs naming no speaker (titles,
    headings) are left out."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import XMLSyntaxError

    if not source.data.startswith(b"PK\x03\x04"):
        raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail="not a DOCX file (not a zip archive)")
    try:
        document = docx.Document(io.BytesIO(source.data))
        blocks = list(document.iter_inner_content())
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        PackageNotFoundError,
        XMLSyntaxError,
        KeyError,
        ValueError,
    ) as exc:  # a damaged archive, or a zip that is not a Word document
        raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"not a readable DOCX file: {exc}") from exc
    # Runs of paragraph lines, and transcript tables already read, in document order.
    parts: list[list[str] | list[Segment]] = []
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.extend(block.text.split("\n") if block.text.strip() else [""])
            style = block.style.name if block.style is not None else ""
            if style.startswith(("Heading", "Title")):
                lines.append("")  # a heading stands apart from the speech under it
        elif isinstance(block, Table):
            rows = [_row_cells(row) for row in block.rows]
            table = _table_segments(rows)
            if table is None:
                lines.extend(" ".join(cell for cell in row if cell) for row in rows)
            else:
                parts += [lines, table]
                lines = []
    parts.append(lines)
    has_tables = len(parts) > 1
    segments: list[Segment] = []
    for part in parts:
        if part and isinstance(part[0], Segment):
            segments.extend(part)  # type: ignore[arg-type]
        elif any(line.strip() for line in part):  # type: ignore[union-attr]
            read = read_text_lines(part, paragraph_per_line=True)  # type: ignore[arg-type]
            if not has_tables or any(segment.speaker or segment.start is not None for segment in read):
                segments.extend(read)
    return segments


# --- whisper JSON ------------------------------------------------------------------------------------------


def sniff_json(source: Source) -> bool:
    return isinstance(source.json, dict | list)


def _json_time(value, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        seconds = clock_seconds(value)
        if seconds is None:
            raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"{where}: bad time {value!r}")
        return seconds
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"{where}: bad time {value!r}")
    return float(value)


def _json_speaker(segment: dict) -> str:
    """The segment's speaker, or (whisperX before speaker assignment per segment) its words' main speaker."""
    if segment.get("speaker") not in (None, ""):
        return str(segment["speaker"]).strip()
    listed = segment.get("words")
    words = (
        [str(w["speaker"]) for w in listed if isinstance(w, dict) and w.get("speaker") not in (None, "")]
        if isinstance(listed, list)
        else []
    )
    return str(max(set(words), key=words.count)) if words else ""


def read_whisper_json(source: Source) -> list[Segment]:
    """whisper or whisperX JSON (``{"text", "segments": [{"start", "end", "text", "speaker"?}], "language"}``),
    or a bare list of such segments; a file with only ``text`` gives one segment per paragraph."""
    data = source.json
    if data is None:
        try:
            json.loads(source.text)
        except ValueError as exc:
            raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"not valid JSON: {exc}") from exc
        raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail="not a JSON object or list")
    if isinstance(data, dict) and isinstance(data.get("segments"), list) and data["segments"]:
        items = data["segments"]
    elif isinstance(data, dict) and isinstance(data.get("text"), str) and not data.get("segments"):
        return paragraphs(data["text"].replace("\r\n", "\n").split("\n"), paragraph_per_line=False)
    elif isinstance(data, list) and data:
        items = data
    else:
        raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail="JSON is not a whisper transcript (no segments)")
    segments = []
    for number, item in enumerate(items):
        where = f"segment {number}"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"{where}: no text; not a whisper transcript")
        start, end = _json_time(item.get("start"), where), _json_time(item.get("end"), where)
        if start is not None and end is not None and end < start:
            raise AiplusError(ErrorCode.BAD_TRANSCRIPT, detail=f"{where}: ends before it starts")
        segments.append(new_segment(_json_speaker(item), item["text"].strip(), start, end))
    return segments
