"""HTML, with site chrome (navigation, breadcrumb, footer, scripts) around the article, as a real
departmental web page would have."""

from __future__ import annotations

import functools
import html
from pathlib import Path
from typing import Any

import yaml

from .common import dept_name
from .content import Document

CHROME_FILE = Path(__file__).resolve().parents[1] / "demo_content" / "html-chrome.yaml"
TEMPLATE_FILE = Path(__file__).with_name("page.html")


@functools.cache
def _chrome() -> dict[str, dict[str, Any]]:
    """Navigation, footer and other site text per language, from the content folder."""
    return yaml.safe_load(CHROME_FILE.read_text("utf-8"))


def write_html(doc: Document, path: Path) -> None:
    chrome = _chrome()[doc.lang]
    esc = html.escape
    parts: list[str] = []
    for sec in doc.sections:
        parts.append("<section>")
        if sec.heading:
            parts.append(f"<h2>{esc(sec.heading)}</h2>")
        for block in sec.body:
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
    page = TEMPLATE_FILE.read_text("utf-8").format(
        html_lang=chrome["html_lang"],
        title=esc(doc.title),
        site=esc(dept_name(doc.lang)),
        path=esc(doc.path),
        skip=chrome["skip"],
        switch=chrome["switch"],
        search=chrome["search"],
        nav="\n".join(f'<li><a href="#">{esc(n)}</a></li>' for n in chrome["nav"]),
        home=chrome["home"],
        body="\n".join(parts),
        links="\n".join(f'<li><a href="#">{esc(n)}</a></li>' for n in chrome["links"]),
        revised=chrome["revised"],
        copyright=esc(chrome["copyright"].format(department=dept_name(doc.lang))),
    )
    path.write_text(page, encoding="utf-8")
