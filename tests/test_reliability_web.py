"""XSS payloads in every field the pages show stay inert on every page, in headless Chromium
(issue 35): ``<script>``, ``<img onerror>``, ``<svg onload>`` and ``javascript:`` links in the
title, text, tags, entity names and ids, quotes, speaker and URL of a stored article."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from browser_support import needs_chromium
from tagwerk.analysis import Entity, Mention, Quote, Span, Tag

SCRIPT = "<script>window.__xss = 1</script>"
IMG = '<img src=x onerror="window.__xss = 2">'
SVG = '"><svg onload="window.__xss = 3">'
JS_LINK = "javascript:window.__xss = 4"
ENTITY_ID = "javascript:window.__xss=5"

pytestmark = needs_chromium


def poisoned(token_analyzer):
    """An analysis whose every shown field carries a payload."""
    from tagwerk.article import build_article

    body = (f"Berlin (dpa) - Die Bundesregierung prüft {SCRIPT} und {IMG} in Berlin. "
            f"„{SVG} bleibt Text“, sagte Putin. Ein Link: {JS_LINK}")
    article = build_article(body=body, title=f"Titel {SCRIPT} {IMG}", url=JS_LINK, id="xss-1",
                            given_tags=[SCRIPT, IMG, JS_LINK], date="2024-05-03")
    analysis = token_analyzer.analyze(article)
    text = analysis.article.text
    at = text.index("Berlin")
    mention = Mention(at, at + 6, "Berlin", "LOC", source="rule", entity=ENTITY_ID)
    speaker_at = text.index("Putin")
    speaker = Mention(speaker_at, speaker_at + 5, "Putin", "PER", source="rule", entity="Q7747")
    analysis.mentions = [mention, speaker]
    analysis.entities = [
        Entity(id=ENTITY_ID, name=f"{IMG} Stadt", type="LOC", kb_id=None, mentions=[mention]),
        Entity(id="Q7747", name=f"Putin {SCRIPT}", type="PER", kb_id="Q7747", mentions=[speaker]),
    ]
    q_start = text.index(SVG)
    analysis.quotes = [Quote(type="Direct", spans=[Span(q_start, q_start + len(SVG), SVG)],
                             speaker=Span(speaker_at, speaker_at + 5, "Putin"), speaker_entity="Q7747",
                             speaker_name=f"Putin {SCRIPT}", cue=None)]
    analysis.tags = [Tag(SCRIPT, 0.9, "entity", "person", entity="Q7747"), Tag(IMG, 0.8, "topic", "topic"),
                     Tag(JS_LINK, 0.7, "topic", "topic"), Tag(f"{IMG} Stadt", 0.6, "entity", "place", entity=ENTITY_ID)]
    analysis.stages["fake"] = "1"
    return analysis


@pytest.fixture(scope="module")
def xss_server(tmp_path_factory, token_analyzer):
    from store_support import FakeAnalyzer, served
    from tagwerk.service import create_app
    from tagwerk.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("xss") / "xss.db"))
    article_id = store.ingest(poisoned(token_analyzer)).id
    app = create_app(store=store, token="t", analyzer=FakeAnalyzer(token_analyzer))
    with served(app) as port:
        yield f"http://127.0.0.1:{port}", article_id
    store.close()


INERT = """() => {
  const all = [...document.querySelectorAll('*')];
  return {
    xss: window.__xss === undefined ? null : window.__xss,
    handlers: all.filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).map(e => e.outerHTML.slice(0, 80)),
    scripts: [...document.scripts].map(s => s.src),
    jsLinks: [...document.querySelectorAll('[href],[src],[action],[formaction]')]
      .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || e.getAttribute('formaction'))
      .filter(v => /^\\s*javascript:/i.test(v)),
    injected: document.querySelectorAll('main img, main svg, main iframe, main object').length,
    text: document.body.innerText,
  };
}"""


def pages(article_id: int) -> list[tuple[str, str]]:
    return [
        (f"/articles/{article_id}", "#article-text"),
        ("/search?q=Bundesregierung", ".hit-title"),
        (f"/search?tag={quote(SCRIPT)}", "#total"),
        (f"/search?entity={quote(ENTITY_ID)}", "#total"),
        (f"/entities/{quote(ENTITY_ID, safe='')}", "h1"),
        ("/entities/Q7747", "h1"),
    ]


def test_web_payloads_inert_on_every_page(browser, xss_server):
    base, article_id = xss_server
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_default_timeout(15_000)
    try:
        for path, ready in pages(article_id):
            page.goto(base + path)
            page.wait_for_selector(ready)
            for anchor in page.locator("main a").all()[:30]:  # hover every link: no handler may fire
                anchor.hover()
            state = page.evaluate(INERT)
            assert state["xss"] is None, path
            assert state["handlers"] == [], (path, state["handlers"])
            assert state["jsLinks"] == [], (path, state["jsLinks"])
            assert state["injected"] == 0, path
            assert all(src.startswith(base + "/static/") for src in state["scripts"]), (path, state["scripts"])
        page.goto(base + f"/articles/{article_id}")
        page.wait_for_selector("#article-text")
        shown = page.evaluate(INERT)["text"]
        assert SCRIPT in shown and IMG in shown  # shown as text, not dropped
        # the analyse page: the same payloads pasted and analysed
        page.goto(base + "/")
        page.fill("#text", f"Titel {SCRIPT}\n\nBerlin (dpa) - {IMG} und {SVG}. Mehr: {JS_LINK}")
        page.click("#analyse")
        page.wait_for_selector("#article-text")
        state = page.evaluate(INERT)
        assert state["xss"] is None and state["handlers"] == [] and state["jsLinks"] == [] and state["injected"] == 0
        assert dialogs == [] and errors == []
    finally:
        context.close()
