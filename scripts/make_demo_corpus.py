"""Generate the bilingual demo knowledge collection shipped with aiplus.

The collection is a set of fictional public-service guidance documents for the
"Demo Services Department" (示範服務署), in English and Traditional Chinese
(Hong Kong usage), in the formats that a first-time user is likely to upload:
text PDFs, scanned image PDFs without a text layer, a scanned PNG, DOCX, HTML,
Markdown, plain text and an XLSX fee table. All names, addresses, telephone
numbers, fees and rules are invented and internally consistent, so that
questions asked against the collection have definite answers.

The source text lives in this file as data (``DOCUMENTS``, a list of dicts);
each output format has exactly one writer function. Files are written to
``src/aiplus/demo/corpus/`` (relative to the repository root), keeping their
topic sub-folders. Running the script again overwrites the generated files and
removes generated files that are no longer listed here.

Rerun with::

    .venv/bin/python scripts/make_demo_corpus.py

Document structure
------------------
Each document is a dict with ``path`` (relative to the corpus folder),
``title``, ``lang`` ("en", "zh-Hant" or "en+zh-Hant"), ``format`` (a key of
``WRITERS``) and either ``sections`` or, for spreadsheets, ``sheets``.
A section has a ``heading``, a ``body`` and an optional ``new_page`` flag.
Body blocks are typed by their Python type:

* ``str``: a paragraph;
* ``list[str]``: a bulleted list;
* ``tuple[tuple[str, ...], ...]``: a table whose first row is the header.
"""

from __future__ import annotations

import functools
import html
import re
import textwrap
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import numpy as np
import openpyxl
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import cidfonts, pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = REPO_ROOT / "src" / "aiplus" / "demo" / "corpus"
NOTO_DIR = Path("/usr/share/fonts/opentype/noto")

DEPT_EN = "Demo Services Department"
DEPT_ZH = "示範服務署"
# Fixed date used for file metadata, so that reruns give stable output.
META_DATE = datetime(2026, 4, 1, 9, 0, 0)

Block = str | list[str] | tuple[tuple[str, ...], ...]


def section(heading: str, *body: Block, new_page: bool = False) -> dict[str, Any]:
    """Build one document section (see the module docstring)."""
    return {"heading": heading, "body": list(body), "new_page": new_page}


def document(path: str, title: str, lang: str, fmt: str, *sections: dict[str, Any]) -> dict[str, Any]:
    """Build one document record (see the module docstring)."""
    return {
        "path": path,
        "title": title,
        "lang": lang,
        "format": fmt,
        "sections": list(sections),
    }


# ---------------------------------------------------------------------------
# Fee tables: one source for the fee schedule PDF and the XLSX fee table.
# Columns: code, item (English), item (Chinese), fee in HK$, unit (English),
# unit (Chinese), notes (bilingual).
# ---------------------------------------------------------------------------

FeeRow = tuple[str, str, str, float, str, str, str]

LICENCE_FEES: list[FeeRow] = [
    (
        "DL-01",
        "Dog licence (3 years)",
        "狗隻牌照（三年）",
        120,
        "per dog",
        "每隻狗",
        "Waived under the Fee Waiver Scheme / 費用豁免計劃下全免",
    ),
    (
        "DL-02",
        "Dog licence, desexed dog (3 years)",
        "已絕育狗隻牌照（三年）",
        60,
        "per dog",
        "每隻狗",
        "Veterinary desexing certificate required / 須出示獸醫絕育證明",
    ),
    (
        "DL-03",
        "Late renewal surcharge, dog licence",
        "狗隻牌照逾期續期附加費",
        50,
        "per licence",
        "每個牌照",
        "Renewal more than 30 calendar days after expiry / 屆滿後超過30個曆日續期",
    ),
    (
        "DL-04",
        "Replacement dog licence or dog tag",
        "補領狗隻牌照或狗牌",
        35,
        "per item",
        "每項",
        "Waived under the Fee Waiver Scheme / 費用豁免計劃下全免",
    ),
    (
        "DL-05",
        "Rabies vaccination at an Animal Management Centre",
        "於動物管理中心接種狂犬病疫苗",
        90,
        "per dose",
        "每劑",
        "Waived under the Fee Waiver Scheme / 費用豁免計劃下全免",
    ),
    (
        "DL-06",
        "Microchip implantation",
        "植入晶片",
        70,
        "per dog",
        "每隻狗",
        "Waived under the Fee Waiver Scheme / 費用豁免計劃下全免",
    ),
    (
        "HK-01",
        "Hawker licence application fee (allocation exercise)",
        "小販牌照申請費（簽發牌照計劃）",
        180,
        "per application",
        "每份申請",
        "Non-refundable / 不設退款",
    ),
    (
        "HK-02",
        "Fixed-pitch hawker licence (12 months)",
        "固定攤位小販牌照（12個月）",
        1200,
        "per year",
        "每年",
        "50% reduction under the Fee Waiver Scheme / 費用豁免計劃下減半",
    ),
    (
        "HK-03",
        "Itinerant hawker licence (12 months)",
        "流動小販牌照（12個月）",
        900,
        "per year",
        "每年",
        "50% reduction under the Fee Waiver Scheme / 費用豁免計劃下減半",
    ),
    ("HK-04", "Registration of a hawker assistant", "登記小販助手", 150, "per assistant", "每名助手", ""),
    (
        "HK-05",
        "Late renewal surcharge, hawker licence",
        "小販牌照逾期續期附加費",
        200,
        "per licence",
        "每個牌照",
        "Renewal within 30 calendar days after expiry / 屆滿後30個曆日內續期",
    ),
    (
        "HK-06",
        "Replacement hawker licence",
        "補領小販牌照",
        95,
        "per licence",
        "每個牌照",
        "Ready in 5 working days / 5個工作天內發出",
    ),
    (
        "TF-01",
        "Temporary food licence (up to 14 days)",
        "臨時食物牌照（最長14日）",
        420,
        "per stall per event",
        "每個攤位每項活動",
        "Apply 15 working days ahead / 須於15個工作天前申請",
    ),
    (
        "LQ-01",
        "Liquor licence, new application (first 12 months)",
        "酒牌新申請（包括首12個月）",
        2300,
        "per licence",
        "每個牌照",
        "",
    ),
    (
        "LQ-02",
        "Liquor licence, renewal (12 months)",
        "酒牌續期（12個月）",
        1900,
        "per licence",
        "每個牌照",
        "",
    ),
    ("LQ-03", "Transfer of a liquor licence", "酒牌轉讓", 1100, "per transfer", "每次", ""),
    (
        "LQ-04",
        "Temporary liquor licence (up to 7 days)",
        "臨時酒牌（最長7日）",
        650,
        "per event",
        "每項活動",
        "",
    ),
    ("LQ-05", "Replacement liquor licence", "補領酒牌", 260, "per licence", "每個牌照", ""),
]

OTHER_FEES: list[FeeRow] = [
    ("VB-01", "Community hall hire", "社區會堂租用", 210, "per hour", "每小時", ""),
    (
        "VB-02",
        "Community hall hire, registered non-profit body",
        "社區會堂租用（註冊非牟利團體）",
        105,
        "per hour",
        "每小時",
        "",
    ),
    ("VB-03", "Activity room hire", "活動室租用", 95, "per hour", "每小時", ""),
    (
        "VB-04",
        "Activity room hire, registered non-profit body",
        "活動室租用（註冊非牟利團體）",
        48,
        "per hour",
        "每小時",
        "",
    ),
    (
        "VB-05",
        "Venue booking deposit (refundable)",
        "場地租用按金（可退還）",
        500,
        "per booking",
        "每次預訂",
        "Returned within 20 working days / 20個工作天內退還",
    ),
    (
        "VB-06",
        "Venue cancellation administrative fee",
        "取消場地預訂行政費",
        50,
        "per booking",
        "每次預訂",
        "Cancellation 14 or more days ahead / 14日或以前取消",
    ),
    (
        "IN-01",
        "Photocopy, A4",
        "A4影印本",
        1.5,
        "per page",
        "每頁",
        "Information and personal data requests / 索取資料及查閱資料要求",
    ),
    (
        "IN-02",
        "Photocopy, A3",
        "A3影印本",
        2.6,
        "per page",
        "每頁",
        "Information and personal data requests / 索取資料及查閱資料要求",
    ),
    (
        "IN-03",
        "Electronic copy on a USB storage device",
        "以USB儲存裝置提供電子副本",
        30,
        "per device",
        "每個裝置",
        "Copies sent by e-mail are free / 以電郵傳送免費",
    ),
    ("AD-01", "Certified true copy of a licence", "牌照核證副本", 45, "per copy", "每份", ""),
    ("AD-02", "Dishonoured cheque administrative charge", "退票行政費", 100, "per cheque", "每張支票", ""),
    (
        "AD-03",
        "Change of address on a licence",
        "更改牌照地址",
        0,
        "per application",
        "每份申請",
        "Free / 免費",
    ),
    ("AD-04", "Licensing appeal", "牌照上訴", 0, "per appeal", "每宗上訴", "Free / 免費"),
]


def fmt_fee(fee: float) -> str:
    """Format a fee for display, e.g. 1200 -> "1,200", 1.5 -> "1.50"."""
    return f"{fee:,.0f}" if float(fee).is_integer() else f"{fee:,.2f}"


def fee_table_en(rows: list[FeeRow]) -> tuple[tuple[str, ...], ...]:
    """English table (code, item, fee, unit) for the printed fee schedule."""
    header = ("Code", "Item", "Fee (HK$)", "Unit")
    return (header, *((r[0], r[1], fmt_fee(r[3]), r[4]) for r in rows))


