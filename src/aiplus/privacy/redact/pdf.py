"""Redacting a PDF: each page with something to remove is rebuilt as a picture of itself with black boxes
burnt in, under an invisible text layer holding the rest of its text; other pages are left as they were.

Why rebuild rather than edit the page's text operators: finding the bytes of one glyph inside a ``TJ`` array
means decoding every font's encoding (one or two bytes a code in CID fonts, variable-length Big5 CMaps in old
Hong Kong files), and a value can also survive in an image, a vector drawing or a form XObject under the
box. A rebuilt page cannot keep any of that: its content is the rendered picture and a text layer written
from the characters pdfium read, so CID fonts need no special case and a scanned page (boxes from OCR) goes
the same way. The page looks the same and its remaining text can still be searched, selected and extracted;
the cost is that the page's text is no longer vector type (rendered at ``RENDER_DPI``). pikepdf writes the
file (qpdf drops every object nothing refers to any more, so the old content streams are gone), and takes
out the document information, XMP metadata, outline titles and annotations that hold a removed value.
"""

import io
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

import numpy as np

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.documents.limits import check_page_count, check_pixels
from aiplus.documents.parsers.pdf import MIN_TEXT_CHARS, OCR_SCALE, reflow
from aiplus.privacy.redact.extract import PAGE_SEPARATOR, Extracted, PdfPageMap, Progress, align

RENDER_DPI = 200
RENDER_SCALE = RENDER_DPI / 72
JPEG_QUALITY = 88
GREY_TOLERANCE = (
    8  # a page whose pixels' channels differ by no more is stored as a grey picture (a third of the size)
)
BOX_MARGIN = 0.5  # points added around each character box, so anti-aliased glyph edges are covered too
FONT = "/AiplusRedactText"
IMAGE = "/AiplusRedactPage"

Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points


def _open(path: Path):
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    try:
        return pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise AiplusError(ErrorCode.ENCRYPTED_FILE, detail=str(exc)) from exc
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": "PDF"}, detail=str(exc)) from exc


def pdf_check(path: Path) -> None:
    """Refuse now (damaged, encrypted, too many pages) a PDF that would only fail once queued to be read."""
    pdf = _open(path)
    try:
        check_page_count(len(pdf))
    finally:
        pdf.close()


def _page_text(textpage) -> tuple[str, list[int]]:
    """The page's text as the documents parser reads it (line ends as ``\\n``), and each character's pdfium
    index."""
    import pypdfium2.raw as pdfium_c

    raw_text = textpage.get_text_range()
    characters, indices, utf16 = [], [], 0
    for character in raw_text:
        indices.append(pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, utf16))
        characters.append(character)
        utf16 += 2 if ord(character) > 0xFFFF else 1
    text, kept = [], []
    for position, character in enumerate(characters):
        if character == "\r":
            if position + 1 < len(characters) and characters[position + 1] == "\n":
                continue
            character = "\n"
        text.append(character)
        kept.append(indices[position])
    return "".join(text), kept


def _ocr_page(page) -> tuple[str, list[Box | None]]:
    """A scanned page's OCR text and each character's box, shared out evenly along its line's box."""
    from aiplus.documents.ocr import BLANK_CHECK_PIXELS, looks_blank, ocr_lines

    width, height = page.get_size()
    if looks_blank(page.render(scale=BLANK_CHECK_PIXELS / max(width, height, 1), grayscale=True).to_pil()):
        return "", []
    check_pixels(width * OCR_SCALE, height * OCR_SCALE)
    left, _, _, top = page.get_cropbox()
    parts: list[str] = []
    boxes: list[Box | None] = []
    for text, polygon in ocr_lines(page.render(scale=OCR_SCALE).to_pil()):
        if parts:
            parts.append("\n")
            boxes.append(None)
        x0, x1 = float(polygon[:, 0].min()), float(polygon[:, 0].max())
        y0, y1 = float(polygon[:, 1].min()), float(polygon[:, 1].max())
        step = (x1 - x0) / max(len(text), 1)
        for position, character in enumerate(text):
            parts.append(character)
            boxes.append(
                (
                    left + (x0 + step * position) / OCR_SCALE,
                    top - y1 / OCR_SCALE,
                    left + (x0 + step * (position + 1)) / OCR_SCALE,
                    top - y0 / OCR_SCALE,
                )
            )
    return "".join(parts), boxes


