"""Training data of a newsroom profile: articles with the tags the newsroom gave them.

From archive files (:func:`examples_from_paths`): the ``Tags:`` line of a text, the ``tags`` of a
JSON record, an agency item's keywords and subjects (``Article.given_tags`` and, where a reader
fills it, ``Article.given_subjects``: ``(scheme, code, name)`` items; not desk codes, points of
interest or agency names) and its slugline (``Article.wire.slugline``, else a JSON record's
``metadata["slugline"]``; terms separated by ``/``). From the store
(:func:`examples_from_store`): the editors' decisions, accepted and added tags as the newsroom's,
rejected suggestions as tags it does not want.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tagwerk.article import Article
from tagwerk.errors import ArticleError
from tagwerk.topics import tag_key

_NO_TAG_KINDS = frozenset({"category", "poi"})
"""Given subjects that are no tags: an agency's desk code (``vm``, ``pl``) and its points of
interest (an address: ``Peine, 31 Peine, Deutschland``)."""
_GEO_SCHEMES = ("geo", "country", "area", "locat", "place", "city")
"""Subject schemes that name places, not subjects (``dpacountry``, ``dpaarea``, ``cpnat:geoArea``)."""


@dataclass
class Example:
    """One article of the archive and what the newsroom decided on its tags."""

    article: Article
    """The article, with its given tags removed (the analysis must not see them)."""
    gold: list[str]
    """Tags the newsroom gave (or its editors accepted or added)."""
    rejected: list[str] = field(default_factory=list)
    """Suggestions the editors rejected."""
    undecided: list[str] = field(default_factory=list)
    """Suggestions shown to an editor who decided on none of them (no label either way)."""
    subjects: list[str] = field(default_factory=list)
    """The article's subject terms (an agency's subjects), in their order."""
    source: str = ""


def tag_matches(pred: str, gold: str) -> bool:
    """The matching rule of the ntv-tags data: equal after folding case, umlauts and
    non-alphanumerics, or every word of ``gold`` in ``pred`` with at most one word more."""
    if tag_key(pred) == tag_key(gold):
        return True
    pw = [w for w in (tag_key(x) for x in re.split(r"[\s\-/]+", pred)) if w]
    gw = [w for w in (tag_key(x) for x in re.split(r"[\s\-/]+", gold)) if w]
    return bool(gw) and all(w in pw for w in gw) and len(pw) - len(gw) <= 1


def _subject_name(item: Any) -> tuple[str, str] | None:
    """(scheme, name) of a given subject: a ``(scheme, code, name)`` tuple or an object with them;
    None for one without a name, or named by a bare code of one character (AP's category codes
    ``f``, ``i``): no tag an editor writes."""
    if isinstance(item, (tuple, list)) and len(item) >= 3:
        scheme, code, name = str(item[0] or ""), str(item[1] or ""), str(item[2] or "")
    else:
        scheme, code = str(getattr(item, "scheme", "") or ""), str(getattr(item, "code", "") or "")
        name = str(getattr(item, "name", "") or "")
    name = " ".join(name.split())
    if len(name) < 2 and name == code.strip():
        return None
    return (scheme, name) if name else None


def article_tags(article: Article, names: Mapping[str, str] | None = None) -> tuple[list[str], list[str]]:
    """The tags and subject terms an archive article carries: (gold tags, subject terms).

    ``names`` maps a CMS slug to the tag's display name (``jens-spahn`` -> Jens Spahn)."""
    from tagwerk.stages.tags.rules import is_agency

    names = names or {}
    subjects: list[str] = []
    places: list[str] = []
    named: list[str] = []
    for item in getattr(article, "given_subjects", None) or ():
        if getattr(item, "kind", None) in _NO_TAG_KINDS:
            continue
        got = _subject_name(item)
        if got is None:
            continue
        scheme, name = got
        if getattr(item, "kind", None) in ("person", "organisation"):
            named.append(name)
        else:
            (places if any(g in scheme.lower() for g in _GEO_SCHEMES) else subjects).append(name)
    wire = getattr(article, "wire", None)
    slug = (wire.slugline if wire is not None else None) or (
        article.metadata.get("slugline") if isinstance(article.metadata, dict) else None)
    slug_terms = [t.strip() for t in str(slug).split("/") if t.strip()] if slug else []
    if wire is not None and not subjects and slug_terms:
        subjects = slug_terms[:1]  # an agency's slugline starts with its subject term (IPTC 7901 has no other)
    tags = [names.get(t, names.get(tag_key(t), t)) for t in article.given_tags]
    # never an agency (``dpa`` on dpa's own audio service): no tag comes from credit material (#31)
    gold = list(dict.fromkeys(x for x in (*subjects, *places, *named, *tags, *slug_terms) if x and not is_agency(x)))
    return gold, [x for x in dict.fromkeys(subjects) if not is_agency(x)]


