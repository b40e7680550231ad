"""The document assistant's prompts, kept as files beside this module, and the fence that marks a document in
a prompt as quoted data.

A document goes to a model between a line ``<document-ID>`` and a line ``</document-ID>``, where ID is taken
from a hash of the text it encloses: the document cannot close the fence early and carry on as instructions,
because it cannot hold the hash of itself. The prompts tell the model that everything inside is data; a model
that repeats the markers has them taken out of its reply (``unfenced``).
"""

import hashlib
import re
from importlib import resources

_FENCE_LINE_RE = re.compile(r"^[ \t]*</?document-[0-9a-f]{12}>[ \t]*\n?", re.MULTILINE)


def prompt(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text("utf-8")


def fenced(text: str) -> str:
    """``text`` between the document fence's opening and closing lines."""
    tag = "document-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return f"<{tag}>\n{text}\n</{tag}>"


def unfenced(reply: str) -> str:
    """A model's reply without any fence line it repeated."""
    return _FENCE_LINE_RE.sub("", reply)