def extract_pdf(path: Path, progress: Progress | None = None) -> Extracted:
    """The PDF's text page by page (OCR for a scanned page); ``progress(done, total)`` after each page."""
    pdf = _open(path)
    try:
        check_page_count(len(pdf))
        texts, pages, offset = [], [], 0
        for index in range(len(pdf)):
            if progress:
                progress(index, len(pdf))
            page = pdf[index]
            textpage = page.get_textpage()
            raw_text, indices = _page_text(textpage)
            if len("".join(raw_text.split())) < MIN_TEXT_CHARS:
                text, boxes = _ocr_page(page)
                page_map = PdfPageMap(index + 1, offset, [-1] * len(text), boxes)
            else:
                text = reflow(raw_text)
                page_map = PdfPageMap(
                    index + 1, offset, [indices[k] if k >= 0 else -1 for k in align(raw_text, text)]
                )
            texts.append(text)
            pages.append(page_map)
            offset += len(text) + len(PAGE_SEPARATOR)
        return Extracted(text=PAGE_SEPARATOR.join(texts), file_type="pdf", pages=pages)
    finally:
        pdf.close()


def _redacted_positions(extracted: Extracted, ranges: list[tuple[int, int]]) -> dict[int, set[int]]:
    """For each page index, the positions (in that page's text) of the characters to remove."""
    marked: dict[int, set[int]] = defaultdict(set)
    starts = [page.start for page in extracted.pages]
    for start, end in ranges:
        index = max(bisect_right(starts, start) - 1, 0)
        while index < len(starts) and starts[index] < end:
            page = extracted.pages[index]
            stop = min(end - page.start, len(page.char_index))
            marked[index].update(range(max(start - page.start, 0), stop))
            index += 1
    return {index: positions for index, positions in marked.items() if positions}


def _words(characters: list[tuple[str, Box, float]]) -> list[tuple[str, Box, float]]:
    """Characters (text, box, font size) in reading order grouped into words: a word ends at a space, a
    removed character (given as ``""``) or a jump to another line."""
    words, current = [], []

    def close():
        if current:
            text = "".join(c for c, _, _ in current)
            box = (
                min(b[0] for _, b, _ in current),
                min(b[1] for _, b, _ in current),
                max(b[2] for _, b, _ in current),
                max(b[3] for _, b, _ in current),
            )
            words.append((text, box, current[0][2]))
            current.clear()

    for character, box, size in characters:
        if not character or character.isspace():
            close()
            continue
        if current:
            last = current[-1][1]
            if abs(box[1] - last[1]) > max(size, 1) / 2 or box[0] < last[0] - 1:
                close()
        current.append((character, box, size))
    close()
    return words


def _page_plan(pdf, index: int, page_map: PdfPageMap, page_text: str, positions: set[int]) -> dict:
    """What the rebuilt page holds: the rendering with boxes burnt in, and the words left."""
    from PIL import ImageDraw

    page = pdf[index]
    left, bottom, right, top = page.get_cropbox()
    removed_boxes: list[Box] = []
    kept: list[tuple[str, Box, float]] = []
    if page_map.ocr_boxes is not None:
        for position, box in enumerate(page_map.ocr_boxes):
            if box is None:
                kept.append(("", (0, 0, 0, 0), 0))
            elif position in positions:
                removed_boxes.append(box)
                kept.append(("", box, 0))
            else:
                kept.append((page_text[position], box, (box[3] - box[1]) * 0.8))
    else:
        textpage = page.get_textpage()
        removed = {page_map.char_index[p] for p in positions if page_map.char_index[p] >= 0}
        for char in range(textpage.count_chars()):
            box = textpage.get_charbox(char, loose=True)
            if char in removed:
                removed_boxes.append(box)
                kept.append(("", box, 0))
                continue
            kept.append((_unicode(textpage, char), box, _font_size(textpage, char)))
    check_pixels((right - left) * RENDER_SCALE, (top - bottom) * RENDER_SCALE)
    rotation = page.get_rotation()
    page.set_rotation(0)
    try:
        image = page.render(scale=RENDER_SCALE, draw_annots=True).to_pil().convert("RGB")
    finally:
        page.set_rotation(rotation)
    draw = ImageDraw.Draw(image)
    for box_left, box_bottom, box_right, box_top in removed_boxes:
        draw.rectangle(
            (
                (box_left - left - BOX_MARGIN) * RENDER_SCALE,
                (top - box_top - BOX_MARGIN) * RENDER_SCALE,
                (box_right - left + BOX_MARGIN) * RENDER_SCALE,
                (top - box_bottom + BOX_MARGIN) * RENDER_SCALE,
            ),
            fill="black",
        )
    encoded, grey, flate = _encode(image)
    return {
        "image": encoded,
        "flate": flate,
        "size": image.size,
        "grey": grey,
        "cropbox": (left, bottom, right, top),
        "words": _words(kept),
    }


