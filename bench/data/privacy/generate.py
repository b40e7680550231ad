"""Writes hk_sentences.jsonl: Hong Kong sentences with labelled personal data and look-alike numbers.

Templates (templates.txt) are filled with values from values.json and made-up numbers (valid HKID check
characters, Luhn-valid cards, HK account formats); look-alikes (fees, case/form/ordinance numbers, public
hotlines, dates, invalid HKIDs, Luhn-invalid order numbers) are filled in but not labelled. Only the
labelled value is a span (titles such as Mr or 先生 are outside it, except a surname with its title alone,
陳先生, which is labelled whole). Fixed seed: rerunning gives the same file.

    .venv/bin/python bench/data/privacy/generate.py
"""

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELLED = {
    "P_EN": "PERSON",
    "P_EN_GIVEN": "PERSON",
    "P_EN_ROM": "PERSON",
    "P_ZH": "PERSON",
    "P_ZH_ST": "PERSON",
    "ADDR_EN": "ADDRESS",
    "ADDR_ZH": "ADDRESS",
    "HKID": "HKID",
    "PHONE": "PHONE",
    "EMAIL": "EMAIL",
    "CARD": "CREDIT_CARD",
    "BANK": "BANK_ACCOUNT",
    "PASSPORT": "PASSPORT",
}


def hkid(r: random.Random, valid: bool = True) -> str:
    letters = "".join(r.choice("ABCDEGHKMPRVWYZ") for _ in range(r.choice([1, 1, 1, 2])))
    digits = "".join(r.choice("0123456789") for _ in range(6))
    values = ([36] if len(letters) == 1 else []) + [ord(c) - 55 for c in letters] + [int(d) for d in digits]
    remainder = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True)) % 11
    check = "0" if remainder == 0 else "A" if remainder == 1 else str(11 - remainder)
    if not valid:
        check = r.choice([c for c in "0123456789A" if c != check])
    return r.choice(["{}{}({})", "{}{}（{}）", "{} {} ({})", "{}{}{}", "{}{} ({})"]).format(
        letters, digits, check
    )


def luhn_complete(prefix: str, length: int, r: random.Random, valid: bool = True) -> str:
    body = prefix + "".join(r.choice("0123456789") for _ in range(length - len(prefix) - 1))
    for check in "0123456789":
        total = 0
        for i, ch in enumerate(reversed(body + check)):
            v = int(ch) * (2 if i % 2 else 1)
            total += v - 9 if v > 9 else v
        if (total % 10 == 0) == valid:
            return body + check
    raise AssertionError


def card(r: random.Random, valid: bool = True) -> str:
    prefix, length = r.choice([("4", 16), ("51", 16), ("55", 16), ("37", 15), ("62", 16), ("35", 16)])
    digits = luhn_complete(prefix, length, r, valid)
    if length == 15:
        groups = [digits[:4], digits[4:10], digits[10:]]
    else:
        groups = [digits[i : i + 4] for i in range(0, 16, 4)]
    return r.choice([" ", "-", ""]).join(groups)


def phone(r: random.Random, first: str = "235679") -> str:
    d = r.choice(first) + "".join(r.choice("0123456789") for _ in range(7))
    local = r.choice(["{} {}", "{}{}", "{}-{}"]).format(d[:4], d[4:])
    return r.choice(["{}", "{}", "{}", "+852 {}", "(852) {}", "852-{}", "+852{}"]).format(local)


def digits(r: random.Random, n: int) -> str:
    return "".join(r.choice("0123456789") for _ in range(n))


