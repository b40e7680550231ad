"""HTML, with site chrome (navigation, breadcrumb, footer, scripts) around the article, as a real
departmental web page would have."""

from __future__ import annotations

import html
from pathlib import Path

from .common import DEPT_EN, DEPT_ZH, dept_name
from .content import Document

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


def write_html(doc: Document, path: Path) -> None:
    chrome = HTML_CHROME[doc.lang]
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
    page = HTML_TEMPLATE.format(
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
        copyright=esc(chrome["copyright"]),
    )
    path.write_text(page, encoding="utf-8")
