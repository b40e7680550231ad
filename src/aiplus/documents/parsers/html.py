"""HTML: the visible text of the main content, without scripts, navigation, headers and footers."""

from pathlib import Path

from aiplus.documents.parsers import PageCallback, PageText, ParsedDocument
from aiplus.documents.parsers.text import read_text

_DROP = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg"]
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "table",
    "dd",
}


def parse_html(path: Path, *, on_page: PageCallback | None = None, **_) -> ParsedDocument:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(read_text(path), "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(_DROP):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    for tag in root.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    for cell in root.find_all(["td", "th"]):
        cell.insert_after(" | ")
    lines = [" ".join(line.split()).strip(" |") for line in root.get_text().splitlines()]
    if on_page:
        on_page(1, 1)
    return ParsedDocument(pages=[PageText(1, "\n".join(line for line in lines if line))], title=title)
