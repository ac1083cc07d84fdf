"""One newsroom vocabulary file for every reader: what ``kb add`` writes works with
``--vocabulary``, the Python setting and ``kb show``; the default file is read by every analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from tagwerk.cli import EXIT_OK, main

ARTICLE = (
    "Koalition einigt sich auf Rentenreform\n\n"
    "Berlin (dpa) - Die Koalition hat sich nach langem Streit auf die Rentenreform geeinigt. "
    "Die Reform der Rente soll im Herbst im Bundestag beschlossen werden, sagte Olaf Scholz. "
    "Die Rentenreform sieht ein höheres Rentenniveau vor.\n\nQuelle: dpa"
)
SLUG_MAP = "rentenreform: Rentenreform\nmord-und-totschlag: Mord und Totschlag\n"
NAME_LIST = "- Rentenreform\n- Mord und Totschlag\n"
TOPICS = "topics:\n  - name: Rentenreform\n    type: event\n    section: p\n    triggers: [Reform der Rente]\n"


@pytest.fixture()
def newsroom(tmp_path, monkeypatch):
    """An isolated default newsroom file (not the user's)."""
    from tagwerk.kb import clear_cache

    path = tmp_path / "data" / "newsroom.yaml"
    monkeypatch.setenv("TAGWERK_NEWSROOM", str(path))
    monkeypatch.setenv("TAGWERK_KB_USER", str(tmp_path / "data" / "kb-user.jsonl"))
    clear_cache()
    yield path
    clear_cache()


def _kb_add(capsys, *extra):
    code = main(["kb", "add", "Rentenpaket II", "--alias", "Reform der Rente", "--type", "MISC", *extra])
    out, _ = capsys.readouterr()
    assert code == EXIT_OK
    return out


def _tags(capsys, path: Path, *extra) -> list[str]:
    code = main(["tag", str(path), "--top-k", "10", *extra])
    out, errout = capsys.readouterr()
    assert code == EXIT_OK, errout
    return [t.strip() for t in out.strip().split("\t", 1)[1].split(",")]


def test_kb_add_file_works_with_vocabulary_option(newsroom, tmp_path, capsys):
    vocab = tmp_path / "eigene.yaml"
    _kb_add(capsys, "--file", str(vocab))
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert "Rentenpaket II" in _tags(capsys, article, "--vocabulary", str(vocab))


def test_kb_add_file_works_in_the_python_setting(newsroom, tmp_path, capsys):
    from tagwerk.pipeline import Analyzer, AnalyzerConfig
    from tagwerk.topics import load_vocabulary

    vocab = tmp_path / "eigene.yaml"
    _kb_add(capsys, "--file", str(vocab))
    topics = load_vocabulary(newsroom=[vocab])
    found = topics.lookup("Reform der Rente")
    assert found is not None and found.name == "Rentenpaket II"
    analyzer = Analyzer(AnalyzerConfig(stages=("tokens", "section"), newsroom_vocabulary=vocab))
    assert analyzer.config.newsroom_vocabulary == (vocab,)


@pytest.mark.parametrize("content", [SLUG_MAP, NAME_LIST, TOPICS], ids=["slugs", "names", "topics"])
def test_topic_vocabulary_shapes_load_into_the_kb_too(content, tmp_path, newsroom, capsys):
    from tagwerk.kb import load_kb

    vocab = tmp_path / "eigene.yaml"
    vocab.write_text(content, encoding="utf-8")
    load_kb(user=False, vocabularies=[vocab])  # no error: topics only, no KB entries
    code = main(["kb", "show", "Putin", "--vocabulary", str(vocab)])
    assert code == EXIT_OK, capsys.readouterr().err


def test_default_newsroom_file_is_read_by_every_analysis(newsroom, tmp_path, capsys):
    from tagwerk.pipeline import AnalyzerConfig

    out = _kb_add(capsys)
    assert newsroom.is_file() and str(newsroom) in out
    assert AnalyzerConfig().newsroom_vocabulary == (newsroom,)
    assert AnalyzerConfig(user_vocabulary=False).newsroom_vocabulary == ()
    article = tmp_path / "artikel.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert "Rentenpaket II" in _tags(capsys, article)
    code = main(["kb", "show", "Reform der Rente"])
    out, _ = capsys.readouterr()
    assert code == EXIT_OK and "Rentenpaket II" in out
