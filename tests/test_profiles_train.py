"""Training a newsroom profile end to end: from a store with editor decisions (rejected
suggestions fall, added tags appear) and from an archive file, through ``tagwerk train tags``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tagwerk.article import build_article
from tagwerk.cli import app
from tagwerk.pipeline import Analyzer, AnalyzerConfig
from tagwerk.profiles import load_profile
from tagwerk.store import TagReview, open_store
from tagwerk.training.profile_data import examples_from_store

# Six reports of a regional desk on wolves, written for these tests.
ARCHIVE = [
    ("Wolf reißt Schafe in der Uckermark",
     "In der Uckermark hat ein Wolf in der Nacht elf Schafe gerissen. Der Schäfer fordert vom Land Brandenburg eine "
     "schnellere Entschädigung. Das Landesumweltamt prüft den Fall und verweist auf das Wolfsmanagement, das "
     "Herdenschutzzäune fördert."),
    ("Neues Rudel im Spreewald nachgewiesen",
     "Im Spreewald lebt ein weiteres Wolfsrudel, wie das Landesumweltamt in Potsdam mitteilte. In Brandenburg gibt es "
     "damit mehr als fünfzig Rudel. Naturschützer loben das Wolfsmanagement, Landwirte halten es für zu zögerlich."),
    ("Streit um Abschuss eines Wolfs",
     "Der Landkreis Oder-Spree will einen Wolf abschießen lassen, der mehrfach Zäune überwunden hat. Umweltverbände "
     "kündigten eine Klage an. Das Wolfsmanagement des Landes Brandenburg erlaubt den Abschuss nur in Ausnahmefällen."),
    ("Herdenschutzhunde gegen den Wolf",
     "Immer mehr Schäfer in Brandenburg setzen auf Herdenschutzhunde. Das Land bezahlt einen Teil der Kosten im Rahmen "
     "des Wolfsmanagements. In der Prignitz seien seitdem kaum noch Tiere gerissen worden, sagte ein Sprecher."),
    ("Wolfssichtung am Stadtrand von Cottbus",
     "Am Stadtrand von Cottbus ist ein Wolf gesichtet worden. Die Stadt rät, Abstand zu halten und keine Tiere zu "
     "füttern. Fachleute des Wolfsmanagements in Brandenburg sehen keine Gefahr für Menschen."),
    ("Mehr Geld für Zäune gegen Wölfe",
     "Brandenburg erhöht die Förderung für wolfssichere Zäune. Der Landtag in Potsdam stimmte zusätzlichen Mitteln für "
     "das Wolfsmanagement zu. Die Opposition kritisierte, das Geld komme bei den Weidetierhaltern zu spät an."),
]
NEW = ("Wolf im Havelland gesichtet",
       "Im Havelland ist erneut ein Wolf gesichtet worden. Brandenburg will das Wolfsmanagement nun ausbauen und mehr "
       "Berater für Weidetierhalter einstellen. Ein Rudel lebt seit Jahren in der Gegend.")


def _names(analysis) -> list[str]:  # noqa: ANN001
    return [t.name for t in analysis.tags if not t.given]


@pytest.fixture(scope="module")
def reviewed_db(full_analyzer, tmp_path_factory):
    """A store whose editor rejected the Land on every report and added the desk's own tag."""
    db = tmp_path_factory.mktemp("redaktion") / "redaktion.db"
    with open_store(db) as store:
        for title, body in ARCHIVE:
            result = store.ingest(full_analyzer.analyze(build_article(body=body, title=title)))
            store.review_tags(result.id, TagReview(reject=["Brandenburg"], add=["Wolfsmanagement"], who="ressort"))
    return db


def test_profiles_store_decisions_become_examples(reviewed_db):
    with open_store(reviewed_db) as store:
        examples = list(examples_from_store(store))
    assert len(examples) == len(ARCHIVE)
    for ex in examples:
        assert "Wolfsmanagement" in ex.gold
        assert "Brandenburg" in ex.rejected
        assert "Brandenburg" not in ex.gold
        assert not ex.article.given_tags  # the analysis must not see the answers


def test_profiles_train_from_store_rejected_fall_added_appear(reviewed_db, full_analyzer, tmp_path):
    before = _names(full_analyzer.analyze(build_article(body=NEW[1], title=NEW[0])))
    assert "Brandenburg" in before and "Wolfsmanagement" not in before

    out = tmp_path / "redaktion.json"
    result = CliRunner().invoke(app, ["train", "tags", "--from-store", "--db", str(reviewed_db), "--out", str(out),
                                      "--name", "redaktion"])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output
    profile = load_profile(out)
    assert profile.ranker.kind == "prior"  # six articles: too few to fit a model
    assert profile.trained["rejected"] == len(ARCHIVE)

    analyzer = Analyzer(AnalyzerConfig(profile=out))
    after = _names(analyzer.analyze(build_article(body=NEW[1], title=NEW[0])))
    assert "Wolfsmanagement" in after[:3]
    assert "Brandenburg" not in after or after.index("Brandenburg") > before.index("Brandenburg")
    assert analyzer.versions["tags"].endswith("+profile:redaktion")


