"""A short command loads only what it needs: no PyTorch behind spaCy, no other stage's code for
``--stages tokens``, no tokenizer warm-up for one article, simplemma's index from the cache.
(How long start-up takes is measured by ``benchmarks/startup.py``, not here.)"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tagwerk

SRC = Path(tagwerk.__file__).resolve().parents[1]  # the tagwerk under test
TEXT = "Berlin (dpa) - Bundeskanzler Olaf Scholz hat am Montag in Paris mit Emmanuel Macron gesprochen."


def _python(code: str, **env: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object."""
    environ = {**os.environ, "PYTHONPATH": str(SRC), **env}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=environ, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="PyTorch is not installed")
def test_startup_spacy_without_torch(tmp_path):
    out = _python(
        "import json, sys\n"
        "from tagwerk import Analyzer\n"
        f"Analyzer(stages=('tokens',)).analyze({TEXT!r})\n"
        "import thinc.compat\n"
        "before = 'torch' in sys.modules\n"
        "import torch\n"
        "print(json.dumps({'torch_before': before, 'thinc_torch': thinc.compat.has_torch, 'torch_after': hasattr(torch, 'tensor')}))",
        TAGWERK_CACHE=str(tmp_path),
    )
    assert out == {"torch_before": False, "thinc_torch": False, "torch_after": True}
    out = _python("import json, tagwerk, spacy, thinc.compat\nprint(json.dumps({'thinc_torch': thinc.compat.has_torch}))",
                  TAGWERK_THINC_TORCH="1")
    assert out == {"thinc_torch": True}


def test_startup_tokens_only_loads_no_other_stage(tmp_path):
    out = _python(
        "import json, sys\n"
        "from tagwerk.cli import main\n"
        "from tagwerk.pipeline import Analyzer, AnalyzerConfig\n"
        "from tagwerk.cli.common import stage_names\n"
        f"Analyzer(AnalyzerConfig(stages=stage_names('tokens'))).analyze({TEXT!r})\n"
        "mods = [m for m in ('tagwerk.stages.ner', 'tagwerk.stages.entities', 'tagwerk.stages.quotes', 'tagwerk.stages.tags',\n"
        "        'wordfreq', 'onnxruntime', 'trafilatura', 'feedparser', 'fastapi', 'dask', 'sqlalchemy') if m in sys.modules]\n"
        "print(json.dumps({'loaded': mods}))",
        TAGWERK_CACHE=str(tmp_path),
    )
    assert out == {"loaded": []}


def test_startup_help_loads_no_analysis_library():
    out = _python(
        "import json, sys, contextlib, io\n"
        "from tagwerk.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])\n"
        "mods = [m for m in ('spacy', 'onnxruntime', 'wordfreq', 'simplemma', 'numpy', 'sqlalchemy', 'fastapi') if m in sys.modules]\n"
        "print(json.dumps({'loaded': mods}))"
    )
    assert out == {"loaded": []}


def test_startup_tokenizer_warms_only_for_a_longer_run(token_analyzer):
    from tagwerk.ner import nlp

    tokens = next(stage for spec, stage in token_analyzer._stages if spec.name == "tokens")
    fresh = type(token_analyzer)(stages=("tokens",))
    one = fresh.analyze(TEXT).to_dict()
    assert fresh._warm, "one article must not warm the tokenizer"
    many = fresh.analyze_batch([TEXT, "Ein zweiter Text über Hamburg."])
    assert not fresh._warm and id(tokens.nlp) in nlp._WARMED
    assert many[0].to_dict() == one  # the same analysis, warm or not


def test_lemma_index_from_the_cache_gives_simplemma_s_lemmas(tmp_path, monkeypatch):
    from tagwerk.lang.de import lemma_index

    sm = lemma_index._simplemma()
    if sm is None:
        pytest.skip("this simplemma release keeps another dictionary form")
    monkeypatch.setenv("TAGWERK_CACHE", str(tmp_path))
    data = sm["read"]("de")
    built = sm["StreamMap"]("de")  # simplemma's own index
    path = lemma_index._index_path(sm, data)
    assert path.parent == tmp_path and not path.exists()
    lemma_index._to_cache(built, path)
    cached = lemma_index._from_cache(sm, data, path)
    assert cached is not None and cached._firsts == built._firsts and cached._blocks == built._blocks
    words = [w for i, w in enumerate(built) if i % 997 == 0][:400] + ["Häuser", "gingen", "Rentenreform", "Xyzzyq"]
    assert [cached.get(w) for w in words] == [built.get(w) for w in words]
    path.write_bytes(b"kaputt")  # a damaged cache is rebuilt, never trusted
    assert lemma_index._from_cache(sm, data, path) is None


def test_tokenizer_alone_splits_as_the_whole_pipeline(shared_dir):
    """``--stages tokens`` loads the model's tokenizer alone (``load_tokenizer``): the same tokens."""
    from tagwerk.examples import example_path
    from tagwerk.ner.nlp import load_nlp, load_tokenizer

    alone, whole = load_tokenizer(), load_nlp()
    assert alone is not whole and not alone.pipe_names
    texts = [example_path().read_text(encoding="utf-8")]
    corpus = shared_dir / "data" / "background" / "dewikinews-850.jsonl"
    if corpus.exists():
        with corpus.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for _, line in zip(range(300), fh, strict=False)]
    for text in texts:
        assert [(t.idx, t.text) for t in alone.make_doc(text)] == [(t.idx, t.text) for t in whole.make_doc(text)]


def test_tokens_stage_alone_uses_the_tokenizer_alone():
    from tagwerk import Analyzer

    assert not Analyzer(stages=("tokens",))._stages[0][1].nlp.pipe_names
    assert Analyzer(stages=("tokens", "ner"))._stages[0][1].nlp is Analyzer(stages=("tokens", "ner"))._stages[1][1].nlp