def fee_sheet(rows: list[FeeRow]) -> list[tuple[Any, ...]]:
    """Bilingual spreadsheet rows, with a header row."""
    header = ("Code 編號", "Item", "項目", "Fee (HK$) 費用（港幣）", "Unit", "單位", "Notes 備註")
    return [header, *((r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows)]


# ---------------------------------------------------------------------------
# Licensing: dog, hawker, temporary food and liquor licences, replacements,
# change of address.
# ---------------------------------------------------------------------------

LICENSING_DOCS = [
    document(
        "licensing/dog-licence-application-and-renewal-en.pdf",
        "Dog Licence: Application and Renewal Guide",
        "en",
        "pdf",
        section(
            "About this guide",
            "Guidance Note DSD-GN-01 (revised April 2026).",
            "This guide explains how to licence a dog for the first time, how to "
            "renew a dog licence, the fees and where to go. Licensing helps the "
            "Demo Services Department (DSD) to prevent rabies and to return lost "
            "dogs to their owners.",
        ),
        section(
            "Who needs a dog licence",
            "Every dog aged five months or above must be licensed, vaccinated "
            "against rabies and implanted with a microchip. You must apply within "
            "30 calendar days after your dog reaches five months of age, or within "
            "30 calendar days after you acquire the dog, whichever is later. The "
            "owner must be aged 18 or above and hold a Hong Kong Identity Card or "
            "a valid travel document.",
            "Keeping a dog without a valid licence is an offence. The maximum "
            "penalty is a fine of HK$10,000.",
        ),
        section(
            "Validity of a licence",
            "A dog licence is valid for three years and expires on the same date "
            "as the dog's rabies vaccination, so the dog must be vaccinated again "
            "each time the licence is renewed. A metal dog tag bearing the licence "
            "number is issued with every new or renewed licence and must be worn "
            "on the dog's collar in public places.",
        ),
        section(
            "Fees",
            [
                "Dog licence (three years): HK$120.",
                "Dog licence for a desexed dog (three years): HK$60, with a veterinary desexing certificate.",
                "Rabies vaccination at a DSD Animal Management Centre: HK$90 per dose.",
                "Microchip implantation at a DSD Animal Management Centre: HK$70.",
                "Late renewal surcharge: HK$50, payable if the licence is renewed "
                "more than 30 calendar days after expiry.",
                "Replacement of a lost licence or dog tag: HK$35.",
            ],
            "Owners approved under the Fee Waiver Scheme for Low-income Applicants "
            "pay no licence, vaccination, microchip or replacement fee. Private "
            "veterinary clinics set their own vaccination charges.",
        ),
        section(
            "Applying for a new licence",
            "New applications are handled in person at either of the two DSD "
            "Animal Management Centres. Bring your dog on a leash, your identity "
            "document, Form DSD-DL1 and any vaccination or microchip record issued "
            "by a private veterinarian. If needed, our veterinary staff vaccinate "
            "and microchip the dog during the same visit. The licence and tag are "
            "normally issued on the spot; the visit takes about 30 minutes.",
        ),
        section(
            "When to renew",
            "You may renew from three months before the expiry date until 30 "
            "calendar days after it without any surcharge. DSD sends a reminder "
            "letter, and an SMS if you have registered a mobile number, about six "
            "weeks before the licence expires. Not receiving a reminder does not "
            "extend the deadline.",
        ),
        section(
            "Four ways to renew",
            [
                "In person at an Animal Management Centre: bring the dog, your "
                "identity document and the current licence. The dog is vaccinated "
                "again and the renewed licence and a new tag are issued on the spot.",
                "At a Partner Veterinary Clinic: 58 private clinics take part in the "
                "Partner Vet Scheme. The clinic vaccinates the dog and submits the "
                "renewal electronically; the renewed licence and tag are posted to "
                "you within 5 working days.",
                "Online through DSD e-Services (eservices.dsd.demo.example): "
                "available if the dog has already been vaccinated again by a private "
                "veterinarian within the past three months. Upload the vaccination "
                "certificate and pay by credit card or FPS. The licence and tag are "
                "posted within 5 working days.",
                "By post to the Kowloon and New Territories Animal Management "
                "Centre: processed within 10 working days (see Annex A).",
            ],
            "Dog licences are not issued or renewed at the general service counters "
            "(the Central Licensing Office, the Kowloon Service Counter and the New "
            "Territories Service Counter).",
        ),
        section(
            "Animal Management Centres",
            (
                ("Centre", "Address", "Opening hours"),
                (
                    "Island Animal Management Centre",
                    "2/F, Chai Wan Demo Complex, 40 Specimen Street, Chai Wan",
                    "Mon to Fri 9:00 am to 5:00 pm; Sat 9:00 am to 12:00 noon",
                ),
                (
                    "Kowloon and New Territories Animal Management Centre",
                    "18 Kennel Road, Sha Tin",
                    "Mon to Fri 9:00 am to 5:00 pm; Sat 9:00 am to 12:00 noon",
                ),
            ),
            "Both centres are closed on Sundays and public holidays. Vaccinations "
            "are not given between 1:00 pm and 2:00 pm. The last vaccination of the "
            "day is at 4:30 pm on weekdays and at 11:30 am on Saturdays.",
        ),
        section(
            "Annex A: Checklist for renewal by post",
            [
                "Completed Form DSD-DL2, signed by the licensed owner.",
                "Copy of the rabies vaccination certificate issued within the past "
                "three months, showing the dog's microchip number.",
                "Copy of the desexing certificate, if you are claiming the HK$60 fee.",
                'Crossed cheque payable to "Demo Services Department" for HK$120 or '
                "HK$60, plus HK$50 if you are renewing more than 30 calendar days "
                "after expiry. Do not send cash.",
            ],
            "Post to: Dog Licensing Unit, Kowloon and New Territories Animal "
            "Management Centre, 18 Kennel Road, Sha Tin. Write the licence number "
            "on the back of the cheque. The licence and tag are returned by "
            "registered post.",
            new_page=True,
        ),
        section(
            "Annex B: Transfer, change of particulars and death of a dog",
            "A new owner, a change of the owner's address and the death of a "
            "licensed dog must each be reported within 14 calendar days, free of "
            "charge, using Form DSD-DL3. If the dog dies, return the tag at a "
            "centre or by post.",
        ),
        section(
            "Enquiries",
            "Dog licensing hotline: 2000 0122. E-mail: enquiry@dsd.demo.example.",
        ),
    ),
    document(
        "licensing/dog-licence-application-and-renewal-zh.pdf",
        "狗隻牌照申請及續期指南",
        "zh-Hant",
        "pdf",
        section(
            "關於本指南",
            "指引編號DSD-GN-01C（二〇二六年四月修訂）。",
            "本指南說明首次為狗隻申領牌照的程序、狗隻牌照（俗稱「狗牌」）的續期方法、"
            "應繳費用及辦理地點。為狗隻領牌有助示範服務署（示範署）追查狗主、預防狂犬病，"
            "以及協助走失的狗隻返回家中。",
        ),
        section(
            "哪些狗隻需要領牌",
            "所有年滿五個月的狗隻均須領有牌照、接種狂犬病疫苗及植入晶片。狗主須於狗隻"
            "年滿五個月後30個曆日內，或於取得狗隻後30個曆日內（以較遲者為準）提出申請。"
            "申請人必須年滿18歲，並持有香港身份證或有效旅行證件。",
            "飼養沒有有效牌照的狗隻屬違法，最高可被罰款港幣10,000元。",
        ),
        section(
            "牌照有效期",
            "狗隻牌照有效期為三年，屆滿日期與狗隻狂犬病疫苗的有效期相同。因此，每次"
            "續期時狗隻必須再次接種疫苗。每個新簽發或續期的牌照均附有印上牌照號碼的"
            "金屬狗牌，狗隻在公眾地方時必須一直佩戴。",
        ),
        section(
            "收費",
            [
                "狗隻牌照（三年）：港幣120元。",
                "已絕育狗隻牌照（三年）：港幣60元，須出示獸醫發出的絕育證明。",
                "於動物管理中心接種狂犬病疫苗：每劑港幣90元。",
                "於動物管理中心植入晶片：港幣70元。",
                "逾期續期附加費：港幣50元（於牌照屆滿後超過30個曆日才續期）。",
                "補領遺失的牌照或狗牌：港幣35元。",
            ],
            "獲批「低收入申請人費用豁免計劃」的狗主，可獲豁免牌照費、疫苗注射費、"
            "晶片植入費及補領費。私家獸醫診所的疫苗收費由診所自行釐定。",
        ),
        section(
            "續期時間",
            "狗主可於牌照屆滿前三個月起，至屆滿後30個曆日內辦理續期，無須繳付附加費。"
            "本署會在牌照屆滿前約六星期寄出提示信；如已登記手提電話號碼，亦會發出短訊"
            "提示。沒有收到提示並不會延長續期期限，請確保本署記錄的聯絡資料正確。",
        ),
        section(
            "四種續期方法",
            [
                "親臨動物管理中心：帶同狗隻、身份證明文件及現有牌照。狗隻即場再次接種"
                "疫苗，新牌照及狗牌即場發出。",
                "合作獸醫診所：全港共有58間私家獸醫診所參與「合作獸醫計劃」。診所為狗隻"
                "接種疫苗後，會以電子方式代為提交續期申請，新牌照及狗牌會於5個工作天內"
                "郵寄給狗主。",
                "網上辦理：如狗隻已於過去三個月內由私家獸醫接種疫苗，可透過示範署電子"
                "服務（eservices.dsd.demo.example）上載疫苗證明書，並以信用卡或轉數快"
                "繳費。新牌照及狗牌會於5個工作天內郵寄。",
                "郵寄辦理：將表格DSD-DL2、新疫苗證明書副本及劃線支票寄往九龍及新界動物"
                "管理中心，一般於10個工作天內處理（見附件甲）。",
            ],
            "請注意：中央牌照辦事處、九龍服務櫃位及新界服務櫃位並不辦理狗隻牌照的簽發或續期。",
        ),
        section(
            "動物管理中心地址及辦公時間",
            (
                ("中心", "地址", "辦公時間"),
                (
                    "港島動物管理中心",
                    "柴灣標本街40號柴灣示範綜合大樓2樓",
                    "星期一至五上午9時至下午5時；星期六上午9時至中午12時",
                ),
                (
                    "九龍及新界動物管理中心",
                    "沙田犬舍路18號",
                    "星期一至五上午9時至下午5時；星期六上午9時至中午12時",
                ),
            ),
            "兩間中心逢星期日及公眾假期休息。下午1時至2時不提供疫苗注射；平日最後一次"
            "注射時間為下午4時30分，星期六為上午11時30分。",
        ),
        section(
            "附件甲：郵寄續期清單",
            [
                "已填妥並由狗主簽署的表格DSD-DL2。",
                "於過去三個月內簽發、載有狗隻晶片號碼的狂犬病疫苗證明書副本。",
                "如申請港幣60元的收費，須附上絕育證明書副本。",
                "抬頭為「示範服務署」的劃線支票，金額為港幣120元或60元；如於屆滿後超過"
                "30個曆日才續期，另加港幣50元。切勿郵寄現金。",
            ],
            "郵寄地址：沙田犬舍路18號九龍及新界動物管理中心狗隻牌照組。請在支票背面"
            "寫上牌照號碼。新牌照及狗牌會以掛號郵件寄回，無須附上回郵信封。",
            new_page=True,
        ),
        section(
            "附件乙：轉讓、更改資料及狗隻死亡",
            "如狗隻轉由他人飼養，新狗主須於14個曆日內以表格DSD-DL3通知本署，不收費用。"
            "狗主更改住址亦須於14個曆日內通知本署。如領有牌照的狗隻死亡，請於14個曆日"
            "內通知本署，並把狗牌交回動物管理中心或以郵寄方式交回。",
        ),
        section(
            "查詢",
            "狗隻牌照查詢熱線：2000 0122（星期一至五上午9時至下午5時，星期六上午9時至"
            "中午12時）；電郵：enquiry@dsd.demo.example。",
        ),
    ),
    document(
        "licensing/dog-licence-faq-zh.html",
        "狗隻牌照常見問題",
        "zh-Hant",
        "html",
        section(
            "點樣為狗牌續期？",
            "狗隻牌照（狗牌）有效期為三年，可以用四種方法續期：（一）親身帶同狗隻到"
            "港島動物管理中心或九龍及新界動物管理中心，即場打針及領取新牌照和狗牌；"
            "（二）到參與「合作獸醫計劃」的58間私家獸醫診所打針，由診所代為遞交申請；"
            "（三）如狗隻已由私家獸醫打針，可於示範署電子服務網上續期；（四）郵寄表格"
            "DSD-DL2、疫苗證明書副本及劃線支票到九龍及新界動物管理中心。",
            "網上及經合作獸醫診所續期，新牌照會於5個工作天內寄出；郵寄申請需時10個工作天。",
        ),
        section(
            "幾時可以續期？遲咗續會點？",
            "牌照屆滿前三個月起可以續期。屆滿後30個曆日內續期不收附加費；超過30個曆日"
            "才續期，須另付港幣50元逾期續期附加費。本署會在屆滿前約六星期寄出提示信。",
        ),
        section(
            "狗牌要幾多錢？",
            [
                "狗隻牌照（三年）：港幣120元",
                "已絕育狗隻：港幣60元",
                "動物管理中心狂犬病疫苗注射：每劑港幣90元",
                "補領狗牌：港幣35元",
            ],
            "獲批低收入申請人費用豁免計劃的狗主可獲全數豁免上述費用。",
        ),
        section(
            "可唔可以去服務櫃位續狗牌？",
            "不可以。中央牌照辦事處、九龍服務櫃位及新界服務櫃位並不處理狗隻牌照。請前往"
            "兩間動物管理中心、合作獸醫診所，或使用網上及郵寄服務。",
        ),
        section(
            "隻狗幾大要領牌？",
            "狗隻年滿五個月便須領牌，並須接種狂犬病疫苗及植入晶片。狗主須於狗隻年滿"
            "五個月後或取得狗隻後30個曆日內申請。",
        ),
        section(
            "唔見咗狗牌點算？",
            "可到任何一間動物管理中心即場補領，費用港幣35元；亦可於網上申請，新狗牌會於5個工作天內寄出。",
        ),
        section(
            "搬屋要通知你哋嗎？",
            "要。狗主更改住址須於14個曆日內通知本署，可於網上、郵寄或親臨動物管理中心辦理，不收費用。",
        ),
        section(
            "動物管理中心幾點開門？",
            "星期一至五上午9時至下午5時，星期六上午9時至中午12時，星期日及公眾假期休息。"
            "下午1時至2時暫停疫苗注射。查詢熱線：2000 0122。",
        ),
    ),
    document(
        "licensing/hawker-licence-guide-en.pdf",
        "Hawker Licences: Allocation, Renewal and Conditions",
        "en",
        "pdf",
        section(
            "Introduction",
            "Guidance Note DSD-GN-04 (revised April 2026).",
            "The Demo Services Department issues two kinds of hawker licence: "
            "fixed-pitch hawker licences, which allow trading from an allocated "
            "pitch, and itinerant hawker licences, which allow trading on foot "
            "within a designated district. This guide explains how new licences "
            "are allocated, how to renew a licence and the main licence conditions.",
        ),
        section(
            "How new licences are allocated",
            "New hawker licences are issued only through allocation exercises "
            "announced on our website and in newspapers. The 2026 exercise offers "
            "120 fixed-pitch licences and 40 itinerant licences. Applications are "
            "accepted from 4 May to 29 May 2026. Successful applicants are selected "
            "by public ballot, which is witnessed by an independent observer. To "
            "apply you must:",
            [
                "be aged 18 or above;",
                "have lived in Hong Kong for at least seven years;",
                "not hold another hawker licence, and not be the spouse of a hawker licensee.",
            ],
            "Each person may submit only one application; duplicate applications "
            "are all rejected. The application fee is HK$180 and is not refundable, "
            "whether or not the application is successful.",
        ),
        section(
            "Licence fees",
            "A hawker licence is valid for 12 months. The annual licence fee is "
            "HK$1,200 for a fixed-pitch licence and HK$900 for an itinerant licence. "
            "Licensees approved under the Fee Waiver Scheme for Low-income "
            "Applicants pay half of the annual fee (HK$600 and HK$450 "
            "respectively). Registering an assistant costs HK$150.",
        ),
        section(
            "Renewing your licence",
            "Renewal applications are accepted from two months before the expiry "
            "date. To avoid any break in trading, submit your application no later "
            "than 14 calendar days before expiry. Renewals can be made at the "
            "Central Licensing Office, the Kowloon Service Counter, the New "
            "Territories Service Counter or online through DSD e-Services. A "
            "complete renewal application is processed within 7 working days.",
            "If the licence is not renewed by the expiry date, you may still renew "
            "within 30 calendar days after expiry by paying a late renewal "
            "surcharge of HK$200 in addition to the licence fee. You must not trade "
            "during this period until the renewal is approved. A licence that is "
            "not renewed within 30 calendar days after expiry is cancelled and "
            "cannot be reinstated.",
        ),
        section(
            "Assistants and succession",
            "Each licensee may register one assistant. A registered assistant may "
            "help at the stall but may not operate it alone for more than two hours "
            "at a time. If a licensee dies, the surviving spouse may apply to "
            "succeed to the licence within 60 calendar days. Succession is allowed "
            "once only for each licence.",
        ),
        section(
            "Licence conditions",
            [
                "Trading hours are 7:00 am to 11:00 pm.",
                "A fixed pitch must not exceed 1.5 metres by 1.0 metre, including any awning.",
                "The licence and the licensee's photograph must be displayed at the stall.",
                "Goods must not be placed on the pavement outside the pitch or block "
                "any exit, fire hydrant or drainage channel.",
                "Cooked food may be sold only by licensees whose licence carries a cooked food endorsement.",
                "Itinerant hawkers must not trade within 20 metres of a school entrance or a public market.",
            ],
            "Breaches may lead to a warning, suspension of the licence for up to 30 "
            "days, or cancellation for repeated or serious breaches. Decisions to "
            "suspend or cancel a licence can be appealed to the Licensing Appeals "
            "Board within 21 calendar days.",
        ),
        section(
            "Lost licences and changes of address",
            "A lost or damaged hawker licence can be replaced at any service counter "
            "for HK$95; the replacement is ready within 5 working days. Changes of "
            "residential address must be reported within 14 calendar days and are "
            "free of charge.",
        ),
        section(
            "Enquiries",
            "Licensing enquiries: 2000 0111. E-mail: enquiry@dsd.demo.example. "
            "Counter opening hours are set out in our page Office Opening Hours and "
            "Public Holiday Arrangements.",
        ),
    ),
    document(
        "licensing/hawker-licence-guide-zh.docx",
        "小販牌照申請及續期指南",
        "zh-Hant",
        "docx",
        section(
            "簡介",
            "指引編號DSD-GN-04C（二〇二六年四月修訂）。",
            "示範服務署簽發兩類小販牌照：固定攤位小販牌照，持牌人可在獲編配的攤位經營；"
            "以及流動小販牌照，持牌人可在指定地區內流動販賣。本指南說明新牌照的簽發方式、"
            "續期安排及主要牌照條件。",
        ),
        section(
            "新牌照如何簽發",
            "新的小販牌照只會透過本署在網站及報章公布的簽發牌照計劃發出。二〇二六年度計劃"
            "提供120個固定攤位牌照及40個流動小販牌照，接受申請日期為二〇二六年五月四日至"
            "五月二十九日，並以公開抽籤方式選出成功申請人，抽籤過程由獨立人士監察。申請人"
            "必須符合以下條件：",
            [
                "年滿18歲；",
                "在香港居住滿七年；",
                "並無持有其他小販牌照，亦不是小販牌照持有人的配偶。",
            ],
            "每人只可遞交一份申請，重複申請將全部作廢。申請費為港幣180元，不論申請是否成功，均不設退款。",
        ),
        section(
            "牌照費用",
            "小販牌照有效期為12個月。固定攤位小販牌照年費為港幣1,200元，流動小販牌照年費"
            "為港幣900元。獲批低收入申請人費用豁免計劃的持牌人只需繳付一半年費（分別為"
            "港幣600元及450元）。登記小販助手的費用為港幣150元。",
        ),
        section(
            "牌照續期",
            "持牌人可於牌照屆滿前兩個月起申請續期。為免影響經營，請最遲於屆滿前14個曆日"
            "遞交申請。續期可於中央牌照辦事處、九龍服務櫃位、新界服務櫃位或透過示範署"
            "電子服務辦理。資料齊全的續期申請會於7個工作天內處理。",
            "如未能於屆滿日前續期，持牌人仍可於屆滿後30個曆日內續期，但須另繳港幣200元"
            "逾期續期附加費；在續期獲批前不得經營。牌照屆滿後30個曆日仍未續期，將被取消，"
            "並不可恢復。",
        ),
        section(
            "助手及承繼",
            "每名持牌人可登記一名助手。助手可在攤位協助經營，但每次獨自看管攤位不得超過"
            "兩小時。如持牌人去世，其尚存配偶可於60個曆日內申請承繼牌照，每個牌照只可"
            "承繼一次。",
        ),
        section(
            "主要牌照條件",
            [
                "經營時間為上午7時至晚上11時。",
                "固定攤位（包括上蓋）不得超過1.5米乘1.0米。",
                "牌照及持牌人相片須在攤位當眼處展示。",
                "貨物不得擺放在攤位範圍以外的行人路上，亦不得阻塞出口、消防栓或排水渠。",
                "只有牌照註明可售賣熟食的持牌人方可售賣熟食。",
                "流動小販不得在學校入口或公眾街市20米範圍內販賣。",
            ],
            "違反牌照條件者可被警告、暫時吊銷牌照最多30日，如屬屢次或嚴重違規，牌照可被"
            "取消。如不服暫時吊銷或取消牌照的決定，可於21個曆日內向牌照上訴委員會提出上訴。",
        ),
        section(
            "補領牌照及更改地址",
            "遺失或損毀的小販牌照可於任何服務櫃位補領，費用為港幣95元，新牌照於5個工作天"
            "內發出。更改住址須於14個曆日內通知本署，不收費用。",
        ),
        section("查詢", "牌照查詢熱線：2000 0111；電郵：enquiry@dsd.demo.example。"),
    ),
    document(
        "licensing/temporary-food-licence-en.docx",
        "Temporary Food Licence for Fairs and Events",
        "en",
        "docx",
        section(
            "What the licence covers",
            "Guidance Note DSD-GN-05 (revised April 2026).",
            "A Temporary Food Licence allows a stall to prepare and sell food to "
            "the public at a fair, carnival, festival, school open day or similar "
            "event for a period of 1 to 14 consecutive days. Each stall at an event "
            "needs its own licence. The licence does not cover the sale of "
            "alcoholic drinks, for which a temporary liquor licence is required.",
        ),
        section(
            "Fee and timing",
            "The fee is HK$420 per stall per event, for any period of up to 14 "
            "days. The Fee Waiver Scheme for Low-income Applicants does not apply "
            "to this licence.",
            "Apply at least 15 working days before the first day of the event. We "
            "process a complete application within 10 working days and will tell "
            "you if anything is missing within 3 working days of receiving it. "
            "Late applications are accepted only if there is enough time left to "
            "inspect the stall layout, and cannot be guaranteed.",
        ),
        section(
            "How to apply",
            "Individual stallholders use Form DSD-TF1. Event organisers applying "
            "for five or more stalls at the same event may use the bulk "
            "application Form DSD-TF2, which lets one person submit the documents "
            "for all stalls together. Applications can be made at the Central "
            "Licensing Office, 8/F, Demo Harbour Centre, 100 Sample Road, Wan Chai, "
            "or online through DSD e-Services. The Kowloon and New Territories "
            "Service Counters accept forms and pass them to the Central Licensing "
            "Office, which adds about 2 working days.",
            "You will need:",
            [
                "a layout plan of the stall showing cooking, storage and hand-washing areas;",
                "the menu and the names of your food suppliers, who must be licensed food businesses;",
                "written consent from the event organiser or venue owner;",
                "the name and certificate number of the person in charge of the "
                "stall, who must hold a Food Hygiene Supervisor certificate.",
            ],
        ),
        section(
            "Food safety requirements",
            "The Food Hygiene Supervisor certificate is awarded after an eight-hour "
            "course recognised by the Department. The person in charge must be "
            "present at the stall whenever food is being prepared or sold.",
            [
                "Chilled food must be kept at 4°C or below, and hot food held for sale at 60°C or above.",
                "A hand-washing basin with running water, soap and paper towels must "
                "be provided at each stall.",
                "Raw oysters, sashimi and other high-risk foods served raw may not "
                "be sold under a Temporary Food Licence.",
                "Food waste must be stored in covered bins and removed at the end of each day.",
            ],
            "Health inspectors will visit each licensed stall at least once during "
            "the event. Serious breaches can lead to immediate suspension of the "
            "licence, and the stall must then stop selling food.",
        ),
        section(
            "After the event",
            "The licence ends automatically on the last day stated on it. If an "
            "event is cancelled because of a Typhoon Signal No. 8 or the Black "
            "Rainstorm Warning before it starts, you may apply within 30 calendar "
            "days for a refund of the licence fee. Enquiries: 2000 0111 or "
            "enquiry@dsd.demo.example.",
        ),
    ),
    document(
        "licensing/liquor-licence-guide-en.docx",
        "Liquor Licences: A Guide for Applicants",
        "en",
        "docx",
        section(
            "Who needs a liquor licence",
            "Guidance Note DSD-GN-06 (revised April 2026).",
            "Any premises that sells alcoholic drinks for consumption on the "
            "premises must hold a liquor licence issued by the Demo Services "
            "Department. A liquor licence is tied to the premises named on it and "
            "cannot be moved to another address. It is issued to a named person, "
            "normally the manager who runs the premises day to day.",
        ),
        section(
            "Eligibility",
            [
                "The applicant must be aged 18 or above.",
                "The premises must hold a valid food premises licence, or have "
                "approval in principle for one.",
                "The applicant must manage the premises and be present for most of its opening hours.",
                "We consider whether the applicant is a fit and proper person, "
                "including any record of breaching liquor licence conditions.",
            ],
        ),
        section(
            "Applying for a new licence",
            "New applications are accepted only in person at the Central Licensing "
            "Office, 8/F, Demo Harbour Centre, 100 Sample Road, Wan Chai, and you "
            "must book an appointment first (see Appointment Booking). Bring Form "
            "DSD-LQ1, a copy of your identity document, a floor plan of the "
            "premises and a copy of the food premises licence.",
            "When your application is complete, we post a notice of the application "
            "at the entrance of the premises and on our website for 14 calendar "
            "days. Anyone may send written objections or comments during this "
            "period. We also consult the Police and take local residents' views "
            "into account. A new application is normally decided within 40 working "
            "days of receipt of a complete application.",
        ),
        section(
            "Fees",
            (
                ("Item", "Fee"),
                ("New application (includes the first 12 months)", "HK$2,300"),
                ("Renewal (12 months)", "HK$1,900"),
                ("Transfer to a new licensee", "HK$1,100"),
                ("Temporary liquor licence (up to 7 days)", "HK$650"),
                ("Replacement licence", "HK$260"),
            ),
            "Liquor licence fees are not covered by the Fee Waiver Scheme for Low-income Applicants.",
        ),
        section(
            "Renewal",
            "A liquor licence is valid for 12 months. You may apply to renew from "
            "three months before expiry and must apply no later than 30 calendar "
            "days before expiry. Renewals can be submitted in person at the Central "
            "Licensing Office, by post or online through DSD e-Services, and are "
            "normally completed within 15 working days. If the licence expires "
            "before it is renewed, the premises must stop selling alcohol and a new "
            "application is needed.",
        ),
        section(
            "Transfers and temporary licences",
            "If the licensee leaves or the business changes hands, the licence may "
            "be transferred to a new manager. A transfer takes 20 working days, and "
            "the existing licensee remains responsible until it is approved. For "
            "short events such as festivals and exhibitions, a temporary liquor "
            "licence valid for up to 7 days is available; apply at least 15 working "
            "days before the event.",
        ),
        section(
            "Conditions and appeals",
            "Alcohol must not be sold or supplied to anyone under 18. The licence "
            "must be displayed at the entrance, and drinks may be sold only during "
            "the hours stated on the licence. If we refuse, refuse to renew, "
            "suspend or cancel a liquor licence, you may appeal to the Licensing "
            "Appeals Board within 21 calendar days of the date of the decision "
            "letter. Enquiries: 2000 0111.",
        ),
    ),
    document(
        "licensing/liquor-licence-guide-zh.pdf",
        "酒牌申請及續期須知",
        "zh-Hant",
        "pdf",
        section(
            "簡介",
            "指引編號DSD-GN-06C（二〇二六年四月修訂）。",
            "任何處所如擬售賣供在該處所內飲用的酒類飲品，必須領有示範服務署簽發的酒牌。"
            "本須知說明酒牌的申請資格、所需文件、收費、處理時間及續期安排。酒牌只適用於"
            "牌照上指明的處所，不可轉移至另一地址使用。",
        ),
        section(
            "申請資格",
            [
                "申請人須年滿18歲。",
                "有關處所必須持有有效的食物業處所牌照，或已獲原則上批准。",
                "申請人須為處所的實際管理人，並須在營業時間內大部分時間在場。",
                "本署會考慮申請人是否適當人選，包括過往有否違反酒牌條件的紀錄。",
            ],
        ),
        section(
            "新申請程序",
            "新申請只接受親身遞交，地點為中央牌照辦事處（灣仔樣本道100號示範海港中心"
            "8樓），並須預先預約。申請人須遞交表格DSD-LQ1、身份證明文件副本、處所平面圖，"
            "以及食物業處所牌照副本。",
            "本署收到完整申請後，會在處所入口及本署網站張貼申請告示，為期14個曆日。公眾"
            "如有異議或建議，可於告示期內以書面向本署提出。本署亦會諮詢警方，並考慮區內"
            "居民的意見。新申請一般於收到完整申請後40個工作天內完成處理。",
        ),
        section(
            "收費",
            (
                ("項目", "費用"),
                ("酒牌新申請（包括首12個月）", "港幣2,300元"),
                ("酒牌續期（12個月）", "港幣1,900元"),
                ("酒牌轉讓", "港幣1,100元"),
                ("臨時酒牌（最長7日）", "港幣650元"),
                ("補領酒牌", "港幣260元"),
            ),
            "酒牌費用並不適用於低收入申請人費用豁免計劃。",
        ),
        section(
            "續期",
            "酒牌有效期為12個月。持牌人可於牌照屆滿前三個月起申請續期，並須最遲於屆滿前"
            "30個曆日提交申請。續期申請可親臨中央牌照辦事處、以郵寄方式或透過示範署電子"
            "服務遞交，一般於15個工作天內完成。如牌照在續期前屆滿，處所必須停止售賣酒類"
            "飲品，並須重新提出新申請。",
        ),
        section(
            "轉讓及臨時酒牌",
            "如酒牌持有人離職或處所易手，可申請把酒牌轉讓予新的管理人，處理時間為20個"
            "工作天；在轉讓獲批前，原持有人仍須負責。舉辦節慶活動、展覽等短期活動如需"
            "售賣酒類飲品，可申請臨時酒牌，最長有效期為7日，須於活動前最少15個工作天"
            "提出申請。",
            new_page=True,
        ),
        section(
            "牌照條件",
            [
                "不得向未滿18歲人士售賣或供應酒類飲品。",
                "酒牌須展示於處所入口當眼處。",
                "酒類飲品只可在酒牌指明的時間內售賣。",
                "持牌人須防止處所內出現擾亂秩序的行為，並須保持處所內外清潔。",
            ],
            "違反牌照條件的持牌人可被警告，酒牌亦可被暫時吊銷或撤銷；本署會按違規的類別"
            "及嚴重程度決定採取的行動。",
        ),
        section(
            "上訴及查詢",
            "如對本署拒絕批出、拒絕續期、暫時吊銷或撤銷酒牌的決定不服，可於決定信件日期"
            "起計21個曆日內，向牌照上訴委員會提出上訴。牌照查詢熱線：2000 0111。",
        ),
    ),
    document(
        "licensing/replacing-a-lost-licence-en.docx",
        "Replacing a Lost, Stolen or Damaged Licence",
        "en",
        "docx",
        section(
            "Overview",
            "If your licence or dog tag is lost, stolen or damaged, you should "
            "apply for a replacement as soon as possible. A replacement carries the "
            "same licence number and expiry date as the original. This page covers "
            "dog licences and tags, hawker licences and liquor licences.",
        ),
        section(
            "Before you apply",
            "If the licence was stolen, report the theft to the Police and write "
            "the police report number on your application. In all other cases, "
            "complete the declaration of loss in Form DSD-RL1. If the licence is "
            "damaged, bring or send the damaged licence with your application.",
        ),
        section(
            "Fees, where to apply and processing times",
            (
                ("Licence", "Fee", "Where to apply", "Processing time"),
                (
                    "Dog licence or dog tag",
                    "HK$35",
                    "Either Animal Management Centre, or online",
                    "On the spot at a centre; 5 working days by post if online",
                ),
                (
                    "Hawker licence",
                    "HK$95",
                    "Any service counter, or online",
                    "5 working days",
                ),
                (
                    "Liquor licence",
                    "HK$260",
                    "Central Licensing Office only",
                    "7 working days",
                ),
            ),
            "The replacement fee for a dog licence or tag is waived for owners "
            "approved under the Fee Waiver Scheme for Low-income Applicants. A "
            "certified true copy of any licence costs HK$45.",
        ),
        section(
            "Continuing to trade while you wait",
            "A hawker who applies for a replacement licence receives an "
            "acknowledgement slip. The slip is valid for 14 calendar days and may "
            "be displayed at the stall in place of the licence until the "
            "replacement is collected. A liquor licensee receives a similar slip, "
            "which must be displayed at the entrance of the premises.",
            "Dog owners who apply online may keep walking their dog with the "
            "e-mail confirmation of the application, but the dog should wear the "
            "new tag as soon as it arrives.",
        ),
        section(
            "Collecting your replacement",
            "Hawker and liquor licence replacements are collected from the counter "
            "where you applied. Bring your identity document and the "
            "acknowledgement slip. If someone collects it on your behalf, they "
            "must bring a signed authorisation letter and a copy of your identity "
            "document. Replacements not collected within 60 calendar days are "
            "cancelled and a new application is needed.",
        ),
        section(
            "If you find the original",
            "If you find the original licence or tag after a replacement has been "
            "issued, you must return the original to the Department within 7 "
            "calendar days. The original is no longer valid and must not be used.",
        ),
        section(
            "Enquiries",
            "Licensing enquiries: 2000 0111. Dog licensing: 2000 0122. E-mail: enquiry@dsd.demo.example.",
        ),
    ),
    document(
        "licensing/change-of-address-zh.docx",
        "更改地址及聯絡資料",
        "zh-Hant",
        "docx",
        section(
            "甚麼人須通知本署",
            "狗隻牌照、小販牌照及酒牌的持牌人，如更改住址，必須於遷居後14個曆日內通知"
            "示範服務署。本署會按記錄的地址寄出續期提示信、決定信件及其他重要通知；持牌人"
            "沒有更新地址以致未能收到通知，不能作為逾期續期的理由。",
            "更改地址不收任何費用。未有按規定通知本署，最高可被罰款港幣2,000元。",
        ),
        section(
            "辦理方法",
            [
                "網上：登入示範署電子服務（eservices.dsd.demo.example），選擇「更改個人資料」。",
                "郵寄或傳真：填妥表格DSD-CA1，寄往香港灣仔樣本道100號示範海港中心8樓"
                "中央牌照辦事處，或傳真至2000 0900。",
                "親身辦理：到中央牌照辦事處、九龍服務櫃位或新界服務櫃位遞交表格。",
                "狗主亦可到港島動物管理中心或九龍及新界動物管理中心辦理。",
            ],
            "申請時須提供牌照號碼、新地址及身份證明文件副本。新地址證明（例如三個月內的"
            "水電費單或銀行月結單）只在本署要求時才需提交。",
        ),
        section(
            "處理時間",
            "本署會於收到申請後5個工作天內更新記錄，並把確認信寄往新地址。小販牌照上印有"
            "持牌人地址，本署會於7個工作天內免費補發印有新地址的牌照，持牌人須在領取新"
            "牌照時交回舊牌照。狗隻牌照及狗牌上沒有印上地址，因此只會更新記錄，不會補發"
            "新牌照或狗牌。",
        ),
        section(
            "酒牌處所地址",
            "酒牌只適用於牌照上指明的處所。如處所遷往新地址，不可以更改地址方式處理，"
            "必須為新處所提出新的酒牌申請。持牌人本人的住址則可按上述方法更改。",
        ),
        section(
            "更改電話號碼及電郵地址",
            "持牌人亦應在電話號碼或電郵地址有變時通知本署，以便接收短訊及電郵提示。此類"
            "更改可於網上即時完成，或致電牌照查詢熱線2000 0111辦理。",
        ),
        section(
            "查詢",
            "牌照查詢熱線：2000 0111；狗隻牌照查詢：2000 0122；電郵：enquiry@dsd.demo.example。",
        ),
    ),
]

# ---------------------------------------------------------------------------
# Fees, payments and fee waivers.
# ---------------------------------------------------------------------------

FEES_DOCS = [
    document(
        "fees-and-payments/fee-schedule-2026-en.pdf",
        "Schedule of Fees and Charges (effective 1 April 2026)",
        "en",
        "pdf",
        section(
            "Introduction",
            "This schedule lists the fees and charges of the Demo Services "
            "Department that take effect on 1 April 2026. Fees were last revised on "
            "1 April 2023 and have been adjusted in line with the cost of providing "
            "each service. All amounts are in Hong Kong dollars.",
            "Fees are payable when an application is submitted unless otherwise "
            "stated. They are not refundable once processing has started, except "
            "where this schedule or the relevant guide provides for a refund. The "
            "same figures are published as a spreadsheet (fee-table-2026.xlsx) for "
            "easy reference.",
        ),
        section("Part 1: Licence fees", fee_table_en(LICENCE_FEES)),
        section(
            "Part 2: Other services",
            fee_table_en(OTHER_FEES),
            "Photocopying charges apply to both access to information requests and "
            "personal data access requests. There is no charge for making a "
            "request or for inspecting records at our offices.",
            new_page=True,
        ),
        section(
            "Part 3: Concessions",
            "The dog licence fee for a desexed dog is HK$60 instead of HK$120. "
            "Under the Fee Waiver Scheme for Low-income Applicants, the dog "
            "licence, rabies vaccination, microchip and replacement dog licence or "
            "tag fees are waived in full, and the annual hawker licence fee is "
            "reduced by 50 per cent. Registered non-profit bodies pay the "
            "concessionary venue hire rates shown in Part 2. No concession applies "
            "to liquor licences, temporary food licences, hawker licence "
            "application fees or late renewal surcharges.",
        ),
        section(
            "Part 4: Refunds and payment",
            "Where a refund is due, for example when a venue booking is cancelled "
            "14 or more calendar days in advance or a fee has been paid twice, it "
            "is made to the original payment method within 20 working days. "
            "Refunds of payments made in cash or by cheque are made by cheque.",
            "Fees may be paid by the methods described on our Payment Methods page. "
            "A dishonoured cheque attracts an administrative charge of HK$100.",
        ),
        section(
            "Annex: Fees changed on 1 April 2026",
            (
                ("Item", "Old fee (HK$)", "New fee (HK$)"),
                ("Dog licence (3 years)", "100", "120"),
                ("Rabies vaccination at an Animal Management Centre", "80", "90"),
                ("Fixed-pitch hawker licence (12 months)", "1,100", "1,200"),
                ("Temporary food licence (up to 14 days)", "380", "420"),
                ("Liquor licence renewal (12 months)", "1,750", "1,900"),
                ("Community hall hire (per hour)", "190", "210"),
            ),
            "All other fees are unchanged. Applications received before 1 April "
            "2026 are charged at the old rates, even if they are processed after "
            "that date.",
            new_page=True,
        ),
    ),
    {
        "path": "fees-and-payments/fee-table-2026.xlsx",
        "title": "Fee table 2026 / 二〇二六年收費表",
        "lang": "en+zh-Hant",
        "format": "xlsx",
        "sheets": [
            ("Licence fees 牌照費用", fee_sheet(LICENCE_FEES)),
            ("Other services 其他服務", fee_sheet(OTHER_FEES)),
        ],
    },
    document(
        "fees-and-payments/payment-methods-en.html",
        "Payment Methods",
        "en",
        "html",
        section(
            "Overview",
            "You can pay Demo Services Department fees in person, online or by "
            "post. The methods accepted depend on where you pay. All payments are "
            "in Hong Kong dollars, and an official receipt is issued for every "
            "payment.",
        ),
        section(
            "Methods accepted",
            (
                ("Where you pay", "Methods accepted"),
                (
                    "Central Licensing Office, Kowloon Service Counter, New Territories Service Counter",
                    "Cash, EPS, Octopus (up to HK$3,000 per transaction), credit card "
                    "(Visa, Mastercard, UnionPay), FPS QR code, crossed cheque",
                ),
                (
                    "Island and Kowloon and New Territories Animal Management Centres",
                    "Cash, EPS, Octopus (up to HK$3,000 per transaction), FPS QR "
                    "code. Credit cards and cheques are not accepted.",
                ),
                (
                    "DSD e-Services (eservices.dsd.demo.example)",
                    "Credit card (Visa, Mastercard, UnionPay) and FPS",
                ),
                ("By post", "Crossed cheque only"),
            ),
        ),
        section(
            "Paying by cheque",
            'Cheques must be crossed and made payable to "Demo Services '
            'Department". Write your name, daytime telephone number and the '
            "licence or application number on the back. Post-dated cheques are not "
            "accepted. Please do not send cash by post.",
            "If a cheque is dishonoured, an administrative charge of HK$100 is "
            "payable, the application is treated as unpaid, and we will not "
            "accept cheques from the same payer for 12 months.",
        ),
        section(
            "Paying online",
            "Online payments are confirmed immediately and an e-receipt is sent to "
            "the e-mail address you provide. If your card is charged but you do "
            "not receive an e-receipt within one hour, do not pay again; call "
            "2000 0100 with the transaction time and the last four digits of your "
            "card so that we can trace the payment.",
        ),
        section(
            "Refunds",
            "Refunds are made to the original payment method within 20 working "
            "days after they are approved. Refunds of cash and cheque payments are "
            "made by cheque. Card refunds may take a further statement cycle to "
            "appear, depending on your card issuer.",
        ),
        section(
            "Receipts",
            "Keep your receipt until the licence or service has been received. A "
            "duplicate receipt can be issued on request at any counter within 12 "
            "months of payment, free of charge.",
        ),
        section(
            "Enquiries",
            "General enquiries: 2000 0100. E-mail: enquiry@dsd.demo.example.",
        ),
    ),
    document(
        "fees-and-payments/fee-waiver-low-income-en.pdf",
        "Fee Waiver Scheme for Low-income Applicants",
        "en",
        "pdf",
        section(
            "Purpose of the scheme",
            "The Fee Waiver Scheme helps people on low incomes to meet their "
            "obligations under the licensing system. Approved applicants pay no "
            "fee, or a reduced fee, for the services listed below for 12 months "
            "from the date of approval.",
        ),
        section(
            "What the scheme covers",
            (
                ("Service", "Concession"),
                ("Dog licence (HK$120, or HK$60 for a desexed dog)", "Full waiver"),
                (
                    "Rabies vaccination and microchip at an Animal Management Centre",
                    "Full waiver",
                ),
                ("Replacement dog licence or dog tag", "Full waiver"),
                (
                    "Annual fee for a fixed-pitch or itinerant hawker licence",
                    "50% reduction",
                ),
            ),
            "The scheme does not cover liquor licences, temporary food licences, "
            "venue hire, photocopying charges, hawker licence application fees or "
            "any late renewal surcharge.",
        ),
        section(
            "Who is eligible",
            "You are eligible if you are aged 18 or above, live in Hong Kong, and "
            "either (a) your household receives Comprehensive Social Security "
            "Assistance, or (b) your household's average monthly income over the "
            "past three months does not exceed the limit below and the household's "
            "total assets do not exceed HK$300,000.",
            (
                ("Household size", "Monthly income limit"),
                ("1 person", "HK$11,000"),
                ("2 persons", "HK$17,500"),
                ("3 persons", "HK$23,000"),
                ("4 persons", "HK$28,500"),
                ("5 persons", "HK$33,000"),
                ("6 persons or more", "HK$37,000"),
            ),
        ),
        section(
            "How to apply",
            "Complete Form DSD-FW1 and submit it with copies of the identity "
            "documents of all household members; proof of income for the past "
            "three months, such as pay slips, bank statements or an employer's "
            "letter; and, where relevant, a letter confirming that the household "
            "receives social security assistance. Applications can be made at any "
            "service counter, by post to the Central Licensing Office, or online "
            "through DSD e-Services.",
            "You may apply for the waiver at the same time as you apply for a "
            "licence. In that case you do not need to pay the fee until the waiver "
            "decision is made.",
        ),
        section(
            "Processing and validity",
            "We aim to decide within 10 working days of receiving a complete "
            "application. Approval is valid for 12 months. To continue receiving "
            "concessions after that, submit a new application up to one month "
            "before the approval expires. If you paid a covered fee in the 30 "
            "calendar days before your waiver was approved, you may ask for that "
            "fee to be refunded.",
        ),
        section(
            "If your circumstances change",
            "Tell us within 14 calendar days if your household income rises above "
            "the limit. Giving false information is an offence: the waiver will be "
            "cancelled and the fees recovered.",
        ),
        section(
            "If your application is refused",
            "You may ask for a review within 30 calendar days of the refusal "
            "letter. Reviews are carried out by an officer who was not involved in "
            "the original decision and are completed within 20 working days. "
            "Decisions on fee waivers cannot be appealed to the Licensing Appeals "
            "Board. Enquiries: 2000 0111.",
        ),
    ),
]

# ---------------------------------------------------------------------------
# Counters: opening hours, weather arrangements, appointments, notices.
# ---------------------------------------------------------------------------

OPENING_HOURS_EN = (
    ("Office", "Address", "Monday to Friday", "Saturday"),
    (
        "Central Licensing Office (Headquarters)",
        "8/F, Demo Harbour Centre, 100 Sample Road, Wan Chai",
        "8:45 am to 5:30 pm (Thursday until 7:30 pm)",
        "9:00 am to 12:00 noon",
    ),
    (
        "Kowloon Service Counter",
        "G/F, Lotus Demo Building, 23 Example Street, Mong Kok",
        "8:45 am to 5:30 pm",
        "9:00 am to 12:00 noon",
    ),
    (
        "New Territories Service Counter",
        "3/F, Tsuen Wan Model Government Offices, 5 Model Lane, Tsuen Wan",
        "8:45 am to 5:30 pm",
        "Closed",
    ),
    (
        "Island Animal Management Centre",
        "2/F, Chai Wan Demo Complex, 40 Specimen Street, Chai Wan",
        "9:00 am to 5:00 pm",
        "9:00 am to 12:00 noon",
    ),
    (
        "Kowloon and New Territories Animal Management Centre",
        "18 Kennel Road, Sha Tin",
        "9:00 am to 5:00 pm",
        "9:00 am to 12:00 noon",
    ),
)

OPENING_HOURS_ZH = (
    ("辦事處", "地址", "星期一至五", "星期六"),
    (
        "中央牌照辦事處（總部）",
        "灣仔樣本道100號示範海港中心8樓",
        "上午8時45分至下午5時30分（星期四延長至晚上7時30分）",
        "上午9時至中午12時",
    ),
    (
        "九龍服務櫃位",
        "旺角範例街23號蓮花示範大廈地下",
        "上午8時45分至下午5時30分",
        "上午9時至中午12時",
    ),
    (
        "新界服務櫃位",
        "荃灣模範里5號荃灣模範政府合署3樓",
        "上午8時45分至下午5時30分",
        "休息",
    ),
    (
        "港島動物管理中心",
        "柴灣標本街40號柴灣示範綜合大樓2樓",
        "上午9時至下午5時",
        "上午9時至中午12時",
    ),
    (
        "九龍及新界動物管理中心",
        "沙田犬舍路18號",
        "上午9時至下午5時",
        "上午9時至中午12時",
    ),
)

COUNTER_DOCS = [
    document(
        "counters/opening-hours-en.html",
        "Office Opening Hours and Public Holiday Arrangements",
        "en",
        "html",
        section(
            "Opening hours",
            "The Demo Services Department serves the public at three general "
            "service counters and two Animal Management Centres. The general "
            "counters handle hawker, temporary food and liquor licensing, fee "
            "waivers, changes of address and payments. Dog licensing and rabies "
            "vaccination are provided only at the Animal Management Centres.",
            OPENING_HOURS_EN,
            "All offices are closed on Sundays and public holidays. Counters do not "
            "close for lunch, but the Animal Management Centres do not give "
            "vaccinations between 1:00 pm and 2:00 pm.",
        ),
        section(
            "Queue tickets",
            "Queue tickets stop being issued 15 minutes before closing time. "
            "Walk-in customers are served in ticket order, subject to a daily quota "
            "of 150 tickets at the Central Licensing Office, 100 at the Kowloon "
            "Service Counter and 60 at the New Territories Service Counter. "
            "Customers with an appointment do not need a ticket.",
        ),
        section(
            "Thursday evening service",
            "The Central Licensing Office stays open until 7:30 pm every Thursday "
            "that is not a public holiday. All counter services are available in "
            "the evening session except new liquor licence applications, which "
            "are accepted by appointment only between 9:00 am and 4:00 pm.",
        ),
        section(
            "Eves of festivals",
            "On Lunar New Year's Eve, Christmas Eve and New Year's Eve, all offices "
            "close at 12:00 noon if the day falls on a weekday. If the day falls "
            "on a Saturday, normal Saturday hours apply. There is no Thursday "
            "evening service on these days.",
        ),
        section(
            "Public holidays",
            "All offices are closed on general holidays. Deadlines that fall on a "
            "public holiday are extended to the next working day. Online services "
            "at eservices.dsd.demo.example and the 24-hour appointment hotline "
            "2000 0155 remain available. Community halls and activity rooms stay "
            "open on public holidays, except on the first three days of the Lunar "
            "New Year.",
        ),
        section(
            "Bad weather",
            "When Typhoon Signal No. 8 or above or the Black Rainstorm Warning is "
            "in force, all offices close. See Service Arrangements during Typhoons "
            "and Rainstorms for details, or call the recorded message on "
            "2000 0120.",
        ),
        section(
            "Enquiry hotline",
            "The general enquiry hotline 2000 0100 is staffed from 8:30 am to "
            "6:00 pm, Monday to Friday, and from 9:00 am to 12:00 noon on "
            "Saturdays.",
        ),
    ),
    document(
        "counters/opening-hours-zh.html",
        "辦公時間及公眾假期安排",
        "zh-Hant",
        "html",
        section(
            "辦公時間",
            "示範服務署設有三個一般服務櫃位及兩間動物管理中心。一般服務櫃位處理小販牌照、"
            "臨時食物牌照、酒牌、費用豁免、更改地址及繳費等事宜；狗隻牌照及狂犬病疫苗注射"
            "只在動物管理中心提供。",
            OPENING_HOURS_ZH,
            "所有辦事處逢星期日及公眾假期休息。服務櫃位午膳時間照常服務，但動物管理中心於"
            "下午1時至2時不提供疫苗注射。",
        ),
        section(
            "籌號安排",
            "各辦事處於關門前15分鐘停止派發籌號。未有預約的市民按籌號次序獲得服務，每日"
            "籌號數目上限為：中央牌照辦事處150個、九龍服務櫃位100個、新界服務櫃位60個。"
            "已預約的市民無須取籌。",
        ),
        section(
            "星期四延長服務時間",
            "除公眾假期外，中央牌照辦事處逢星期四延長服務至晚上7時30分。延長時段提供所有"
            "櫃位服務，但酒牌新申請只於上午9時至下午4時以預約形式接受。",
        ),
        section(
            "節日前夕",
            "農曆年三十晚、平安夜及除夕如適逢星期一至五，所有辦事處於中午12時關門；如適逢"
            "星期六，則按星期六辦公時間辦公。上述日子不設星期四延長服務。",
        ),
        section(
            "公眾假期",
            "所有辦事處於公眾假期休息。如限期適逢公眾假期，會順延至下一個工作天。網上服務"
            "（eservices.dsd.demo.example）及24小時預約熱線2000 0155如常運作。社區會堂及"
            "活動室在公眾假期照常開放，但農曆新年首三日休息。",
        ),
        section(
            "惡劣天氣",
            "八號或以上熱帶氣旋警告信號或黑色暴雨警告信號生效時，所有辦事處暫停服務。詳情"
            "請參閱《颱風及暴雨期間服務安排》，或致電2000 0120收聽錄音訊息。",
        ),
        section(
            "查詢熱線",
            "一般查詢熱線2000 0100的服務時間為星期一至五上午8時30分至下午6時，以及星期六上午9時至中午12時。",
        ),
    ),
    document(
        "counters/typhoon-and-rainstorm-arrangements-en.pdf",
        "Service Arrangements during Typhoons and Rainstorms",
        "en",
        "pdf",
        section(
            "Purpose",
            "Guidance Note DSD-GN-09 (revised April 2026).",
            "This note explains how the Department's service counters, Animal "
            "Management Centres, venues and appointments operate when a tropical "
            "cyclone warning signal or a rainstorm warning is in force. It covers "
            "the Central Licensing Office, the Kowloon Service Counter, the New "
            "Territories Service Counter and the two Animal Management Centres.",
        ),
        section(
            "When services continue",
            "Services operate normally when Tropical Cyclone Warning Signal No. 1 "
            "or No. 3, or the Amber or Red Rainstorm Warning, is in force. Please "
            "consider your own safety before travelling. An appointment missed "
            "while a Red Rainstorm Warning is in force may be rebooked and is not "
            "counted as a no-show.",
        ),
        section(
            "When counters close",
            "All counters and Animal Management Centres close when Tropical Cyclone "
            "Warning Signal No. 8 or above or the Black Rainstorm Warning is in "
            "force, or when the Government announces extreme conditions after a "
            "super typhoon.",
            "If the Pre-No. 8 Special Announcement or the Black Rainstorm Warning is "
            "issued during opening hours, counters stop issuing queue tickets "
            "immediately. Customers who already hold a ticket are served before the "
            "counter closes.",
        ),
        section(
            "When counters reopen",
            (
                ("Signal or warning cancelled", "Weekday arrangement"),
                ("At or before 6:30 am", "Counters open as normal"),
                (
                    "After 6:30 am and at or before 12:00 noon",
                    "Counters open two hours after the cancellation",
                ),
                ("After 12:00 noon", "Counters stay closed for the rest of the day"),
            ),
            "On Saturdays, counters open as normal if the signal or warning is "
            "cancelled at or before 7:00 am; otherwise they stay closed for the "
            "day. The Thursday evening session at the Central Licensing Office "
            "(5:30 pm to 7:30 pm) goes ahead if the signal or warning is cancelled "
            "at or before 3:30 pm.",
        ),
        section(
            "Appointments",
            "Appointments that fall within a closure period are rescheduled "
            "automatically. You will receive an SMS or e-mail with a new time slot "
            "within 2 working days. If the new slot is not suitable, you may change "
            "it online or through the 24-hour booking hotline 2000 0155.",
        ),
        section(
            "Deadlines, renewals and fees",
            "If the last day for renewing a licence, paying a fee, lodging an appeal "
            "or requesting a review falls on a day when counters are closed under "
            "these arrangements, the deadline is extended to the next working day "
            "on which counters are open. No late renewal surcharge is charged in "
            "these circumstances.",
        ),
        section(
            "Venue bookings",
            "If Signal No. 8 or above or the Black Rainstorm Warning is in force at "
            "any time within the two hours before a booked session starts, the "
            "session is cancelled and the hire charge and deposit are refunded in "
            "full within 20 working days. You do not need to apply for the refund.",
        ),
        section(
            "Latest information",
            "Recorded message: 2000 0120. Website: www.dsd.demo.example. "
            "Announcements are also displayed at the entrance of each office.",
        ),
    ),
    document(
        "counters/typhoon-and-rainstorm-arrangements-zh.pdf",
        "颱風及暴雨期間服務安排",
        "zh-Hant",
        "pdf",
        section(
            "目的",
            "指引編號DSD-GN-09C（二〇二六年四月修訂）。",
            "本指引說明在熱帶氣旋警告信號或暴雨警告信號生效期間，本署服務櫃位、動物管理"
            "中心、場地及預約服務的安排，適用於中央牌照辦事處、九龍服務櫃位、新界服務櫃位"
            "及兩間動物管理中心。",
        ),
        section(
            "照常服務的情況",
            "一號或三號熱帶氣旋警告信號，或黃色或紅色暴雨警告信號生效時，各項服務照常提供。"
            "市民出門前請先考慮自身安全。在紅色暴雨警告信號生效期間未能出席的預約可重新"
            "預約，不會被計算為缺席。",
        ),
        section(
            "暫停服務的情況",
            "八號或以上熱帶氣旋警告信號或黑色暴雨警告信號生效，或政府在超強颱風後宣布"
            "「極端情況」時，所有服務櫃位及動物管理中心暫停服務。",
            "如在辦公時間內發出預警八號熱帶氣旋警告信號的特別報告或黑色暴雨警告信號，"
            "服務櫃位會即時停止派發籌號，已取籌的市民仍會獲得服務，然後櫃位才關閉。",
        ),
        section(
            "恢復服務的安排",
            (
                ("信號或警告取消時間", "星期一至五的安排"),
                ("上午6時30分或之前", "服務櫃位照常開放"),
                ("上午6時30分後至中午12時或之前", "服務櫃位於信號取消後兩小時開放"),
                ("中午12時後", "服務櫃位當日暫停服務"),
            ),
            "星期六如信號或警告於上午7時或之前取消，服務櫃位照常開放；否則當日暫停服務。"
            "中央牌照辦事處星期四晚間時段（下午5時30分至晚上7時30分），如信號或警告於下午"
            "3時30分或之前取消，會照常提供服務。",
        ),
        section(
            "預約服務",
            "在暫停服務期間的預約會自動改期，本署會於2個工作天內以短訊或電郵通知新的預約"
            "時段。如不合適，可於網上或致電24小時預約熱線2000 0155更改。",
        ),
        section(
            "限期、續期及費用",
            "如續期、繳費、提出上訴或要求覆檢的最後限期，適逢服務櫃位因上述安排暫停服務，"
            "限期會順延至下一個服務櫃位開放的工作天，並不會收取逾期續期附加費。",
        ),
        section(
            "場地預訂",
            "如在預訂時段開始前兩小時內任何時間，八號或以上熱帶氣旋警告信號或黑色暴雨警告"
            "信號生效，該時段會被取消，租用費及按金會於20個工作天內全數退還，無須另行申請。",
        ),
        section(
            "最新消息",
            "錄音訊息熱線：2000 0120；網站：www.dsd.demo.example。各辦事處入口亦會張貼最新通告。",
        ),
    ),
]

# ---------------------------------------------------------------------------
# Public services: venues, appointments, lost property, accessibility.
# ---------------------------------------------------------------------------

SERVICE_DOCS = [
    document(
        "services/venue-booking-en.md",
        "Booking a Community Hall or Activity Room",
        "en",
        "md",
        section(
            "Venues available",
            "The Demo Services Department lets three venues to community groups, "
            "schools and members of the public for meetings, classes, rehearsals "
            "and celebrations.",
            (
                ("Venue", "Location", "Capacity", "Hourly rate", "Non-profit rate"),
                (
                    "Sample Community Hall",
                    "2/F, Demo Harbour Centre, 100 Sample Road, Wan Chai",
                    "200",
                    "HK$210",
                    "HK$105",
                ),
                (
                    "Example Activity Rooms A and B",
                    "1/F, Lotus Demo Building, 23 Example Street, Mong Kok",
                    "40 each",
                    "HK$95",
                    "HK$48",
                ),
                (
                    "Model Multi-purpose Room",
                    "4/F, Tsuen Wan Model Government Offices, 5 Model Lane, Tsuen Wan",
                    "60",
                    "HK$95",
                    "HK$48",
                ),
            ),
            "All venues are open from 9:00 am to 10:00 pm every day, including "
            "Sundays and public holidays, except on the first three days of the "
            "Lunar New Year.",
        ),
        section(
            "When you can book",
            [
                "Registered non-profit bodies and community groups may book up to "
                "90 calendar days in advance.",
                "Other hirers may book up to 60 calendar days in advance.",
                "All bookings must be made at least 7 calendar days before the session.",
                "A booking lasts from 1 to 4 hours. Each hirer may hold up to 8 "
                "sessions in a calendar month.",
            ],
        ),
        section(
            "How to book",
            "Book online through DSD e-Services, or submit Form DSD-VB1 at any "
            "service counter or by e-mail to venues@dsd.demo.example. The venue "
            "booking hotline 2000 0144 answers enquiries about availability but "
            "cannot take bookings by telephone.",
            "We confirm bookings within 5 working days. You must then pay the hire "
            "charge and a refundable deposit of HK$500 within 7 calendar days of "
            "confirmation, or the booking lapses and the slot is released.",
        ),
        section(
            "Cancellations and refunds",
            [
                "Cancelled 14 or more calendar days before the session: the hire "
                "charge is refunded less an administrative fee of HK$50.",
                "Cancelled 3 to 13 calendar days before the session: 50% of the hire charge is refunded.",
                "Cancelled less than 3 calendar days before, or no-show: no refund of the hire charge.",
            ],
            "The deposit is returned within 20 working days after the session if "
            "the venue is left clean and undamaged. If Typhoon Signal No. 8 or "
            "above or the Black Rainstorm Warning is in force at any time within "
            "two hours before your session starts, the session is cancelled and "
            "everything you paid is refunded in full.",
        ),
        section(
            "Rules of use",
            [
                "No commercial sales, fundraising for private gain or gambling.",
                "No cooking with open flames. Light refreshments are allowed.",
                "Alcohol may be served only if a temporary liquor licence has been obtained for the event.",
                "Hirers must leave the venue by the end of the booked session and "
                "are responsible for any damage.",
            ],
            "Breach of these rules may lead to forfeiture of the deposit and refusal "
            "of future bookings for up to 12 months.",
        ),
    ),
    document(
        "services/venue-booking-zh.docx",
        "社區會堂及活動室租用指南",
        "zh-Hant",
        "docx",
        section(
            "可供租用的場地",
            "示範服務署開放三個場地，供社區團體、學校及市民舉行會議、課堂、排練及慶祝活動。",
            (
                ("場地", "地點", "容納人數", "每小時租金", "非牟利團體租金"),
                ("示範社區會堂", "灣仔樣本道100號示範海港中心2樓", "200", "港幣210元", "港幣105元"),
                ("範例活動室A及B", "旺角範例街23號蓮花示範大廈1樓", "各40", "港幣95元", "港幣48元"),
                ("模範多用途室", "荃灣模範里5號荃灣模範政府合署4樓", "60", "港幣95元", "港幣48元"),
            ),
            "所有場地每日上午9時至晚上10時開放，包括星期日及公眾假期，但農曆新年首三日休息。",
        ),
        section(
            "預訂時間",
            [
                "註冊非牟利團體及社區團體可於使用日期前90個曆日起預訂。",
                "其他租用人士可於使用日期前60個曆日起預訂。",
                "所有預訂須於使用日期前最少7個曆日提出。",
                "每節租用時間為1至4小時；每名租用人每個曆月最多可預訂8節。",
            ],
        ),
        section(
            "預訂方法",
            "可透過示範署電子服務網上預訂，或把表格DSD-VB1交到任何服務櫃位，或電郵至"
            "venues@dsd.demo.example。場地預訂熱線2000 0144只解答場地查詢，不接受電話"
            "預訂。",
            "本署會於5個工作天內確認預訂。租用人須於確認後7個曆日內繳付租用費及港幣500元"
            "按金，否則預訂會被取消，有關時段將重新開放。",
        ),
        section(
            "取消預訂及退款",
            [
                "於使用日期前14個曆日或以前取消：退還租用費，但須扣除港幣50元行政費。",
                "於使用日期前3至13個曆日取消：退還一半租用費。",
                "於使用日期前不足3個曆日取消或缺席：不會退還租用費。",
            ],
            "如場地交還時清潔及沒有損毀，按金會於使用後20個工作天內退還。如在預訂時段開始"
            "前兩小時內，八號或以上熱帶氣旋警告信號或黑色暴雨警告信號生效，該時段會被取消，"
            "所有已繳款項全數退還。",
        ),
        section(
            "使用守則",
            [
                "不得進行商業銷售、為私人利益籌款或賭博。",
                "不得以明火煮食，但可提供簡單茶點。",
                "除非已為活動領取臨時酒牌，否則不得供應酒類飲品。",
                "租用人須於預訂時段完結前離開場地，並須為任何損毀負責。",
            ],
            "違反守則者可被沒收按金，並可在最多12個月內被拒絕再次預訂。",
        ),
    ),
    document(
        "services/appointment-booking-zh.html",
        "預約櫃位服務",
        "zh-Hant",
        "html",
        section(
            "預約的好處",
            "市民可預約在中央牌照辦事處、九龍服務櫃位或新界服務櫃位辦理牌照事務，減少"
            "輪候時間。已預約的市民無須取籌，可於預約時間直接到預約櫃位辦理。大部分服務"
            "可選擇預約或即場取籌，但遞交酒牌新申請必須預約。",
        ),
        section(
            "如何預約",
            [
                "網上：示範署電子服務（eservices.dsd.demo.example），選擇「預約櫃位服務」。",
                "電話：24小時自動預約熱線2000 0155。",
            ],
            "預約可於辦理日期前30個曆日起作出，最遲須於前一個工作天下午5時前完成。成功"
            "預約後，系統會以短訊或電郵發出以「AP」開頭的預約編號。",
        ),
        section(
            "預約須知",
            [
                "請於預約時間前10分鐘到達，並帶同預約編號、身份證明文件及所需文件。",
                "遲到超過15分鐘，預約會被自動取消，須重新預約或即場取籌。",
                "每個身份證號碼每日每項服務只可預約一次，每次預約最多可辦理3份申請。",
                "如需更改或取消預約，請最遲於前一個工作天下午5時前辦理。每個預約最多可更改兩次。",
            ],
        ),
        section(
            "缺席安排",
            "如在90個曆日內兩次預約後缺席而沒有事先取消，將被暫停使用網上及電話預約服務"
            "30個曆日。因紅色暴雨警告信號生效而未能出席的預約，不會被計算為缺席。",
        ),
        section(
            "惡劣天氣及特別安排",
            "如八號或以上熱帶氣旋警告信號或黑色暴雨警告信號令櫃位暫停服務，受影響的預約會"
            "自動改期，本署會於2個工作天內通知新的預約時段。",
            "狗隻牌照及狂犬病疫苗注射服務無須預約，請直接前往動物管理中心。行動不便或需要"
            "手語翻譯的市民，可於預約時註明，本署會作出適當安排。",
        ),
        section(
            "查詢",
            "預約熱線：2000 0155（24小時自動系統）；一般查詢：2000 0100。",
        ),
    ),
    document(
        "services/lost-property-en.html",
        "Lost Property at Department Premises",
        "en",
        "html",
        section(
            "Items found at our premises",
            "Items left at any Demo Services Department office, Animal Management "
            "Centre or venue are handed to the duty officer, recorded in the lost "
            "property register and given a reference number beginning with LP. "
            "Items are kept at the office where they were found for 7 calendar "
            "days. After that they are sent to the Central Lost Property Unit at "
            "Room 812, 8/F, Demo Harbour Centre, 100 Sample Road, Wan Chai.",
        ),
        section(
            "How long items are kept",
            [
                "Most items are kept for 90 calendar days from the date they were "
                "found. Unclaimed items are then donated to charity or disposed of.",
                "Cash, and valuables worth more than HK$1,000, are moved to the safe "
                "at the Central Lost Property Unit within 1 working day.",
                "Perishable items such as food are disposed of at the end of the day "
                "on which they are found.",
                "Identity cards, passports and other official documents are passed "
                "to the issuing authority after 14 calendar days.",
            ],
        ),
        section(
            "How to claim an item",
            "Search the online lost property register at www.dsd.demo.example or "
            "call the lost property enquiry line on 2000 0133 (Monday to Friday, "
            "9:00 am to 5:00 pm). You will need to describe the item and say when "
            "and where you lost it.",
            "To collect an item, bring your identity document and the LP reference "
            "number to the office holding it. Items at the Central Lost Property "
            "Unit can be collected from Monday to Friday, 9:00 am to 5:00 pm; the "
            "unit is closed on Saturdays. If someone collects the item for you, "
            "they must bring a letter of authorisation signed by you and a copy of "
            "your identity document.",
        ),
        section(
            "Postal return",
            "We do not post items back to owners, except identity documents, which "
            "can be returned by registered post if you apply in writing within 14 "
            "calendar days of the item being found.",
        ),
        section(
            "Handing in found property",
            "If you find an item at our premises, please hand it to the nearest "
            "counter. You may leave your name if you would like to be told whether "
            "the owner claimed it. Items found elsewhere should be handed to the "
            "Police.",
        ),
    ),
    document(
        "services/accessibility-services-en.html",
        "Accessibility Services",
        "en",
        "html",
        section(
            "Our commitment",
            "The Demo Services Department wants everyone to be able to use its "
            "services independently and with dignity. This page describes the "
            "facilities and support available at our offices and online. Our "
            "Accessibility Coordinator can be reached on 2000 0188 or at "
            "access@dsd.demo.example.",
        ),
        section(
            "Access to our offices",
            [
                "All offices, Animal Management Centres and venues have step-free "
                "access and accessible toilets.",
                "Each office has a lowered counter, 75 cm high, for wheelchair "
                "users: Counter 1 at the Central Licensing Office, Counter A at the "
                "Kowloon Service Counter and Counter 3 at the New Territories Service "
                "Counter.",
                "Induction loops for hearing aid users are installed at Counters 1 "
                "and 2 of the Central Licensing Office and at Counter A of the "
                "Kowloon Service Counter.",
                "Two accessible parking spaces are available on basement level B1 of Demo Harbour Centre.",
                "Guide dogs and other assistance animals are welcome in all our premises.",
            ],
        ),
        section(
            "Priority service",
            "Persons with disabilities, people aged 65 or above, pregnant women and "
            "people accompanying a child under 3 may ask for a priority queue "
            "ticket at the ticket machine or from any staff member.",
        ),
        section(
            "Sign language interpretation",
            "Hong Kong Sign Language interpretation is provided free of charge at "
            "any office. Please book at least 3 working days in advance by calling "
            "2000 0188, by SMS to 6000 0188 or by e-mail to access@dsd.demo.example. "
            "Remote video interpretation can be arranged at shorter notice when an "
            "interpreter is available.",
        ),
        section(
            "Forms and guides in accessible formats",
            "Braille, large-print and easy-read versions of our forms and guides "
            "are available free of charge on request and are ready within 5 "
            "working days. Staff can also help you fill in forms at the counter.",
        ),
        section(
            "Online services",
            "Our website and DSD e-Services are designed to meet the Web Content "
            "Accessibility Guidelines (WCAG) 2.1 at Level AA. If you have difficulty "
            "using any page, please tell the Accessibility Coordinator, who will "
            "reply within 5 working days.",
        ),
        section(
            "Help from a representative",
            "If you cannot visit us in person, a relative or friend may submit "
            "applications for you with a signed authorisation letter and a copy of "
            "your identity document. Dog owners who cannot travel may ask a Partner "
            "Veterinary Clinic to renew the dog licence for them.",
        ),
    ),
    document(
        "services/accessibility-services-zh.html",
        "無障礙服務",
        "zh-Hant",
        "html",
        section(
            "我們的承諾",
            "示範服務署希望每位市民都能獨立而有尊嚴地使用本署服務。本頁介紹各辦事處及網上"
            "提供的無障礙設施和支援。如有查詢，請聯絡無障礙統籌主任，電話2000 0188，電郵"
            "access@dsd.demo.example。",
        ),
        section(
            "辦事處無障礙設施",
            [
                "所有辦事處、動物管理中心及場地均設有無梯級通道及暢通易達洗手間。",
                "各辦事處均設有高75厘米的低位櫃檯，方便輪椅使用者：中央牌照辦事處1號櫃檯、"
                "九龍服務櫃位A櫃檯及新界服務櫃位3號櫃檯。",
                "中央牌照辦事處1號及2號櫃檯，以及九龍服務櫃位A櫃檯，均裝有供助聽器使用者使用的感應圈。",
                "示範海港中心地庫B1層設有兩個暢通易達泊車位。",
                "導盲犬及其他輔助動物可進入本署所有處所。",
            ],
        ),
        section(
            "優先服務",
            "殘疾人士、65歲或以上人士、孕婦及攜同三歲以下幼兒的人士，可在取籌機或向任何職員索取優先籌號。",
        ),
        section(
            "手語翻譯",
            "本署在各辦事處免費提供香港手語翻譯服務。請最少於3個工作天前預約，方法包括致電"
            "2000 0188、發短訊至6000 0188，或電郵至access@dsd.demo.example。如有傳譯員"
            "可提供服務，亦可於較短時間內安排遙距視像翻譯。",
        ),
        section(
            "無障礙格式的表格及指南",
            "市民可免費索取點字、大字體及易讀版本的表格和指南，本署會於5個工作天內提供。"
            "職員亦可在櫃位協助填寫表格。",
        ),
        section(
            "網上服務",
            "本署網站及示範署電子服務按照《無障礙網頁內容指引》2.1版AA級別設計。如使用"
            "任何網頁時遇到困難，請通知無障礙統籌主任，我們會於5個工作天內回覆。",
        ),
        section(
            "由代表辦理",
            "如未能親身前來，可由親友持已簽署的授權書及申請人身份證明文件副本代為遞交申請。"
            "未能外出的狗主亦可委託合作獸醫診所代為辦理狗隻牌照續期。",
        ),
    ),
]

# ---------------------------------------------------------------------------
# Privacy and information.
# ---------------------------------------------------------------------------

PRIVACY_DOCS = [
    document(
        "privacy/personal-data-access-request-zh.pdf",
        "查閱及改正個人資料要求指南",
        "zh-Hant",
        "pdf",
        section(
            "簡介",
            "示範服務署重視市民的個人資料私隱，亦即個人隱私。根據《個人資料（私隱）條例》，"
            "任何人均有權查閱本署所持有關於其本人的個人資料，並要求改正不準確的資料。本指南"
            "說明提出要求的方法、收費及處理時限。",
        ),
        section(
            "如何提出查閱資料要求",
            "請填寫查閱資料要求表格DSD-DAR1，連同身份證明文件副本，以下列方式交予本署資料保障主任：",
            [
                "郵寄或親身遞交：香港灣仔樣本道100號示範海港中心8樓 資料保障主任。",
                "電郵：dpo@dsd.demo.example（須附已簽署表格的掃描本）。",
                "傳真：2000 0900。",
            ],
            "請盡量具體說明所需資料，例如牌照號碼、申請日期或投訴編號，以便我們盡快找出有關紀錄。",
        ),
        section(
            "代表他人提出要求",
            "如代表他人提出要求，須附上資料當事人簽署的授權書及代表人的身份證明文件副本。"
            "未滿18歲人士的父母或監護人可代其提出要求，但須出示關係證明。",
        ),
        section(
            "收費",
            [
                "影印本：A4每頁港幣1.50元；A3每頁港幣2.60元。",
                "以電郵傳送電子副本：免費。",
                "以USB儲存裝置提供電子副本：每個港幣30元。",
            ],
            "本署會在提供資料前通知應繳款額。收費只涵蓋處理要求的直接成本，提出要求本身不收費用。",
        ),
        section(
            "處理時限",
            "本署會在收到要求及所需費用後40個曆日內，提供所要求的資料副本。如未能於限期內"
            "完成，或須拒絕有關要求，本署會在40個曆日內以書面通知申請人，並說明理由。",
        ),
        section(
            "可拒絕要求的情況",
            [
                "未能核實申請人的身份。",
                "提供資料會同時披露其他人的個人資料，而該人未有同意。",
                "資料受法律專業保密權保護。",
                "申請人在本署提供相同資料後短期內重複提出要求。",
            ],
            "如紀錄涉及其他人的資料，本署會在可行情況下遮蓋有關部分，並提供其餘資料。",
        ),
        section(
            "改正資料要求",
            "如發現本署持有的資料不準確，可以書面要求改正，並附上證明文件。本署會在收到"
            "要求後40個曆日內改正資料，或以書面解釋不作改正的原因。",
        ),
        section(
            "個人資料的保留期",
            "本署按紀錄類別分別訂定保留期：與牌照有關的個人資料會在牌照屆滿或取消後保留"
            "7年；投訴紀錄會於個案完結後保留2年；場地預訂紀錄保留1年。保留期屆滿後，有關"
            "資料會被銷毀。",
        ),
        section(
            "查詢",
            "資料保障主任電話：2000 0166；電郵：dpo@dsd.demo.example。如對本署處理個人"
            "資料的方式有異議或建議，可先向資料保障主任反映。",
        ),
    ),
    document(
        "privacy/access-to-information-en.docx",
        "Access to Information: How to Request Departmental Information",
        "en",
        "docx",
        section(
            "Our policy",
            "The Demo Services Department makes information about its services, "
            "policies and decisions available to the public unless there is a good "
            "reason not to. Much information is already published on our website, "
            "including our guides, fee schedule, annual report, service pledge "
            "results and the public registers of liquor licences and hawker "
            "licences. If the information you want is not published, you can ask "
            "for it under our Access to Information Policy.",
            "This policy is separate from personal data access requests. If you "
            "want information about yourself, please see our guide on personal "
            "data access requests instead.",
        ),
        section(
            "How to make a request",
            "Requests should be made in writing, using Form DSD-ATI1 or a letter or "
            "e-mail that describes the information you want as precisely as "
            "possible. Send it to the Access to Information Officer:",
            [
                "by e-mail: ati@dsd.demo.example;",
                "by post or in person: Access to Information Officer, 8/F, Demo "
                "Harbour Centre, 100 Sample Road, Wan Chai;",
                "by fax: 2000 0900.",
            ],
            "You do not need to explain why you want the information. The Access to "
            "Information Officer can be contacted on 2000 0177 if you need help "
            "with a request.",
        ),
        section(
            "Response times",
            "We aim to give you the information within 12 working days of "
            "receiving your request. If the request is complex, involves a large "
            "amount of material or requires us to consult a third party, we will "
            "send an interim reply within 12 working days and a full reply within "
            "25 working days.",
        ),
        section(
            "Charges",
            "There is no charge for making a request or for inspecting records at "
            "our offices. Copies are charged at HK$1.50 per A4 page and HK$2.60 per "
            "A3 page. Electronic copies sent by e-mail are free; copies on a USB "
            "storage device cost HK$30 per device. We will tell you the charge "
            "before copying, and the information is released after payment.",
        ),
        section(
            "Information we may withhold",
            "We may refuse to disclose information, in whole or in part, where disclosure would:",
            [
                "reveal personal data about another person without consent;",
                "prejudice legal proceedings or an investigation;",
                "harm the commercial interests of a third party who gave the information in confidence;",
                "prejudice security or public safety; or",
                "release incomplete analysis or draft material that is still under consideration.",
            ],
            "If we withhold information we will explain which reason applies.",
        ),
        section(
            "Reviews",
            "If you are not satisfied with our response, you may ask for a review "
            "by writing to the Assistant Director (Corporate Services) within 30 "
            "calendar days of the decision. The review is carried out by an "
            "officer who was not involved in the original decision, and the "
            "result is sent to you within 20 working days.",
        ),
    ),
]

# ---------------------------------------------------------------------------
# Complaints and appeals.
# ---------------------------------------------------------------------------

COMPLAINT_DOCS = [
    document(
        "complaints-and-appeals/complaints-procedure-en.md",
        "How to Make a Complaint",
        "en",
        "md",
        section(
            "Our approach",
            "We want to hear from you when our service falls short. Complaints help "
            "us put things right for you and improve our service for everyone. We "
            "also welcome compliments and suggestions, which can be sent through "
            "the same channels.",
        ),
        section(
            "How to complain",
            [
                "Online complaint form at www.dsd.demo.example",
                "E-mail: complaints@dsd.demo.example",
                "Complaints hotline: 2000 0199 (Monday to Friday, 8:45 am to 5:30 pm)",
                "Fax: 2000 0900",
                "Post: Complaints Management Unit, 8/F, Demo Harbour Centre, 100 Sample Road, Wan Chai",
                "In person at any service counter",
            ],
            "Please give your name, how to contact you, the date, time and place of "
            "the incident, and any licence or application number involved.",
        ),
        section(
            "Time limit for complaints",
            "Complaints should be made within 12 months of the incident, or of the "
            "date you became aware of it. We do not normally handle complaints made "
            "after 12 months unless there are special reasons, for example if you "
            "were too ill to complain earlier.",
        ),
        section(
            "What happens next",
            (
                ("Stage", "Our target"),
                ("Acknowledgement of a written complaint", "Within 3 working days"),
                ("Complaint made by phone or in person", "Acknowledged immediately"),
                ("Substantive reply, ordinary complaint", "Within 15 working days"),
                (
                    "Complex complaint",
                    "Interim reply within 15 working days; full reply within 30 working days",
                ),
            ),
            "Anonymous complaints are followed up if they contain enough "
            "information, but we cannot reply to them.",
        ),
        section(
            "If you are not satisfied",
            "You can ask for a review within 30 calendar days of the date of our "
            "reply. Write to the Complaints Review Officer, an Assistant Director "
            "who was not involved in handling your complaint, at the address above "
            "or by e-mail. You will receive the result of the review within 20 "
            "working days.",
        ),
        section(
            "What this procedure does not cover",
            [
                "Matters that are the subject of court proceedings.",
                "Appeals against licensing decisions: these go to the Licensing "
                "Appeals Board (see our guide to licensing appeals).",
                "Matters for other government departments or organisations: we will "
                "refer the complaint within 5 working days and tell you that we "
                "have done so.",
            ],
        ),
        section(
            "Your personal data and our staff",
            "Personal data you give us is used only to handle your complaint and "
            "related matters, and is kept for 2 years after the case is closed. Our "
            "staff will treat you with courtesy; in return we ask that you treat "
            "them with respect. Staff may end a call or a meeting if they are "
            "subjected to abuse or threats.",
        ),
    ),
    document(
        "complaints-and-appeals/complaints-procedure-zh.pdf",
        "投訴處理程序",
        "zh-Hant",
        "pdf",
        section(
            "我們的承諾",
            "示範服務署致力提供有效率及有禮的服務。我們歡迎市民提出投訴、意見及建議，協助"
            "我們改善服務。本程序說明如何提出投訴、處理時限，以及如對處理結果不滿，可如何"
            "要求覆檢。",
        ),
        section(
            "如何提出投訴",
            [
                "網上投訴表格：www.dsd.demo.example",
                "電郵：complaints@dsd.demo.example",
                "投訴熱線：2000 0199（星期一至五上午8時45分至下午5時30分）",
                "傳真：2000 0900",
                "郵寄：香港灣仔樣本道100號示範海港中心8樓 投訴管理組",
                "親臨任何服務櫃位",
            ],
            "投訴時請提供姓名、聯絡方法、事件發生的日期、時間及地點，以及相關的牌照或申請編號。",
        ),
        section(
            "提出投訴的時限",
            "投訴須於事件發生後或投訴人得悉有關事件後12個月內提出。超過12個月的投訴，除非"
            "有特別理由（例如投訴人因病未能及早提出），否則本署一般不會處理。",
        ),
        section(
            "處理時限",
            [
                "書面投訴：3個工作天內發出認收通知；電話或親身提出的投訴會即時認收。",
                "一般投訴：15個工作天內作出詳細回覆。",
                "複雜個案：15個工作天內發出中期回覆，並於30個工作天內作出詳細回覆。",
            ],
            "匿名投訴如資料足夠，本署會作出跟進，但由於無法聯絡投訴人，因此不會作出回覆。",
        ),
        section(
            "要求覆檢",
            "如對本署的回覆不滿，可於回覆日期起計30個曆日內，以書面向投訴覆檢主任要求覆檢。"
            "覆檢主任由一名未有參與處理原有個案的助理署長擔任，覆檢結果會於20個工作天內通知"
            "投訴人。",
        ),
        section(
            "不屬本程序處理的事項",
            [
                "正進行法律程序的事項。",
                "針對牌照決定的上訴：請向牌照上訴委員會提出（見《牌照上訴指南》）。",
                "屬其他政府部門或機構職權範圍的事項：本署會於5個工作天內轉介，並通知投訴人。",
            ],
        ),
        section(
            "讚賞及建議",
            "我們同樣歡迎讚賞及改善服務的建議，市民可透過上述任何途徑提交。所有建議會分別"
            "交由有關組別研究，並在每季的服務檢討會議上討論。",
        ),
        section(
            "個人資料及不合理行為",
            "投訴人提供的個人資料只會用於處理投訴及相關事宜，並會在個案完結後保留2年。本署"
            "尊重投訴人的隱私，未經同意不會向無關人士披露其身份。本署員工會以禮相待，但如"
            "受到辱罵或威嚇，有權終止通話或會面。",
        ),
    ),
    document(
        "complaints-and-appeals/licensing-appeals-en.pdf",
        "Appealing a Licensing Decision: Guide to the Licensing Appeals Board",
        "en",
        "pdf",
        section(
            "About the Board",
            "Guidance Note DSD-GN-12 (revised April 2026).",
            "The Licensing Appeals Board is an independent body that hears appeals "
            "against licensing decisions of the Demo Services Department. Its "
            "chairperson and members are appointed from outside the Department, and "
            "each appeal is heard by a panel of three members. The Board's "
            "Secretariat is staffed by the Department but takes instructions only "
            "from the Board.",
        ),
        section(
            "Decisions you can appeal",
            [
                "refusal to grant or renew a dog, hawker, temporary food or liquor licence;",
                "suspension or cancellation of a licence;",
                "conditions attached to a licence;",
                "refusal of a transfer of a liquor licence, or of succession to a hawker licence.",
            ],
            "Decisions on fee waivers and complaints cannot be appealed to the "
            "Board; they are handled under the review procedures described in the "
            "relevant guides.",
        ),
        section(
            "Time limit",
            "An appeal must be lodged within 21 calendar days from the date of the "
            "decision letter. The Board may accept a late appeal only if it is "
            "satisfied that special circumstances, such as serious illness, "
            "prevented you from appealing in time.",
        ),
        section(
            "How to lodge an appeal",
            "Complete Form DSD-AP1, state your grounds of appeal, attach a copy of "
            "the decision letter and any supporting documents, and send them to: "
            "Secretariat, Licensing Appeals Board, Room 1502, 15/F, Demo Harbour "
            "Centre, 100 Sample Road, Wan Chai. You may also submit by e-mail to "
            "appeals@dsd.demo.example or by fax to 2000 0900. There is no fee for "
            "lodging an appeal.",
        ),
        section(
            "What happens next",
            [
                "The Secretariat acknowledges your appeal within 5 working days.",
                "The hearing is normally held within 30 working days of receipt of the appeal.",
                "You are given at least 10 working days' notice of the hearing date.",
                "The Department sends you its written submission at least 5 working days before the hearing.",
            ],
        ),
        section(
            "At the hearing",
            "Hearings are held in Cantonese, English or Putonghua, and "
            "interpretation is provided free of charge if required. You may attend "
            "in person, be represented by a lawyer or another person of your "
            "choice, and bring witnesses. If you do not attend without good reason, "
            "the Board may decide the appeal in your absence.",
            new_page=True,
        ),
        section(
            "Effect on your licence",
            "If you are appealing against a refusal to renew and you lodged the "
            "appeal before the licence expired, the existing licence remains valid "
            "until the Board decides. An appeal does not suspend a decision to "
            "cancel a licence for a public health or safety reason, unless the "
            "Board orders otherwise.",
        ),
        section(
            "The decision",
            "The Board may confirm, vary or reverse the decision under appeal. Its "
            "written decision, with reasons, is sent to you within 10 working days "
            "after the hearing. The Board's decision is final within the "
            "Department's administrative process; you may wish to seek legal advice "
            "on any other options.",
        ),
        section(
            "Withdrawing an appeal and enquiries",
            "You may withdraw an appeal at any time by writing to the Secretariat. "
            "Enquiries: 2000 0211 (Monday to Friday, 9:00 am to 5:30 pm), "
            "appeals@dsd.demo.example.",
        ),
    ),
    document(
        "complaints-and-appeals/licensing-appeals-zh.docx",
        "牌照上訴指南",
        "zh-Hant",
        "docx",
        section(
            "關於牌照上訴委員會",
            "指引編號DSD-GN-12C（二〇二六年四月修訂）。",
            "牌照上訴委員會是獨立組織，負責聆訊針對示範服務署牌照決定的上訴。委員會主席及"
            "委員均由署外人士出任，每宗上訴由三名委員組成的小組聆訊。委員會秘書處由本署"
            "職員支援，但只聽取委員會的指示。",
        ),
        section(
            "可提出上訴的決定",
            [
                "拒絕批出或拒絕續期狗隻牌照、小販牌照、臨時食物牌照或酒牌；",
                "暫時吊銷或取消牌照；",
                "附加於牌照的條件；",
                "拒絕酒牌轉讓或小販牌照承繼申請。",
            ],
            "有關費用豁免及投訴的決定，不可向委員會上訴，須按相關指南所述的覆檢程序處理。",
        ),
        section(
            "上訴時限",
            "上訴須於決定信件日期起計21個曆日內提出。除非委員會信納上訴人因特殊情況（例如"
            "嚴重疾病）未能及時提出，否則不會接納逾期上訴。",
        ),
        section(
            "如何提出上訴",
            "請填寫表格DSD-AP1，列明上訴理由，並附上決定信件副本及任何證明文件，寄往：灣仔"
            "樣本道100號示範海港中心15樓1502室 牌照上訴委員會秘書處。上訴人亦可電郵至"
            "appeals@dsd.demo.example或傳真至2000 0900。提出上訴不收任何費用。",
        ),
        section(
            "上訴程序",
            [
                "秘書處會於5個工作天內確認收到上訴。",
                "聆訊一般於收到上訴後30個工作天內舉行。",
                "上訴人會於聆訊日期前最少10個工作天收到通知。",
                "本署會於聆訊前最少5個工作天，把書面陳述送交上訴人。",
            ],
        ),
        section(
            "聆訊",
            "聆訊以粵語、英語或普通話進行，如有需要，會免費提供傳譯服務。上訴人可親身出席，"
            "或由律師或其他人士代表，並可傳召證人。如上訴人無合理理由缺席，委員會可在其"
            "缺席的情況下作出裁決。",
        ),
        section(
            "上訴期間的牌照效力",
            "如上訴人就拒絕續期提出上訴，而上訴是在牌照屆滿前提出，現有牌照在委員會作出"
            "裁決前仍然有效。如牌照因公眾衞生或安全理由被取消，除非委員會另有命令，否則"
            "提出上訴不會暫緩取消決定。",
        ),
        section(
            "裁決",
            "委員會可維持、更改或推翻有關決定，並會於聆訊後10個工作天內以書面通知上訴人"
            "裁決及理由。委員會的裁決為本署行政程序中的最終決定。",
        ),
        section(
            "撤回上訴及查詢",
            "上訴人可隨時以書面通知秘書處撤回上訴。查詢電話：2000 0211（星期一至五上午9時"
            "至下午5時30分）；電郵：appeals@dsd.demo.example。",
        ),
    ),
]

# ---------------------------------------------------------------------------
# General, bilingual documents.
# ---------------------------------------------------------------------------

GENERAL_DOCS = [
    document(
        "general/service-pledge-2026-bilingual.pdf",
        "Service Pledge 2026-27 服務承諾",
        "en+zh-Hant",
        "pdf",
        section(
            "Our commitment",
            "The Demo Services Department is committed to providing courteous, "
            "efficient and accessible services. This pledge sets out the standards "
            "you can expect from us in 2026-27, together with our performance in "
            "2025-26. The Chinese version follows on page 2.",
        ),
        section(
            "Performance standards",
            (
                ("Service", "Target", "Achieved in 2025-26"),
                (
                    "Waiting time at service counters",
                    "90% of customers served within 20 minutes",
                    "93%",
                ),
                (
                    "General enquiry hotline 2000 0100",
                    "Calls answered within 30 seconds",
                    "91%",
                ),
                (
                    "New or renewed dog licence at an Animal Management Centre",
                    "Issued on the spot",
                    "100%",
                ),
                ("Hawker licence renewal", "7 working days", "98%"),
                ("Replacement hawker licence", "5 working days", "99%"),
                ("Temporary food licence", "10 working days", "96%"),
                ("New liquor licence", "40 working days", "94%"),
                ("Liquor licence renewal", "15 working days", "97%"),
                ("Venue booking confirmation", "5 working days", "99%"),
                ("Fee waiver decision", "10 working days", "95%"),
                ("Substantive reply to a complaint", "15 working days", "92%"),
                ("Access to information request", "12 working days", "96%"),
                ("Refunds", "20 working days", "98%"),
            ),
        ),
        section(
            "Monitoring and review",
            "Each target is measured every month by the Service Quality Unit. If a "
            "target is missed for two months in a row, the division concerned must "
            "report the reasons and an improvement plan to the Director. Targets "
            "are reviewed every year, taking into account customer surveys and "
            "comments received through our complaints and suggestions channels. In "
            "2025-26 all targets were met except the hotline target, which was "
            "affected by a rise in calls about the new fees; four additional "
            "hotline staff were deployed from April 2026.",
        ),
        section(
            "How you can help",
            "You can help us serve you quickly by bringing complete documents, "
            "booking an appointment where available and keeping your contact "
            "details up to date. Comments on this pledge are welcome at "
            "complaints@dsd.demo.example or on 2000 0199. Results are published "
            "every July on www.dsd.demo.example.",
        ),
        section(
            "我們的承諾",
            "示範服務署致力提供有禮、有效率及方便使用的服務。本服務承諾列出市民在"
            "2026-27年度可期望的服務標準，以及本署在2025-26年度的實際表現。",
            new_page=True,
        ),
        section(
            "服務標準",
            (
                ("服務", "目標", "2025-26年度實際表現"),
                ("服務櫃位輪候時間", "90%的市民在20分鐘內獲得服務", "93%"),
                ("一般查詢熱線2000 0100", "在30秒內接聽來電", "91%"),
                ("在動物管理中心簽發或續期狗隻牌照", "即場發出", "100%"),
                ("小販牌照續期", "7個工作天", "98%"),
                ("補領小販牌照", "5個工作天", "99%"),
                ("臨時食物牌照", "10個工作天", "96%"),
                ("酒牌新申請", "40個工作天", "94%"),
                ("酒牌續期", "15個工作天", "97%"),
                ("確認場地預訂", "5個工作天", "99%"),
                ("費用豁免申請決定", "10個工作天", "95%"),
                ("詳細回覆投訴", "15個工作天", "92%"),
                ("索取資料要求", "12個工作天", "96%"),
                ("退款", "20個工作天", "98%"),
            ),
        ),
        section(
            "監察及檢討",
            "服務質素組每月量度各項目標的達標情況。如某項目標連續兩個月未能達到，有關部門"
            "須向署長匯報原因及改善計劃。本署每年檢討服務目標，並會考慮顧客意見調查的結果，"
            "以及透過投訴及建議途徑收到的意見。在2025-26年度，除查詢熱線的目標因新收費"
            "實施後來電增加而未能達到外，其餘目標均已達到；本署已於二〇二六年四月起增派"
            "四名熱線職員。",
        ),
        section(
            "請你合作",
            "市民如帶齊所需文件、盡量預約服務，並保持聯絡資料更新，可協助我們更快提供服務。"
            "如對本服務承諾有任何意見，歡迎電郵至complaints@dsd.demo.example或致電"
            "2000 0199。本署每年七月在網站公布服務表現。",
        ),
    ),
    document(
        "general/contact-directory-bilingual.txt",
        "Contact Directory / 聯絡資料一覽",
        "en+zh-Hant",
        "txt",
        section(
            "About this directory / 關於本一覽表",
            "This directory lists the offices and telephone numbers of the Demo "
            "Services Department (DSD). Telephone lines are answered during office "
            "hours unless otherwise stated.",
            "本一覽表列出示範服務署（示範署）各辦事處的地址及電話號碼。除另有註明外，"
            "各熱線於辦公時間內接聽。",
        ),
        section(
            "Offices / 辦事處",
            [
                "Headquarters and Central Licensing Office: 8/F, Demo Harbour Centre, "
                "100 Sample Road, Wan Chai, Hong Kong",
                "總部及中央牌照辦事處：香港灣仔樣本道100號示範海港中心8樓",
                "Kowloon Service Counter: G/F, Lotus Demo Building, 23 Example Street, Mong Kok, Kowloon",
                "九龍服務櫃位：九龍旺角範例街23號蓮花示範大廈地下",
                "New Territories Service Counter: 3/F, Tsuen Wan Model Government "
                "Offices, 5 Model Lane, Tsuen Wan",
                "新界服務櫃位：荃灣模範里5號荃灣模範政府合署3樓",
                "Island Animal Management Centre: 2/F, Chai Wan Demo Complex, 40 Specimen Street, Chai Wan",
                "港島動物管理中心：柴灣標本街40號柴灣示範綜合大樓2樓",
                "Kowloon and New Territories Animal Management Centre: 18 Kennel Road, Sha Tin",
                "九龍及新界動物管理中心：沙田犬舍路18號",
            ],
        ),
        section(
            "Telephone numbers / 電話號碼",
            (
                ("Service / 服務", "Telephone / 電話"),
                ("General enquiries / 一般查詢", "2000 0100"),
                ("Licensing enquiries / 牌照查詢", "2000 0111"),
                ("Weather arrangements, recorded / 惡劣天氣安排錄音", "2000 0120"),
                ("Dog licensing / 狗隻牌照", "2000 0122"),
                ("Lost property / 失物認領", "2000 0133"),
                ("Venue booking enquiries / 場地預訂查詢", "2000 0144"),
                ("Appointments, 24 hours / 預約（24小時）", "2000 0155"),
                ("Data Protection Officer / 資料保障主任", "2000 0166"),
                ("Access to Information Officer / 索取資料主任", "2000 0177"),
                ("Accessibility Coordinator / 無障礙統籌主任", "2000 0188"),
                ("Complaints / 投訴", "2000 0199"),
                ("Licensing Appeals Board / 牌照上訴委員會", "2000 0211"),
                ("Fax / 傳真", "2000 0900"),
            ),
            "SMS for sign language interpretation bookings / 預約手語翻譯短訊：6000 0188",
        ),
        section(
            "E-mail and online services / 電郵及網上服務",
            [
                "Website / 網站：www.dsd.demo.example",
                "DSD e-Services / 示範署電子服務：eservices.dsd.demo.example",
                "General enquiries / 一般查詢：enquiry@dsd.demo.example",
                "Complaints / 投訴：complaints@dsd.demo.example",
                "Venue booking / 場地預訂：venues@dsd.demo.example",
                "Personal data / 個人資料：dpo@dsd.demo.example",
                "Access to information / 索取資料：ati@dsd.demo.example",
                "Accessibility / 無障礙服務：access@dsd.demo.example",
                "Licensing appeals / 牌照上訴：appeals@dsd.demo.example",
            ],
        ),
        section(
            "Postal addresses for applications / 郵寄申請地址",
            "Most forms can be posted to the Central Licensing Office at the "
            "headquarters address. Postal dog licence renewals go to the Dog "
            "Licensing Unit, Kowloon and New Territories Animal Management Centre, "
            "18 Kennel Road, Sha Tin. Appeals go to the Secretariat, Licensing "
            "Appeals Board, Room 1502, 15/F, Demo Harbour Centre. Lost property is "
            "held at Room 812, 8/F, Demo Harbour Centre.",
            "大部分表格可郵寄至總部的中央牌照辦事處。以郵寄方式為狗隻牌照續期，請寄往沙田"
            "犬舍路18號九龍及新界動物管理中心狗隻牌照組。上訴請寄往示範海港中心15樓1502室"
            "牌照上訴委員會秘書處。失物存放於示範海港中心8樓812室。",
        ),
        section(
            "Hotline hours / 熱線服務時間",
            "The general enquiry hotline 2000 0100 is staffed from 8:30 am to 6:00 pm "
            "on weekdays and from 9:00 am to 12:00 noon on Saturdays. The "
            "appointment hotline 2000 0155 and the weather recorded message 2000 "
            "0120 operate 24 hours a day.",
            "一般查詢熱線2000 0100的服務時間為星期一至五上午8時30分至下午6時，以及星期六"
            "上午9時至中午12時。預約熱線2000 0155及惡劣天氣錄音訊息2000 0120全日24小時"
            "運作。",
        ),
    ),
]

# ---------------------------------------------------------------------------
# Scanned notices: rendered as page images, with no text layer.
# ---------------------------------------------------------------------------

NOTICE_DOCS = [
    document(
        "notices/dog-outreach-days-2027-scanned-en.pdf",
        "Notice: Rabies Vaccination and Dog Licensing Outreach Days, January to March 2027",
        "en",
        "scan-pdf",
        section(
            "",
            "Ref: DSD/AM/N/2026-41    Date: 16 November 2026",
        ),
        section(
            "Purpose",
            "To make it easier for dog owners in districts without an Animal "
            "Management Centre to license and vaccinate their dogs, the Demo "
            "Services Department will hold four outreach days between January and "
            "March 2027. Veterinary staff will vaccinate dogs against rabies, "
            "implant microchips and issue new or renewed dog licences on the spot.",
        ),
        section(
            "Dates and venues",
            [
                "Saturday 16 January 2027: Tuen Mun Demo Sports Centre, forecourt",
                "Sunday 7 February 2027: Tai Po Example Playground, basketball court",
                "Saturday 6 March 2027: Sai Kung Model Waterfront Promenade",
                "Sunday 21 March 2027: Tung Chung Demo Community Square",
            ],
            "Each outreach day runs from 10:00 am to 4:00 pm, with a break from "
            "1:00 pm to 1:30 pm. Up to 150 dogs can be served on each day, on a "
            "first come, first served basis.",
        ),
        section(
            "Fees",
            "Fees are the same as at the Animal Management Centres: dog licence "
            "HK$120 (HK$60 for a desexed dog), rabies vaccination HK$90 and "
            "microchip implantation HK$70. Payment is by cash or Octopus only. "
            "Owners approved under the Fee Waiver Scheme should bring their "
            "approval letter and pay nothing.",
        ),
        section(
            "What to bring",
            [
                "Your Hong Kong Identity Card or travel document.",
                "Your current dog licence or the renewal reminder letter.",
                "Any vaccination or microchip record from a private veterinarian.",
            ],
            "Dogs must be kept on a leash no longer than 2 metres. Dogs that may "
            "bite must wear a muzzle. If your dog is sick or pregnant, please "
            "consult your own veterinarian before vaccination.",
            new_page=True,
        ),
        section(
            "Bad weather",
            "Outreach days are held outdoors. A session is cancelled if Tropical "
            "Cyclone Warning Signal No. 3 or above, or the Red or Black Rainstorm "
            "Warning, is in force at 8:00 am on the day. Cancelled sessions will "
            "not be rescheduled; owners may visit an Animal Management Centre "
            "instead.",
        ),
        section(
            "Enquiries",
            "Dog licensing hotline: 2000 0122.",
            "Senior Veterinary Officer, Animal Management Division, Demo Services Department",
        ),
    ),
    document(
        "notices/tsuen-wan-counter-closure-scanned-zh.pdf",
        "通告：新界服務櫃位暫停服務（翻新工程）",
        "zh-Hant",
        "scan-pdf",
        section("", "檔號：DSD/CS/N/2026-38　　日期：二〇二六年十一月九日"),
        section(
            "暫停服務日期",
            "為提升服務環境及無障礙設施，位於荃灣模範里5號荃灣模範政府合署3樓的新界服務"
            "櫃位，將由二〇二七年一月四日（星期一）至二〇二七年二月二十六日（星期五）暫停"
            "服務，以進行翻新工程。",
        ),
        section(
            "暫停期間的安排",
            [
                "市民可前往中央牌照辦事處（灣仔樣本道100號示範海港中心8樓）或九龍服務櫃位"
                "（旺角範例街23號蓮花示範大廈地下）辦理所有櫃位服務。",
                "荃灣模範政府合署地下大堂將設臨時服務站，逢星期二及星期四上午9時30分至"
                "下午12時30分及下午2時至4時30分開放，只辦理小販牌照續期、更改地址及收取"
                "表格。",
                "原定在新界服務櫃位的預約，會自動轉往九龍服務櫃位同一時段，本署會以短訊通知。",
                "網上服務（eservices.dsd.demo.example）照常提供。",
            ],
            "位於同一大樓4樓的模範多用途室不受工程影響，照常開放租用。",
        ),
        section(
            "恢復服務",
            "翻新工程完成後，新界服務櫃位將於二〇二七年三月一日（星期一）恢復服務，並會"
            "新增一個低位櫃檯及一套感應圈。如工程期間遇上惡劣天氣，臨時服務站會按颱風及"
            "暴雨期間的安排暫停服務。",
        ),
        section(
            "查詢",
            "一般查詢熱線：2000 0100。不便之處，敬請見諒。",
            "示範服務署 客戶服務科",
        ),
    ),
    document(
        "notices/payment-kiosk-notice-scanned.png",
        "Self-service Payment Kiosks 自助繳費機",
        "en+zh-Hant",
        "scan-png",
        section(
            "Notice",
            "From 1 February 2027, four self-service payment kiosks will be "
            "available: three in the 8/F lift lobby of Demo Harbour Centre, "
            "outside the Central Licensing Office, and one at the Kowloon Service "
            "Counter.",
            "The kiosks accept Octopus, credit cards (Visa, Mastercard, UnionPay) "
            "and FPS. They do not accept cash or cheques. The maximum amount per "
            "transaction is HK$10,000. Use a kiosk to pay any payment notice that "
            "carries a barcode, such as a hawker licence renewal notice, a liquor "
            "licence renewal notice or a venue booking payment notice. A receipt "
            "is printed immediately.",
            "How to pay: scan the barcode on your payment notice, check the amount "
            "on the screen, choose a payment method and take your receipt.",
            "Kiosk hours: Monday to Friday 8:00 am to 8:00 pm; Saturday 8:00 am to "
            "1:00 pm; closed on Sundays and public holidays. Enquiries: 2000 0100.",
        ),
        section(
            "通告",
            "由二〇二七年二月一日起，本署將設置四部自助繳費機：三部位於示範海港中心8樓"
            "升降機大堂（中央牌照辦事處外），一部位於九龍服務櫃位。",
            "繳費機接受八達通、信用卡（Visa、萬事達卡、銀聯）及轉數快，不接受現金或支票，"
            "每次交易上限為港幣10,000元。市民可使用繳費機繳付印有條碼的繳費通知，例如小販"
            "牌照續期通知、酒牌續期通知及場地預訂繳費通知，收據會即時列印。",
            "使用方法：掃描繳費通知上的條碼，核對螢幕上顯示的金額，選擇付款方式，然後取回收據。",
            "服務時間：星期一至五上午8時至晚上8時；星期六上午8時至下午1時；星期日及公眾"
            "假期暫停服務。查詢：2000 0100。",
        ),
    ),
]

DOCUMENTS: list[dict[str, Any]] = [
    *LICENSING_DOCS,
    *FEES_DOCS,
    *COUNTER_DOCS,
    *SERVICE_DOCS,
    *PRIVACY_DOCS,
    *COMPLAINT_DOCS,
    *GENERAL_DOCS,
    *NOTICE_DOCS,
]


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------

_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_RE = re.compile(f"[{_CJK}]")


def has_cjk(text: str) -> bool:
    """True if the text contains Chinese characters or full-width punctuation."""
    return bool(CJK_RE.search(text))


def display_width(text: str) -> int:
    """Width of the text in monospace columns (wide characters count as 2)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def dept_name(lang: str) -> str:
    return {"en": DEPT_EN, "zh-Hant": DEPT_ZH}.get(lang, f"{DEPT_EN} {DEPT_ZH}")


def page_label(lang: str, page: int, total: int | None = None) -> str:
    """Page footer, e.g. "Demo Services Department | Page 2 of 3"."""
    en = f"Page {page}" + (f" of {total}" if total else "")
    zh = f"第 {page} 頁" + (f"，共 {total} 頁" if total else "")
    label = {"en": en, "zh-Hant": zh}.get(lang, f"{en} {zh}")
    return f"{dept_name(lang)} | {label}"


def wrap_text(text: str, width: int = 78, indent: str = "") -> str:
    """Word-wrap English text for plain-text formats; CJK text is left as is."""
    if has_cjk(text):
        return indent + text
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=" " * len(indent))


def make_zip_reproducible(path: Path) -> None:
    """Rewrite a DOCX/XLSX package with fixed timestamps, so reruns are byte-identical."""
    with zipfile.ZipFile(path) as package:
        entries = [(info.filename, package.read(info)) for info in package.infolist()]
    stamp = META_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            package.writestr(zipfile.ZipInfo(name, META_DATE.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)


Writer = Callable[[dict[str, Any], Path], None]

# ---------------------------------------------------------------------------
# PDF with a text layer (reportlab). Chinese uses the standard Traditional
# Chinese CID font MSung-Light (not embedded; readers substitute a local
# font), which text extractors map back to exact Unicode. Noto CJK cannot be
# embedded because reportlab does not support CFF-based TrueType collections.
# ---------------------------------------------------------------------------

# (regular, bold) font names; there is no bold Traditional Chinese CID font,
# so Chinese headings use size and colour instead.
PDF_FONTS = {False: ("Helvetica", "Helvetica-Bold"), True: ("MSung-Light", "MSung-Light")}


@functools.cache
def _pdf_styles() -> dict[tuple[str, bool], ParagraphStyle]:
    # reportlab pairs MSung-Light (Adobe-CNS1) with the Adobe-GB1 Unicode CMap;
    # use the matching CNS1 CMap so that CIDs and glyphs agree in every reader.
    cidfonts.defaultUnicodeEncodings["MSung-Light"] = ("cht", "UniCNS-UCS2-H")
    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))
    styles: dict[tuple[str, bool], ParagraphStyle] = {}
    for cjk in (False, True):
        regular, bold = PDF_FONTS[cjk]
        # Character-level wrapping for Chinese, word wrapping for English.
        wrap: dict[str, Any] = {"wordWrap": "CJK"} if cjk else {}
        size = 11 if cjk else 10.5
        styles["dept", cjk] = ParagraphStyle(
            f"dept{cjk}",
            fontName=regular,
            fontSize=9,
            leading=12,
            textColor=colors.HexColor("#4a5a6a"),
            spaceAfter=4,
            **wrap,
        )
        styles["title", cjk] = ParagraphStyle(
            f"title{cjk}",
            fontName=bold,
            fontSize=17,
            leading=23,
            spaceAfter=8,
            textColor=colors.HexColor("#12355b"),
            **wrap,
        )
        styles["heading", cjk] = ParagraphStyle(
            f"heading{cjk}",
            fontName=bold,
            fontSize=12.5,
            leading=17,
            spaceBefore=9,
            spaceAfter=4,
            keepWithNext=1,
            textColor=colors.HexColor("#12355b"),
            **wrap,
        )
        styles["body", cjk] = ParagraphStyle(
            f"body{cjk}",
            fontName=regular,
            fontSize=size,
            leading=size * 1.55,
            spaceAfter=6,
            **wrap,
        )
        styles["bullet", cjk] = ParagraphStyle(
            f"bullet{cjk}",
            parent=styles["body", cjk],
            leftIndent=16,
            bulletIndent=5,
            bulletFontName="Helvetica",
            spaceAfter=3,
        )
        styles["cell", cjk] = ParagraphStyle(f"cell{cjk}", fontName=regular, fontSize=9.5, leading=13, **wrap)
        styles["head_cell", cjk] = ParagraphStyle(
            f"head_cell{cjk}", fontName=bold, fontSize=9.5, leading=13, **wrap
        )
    return styles


def _pdf_para(text: str, kind: str, **kwargs: Any) -> Paragraph:
    return Paragraph(xml_escape(text), _pdf_styles()[kind, has_cjk(text)], **kwargs)


def _column_fractions(rows: tuple[tuple[str, ...], ...]) -> list[float]:
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    weights = [min(max(w, 8), 60) for w in widths]
    return [w / sum(weights) for w in weights]


def _pdf_table(rows: tuple[tuple[str, ...], ...], width: float) -> Table:
    data = [
        [_pdf_para(cell, "head_cell" if i == 0 else "cell") for cell in row] for i, row in enumerate(rows)
    ]
    table = Table(data, colWidths=[f * width for f in _column_fractions(rows)], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a99a8")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3eaf2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def write_pdf(doc: dict[str, Any], path: Path) -> None:
    rl_config.invariant = 1  # fixed dates and document ID: reproducible output
    page_width, _ = A4
    margin = 22 * mm
    frame_width = page_width - 2 * margin
    story: list[Any] = [
        _pdf_para(dept_name(doc["lang"]), "dept"),
        _pdf_para(doc["title"], "title"),
    ]
    for sec in doc["sections"]:
        if sec["new_page"]:
            story.append(PageBreak())
        if sec["heading"]:
            story.append(_pdf_para(sec["heading"], "heading"))
        for block in sec["body"]:
            if isinstance(block, str):
                story.append(_pdf_para(block, "body"))
            elif isinstance(block, list):
                story.extend(_pdf_para(item, "bullet", bulletText="•") for item in block)
            else:
                story += [_pdf_table(block, frame_width), Spacer(1, 8)]

    def footer(canvas: Any, _template: Any) -> None:
        label = page_label(doc["lang"], canvas.getPageNumber())
        canvas.setFont(PDF_FONTS[has_cjk(label)][0], 8.5)
        canvas.setFillColor(colors.HexColor("#4a5a6a"))
        canvas.drawCentredString(page_width / 2, 12 * mm, label)

    template = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=20 * mm,
        bottomMargin=22 * mm,
        title=doc["title"],
        author=dept_name(doc["lang"]),
        creator="aiplus scripts/make_demo_corpus.py",
        lang={"en": "en-GB", "zh-Hant": "zh-HK"}.get(doc["lang"], "en-GB"),
    )
    template.build(story, onFirstPage=footer, onLaterPages=footer)


# ---------------------------------------------------------------------------
# DOCX (python-docx). Every run gets explicit Latin and East Asian fonts.
# ---------------------------------------------------------------------------

DOCX_LATIN_FONT = "Arial"
DOCX_EAST_ASIA_FONT = "Microsoft JhengHei"


def _docx_set_fonts(element: Any) -> None:
    """Set w:rFonts (including w:eastAsia) on a run or style element.

    Theme font attributes are removed because they take precedence over the
    explicit font names.
    """
    rfonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attr}"), DOCX_LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), DOCX_EAST_ASIA_FONT)


def write_docx(doc: dict[str, Any], path: Path) -> None:
    docx = Document()
    for name in ("Normal", "Title", "Heading 1", "List Bullet"):
        _docx_set_fonts(docx.styles[name].element)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "zh-HK")
    docx.styles["Normal"].element.get_or_add_rPr().append(lang)

    props = docx.core_properties
    props.title = doc["title"]
    props.author = props.last_modified_by = dept_name(doc["lang"])
    props.language = {"en": "en-GB", "zh-Hant": "zh-HK"}.get(doc["lang"], "en-GB")
    props.created = props.modified = META_DATE
    props.revision = 1
    props.comments = "Fictional demonstration document."

    dept = docx.add_paragraph().add_run(dept_name(doc["lang"]))
    dept.font.size = Pt(9)
    dept.font.color.rgb = RGBColor(0x4A, 0x5A, 0x6A)
    docx.add_heading(doc["title"], level=0)
    for sec in doc["sections"]:
        if sec["new_page"]:
            docx.add_page_break()
        if sec["heading"]:
            docx.add_heading(sec["heading"], level=1)
        for block in sec["body"]:
            if isinstance(block, str):
                docx.add_paragraph(block)
            elif isinstance(block, list):
                for item in block:
                    docx.add_paragraph(item, style="List Bullet")
            else:
                table = docx.add_table(rows=0, cols=len(block[0]), style="Table Grid")
                for i, row in enumerate(block):
                    cells = table.add_row().cells
                    for cell, text in zip(cells, row, strict=True):
                        cell.text = text
                        if i == 0:
                            cell.paragraphs[0].runs[0].bold = True
                docx.add_paragraph()
    for run in docx.element.body.iter(qn("w:r")):
        _docx_set_fonts(run)
    docx.save(str(path))
    make_zip_reproducible(path)


# ---------------------------------------------------------------------------
# HTML, with site chrome (navigation, breadcrumb, footer, scripts) around the
# article, as a real departmental web page would have.
# ---------------------------------------------------------------------------

HTML_CHROME = {
    "en": {
        "html_lang": "en",
        "skip": "Skip to main content",
        "switch": "繁體中文",
        "search": "Search",
        "nav": ["Home", "Licensing", "Fees and Payments", "Service Counters", "Complaints", "Contact Us"],
        "home": "Home",
        "links": ["Important notices", "Privacy policy", "Accessibility", "Sitemap"],
        "revised": "Last revision date: 1 April 2026",
        "copyright": f"© 2026 {DEPT_EN}. All rights reserved.",
    },
    "zh-Hant": {
        "html_lang": "zh-Hant-HK",
        "skip": "跳至主要內容",
        "switch": "English",
        "search": "搜尋",
        "nav": ["主頁", "牌照服務", "收費及繳費", "服務櫃位", "投訴", "聯絡我們"],
        "home": "主頁",
        "links": ["重要告示", "私隱政策", "無障礙網頁", "網頁指南"],
        "revised": "修訂日期：2026年4月1日",
        "copyright": f"© 2026 {DEPT_ZH}。版權所有。",
    },
}

HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="{html_lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | {site}</title>
<link rel="stylesheet" href="/static/css/site.css">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"page": "{path}"}});</script>
</head>
<body>
<a class="skip-link" href="#content">{skip}</a>
<header class="site-header">
<div class="logo"><a href="/">{site}</a></div>
<nav class="tools"><a href="#">{switch}</a> | <a href="#">{search}</a> | <a href="#">A A A</a></nav>
<nav class="main-nav">
<ul>
{nav}
</ul>
</nav>
</header>
<nav class="breadcrumb"><a href="/">{home}</a> &gt; {title}</nav>
<main id="content">
<article>
<h1>{title}</h1>
{body}
</article>
</main>
<footer class="site-footer">
<ul>
{links}
</ul>
<p>{revised}</p>
<p>{copyright}</p>
</footer>
<script src="/static/js/site.js"></script>
</body>
</html>
"""


def write_html(doc: dict[str, Any], path: Path) -> None:
    chrome = HTML_CHROME[doc["lang"]]
    esc = html.escape
    parts: list[str] = []
    for sec in doc["sections"]:
        parts.append("<section>")
        if sec["heading"]:
            parts.append(f"<h2>{esc(sec['heading'])}</h2>")
        for block in sec["body"]:
            if isinstance(block, str):
                parts.append(f"<p>{esc(block)}</p>")
            elif isinstance(block, list):
                items = "\n".join(f"<li>{esc(item)}</li>" for item in block)
                parts.append(f"<ul>\n{items}\n</ul>")
            else:
                head = "".join(f"<th>{esc(cell)}</th>" for cell in block[0])
                rows = "\n".join(
                    "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in block[1:]
                )
                parts.append(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>")
        parts.append("</section>")
    page = HTML_TEMPLATE.format(
        html_lang=chrome["html_lang"],
        title=esc(doc["title"]),
        site=esc(dept_name(doc["lang"])),
        path=esc(doc["path"]),
        skip=chrome["skip"],
        switch=chrome["switch"],
        search=chrome["search"],
        nav="\n".join(f'<li><a href="#">{esc(n)}</a></li>' for n in chrome["nav"]),
        home=chrome["home"],
        body="\n".join(parts),
        links="\n".join(f'<li><a href="#">{esc(n)}</a></li>' for n in chrome["links"]),
        revised=chrome["revised"],
        copyright=esc(chrome["copyright"]),
    )
    path.write_text(page, encoding="utf-8")


# ---------------------------------------------------------------------------
# Markdown and plain text
# ---------------------------------------------------------------------------


def write_markdown(doc: dict[str, Any], path: Path) -> None:
    lines = [f"# {doc['title']}", "", f"*{dept_name(doc['lang'])}*", ""]
    for sec in doc["sections"]:
        if sec["heading"]:
            lines += [f"## {sec['heading']}", ""]
        for block in sec["body"]:
            if isinstance(block, str):
                lines += [wrap_text(block), ""]
            elif isinstance(block, list):
                lines += [wrap_text(item, indent="- ") for item in block] + [""]
            else:
                lines.append("| " + " | ".join(block[0]) + " |")
                lines.append("|" + "|".join(" --- " for _ in block[0]) + "|")
                lines += ["| " + " | ".join(row) + " |" for row in block[1:]]
                lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_txt(doc: dict[str, Any], path: Path) -> None:
    title = doc["title"]
    lines = [dept_name(doc["lang"]), "", title, "=" * display_width(title), ""]
    for sec in doc["sections"]:
        if sec["heading"]:
            lines += [sec["heading"], "-" * display_width(sec["heading"]), ""]
        for block in sec["body"]:
            if isinstance(block, str):
                lines += [wrap_text(block), ""]
            elif isinstance(block, list):
                lines += [wrap_text(item, indent="  * ") for item in block] + [""]
            else:
                widths = [max(display_width(row[i]) for row in block) for i in range(len(block[0]))]
                for row in block:
                    cells = [cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)]
                    lines.append("  ".join(cells).rstrip())
                lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


# ---------------------------------------------------------------------------
# XLSX (openpyxl): one sheet per table, header row first.
# ---------------------------------------------------------------------------


def write_xlsx(doc: dict[str, Any], path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in doc["sheets"]:
        sheet = workbook.create_sheet(title=name)
        for row in rows:
            sheet.append(list(row))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DCE6F1")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for col in range(1, len(rows[0]) + 1):
            width = max(display_width(str(row[col - 1])) for row in rows)
            sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, 60)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
            cell.number_format = "#,##0.00"
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    props = workbook.properties
    props.title = doc["title"]
    props.creator = props.lastModifiedBy = DEPT_EN
    props.language = "en-GB, zh-HK"
    props.created = props.modified = META_DATE
    workbook.save(path)
    make_zip_reproducible(path)


# ---------------------------------------------------------------------------
# Scanned documents: the text is drawn onto white A4 page images at 150 dpi
# with Noto Sans CJK, then slightly rotated, blurred and speckled. The PDF and
# PNG writers share the renderer; neither output has a text layer.
# ---------------------------------------------------------------------------

SCAN_DPI = 150
SCAN_PAGE_PX = (1240, 1754)  # A4 at 150 dpi
SCAN_MARGIN_PX = 120
SCAN_INK = 25
_WRAP_TOKEN_RE = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+\\s*|\\s+")
_NO_LINE_START = set("，。、；：？！）」』》")


@functools.cache
def _scan_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    path = NOTO_DIR / f"NotoSansCJK-{'Bold' if bold else 'Regular'}.ttc"
    for index in range(10):
        font = ImageFont.truetype(str(path), size, index=index)
        if font.getname()[0] == "Noto Sans CJK HK":
            return font
    raise RuntimeError(f"Noto Sans CJK HK not found in {path}")


def _wrap_px(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Wrap to a pixel width: by word for English, by character for Chinese."""
    lines: list[str] = []
    line = ""
    for token in _WRAP_TOKEN_RE.findall(text):
        fits = font.getlength((line + token).rstrip()) <= width
        if line and not fits and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


ScanLine = tuple[str, ImageFont.FreeTypeFont, int, int, str]
"""A wrapped line: text, font, indent, gap above it, marker drawn in the margin."""


def _scan_lines(doc: dict[str, Any]) -> list[ScanLine | None]:
    """Flatten a document into wrapped lines; None marks a forced page break."""
    width = SCAN_PAGE_PX[0] - 2 * SCAN_MARGIN_PX
    body, small = _scan_font(27), _scan_font(22)
    heading, title = _scan_font(31, bold=True), _scan_font(40, bold=True)
    out: list[ScanLine | None] = [(dept_name(doc["lang"]), small, 0, 0, "")]

    def add(text: str, font: Any, gap: int, indent: int = 0, marker: str = "") -> None:
        for i, line in enumerate(_wrap_px(text, font, width - indent)):
            out.append((line, font, indent, gap, marker) if i == 0 else (line, font, indent, 0, ""))

    add(doc["title"], title, 18)
    for sec in doc["sections"]:
        if sec["new_page"]:
            out.append(None)
        if sec["heading"]:
            add(sec["heading"], heading, 26)
        for block in sec["body"]:
            if isinstance(block, str):
                add(block, body, 14)
            elif isinstance(block, list):
                for item in block:
                    add(item, body, 8, indent=36, marker="•")
            else:
                for row in block:
                    add("    ".join(row), body, 6)
    return out


def _render_scan(doc: dict[str, Any]) -> list[Image.Image]:
    page_w, page_h = SCAN_PAGE_PX
    bottom = page_h - SCAN_MARGIN_PX
    pages: list[list[ScanLine]] = [[]]  # placed lines: the gap is replaced by the top y
    y = SCAN_MARGIN_PX
    for item in _scan_lines(doc):
        if item is None:
            pages.append([])
            y = SCAN_MARGIN_PX
            continue
        text, font, indent, gap, marker = item
        height = int(font.size * 1.55)
        if y + gap + height > bottom and pages[-1]:
            pages.append([])
            y = SCAN_MARGIN_PX
        else:
            y += gap
        pages[-1].append((text, font, indent, y, marker))
        y += height

    rng = np.random.default_rng(zlib.crc32(doc["path"].encode()))
    images = []
    for number, lines in enumerate(pages, start=1):
        page = Image.new("L", SCAN_PAGE_PX, 255)
        draw = ImageDraw.Draw(page)
        for text, font, indent, top, marker in lines:
            draw.text((SCAN_MARGIN_PX + indent, top), text, font=font, fill=SCAN_INK)
            if marker:
                draw.text((SCAN_MARGIN_PX + 8, top), marker, font=font, fill=SCAN_INK)
        if len(pages) > 1:
            label = page_label(doc["lang"], number, len(pages))
            draw.text(
                (page_w / 2, page_h - 70),
                label,
                font=_scan_font(20),
                fill=SCAN_INK,
                anchor="mm",
            )
        images.append(_age_scan(page, rng))
    return images


def _age_scan(page: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Make a clean page look scanned: skew under 1 degree, blur, shading, dust."""
    angle = float(rng.uniform(0.3, 0.8) * rng.choice([-1, 1]))
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.5))
    pixels = np.asarray(page, dtype=np.int16)
    pixels = pixels - np.linspace(0, 10, pixels.shape[1], dtype=np.int16)[None, :]
    specks = rng.random(pixels.shape) < 0.0005
    pixels[specks] = rng.integers(80, 180, int(specks.sum()))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def write_scan_pdf(doc: dict[str, Any], path: Path) -> None:
    first, *rest = _render_scan(doc)
    first.save(
        path,
        "PDF",
        resolution=SCAN_DPI,
        save_all=True,
        append_images=rest,
        quality=70,
        title=doc["title"],
        author=dept_name(doc["lang"]),
        creationDate=META_DATE.timetuple(),
        modDate=META_DATE.timetuple(),
    )


