"""Statistics as files an organiser downloads: CSV (UTF-8 with a byte-order mark, so Excel reads Chinese)
and XLSX."""

import csv
import io

from django.http import HttpResponse

from aiplus.forums.statistics import EventStatistics

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def statistics_xlsx(figures: EventStatistics) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "statistics"
    for row in figures.rows():
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def statistics_csv(figures: EventStatistics) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(figures.rows())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def statistics_download(figures: EventStatistics, file_format: str, *, name: str) -> HttpResponse:
    if file_format == "xlsx":
        response = HttpResponse(statistics_xlsx(figures), content_type=XLSX)
    else:
        response = HttpResponse(statistics_csv(figures), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-statistics.{file_format}"'
    return response