def _encode(image) -> tuple[bytes, bool, bool]:
    """The picture as stored: grey when it has no colour; then losslessly compressed when that is smaller
    (text on paper: about a third of the JPEG), else as JPEG (photos, scans). Gives (data, grey, flate)."""
    import zlib

    pixels = np.asarray(image)
    grey = int((pixels.max(axis=2).astype(np.int16) - pixels.min(axis=2)).max()) <= GREY_TOLERANCE
    stored = image.convert("L") if grey else image
    buffer = io.BytesIO()
    stored.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    if grey:
        lossless = zlib.compress(stored.tobytes(), 6)
        if len(lossless) < buffer.tell():
            return lossless, True, True
    return buffer.getvalue(), grey, False


def _unicode(textpage, char: int) -> str:
    import pypdfium2.raw as pdfium_c

    if pdfium_c.FPDFText_IsGenerated(textpage.raw, char) == 1:
        return " "
    code = pdfium_c.FPDFText_GetUnicode(textpage.raw, char)
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code <= 0xDFFF else " "


def _font_size(textpage, char: int) -> float:
    import pypdfium2.raw as pdfium_c

    return float(pdfium_c.FPDFText_GetFontSize(textpage.raw, char))


def _to_unicode_cmap() -> bytes:
    """A ToUnicode map for two-byte codes that are the characters' own UTF-16 values (the Basic
    Multilingual Plane; anything beyond is written as U+FFFD)."""
    ranges = [
        f"<{high:02X}00> <{high:02X}FF> <{high:02X}00>" for high in range(256) if not 0xD8 <= high <= 0xDF
    ]
    blocks = []
    for first in range(0, len(ranges), 100):
        chunk = ranges[first : first + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


def _text_font(document):
    """A font without glyphs (every code one em wide, nothing embedded) for invisible text: only its
    ToUnicode map matters, so it covers Chinese and English alike. OCR tools use the same device."""
    import pikepdf

    name = pikepdf.Name("/AiplusGlyphLess")
    descendant = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.CIDFontType2,
        BaseFont=name,
        CIDSystemInfo=pikepdf.Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor,
            FontName=name,
            Flags=5,
            FontBBox=[0, 0, 1000, 1000],
            ItalicAngle=0,
            Ascent=1000,
            Descent=0,
            CapHeight=1000,
            StemV=80,
        ),
        DW=1000,
        CIDToGIDMap=pikepdf.Name.Identity,
    )
    return document.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type0,
            BaseFont=name,
            Encoding=pikepdf.Name("/Identity-H"),
            DescendantFonts=[document.make_indirect(descendant)],
            ToUnicode=pikepdf.Stream(document, _to_unicode_cmap()),
        )
    )


def _content(plan: dict) -> bytes:
    left, bottom, right, top = plan["cropbox"]
    lines = [
        f"q {right - left:.3f} 0 0 {top - bottom:.3f} {left:.3f} {bottom:.3f} cm {IMAGE} Do Q",
        "BT 3 Tr",
    ]
    for text, (word_left, word_bottom, word_right, word_top), size in plan["words"]:
        size = size if size > 0 else max(word_top - word_bottom, 1.0)
        scale = 100 * (word_right - word_left) / (size * len(text)) if text else 100
        codes = "".join(f"{ord(c) if ord(c) <= 0xFFFF else 0xFFFD:04X}" for c in text)
        if len(text) == 1 and ord(text) > 0xFF:
            codes += "0020"  # pdfium drops a text object of one two-byte code above 0x00FF (a lone "。")
        lines.append(
            f"{FONT} {size:.2f} Tf {max(scale, 1):.2f} Tz 1 0 0 1 {word_left:.3f} {word_bottom:.3f} Tm <{codes}> Tj"
        )
    lines.append("ET")
    return "\n".join(lines).encode("ascii")


