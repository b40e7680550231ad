"""The document assistant's prompts, kept as files beside this module."""

from importlib import resources


def prompt(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text("utf-8")
