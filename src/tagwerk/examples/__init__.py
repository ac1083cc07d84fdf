"""The bundled example article: a German agency-style news text written by the tagwerk team.

The story, its quotes and the credit line are invented for demonstration; the persons,
countries and organisations in it are real so that tagwerk has something to find.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

EXAMPLE_NAME = "beispiel.txt"


def example_path() -> Path:
    """The file path of the bundled example article (``tagwerk analyze`` with no argument)."""
    return Path(str(resources.files(__name__).joinpath(EXAMPLE_NAME)))


def example_text() -> str:
    """The text of the bundled example article."""
    return resources.files(__name__).joinpath(EXAMPLE_NAME).read_text(encoding="utf-8")