def _holds(value, removed: list[str]) -> bool:
    text = str(value).casefold()
    return any(item.casefold() in text for item in removed)


def _clean_annotations(page, removed_values: list[str], rebuilt: bool) -> None:
    """On a rebuilt page the annotations' appearances are burnt into the picture, so only links that hold
    no removed value stay; elsewhere an annotation whose text holds a removed value goes."""
    import pikepdf

    if "/Annots" not in page.obj:
        return
    kept = pikepdf.Array()
    for annotation in page.obj.Annots:
        strings = [annotation.get(key, "") for key in ("/Contents", "/T", "/TU", "/V", "/RC")]
        action = annotation.get("/A")
        if isinstance(action, pikepdf.Dictionary):
            strings.append(action.get("/URI", ""))
        if _holds(" ".join(str(s) for s in strings), removed_values):
            continue
        if rebuilt and annotation.get("/Subtype") != pikepdf.Name.Link:
            continue
        kept.append(annotation)
    page.obj.Annots = kept


def _clean_document(document, removed_values: list[str]) -> None:
    """Document information holding a removed value (and the author, a person's name) goes; so does the
    XMP packet, which repeats it; outline titles have removed values blacked out."""
    import pikepdf

    if "/Metadata" in document.Root:
        del document.Root.Metadata
    info = document.trailer.get("/Info")
    if isinstance(info, pikepdf.Dictionary):
        for key in list(info.keys()):
            if key == "/Author" or _holds(info[key], removed_values):
                del info[key]
    with document.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            for value in removed_values:
                item.title = _mask_text(item.title, value)
            stack.extend(item.children)


def _mask_text(text: str, value: str) -> str:
    import re

    return re.sub(re.escape(value), lambda m: "█" * len(m.group()), text, flags=re.IGNORECASE)


def redact_pdf(path: Path, extracted: Extracted, ranges: list[tuple[int, int]]) -> bytes:
    """The PDF with the characters in ``ranges`` (offsets into ``extracted.text``) removed."""
    import pikepdf

    removed_values = sorted({extracted.text[s:e].strip() for s, e in ranges} - {""}, key=len, reverse=True)
    marked = _redacted_positions(extracted, ranges)
    pdf = _open(path)
    try:
        plans = {}
        for index, positions in marked.items():
            page_map = extracted.pages[index]
            page_text = extracted.text[page_map.start : page_map.start + len(page_map.char_index)]
            plans[index] = _page_plan(pdf, index, page_map, page_text, positions)
    finally:
        pdf.close()
    try:
        document = pikepdf.open(path)
    except pikepdf.PdfError as exc:
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": "PDF"}, detail=str(exc)) from exc
    with document:
        font = _text_font(document) if plans else None
        for index, page in enumerate(document.pages):
            plan = plans.get(index)
            if plan is not None:
                width, height = plan["size"]
                image = pikepdf.Stream(
                    document,
                    plan["image"],
                    Type=pikepdf.Name.XObject,
                    Subtype=pikepdf.Name.Image,
                    Width=width,
                    Height=height,
                    ColorSpace=pikepdf.Name.DeviceGray if plan["grey"] else pikepdf.Name.DeviceRGB,
                    BitsPerComponent=8,
                    Filter=pikepdf.Name.FlateDecode if plan["flate"] else pikepdf.Name.DCTDecode,
                )
                page.obj.Contents = document.make_stream(_content(plan))
                page.obj.Resources = pikepdf.Dictionary(
                    XObject=pikepdf.Dictionary({IMAGE: image}), Font=pikepdf.Dictionary({FONT: font})
                )
                for key in ("/Thumb", "/PieceInfo", "/Group"):
                    if key in page.obj:
                        del page.obj[key]
            _clean_annotations(page, removed_values, rebuilt=plan is not None)
        _clean_document(document, removed_values)
        output = io.BytesIO()
        document.save(output, fix_metadata_version=False)
        return output.getvalue()
