"""The YAML files of ``tagwerk.lang.de``, parsed with libyaml's C loader where PyYAML has it.

PyYAML's pure-Python loader takes about half a second for ``mediatopics.yaml`` and a quarter
for ``names.yaml`` (which three modules read); the C loader gives the same data in a tenth of
the time. Each file is parsed once per process: callers read what comes back, never change it.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader, else PyYAML's own (the same data, slower)."""


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` with the faster loader."""
    return yaml.load(text, Loader=LOADER)  # noqa: S506 - a safe loader


@lru_cache(maxsize=16)
def load_yaml(name: str) -> Any:
    """``lang/de/<name>``, parsed once (shared: do not change it)."""
    return parse_yaml((resources.files("tagwerk.lang.de") / name).read_text(encoding="utf-8"))
