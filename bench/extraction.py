"""Field extraction without a model on 70 filled forms and letters: field accuracy per type.

Documents are made on each run, with a fixed seed, from seven templates (an English letter and an English
form as PDF text, a Chinese letter and a bilingual table form as DOCX, a Chinese form with each value on the
line under its label as PDF, a bilingual form rendered to an image and read by OCR, half as PNG and half as
a scanned PDF, and a memo written after the extractor was, as a held-out layout), filled with people from ``bench/data/extraction/people.json`` (see the README
there). Each document goes through ``read_pages`` and ``extract_fields``, as the page, the API and the CLI
do. A value is right when its normalised form (ISO date, amount to the cent, eight-digit phone, HKID with
its check character in brackets) or, for names, addresses and references, its text with spaces collapsed,
equals the one written into the document. Run:

    .venv/bin/python bench/extraction.py [--verbose] [--no-ocr]
"""

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench/data/extraction"
RESULTS = ROOT / "bench/results"
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
PER_TEMPLATE = 10


def _django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    os.environ.setdefault("AIPLUS_HOME", tempfile.mkdtemp(prefix="aiplus-bench-"))
    os.environ.setdefault("AIPLUS_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def _hkid(rng: random.Random) -> str:
    from aiplus.privacy.detect import hkid_valid

    letter, digits = rng.choice("ACDEGHKMPRVWYZ"), f"{rng.randrange(10**6):06d}"
    check = next(c for c in "0123456789A" if hkid_valid(f"{letter}{digits}{c}"))
    return f"{letter}{digits}({check})"


def record(rng: random.Random, people: dict, number: int) -> dict:
    """One person's values, with the normalised form the extraction should give."""
    index = rng.randrange(len(people["names_en"]))
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice([2024, 2025, 2026])
    amount = rng.choice([80, 330, 1330, 2500, 12000]) + rng.choice([0, 0, 0.5])
    phone = f"{rng.choice('23569')}{rng.randrange(10**7):07d}"
    surname, *given = people["names_en"][index].split()
    email = f"{'.'.join(g.lower() for g in given)}.{surname.lower()}{number}@example.com"
    return {
        "name_en": people["names_en"][index],
        "name_zh": people["names_zh"][index],
        "address_en": rng.choice(people["addresses_en"]),
        "address_zh": rng.choice(people["addresses_zh"]),
        "hkid": _hkid(rng),
        "date": (year, month, day),
        "amount": amount,
        "phone": phone,
        "email": email,
        "reference": rng.choice(
            [f"DSD/LIC/{year}/{number:04d}", f"HPD-{year}-{number:05d}", f"TRD/APP/{number:03d}/{year}"]
        ),
    }


def _phone(value: str, rng: random.Random) -> str:
    return rng.choice([f"{value[:4]} {value[4:]}", value, f"+852 {value[:4]} {value[4:]}"])


def _money(amount: float) -> str:
    return f"{amount:,.2f}" if amount % 1 else f"{int(amount):,}"


def lines_for(template: str, r: dict, rng: random.Random) -> tuple[list[str], dict]:
    """The document's lines and what each field should be found as."""
    from aiplus.pilot.proofread.consistency import MONTHS

    year, month, day = r["date"]
    expected = {
        "reference": r["reference"],
        "hkid": r["hkid"],
        "date": f"{year:04d}-{month:02d}-{day:02d}",
        "amount": f"{r['amount']:.2f}",
        "phone": r["phone"],
        "email": r["email"],
    }
    phone = _phone(r["phone"], rng)
    if template == "en_letter":
        expected |= {"applicant": r["name_en"], "address": r["address_en"]}
        return [
            "Demo Services Department",
            f"Our Ref.: {r['reference']}",
            f"Date: {day} {MONTHS[month - 1]} {year}",
            "",
            f"Mr/Ms {r['name_en']}",
            r["address_en"],
            "",
            "Dear Sir/Madam,",
            "Application for a Hawker Licence",
            f"We acknowledge receipt of your application. Please pay the fee of HK${_money(r['amount'])} within",
            f"14 days. For enquiries, please call {phone} or write to {r['email']}.",
            f"HKID No. on record: {r['hkid']}",
        ], expected
    if template == "zh_letter":
        expected |= {"applicant": r["name_zh"], "address": r["address_zh"]}
        return [
            "示範服務署",
            f"本署檔號：{r['reference']}",
            f"日期：{year}年{month}月{day}日",
            f"申請人姓名：{r['name_zh']}",
            f"地址：{r['address_zh']}",
            f"本署已收到閣下的申請。請於十四天內繳付牌照費港幣{_money(r['amount'])}元。",
            f"如有查詢，請致電{phone}或電郵至{r['email']}。",
            f"身份證號碼：{r['hkid']}",
        ], expected
    if template == "table":
        expected |= {"applicant": r["name_en"], "address": r["address_en"]}
        return [
            "Application No. 申請編號 | " + r["reference"],
            "Name of Applicant 申請人姓名 | " + r["name_en"],
            "HKID No. 身份證號碼 | " + r["hkid"],
            f"Date of Application 申請日期 | {day:02d}/{month:02d}/{year}",
            "Amount Payable 應繳金額 | HK$" + _money(r["amount"]),
            "Contact Number 聯絡電話 | " + phone,
            "Email Address 電郵地址 | " + r["email"],
            "Correspondence Address 通訊地址 | " + r["address_en"],
        ], expected
    if template in ("en_form", "scan"):
        expected |= {"applicant": r["name_en"], "address": r["address_en"]}
        return [
            "APPLICATION FOR RENEWAL OF LICENCE 牌照續期申請表",
            f"Case No. 個案編號: {r['reference']}",
            f"1. Name of Applicant 申請人姓名: {r['name_en']}",
            f"2. HKID No. 身份證號碼: {r['hkid']}",
            f"3. Address 地址: {r['address_en']}",
            f"4. Telephone No.: {phone}    Email: {r['email']}",
            f"5. Fee 費用: HK${_money(r['amount'])}",
            f"Date 日期: {day} {MONTHS[month - 1][:3]} {year}",
        ], expected
    if template == "held_out":
        # Written after the extractor, and never used to change it: its figures are the held-out ones.
        expected |= {"applicant": r["name_en"], "address": r["address_en"]}
        return [
            "MEMO - Licensing Section",
            f"Ref: {r['reference']}           Received on {day}.{month}.{year}",
            "Particulars of the applicant",
            f"Applicant: {r['name_en']}",
            f"Identity Card No. {r['hkid']}",
            f"Tel. No. {phone}",
            f"E-mail address - {r['email']}",
            f"Correspondence address: {r['address_en']}",
            f"Payment received: ${_money(r['amount'])} (cheque)",
        ], expected
    expected |= {"applicant": r["name_zh"], "address": r["address_zh"]}
    return [  # zh_form: each value on the line under its label
        "牌照申請表",
        "參考編號：",
        r["reference"],
        "申請人姓名：",
        r["name_zh"],
        "香港身份證號碼：",
        r["hkid"].replace("(", "（").replace(")", "）"),
        "申請日期：",
        f"{year}年{month}月{day}日",
        "應繳金額：",
        f"港幣 {_money(r['amount'])} 元",
        "聯絡電話：",
        phone,
        "電郵地址：",
        r["email"],
        "通訊地址：",
        r["address_zh"],
    ], expected


def write_pdf(path: Path, lines: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("MSung-Light", 11)
    for number, line in enumerate(lines):
        pdf.drawString(60, 780 - number * 20, line)
    pdf.save()


def write_docx(path: Path, lines: list[str]) -> None:
    import docx

    document = docx.Document()
    rows = [line.split(" | ") for line in lines if " | " in line]
    if rows:
        table = document.add_table(rows=len(rows), cols=2)
        for at, (label, value) in enumerate(rows):
            table.cell(at, 0).text, table.cell(at, 1).text = label, value
    else:
        for line in lines:
            document.add_paragraph(line)
    document.save(path)


def write_scan(path: Path, lines: list[str], *, as_pdf: bool) -> None:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 30)
    image = Image.new("L", (1654, 1169), 255)  # A4 landscape at 100 dpi, so long lines fit
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((60, 80 + number * 70), line, fill=0, font=font)
    if not as_pdf:
        image.save(path)
        return
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=landscape(A4))
    pdf.drawImage(ImageReader(image), 0, 0, *landscape(A4))
    pdf.save()