def fill(slot: str, r: random.Random, v: dict) -> str:
    zh_name = r.choice(v["zh_surnames"]) + r.choice(v["zh_given"])
    en_names = [
        f"{r.choice(v['en_romanised_surnames'])} {r.choice(v['en_romanised_given'])}",
        f"{r.choice(v['en_romanised_surnames']).upper()} {r.choice(v['en_romanised_given']).replace('-', ' ')}",
        f"{r.choice(v['en_given'])} {r.choice(v['en_surnames'] + v['en_romanised_surnames'])}",
    ]
    n = r.randint(1, 40)
    values = {
        "P_EN": r.choice(en_names),
        "P_EN_ROM": en_names[0],
        "P_EN_GIVEN": r.choice(v["en_given"]),
        "P_ZH": zh_name,
        "P_ZH_ST": r.choice(v["zh_surnames"]) + r.choice(["先生", "女士", "小姐", "太太"]),
        "HKID": hkid(r),
        "BADHKID": hkid(r, valid=False),
        "PHONE": phone(r),
        "HOTLINE": r.choice(["1823", "2835 1473", phone(r, "23")]),
        "EMAIL": r.choice(
            [
                en_names[0].split()[0].lower() + "." + digits(r, 2),
                r.choice(v["en_given"]).lower() + digits(r, 3),
            ]
        )
        + "@"
        + r.choice(v["email_domains"]),
        "CARD": card(r),
        "ORDER": card(r, valid=False),
        "BANK": r.choice(
            [
                f"{digits(r, 3)}-{digits(r, 3)}-{digits(r, 5)}-{digits(r, 1)}",
                f"{digits(r, 3)}-{digits(r, 6)}-{digits(r, 3)}",
                f"{digits(r, 3)}-{digits(r, 3)}-{digits(r, 6)}",
                digits(r, 12),
            ]
        ),
        "PASSPORT": r.choice(["K" + digits(r, 8), "H" + digits(r, 8), "E" + digits(r, 8), digits(r, 9)]),
        "ADDR_EN": r.choice(
            [
                f"Flat {r.choice('ABCDEFGH')}, {n}/F, {r.choice(v['en_buildings'])}, {r.randint(1, 999)} {r.choice(v['en_streets'])}, {r.choice(v['en_districts'])}, {r.choice(v['en_regions'])}",
                f"Room {n}{r.randint(1, 30):02d}, Block {r.choice('ABC123')}, {r.choice(v['en_estates'])}, {r.choice(v['en_districts'])}",
                f"{r.randint(1, 999)} {r.choice(v['en_streets'])}, {r.choice(v['en_districts'])}",
                f"{n}th Floor, {r.choice(v['en_buildings'])}, {r.randint(1, 999)} {r.choice(v['en_streets'])}",
            ]
        ),
        "ADDR_ZH": r.choice(
            [
                f"{r.choice(v['zh_regions'])}{r.choice(v['zh_districts'])}{r.choice(v['zh_streets'])}{r.randint(1, 999)}號{r.choice(v['zh_buildings'])}{n}樓{r.choice('ABCDEFGH')}室",
                f"{r.choice(v['zh_districts'])}{r.choice(v['zh_estates'])}{r.choice(['美', '富', '康', '華'])}{r.choice(['輝', '安', '盛'])}樓{n}{r.randint(1, 30):02d}室",
                f"{r.choice(v['zh_regions'])}{r.choice(v['zh_districts'])}{r.choice(v['zh_streets'])}{r.randint(1, 999)}號",
                f"{r.choice(v['zh_buildings'])}{r.choice('一二三')}座{n}樓",
            ]
        ),
        "DEPT": r.choice(v["departments_en"]),
        "DEPT_ZH": r.choice(v["departments_zh"]),
        "FEE": r.choice(
            [
                f"HK${r.randint(100, 99999):,}",
                f"${r.randint(10_000_000, 99_999_999):,}",
                f"HK$ {digits(r, 8)}",
                f"HKD {r.randint(20_000_000, 99_999_999)}",
            ]
        ),
        "FEE_ZH": r.choice(
            [f"港幣{r.randint(100, 99999):,}元", f"${digits(r, 8)}", f"{r.randint(20_000_000, 99_999_999)}元"]
        ),
        "CASE": r.choice(
            [
                f"Case No. {r.randint(2015, 2026)}/{r.randint(1, 999)}",
                f"HCA {r.randint(1, 3000)}/{r.randint(2015, 2026)}",
                f"CM {r.randint(1, 99)}/{r.randint(2015, 2026)}",
                f"File No. {r.choice('23569')}{digits(r, 7)}",
                f"Ref: {r.choice('2356')}{digits(r, 3)} {digits(r, 4)}",
            ]
        ),
        "FORM": r.choice(["GF 340", "ID 91", "SF 123", "IR56B", "BD 106"]),
        "CAP": r.choice(["Cap. 486", "Cap 486", "Cap. 112", "Cap. 57"]),
        "CAP_ZH": r.choice(["第486章", "《個人資料（私隱）條例》（第486章）", "第112章"]),
        "DATE": r.choice(
            [
                f"{r.randint(1, 28)} March {r.randint(2015, 2026)}",
                f"{r.randint(2015, 2026)}-0{r.randint(1, 9)}-{r.randint(10, 28)}",
                f"{r.randint(2015, 2026)}0{r.randint(1, 9)}{r.randint(10, 28)}",
                f"{r.randint(10, 28)}/0{r.randint(1, 9)}/{r.randint(2015, 2026)}",
            ]
        ),
        "DATE_ZH": f"{r.randint(2015, 2026)}年{r.randint(1, 12)}月{r.randint(1, 28)}日",
        "YEAR": str(r.randint(1997, 2026)),
        "COUNT": f"{r.randint(1000, 99999):,}",
    }
    return values[slot]


def render(template: str, r: random.Random, v: dict) -> tuple[str, list[dict]]:
    text, spans, rest = "", [], template.replace("\\n", "\n")
    while "{" in rest:
        before, _, after = rest.partition("{")
        slot, _, rest = after.partition("}")
        text += before
        value = fill(slot, r, v)
        if slot in LABELLED:
            spans.append({"type": LABELLED[slot], "start": len(text), "end": len(text) + len(value)})
        text += value
    return text + rest, spans


def handwritten() -> list[dict]:
    """The sentences of handwritten.txt, whose labels are written inline as [TYPE|value]."""
    rows = []
    lines = (HERE / "handwritten.txt").read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(line for line in lines if line and not line.startswith("#")):
        language, marked = line.split("\t", 1)
        text, spans = "", []
        for piece in re.split(r"(\[[A-Z_]+\|[^\]]+\])", marked.replace("\\n", "\n")):
            label = re.fullmatch(r"\[([A-Z_]+)\|([^\]]+)\]", piece)
            if label:
                spans.append({"type": label[1], "start": len(text), "end": len(text) + len(label[2])})
                piece = label[2]
            text += piece
        rows.append(
            {
                "id": f"h{index:04d}",
                "language": language,
                "source": "handwritten",
                "text": text,
                "spans": spans,
            }
        )
    return rows


def main() -> None:
    r = random.Random(20261207)
    values = json.loads((HERE / "values.json").read_text(encoding="utf-8"))
    lines = (HERE / "templates.txt").read_text(encoding="utf-8").splitlines()
    templates = [line.split("\t", 1) for line in lines if line and not line.startswith("#")]
    rows = []
    for index in range(720):
        language, template = templates[index % len(templates)]
        text, spans = render(template, r, values)
        rows.append(
            {"id": f"g{index:04d}", "language": language, "source": "generated", "text": text, "spans": spans}
        )
    rows += handwritten()
    with (HERE / "hk_sentences.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences written to {HERE / 'hk_sentences.jsonl'}")


if __name__ == "__main__":
    main()