def test_profiles_train_from_archive_file_and_tag_with_it(tmp_path):
    archive = tmp_path / "archiv.jsonl"
    rows = [{"id": f"w{i}", "title": t, "text": b, "tags": ["Wolfsmanagement", "Wölfe"]} for i, (t, b) in enumerate(ARCHIVE)]
    rows.append({"id": "ohne", "title": "Ohne Tags", "text": "Ein Text ohne Tags wird beim Lernen übergangen."})
    archive.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    new = tmp_path / "neu.txt"
    new.write_text(NEW[0] + "\n\n" + NEW[1] + "\n", encoding="utf-8")
    out = tmp_path / "p.json"
    runner = CliRunner()
    result = runner.invoke(app, ["train", "tags", str(archive), "--out", str(out), "--name", "archiv", "--model", "prior",
                                 "--min-probability", "0.25"])
    assert result.exit_code == 0, result.output
    assert load_profile(out).min_probability == 0.25  # kept for a later model; the prior ranker gives no probabilities
    assert 30 <= load_profile(out).trained["tokens_median"] <= 80  # the six reports' length, recorded
    tagged = runner.invoke(app, ["tag", str(new), "--profile", str(out), "--no-ids"])
    assert tagged.exit_code == 0, tagged.output
    assert "Wolfsmanagement" in tagged.output.strip().split("\n")[-1]


def test_profiles_train_without_tags_fails_clearly(tmp_path):
    archive = tmp_path / "leer.jsonl"
    archive.write_text(json.dumps({"title": "Ohne", "text": "Ein Text ohne Tags."}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["train", "tags", str(archive), "--out", str(tmp_path / "p.json")])
    assert result.exit_code == 1
    assert "no article with tags" in result.output


@pytest.mark.parametrize("args", [["--model", "wald", "x.jsonl"], ["--subjects", "s.txt", "--section-subjects", "x.jsonl"], []])
def test_profiles_train_usage_errors(args, tmp_path):
    result = CliRunner().invoke(app, ["train", "tags", *args, "--out", str(tmp_path / "p.json")])
    assert result.exit_code == 2


def test_profiles_env_variable_names_the_profile(monkeypatch, tmp_path):
    from tagwerk.profiles import Profile, save_profile

    path = tmp_path / "env.json"
    save_profile(Profile(name="umgebung"), path)
    monkeypatch.setenv("TAGWERK_PROFILE", str(path))
    assert AnalyzerConfig().profile == path
    monkeypatch.setenv("TAGWERK_PROFILE", str(tmp_path / "fehlt.json"))
    result = CliRunner().invoke(app, ["tag", str(tmp_path / "x.txt")])
    assert result.exit_code == 2
    assert "no profile file" in result.output


def test_profiles_analyze_records_the_profile_in_the_stage_version(tmp_path):
    from tagwerk.profiles import HouseTag, Profile, save_profile

    path = tmp_path / "haus.json"
    save_profile(Profile(name="Haus", vocabulary=(HouseTag("Wolfsmanagement", 3),)), path)
    new = tmp_path / "neu.txt"
    new.write_text(NEW[0] + "\n\n" + NEW[1] + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(new), "-f", "json", "--profile", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["stages"]["tags"].endswith("+profile:haus")
    assert "Wolfsmanagement" in [t["name"] for t in data["tags"]]


def test_profiles_train_summary_names_the_kinds_not_offered():
    from tagwerk.cli.profiles import profile_summary
    from tagwerk.profiles import Priors, Profile

    p = Profile(name="haus", priors=Priors(300, 0.1, {}, {"keyphrase:term": (453, 1), "entity:person": (270, 30)}),
                trained={"articles": 300})
    line = profile_summary(p)
    assert "not offered (the house does not use them): keyphrase:term" in line and "300 articles" in line
    assert "not offered" not in profile_summary(Profile(name="leer"))


def test_profiles_train_summary_warns_of_a_profile_learned_from_short_texts():
    """A profile learned from ntv's teasers ranked whole Wikinews articles badly (a country the
    body named once above the story's own names): the summary says what it was learned from."""
    from tagwerk.cli.profiles import profile_summary
    from tagwerk.profiles import Profile

    short = profile_summary(Profile(name="haus", trained={"articles": 320, "tokens_median": 52}))
    assert "learned from short texts (52 tokens an article)" in short
    assert "short texts" not in profile_summary(Profile(name="haus", trained={"articles": 320, "tokens_median": 420}))
    assert "short texts" not in profile_summary(Profile(name="alt", trained={"articles": 320}))  # written before


def test_profiles_train_summary_names_the_keep_probability():
    from tagwerk.cli.profiles import profile_summary
    from tagwerk.profiles import HouseTag, Profile
    from tagwerk.profiles.ranker import FEATURES, LinearRanker

    ranker = LinearRanker(list(FEATURES), [0.0] * len(FEATURES), [1.0] * len(FEATURES), [0.0] * len(FEATURES), 0.0)
    p = Profile(name="haus", vocabulary=(HouseTag("USA", 3),), ranker=ranker, min_probability=0.035,
                metrics={"cv_at_min_probability": {"recall@5_all": 0.70, "recall@5": 0.69,
                                                   "tags_per_article_all": 4.5, "tags_per_article": 2.3}})
    line = profile_summary(p)
    assert "suggests a tag from a keep probability of 0.035" in line
    assert "2.3 tags an article instead of 4.5" in line
