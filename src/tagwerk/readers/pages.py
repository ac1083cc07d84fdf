"""Plain text and HTML pages."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from typing import Any

from tagwerk import credit as credit_data
from tagwerk.article import Article, build_article, parse_text
from tagwerk.errors import ArticleError, EmptyArticleError
from tagwerk.readers.records import tag_list


def read_text(text: str, *, source: str, max_chars: int, warnings: list[str]) -> Iterator[Article | ArticleError]:
    try:
        article = parse_text(text, max_chars=max_chars, source=source)
    except ArticleError as exc:
        yield exc
        return
    article.id = source
    article.format = "text"
    article.warnings.extend(warnings)
    yield article


_BLOCK_TAGS = r"(?:p|div|h[1-6]|li|blockquote|tr|section|article|header|footer|figcaption|ul|ol|table)"
_BLOCK_END = re.compile(rf"(?i)<\s*(?:br\s*/?|/?\s*{_BLOCK_TAGS}\b[^>]*)>")
_SCRIPT = re.compile(r"(?is)<\s*(script|style|noscript|nav|aside|footer|form|template)\b.*?</\s*\1\s*>")
_TAG = re.compile(r"(?s)<[^>]*>")


def html_to_lines(markup: str) -> str:
    """Plain text of an HTML fragment: one line per paragraph-like block, entities resolved."""
    s = _SCRIPT.sub(" ", markup)
    s = _BLOCK_END.sub("\n", s)
    s = _TAG.sub(" ", s)
    s = html_lib.unescape(s)
    lines = [re.sub(r"\s+", " ", line).strip() for line in s.split("\n")]
    return "\n".join(line for line in lines if line)


def _html_document(markup: str) -> dict[str, Any]:
    """Main text and metadata of an HTML page through trafilatura (fallback: tag stripping)."""
    result: dict[str, Any] = {}
    extractor: Any = None
    try:
        import trafilatura as extractor
    except ImportError as exc:  # e.g. lxml_html_clean missing: degrade, loudly, in the warnings
        result = {"_error": f"trafilatura cannot be imported ({exc})"}
    try:
        if extractor is None:
            raise LookupError(result["_error"])
        doc = extractor.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            output_format="python",
        )
        if doc is not None:
            result = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    except LookupError:
        pass
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on broken markup
        result = {"_error": f"trafilatura failed: {type(exc).__name__}: {exc}"}
    if not (result.get("text") or "").strip():
        body = re.search(r"(?is)<body\b[^>]*>(.*)", markup)
        fallback = html_to_lines(body.group(1) if body else markup)
        title_m = re.search(r"(?is)<title\b[^>]*>(.*?)</title>", markup)
        if title_m and not result.get("title"):
            result["title"] = html_lib.unescape(re.sub(r"\s+", " ", title_m.group(1))).strip()
        result["text"] = fallback
        result["_fallback"] = True
    return result


def read_html(text: str, *, source: str, max_chars: int, warnings: list[str]) -> Iterator[Article | ArticleError]:
    doc = _html_document(text)
    body = doc.get("text") or ""
    title = (doc.get("title") or "").strip() or None
    lines = [line for line in body.splitlines() if line.strip()]
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]
    if not lines:
        yield EmptyArticleError("no main text found in the HTML", source=source)
        return
    try:
        article = build_article(
            body="\n".join(lines),
            title=title,
            max_chars=max_chars,
            source=source,
            date=doc.get("date") or None,
            url=doc.get("url") or None,
            given_tags=tag_list(",".join(t for t in [*(doc.get("tags") or []), *(doc.get("categories") or [])] if isinstance(t, str))),
        )
    except ArticleError as exc:
        yield exc
        return
    article.id = article.url or source
    article.format = "html"
    if doc.get("author"):
        for name in credit_data.split_names(str(doc["author"]).replace(";", ",")):
            if name not in article.credit.authors:
                article.credit.authors.append(name)
    if doc.get("sitename") and article.credit.outlet is None:
        article.credit.outlet = str(doc["sitename"])
    for key in ("sitename", "hostname", "description", "language", "license", "image", "pagetype"):
        if doc.get(key):
            article.metadata[key] = doc[key]
    article.warnings.extend(warnings)
    if doc.get("_error"):
        article.warnings.append(doc["_error"])
    if doc.get("_fallback"):
        article.warnings.append("trafilatura found no main text; read the HTML by stripping tags")
    yield article