def _strip(article: Article) -> Article:
    article.given_tags = []
    if hasattr(article, "given_subjects"):
        article.given_subjects = []
    return article


def examples_from_articles(articles: Iterable[Article | ArticleError], names: Mapping[str, str] | None = None,
                           errors: list[str] | None = None) -> Iterator[Example]:
    """Examples of the German articles that carry tags; reader errors, and articles in another
    language (an English wire item in an agency folder: its subjects are no house tags), go to
    ``errors``."""
    for item in articles:
        if isinstance(item, ArticleError):
            if errors is not None:
                errors.append(str(item))
            continue
        language = (getattr(item, "language", None) or "de").lower()
        if not language.startswith("de"):
            if errors is not None:
                errors.append(f"{item.source or item.id or 'article'}: skipped, language {language!r}, not German")
            continue
        gold, subjects = article_tags(item, names)
        if gold:
            yield Example(_strip(item), gold, subjects=subjects, source=item.source or item.id or "")


def examples_from_paths(paths: Iterable[str | Path], *, names: Mapping[str, str] | None = None,
                        max_chars: int | None = None, errors: list[str] | None = None) -> Iterator[Example]:
    """Examples from archive files, folders and JSON Lines (any format tagwerk reads)."""
    from tagwerk.readers import read_paths

    articles = read_paths(paths, max_chars=max_chars) if max_chars else read_paths(paths)
    yield from examples_from_articles(articles, names, errors)


def examples_from_store(store: Any) -> Iterator[Example]:
    """The articles an editor decided on, with the decisions: accepted and added tags (and the
    article's own given tags) are the newsroom's; rejected ones not; suggestions left as they
    were carry no label."""
    for article_id in store.reviewed_articles():
        view = store.get_article(article_id)
        article = store.load_article(article_id)
        gold, subjects = article_tags(article)
        rejected: list[str] = []
        undecided: list[str] = []
        for t in view["tags"]:
            status = t["status"]
            if status in ("accepted", "added"):
                gold.append(t["name"])
            elif status == "rejected":
                rejected.append(t["name"])
            else:
                undecided.append(t["name"])
        gold = list(dict.fromkeys(gold))
        if gold or rejected:
            yield Example(_strip(article), gold, rejected, undecided, subjects, source=f"store:{article_id}")


def read_tag_names(path: str | Path) -> dict[str, str]:
    """A CMS tag list, slug -> display name (JSON or YAML mapping, the shape of a newsroom
    vocabulary), keyed by the slug and by its tag key."""
    import yaml

    from tagwerk.profiles import ProfileError

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ProfileError(f"cannot read the tag names {path}: {exc}") from None
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: expected a mapping of slugs to tag names")
    out: dict[str, str] = {}
    for slug, name in data.items():
        if isinstance(name, str) and name.strip():
            out[str(slug)] = name.strip()
            out[tag_key(str(slug))] = name.strip()
    return out