TEMPLATES = {
    "en_letter": ".pdf",
    "zh_letter": ".docx",
    "table": ".docx",
    "en_form": ".pdf",
    "zh_form": ".pdf",
    "scan": "",
    "held_out": ".docx",
}


def make_documents(folder: Path, *, ocr: bool) -> list[dict]:
    rng = random.Random(20261207)
    people = json.loads((DATA / "people.json").read_text("utf-8"))
    documents = []
    for template, suffix in TEMPLATES.items():
        if template == "scan" and not ocr:
            continue
        for number in range(PER_TEMPLATE):
            r = record(rng, people, len(documents) + 1)
            lines, expected = lines_for(template, r, rng)
            if template == "scan":
                suffix = ".png" if number % 2 else ".pdf"
                path = folder / f"{template}-{number}{suffix}"
                write_scan(path, lines, as_pdf=suffix == ".pdf")
            else:
                path = folder / f"{template}-{number}{suffix}"
                (write_pdf if suffix == ".pdf" else write_docx)(path, lines)
            documents.append({"template": template, "path": path, "expected": expected})
    return documents


def comparable(field_type: str, value) -> str:
    return " ".join(str(value).split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="List every wrong value.")
    parser.add_argument("--no-ocr", action="store_true", help="Leave out the scanned documents (faster).")
    options = parser.parse_args()
    _django()
    from aiplus.pilot.extract import extract_fields, parse_schema, read_pages
    from aiplus.pilot.extract.schema import EXAMPLE_SCHEMA

    schema = parse_schema(EXAMPLE_SCHEMA)
    types = {f.name: f.type for f in schema.fields}
    per_type = defaultdict(lambda: {"n": 0, "right": 0, "found": 0})
    per_template = defaultdict(lambda: {"n": 0, "right": 0})
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        documents = make_documents(Path(folder), ocr=not options.no_ocr)
        for document in documents:
            path = document["path"]
            values = {v.name: v for v in extract_fields(read_pages(path.read_bytes(), path.name), schema)}
            for name, expected in document["expected"].items():
                value = values[name]
                got = (
                    value.normalised if types[name] not in ("name", "address", "case_number") else value.value
                )
                right = value.found and comparable(types[name], got) == comparable(types[name], expected)
                for row in (per_type[types[name]], per_template[document["template"]]):
                    row["n"] += 1
                    row["right"] += right
                per_type[types[name]]["found"] += value.found
                if options.verbose and not right:
                    print(f"{path.name} {name}: got {got!r}, expected {expected!r}", file=sys.stderr)
    seconds = time.monotonic() - started
    total = {key: sum(row[key] for row in per_type.values()) for key in ("n", "right", "found")}
    print(
        f"Documents: {len(documents)} ({', '.join(f'{t} {PER_TEMPLATE}' for t in per_template)}); {seconds:.0f} s"
    )
    print(f"{'field type':<14}{'n':>5}{'found':>8}{'accuracy':>10}")
    for kind, row in [*sorted(per_type.items()), ("all", total)]:
        print(f"{kind:<14}{row['n']:>5}{row['found'] / row['n']:>8.3f}{row['right'] / row['n']:>10.3f}")
    print(f"{'template':<14}{'n':>5}{'accuracy':>18}")
    for template, row in per_template.items():
        print(f"{template:<14}{row['n']:>5}{row['right'] / row['n']:>18.3f}")
    RESULTS.mkdir(exist_ok=True)
    figures = {
        "per_type": dict(per_type),
        "per_template": dict(per_template),
        "all": total,
        "seconds": seconds,
    }
    (RESULTS / "extraction.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
