"""Quote extraction against the quotes-wikinews gold (Petersen-Frey and Biemann 2024).

Usage::

    python benchmarks/quotes.py ../shared/data/quotes-wikinews/dev.jsonl [--limit N] [--errors FILE]

Prints precision, recall and F1 overall and per type, with one-to-one matching: a
predicted and a gold quote match when they share at least 50% of the tokens of each
(intersection >= half of the larger token set), best overlaps first. "exact" needs the
same tokens, punctuation aside. Speaker accuracy on matched quotes: the predicted
speaker overlaps the gold speaker, or both are empty. Cue accuracy likewise. Addressees
on matched quotes: the share of the gold's addressees found (overlap) and the share of
predicted addressees that overlap the gold's. Also the quotes stage's share of the whole analysis time (every stage that is installed).

The gold is CC BY-NC-SA: this script only reads it; nothing of it is stored.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from tagwerk.analysis import Analysis
from tagwerk.article import Article, Block
from tagwerk.pipeline import DEFAULT_STAGES, AnalyzerConfig, Work, registered_stages

TYPES = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")
PUNCT = set(",.;:!?„“”\"»«‚‘’'()-–")


def article_of(rec: dict) -> Article:
    text = rec["originalText"]
    blocks = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            a = pos + (len(line) - len(line.lstrip()))
            blocks.append(Block("paragraph", a, a + len(stripped), stripped))
        pos += len(line) + 1
    return Article(text=text, blocks=blocks, id=rec.get("documentName"))


def char_tokens(gold_tokens: list[dict], spans: list[tuple[int, int]]) -> frozenset[int]:
    """Ids of the gold tokens that overlap the character spans."""
    ends = [t["charEnd"] for t in gold_tokens]
    out = set()
    for s, e in spans:
        k = bisect.bisect_right(ends, s)
        while k < len(gold_tokens) and gold_tokens[k]["charBegin"] < e:
            out.add(gold_tokens[k]["id"])
            k += 1
    return frozenset(out)


def overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x < d and c < y for x, y in a for c, d in b)


def match(pred: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            inter = len(p["toks"] & g["toks"])
            if inter and inter >= 0.5 * max(len(p["toks"]), len(g["toks"])):
                cands.append((inter / max(len(p["toks"]), len(g["toks"])), i, j))
    cands.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--errors", type=Path, help="write unmatched quotes (for tuning) to this file")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    ap.add_argument("--check", type=Path, help="write the matched quotes whose gold speaker is a pronoun or description "
                    "(ids, offsets, short names; no gold text) to this JSON file, for a hand check")
    args = ap.parse_args(argv)

    registry = registered_stages()
    names = [s for s in DEFAULT_STAGES if s in registry]
    if "quotes" not in names:
        print("the quotes stage is not installed", file=sys.stderr)
        return 2
    config = AnalyzerConfig()
    fns = [(n, registry[n].build(config)) for n in names]
    stage_time: dict[str, float] = defaultdict(float)

    counts = defaultdict(lambda: [0, 0, 0, 0])  # type -> tp, npred, ngold, exact
    spk_ok = spk_n = cue_ok = cue_n = cue_gold_ok = cue_gold_n = 0
    ana_n = ana_named = 0
    check: list[dict] = []
    add_gold_ok = add_gold_n = add_pred_ok = add_pred_n = 0
    errors = []
    n_docs = 0
    with args.path.open(encoding="utf-8") as fh:
        for line in fh:
            if args.limit and n_docs >= args.limit:
                break
            rec = json.loads(line)
            n_docs += 1
            analysis = Analysis(article=article_of(rec))
            work = Work(analysis)
            for name, fn in fns:
                t0 = time.perf_counter()
                try:
                    fn(work)
                except Exception as exc:  # a stage of another area failing must not stop the benchmark
                    print(f"stage {name} failed: {exc!r}", file=sys.stderr)
                else:
                    work.analysis.stages[name] = registry[name].version  # as the Analyzer records it
                stage_time[name] += time.perf_counter() - t0
            gt = rec["tokens"]
            gold = []
            for a in rec["annotations"]:
                spans = [(s["charBegin"], s["charEnd"]) for s in a["quote"]["spans"]]
                gold.append(
                    {
                        "type": a["type"],
                        "toks": frozenset(a["quote"]["tokenIds"]) or char_tokens(gt, spans),
                        "speaker": [(s["charBegin"], s["charEnd"]) for s in a["speaker"]["spans"]],
                        "cue": [(s["charBegin"], s["charEnd"]) for s in a["cue"]["spans"]],
                        "addressee": [(s["charBegin"], s["charEnd"]) for s in a.get("addressee", {}).get("spans", [])],
                        "text": a["quote"]["text"],
                        "speaker_text": a["speaker"]["text"],
                    }
                )
            pred = []
            for q in analysis.quotes:
                spans = [(s.start, s.end) for s in q.spans]
                pred.append(
                    {
                        "type": q.type,
                        "toks": char_tokens(gt, spans),
                        "speaker": [(q.speaker.start, q.speaker.end)] if q.speaker else [],
                        "cue": [(q.cue.start, q.cue.end)] if q.cue else [],
                        "addressee": [(q.addressee.start, q.addressee.end)] if q.addressee else [],
                        "text": " | ".join(s.text for s in q.spans),
                        "speaker_text": q.speaker.text if q.speaker else "",
                        "speaker_entity": q.speaker_entity,
                        "speaker_name": (
                            analysis.entity(q.speaker_entity).name
                            if q.speaker_entity and analysis.entity(q.speaker_entity)
                            else q.speaker_name
                        ),
                    }
                )
            pred = [p for p in pred if p["toks"]]
            # overall (type ignored)
            pairs = match(pred, gold)
            c = counts["all"]
            c[0] += len(pairs)
            c[1] += len(pred)
            c[2] += len(gold)
            for i, j in pairs:
                p, g = pred[i], gold[j]
                c[3] += _content(p["toks"], gt) == _content(g["toks"], gt)
                spk_n += 1
                spk_ok += (not p["speaker"] and not g["speaker"]) or overlaps(p["speaker"], g["speaker"])
                if anaphoric(g["speaker_text"]):
                    ana_n += 1
                    hit = overlaps(p["speaker"], g["speaker"])
                    ana_named += hit and p["speaker_entity"] is not None
                    if args.check is not None:
                        check.append(
                            {
                                "doc": rec.get("documentName") or n_docs,
                                "quote_at": [min(s for s, _ in g_spans(g, gt)), max(e for _, e in g_spans(g, gt))],
                                "gold_speaker": g["speaker_text"], "gold_speaker_at": g["speaker"][:1],
                                "tagwerk_speaker": p["speaker_text"], "tagwerk_speaker_at": p["speaker"][:1],
                                "tagwerk_entity": p["speaker_entity"], "tagwerk_name": p["speaker_name"], "verdict": None,
                            }
                        )
                cue_n += 1
                cue_ok += (not p["cue"] and not g["cue"]) or overlaps(p["cue"], g["cue"])
                add_ok = overlaps(p["addressee"], g["addressee"])
                if g["addressee"]:
                    add_gold_n += 1
                    add_gold_ok += add_ok
                if p["addressee"]:
                    add_pred_n += 1
                    add_pred_ok += add_ok
                if g["cue"]:
                    cue_gold_n += 1
                    cue_gold_ok += overlaps(p["cue"], g["cue"])
                if args.errors and not ((not p["speaker"] and not g["speaker"]) or overlaps(p["speaker"], g["speaker"])):
                    errors.append(
                        {
                            "kind": "speaker", "doc": n_docs, "type": g["type"], "pred_type": p["type"], "gold": g["text"][:160],
                            "gold_speaker": g["speaker_text"], "pred_speaker": p["speaker_text"],
                            "gold_at": g["speaker"][:1], "pred_at": p["speaker"][:1], "quote_at": sorted(g["toks"])[:1],
                        }
                    )
            if args.errors:
                mp = {i for i, _ in pairs}
                mg = {j for _, j in pairs}
                for i, p in enumerate(pred):
                    if i not in mp:
                        errors.append(
                            {"kind": "fp", "doc": n_docs, "type": p["type"], "text": p["text"][:200], "speaker": p["speaker_text"]}
                        )
                for j, g in enumerate(gold):
                    if j not in mg:
                        errors.append(
                            {"kind": "fn", "doc": n_docs, "type": g["type"], "text": g["text"][:200], "speaker": g["speaker_text"]}
                        )
            # per type
            typed_tp = 0
            for t in TYPES:
                pt = [p for p in pred if p["type"] == t]
                gt_ = [g for g in gold if g["type"] == t]
                tp = match(pt, gt_)
                ct = counts[t]
                ct[0] += len(tp)
                ct[1] += len(pt)
                ct[2] += len(gt_)
                ct[3] += sum(_content(pt[i]["toks"], gt) == _content(gt_[j]["toks"], gt) for i, j in tp)
                typed_tp += len(tp)
            ctt = counts["all (typed)"]
            ctt[0] += typed_tp
            ctt[1] += len(pred)
            ctt[2] += len(gold)

    print(f"quotes-wikinews {args.path.name}: {n_docs} articles, stages: {', '.join(names)}")
    print(f"{'type':<22}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}{'exactF1':>9}")
    for t in ("all", "all (typed)", *TYPES):
        tp, npred, ngold, exact = counts[t]
        p, r, f = prf(tp, npred, ngold)
        ex = prf(exact, npred, ngold)[2] if t != "all (typed)" else float("nan")
        print(f"{t:<22}{ngold:>6}{npred:>6}{p:>7.3f}{r:>7.3f}{f:>7.3f}{ex:>9.3f}")
    print(f"speaker accuracy (matched, any type): {spk_ok / max(spk_n, 1):.3f} ({spk_ok}/{spk_n})")
    print(
        f"pronoun/description speakers (matched, gold speaker {'/'.join(sorted(ANAPHORIC_WORDS))}...): "
        f"{ana_named / max(ana_n, 1):.3f} ({ana_named}/{ana_n}) found and resolved to a named entity"
    )
    print(f"cue accuracy (matched, both empty counts): {cue_ok / max(cue_n, 1):.3f} ({cue_ok}/{cue_n})")
    print(f"cue accuracy (matched, gold has a cue): {cue_gold_ok / max(cue_gold_n, 1):.3f} ({cue_gold_ok}/{cue_gold_n})")
    print(
        f"addressee (matched): found {add_gold_ok / max(add_gold_n, 1):.3f} of the gold's ({add_gold_ok}/{add_gold_n}), "
        f"predicted correct {add_pred_ok / max(add_pred_n, 1):.3f} ({add_pred_ok}/{add_pred_n})"
    )
    total = sum(stage_time.values())
    share = stage_time["quotes"] / total if total else 0.0
    rest = total - stage_time["quotes"]
    print(
        "time: "
        + ", ".join(f"{n} {stage_time[n]:.2f}s" for n in names)
        + f"; quotes = {share:.1%} of the whole analysis, +{stage_time['quotes'] / rest if rest else 0:.1%} on the other stages"
    )
    if args.check is not None:
        args.check.write_text(json.dumps(check, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.errors:
        args.errors.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in errors) + "\n", encoding="utf-8")
    if args.json:
        figures = {f"f1_{t}": prf(*counts[t][:3])[2] for t in ("all", *TYPES)}
        figures["speaker_accuracy"] = spk_ok / max(spk_n, 1)
        figures["cue_accuracy"] = cue_gold_ok / max(cue_gold_n, 1)
        figures["articles"] = n_docs
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


ANAPHORIC_WORDS = frozenset({"er", "sie", "der", "die", "dieser", "diese", "den", "dem"})
"""A gold speaker that starts with one of these words is a pronoun or a description
(``er``, ``die Ministerin``, ``der 68-Jährige``), not a name."""


def anaphoric(speaker: str) -> bool:
    words = speaker.split()
    if not words or words[0].lower() not in ANAPHORIC_WORDS:
        return False
    # a description has no capitalised word after its head (``der Kanzler``, not ``der Kanzler Olaf Scholz``)
    return len(words) == 1 or sum(w[:1].isupper() for w in words[1:]) <= 1 and len(words) <= 3


def g_spans(g: dict, gold_tokens: list[dict]) -> list[tuple[int, int]]:
    """Character spans of a gold quote's tokens."""
    by_id = {t["id"]: t for t in gold_tokens}
    return [(by_id[t]["charBegin"], by_id[t]["charEnd"]) for t in g["toks"] if t in by_id] or [(0, 0)]


def _content(toks: frozenset[int], gold_tokens: list[dict]) -> frozenset[int]:
    return frozenset(t for t in toks if gold_tokens[t]["text"] not in PUNCT)


if __name__ == "__main__":
    raise SystemExit(main())
