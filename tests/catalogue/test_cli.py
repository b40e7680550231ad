"""``aiplus catalogue import`` and ``export`` through click's runner, as an operator would run them."""

import io
import json

from click.testing import CliRunner
from openpyxl import Workbook

from aiplus.catalogue.models import Solution, SolutionStatus
from aiplus.cli import main

HEADER = "vendor_br,name_en,name_zh,summary_en,summary_zh,categories,languages,deployment,residency,pricing_model,risk_tier,annual_price_hkd,status"
GOOD = '61203451,Survey Text Coder,問卷文字編碼器,Codes survey answers.,將問卷答案歸類。,analyse,"en,zh-Hant",private_cloud,hong_kong,per_use,limited,120000,published'
BAD = "61203451,Broken Row,壞行,x,y,mind_reading,en,private_cloud,hong_kong,per_use,limited,,draft"
UNKNOWN_VENDOR = "99999999,Ghost,鬼,x,y,analyse,en,private_cloud,hong_kong,per_use,limited,,draft"


def test_import_reports_bad_rows_and_keeps_the_good(vera, tmp_path):
    path = tmp_path / "solutions.csv"
    path.write_text("\n".join([HEADER, GOOD, BAD, UNKNOWN_VENDOR]), encoding="utf-8")
    result = CliRunner().invoke(main, ["catalogue", "import", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["created"] == 1 and [p["row"] for p in report["problems"]] == [3, 4]
    assert report["problems"][0]["field"] == "solution.categories"
    assert Solution.objects.get().status == SolutionStatus.PUBLISHED
    again = CliRunner().invoke(main, ["catalogue", "import", str(path), "--json"])
    assert json.loads(again.stdout)["unchanged"] == 1
    assert Solution.objects.count() == 1


def test_import_reads_excel_and_refuses_a_file_without_the_columns(vera, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "61203451",
            "Survey Text Coder",
            "問卷文字編碼器",
            "Codes.",
            "歸類。",
            "analyse",
            "en",
            "private_cloud",
            "hong_kong",
            "per_use",
            "limited",
            "",
            "draft",
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "solutions.xlsx"
    path.write_bytes(buffer.getvalue())
    result = CliRunner().invoke(main, ["catalogue", "import", str(path)])
    assert result.exit_code == 0 and "1 created" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("name,price\nx,1\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["catalogue", "import", str(bad)])
    assert refused.exit_code != 0 and "vendor_br" in refused.output
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a workbook")
    assert CliRunner().invoke(main, ["catalogue", "import", str(corrupt)]).exit_code != 0


def test_export_shows_a_vendor_only_what_it_may_see(vera, victor, tmp_path):
    from tests.catalogue.conftest import make_solution

    make_solution(vera, publish=False, name_en="Vera Draft Product")
    make_solution(vera, name_en="Vera Published Product")
    as_victor = CliRunner().invoke(main, ["catalogue", "export", "--user", "victor"])
    assert "Vera Published Product" in as_victor.output and "Vera Draft Product" not in as_victor.output
    as_operator = CliRunner().invoke(main, ["catalogue", "export", "--json"])
    assert len(as_operator.output.strip().splitlines()) == 2


def test_a_vendor_imports_only_for_its_own_company(vera, victor, tmp_path):
    path = tmp_path / "solutions.csv"
    path.write_text("\n".join([HEADER, GOOD.replace(",published", ",draft")]), encoding="utf-8")
    result = CliRunner().invoke(main, ["catalogue", "import", str(path), "--json", "--user", "victor"])
    report = json.loads(result.stdout)
    assert report["created"] == 0 and report["problems"][0]["row"] == 2
    assert not Solution.objects.exists()
