"""spaCy without PyTorch: keep thinc (spaCy's machine-learning library) from importing torch.

thinc imports PyTorch at start whenever it is installed (``thinc.compat``), to offer its
PyTorch wrappers. tagwerk never uses them: spaCy runs the tokenizer and the CNN on thinc's
NumPy ops, and the transformer teacher imports torch itself (``tagwerk.ner.teacher``). Where
torch is installed (the ``teacher`` extra), that import cost about 1.5 s and 200 MB in every
process that loads spaCy. :func:`install` hides torch from ``thinc.compat`` alone, while it
is first imported; ``import torch`` works as ever afterwards. It does nothing where torch or
thinc is already imported, or where ``TAGWERK_THINC_TORCH=1`` asks for thinc's PyTorch support.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

_TARGET = "thinc.compat"


class _TorchlessLoader(importlib.abc.Loader):
    def __init__(self, real: Any) -> None:
        self.real = real

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.real.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        if "torch" in sys.modules:  # someone imported torch meanwhile: thinc may use it
            self.real.exec_module(module)
            return
        sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
        try:
            self.real.exec_module(module)
        finally:
            if sys.modules.get("torch", 0) is None:
                del sys.modules["torch"]


class _ThincCompatFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Sequence[str] | None, target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if name != _TARGET:
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)  # once
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _TorchlessLoader(spec.loader)
        return spec


def install() -> None:
    """Hide torch from thinc when it is first imported (see the module's doc)."""
    if os.environ.get("TAGWERK_THINC_TORCH") == "1" or _TARGET in sys.modules or "torch" in sys.modules:
        return
    if not any(isinstance(f, _ThincCompatFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _ThincCompatFinder())