def write_scan_png(doc: dict[str, Any], path: Path) -> None:
    pages = _render_scan(doc)
    if len(pages) != 1:
        raise ValueError(f"{doc['path']}: a PNG notice must fit on one page")
    pages[0].save(path, "PNG", optimize=True, dpi=(SCAN_DPI, SCAN_DPI))


# ---------------------------------------------------------------------------

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
GENERATED_SUFFIXES = {".pdf", ".docx", ".html", ".md", ".txt", ".xlsx", ".png"}


def main() -> None:
    expected = {OUT_DIR / doc["path"] for doc in DOCUMENTS}
    if len(expected) != len(DOCUMENTS):
        raise SystemExit("duplicate document paths")
    for doc in DOCUMENTS:
        target = OUT_DIR / doc["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        WRITERS[doc["format"]](doc, target)
        print(f"{doc['format']:9} {doc['lang']:11} {doc['path']}")
    for stale in sorted(OUT_DIR.rglob("*")):
        if stale.is_file() and stale.suffix in GENERATED_SUFFIXES and stale not in expected:
            stale.unlink()
            print(f"removed stale {stale.relative_to(OUT_DIR)}")
    for folder in sorted((p for p in OUT_DIR.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    size = sum(p.stat().st_size for p in OUT_DIR.rglob("*") if p.is_file())
    print(f"{len(DOCUMENTS)} documents, {size / 1e6:.2f} MB in {OUT_DIR}")


if __name__ == "__main__":
    main()
