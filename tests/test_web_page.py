"""The editor's page in real headless Chromium (Debian's chromium, driven by Playwright).

Skips when /usr/bin/chromium (or $TAGWERK_CHROMIUM) or Playwright is absent.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from store_support import FakeAnalyzer

CHROMIUM = Path(os.environ.get("TAGWERK_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
TOKEN = "seiten-token"
ARTICLE = (
    "Russland warnt Nordkorea\n\n"
    "Moskau (dpa) - Russland hat Nordkorea vor weiteren Raketentests gewarnt. "
    "„Wir beobachten die Lage genau“, sagte Putin am Montag in Moskau.\n\n"
    "Die Vereinten Nationen wollen am Dienstag beraten."
)
XSS = (
    "Ein Test mit <script>window.__xss = 1</script> und <img src=x onerror=\"window.__xss = 2\"> in Berlin\n\n"
    "Berlin (dpa) - Die Bundesregierung prüft den Fall <b onmouseover=\"window.__xss=3\">fett</b>. "
    "„<script>window.__xss = 4</script>“, sagte Putin."
)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, token_analyzer):
    import uvicorn

    from tagwerk.service import create_app

    db = tmp_path_factory.mktemp("web") / "page.db"
    app = create_app(store=db, token=TOKEN, analyzer=FakeAnalyzer(token_analyzer))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context()
    pg = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:") else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.set_default_timeout(15_000)
    pg.outside, pg.errors = outside, errors
    yield pg
    assert outside == [], f"the page reached outside: {outside}"
    assert errors == [], f"JavaScript errors: {errors}"
    context.close()


def _login(page, server):
    page.goto(server + "/")
    page.fill("#token", TOKEN)
    page.fill("#who", "anna")


def test_web_paste_analyse_accept_reload(page, server):
    _login(page, server)
    page.fill("#text", ARTICLE)
    page.click("#analyse")
    page.wait_for_selector("#tags li[data-tag='Russland']")
    # entities highlighted by type, canonical name on hover
    putin = page.locator("#article-text span.ent-PER").first
    assert putin.inner_text() == "Putin"
    assert "Wladimir Putin" in putin.get_attribute("title")
    assert page.locator("#article-text span.ent-LOC").count() >= 4
    # the quote is marked with its speaker; tags show scores
    quote = page.locator("#article-text span.quote").first
    assert "Wladimir Putin" in quote.get_attribute("title")
    assert re.fullmatch(r"place · 0\.\d\d", page.locator("#tags li[data-tag='Russland'] .tag-meta").inner_text())

    page.click("#tags li[data-tag='Russland'] button.accept")
    page.click("#tags li[data-tag='Moskau'] button.reject")
    page.fill("#new-tag", "Raketen")
    page.click("#add-tag")
    page.click("#save")
    page.wait_for_url("**/articles/*")
    page.wait_for_selector("#tags li[data-tag='Russland'][data-status='accepted']")

    page.reload()
    page.wait_for_selector("#tags li[data-tag='Russland']")
    status = {li.get_attribute("data-tag"): li.get_attribute("data-status") for li in page.locator("#tags li").all()}
    assert status["Russland"] == "accepted"
    assert status["Moskau"] == "rejected"
    assert status["Raketen"] == "added"

    # on the stored article, a decision is saved at once
    page.click("#tags li[data-tag='Nordkorea'] button.reject")
    page.wait_for_selector("#tags li[data-tag='Nordkorea'][data-status='rejected']")
    page.reload()
    page.wait_for_selector("#tags li[data-tag='Nordkorea'][data-status='rejected']")


def test_web_xss_stays_inert(page, server):
    _login(page, server)
    page.fill("#text", XSS)
    page.click("#analyse")
    page.wait_for_selector("#article-text")
    text = page.locator("#article-text").inner_text()
    assert "<script>window.__xss = 1</script>" in text
    assert '<img src=x onerror="window.__xss = 2">' in text
    assert page.locator("#article-text script, #article-text img, #article-text b").count() == 0
    page.click("#save")
    page.wait_for_url("**/articles/*")
    page.wait_for_selector("#article-text")
    page.reload()
    page.wait_for_selector("#article-text")
    page.hover("#article-text")
    assert page.locator("main script, main img, main b").count() == 0
    assert page.evaluate("window.__xss") is None
    assert "<script>" in page.locator("h1").first.inner_text()
    # the search page shows the stored title as text too
    page.goto(server + "/search?q=Bundesregierung")
    page.wait_for_selector("#total")
    assert "<script>" in page.locator(".hit-title").first.inner_text()
    assert page.evaluate("window.__xss") is None


def test_web_save_without_token_is_refused(page, server):
    page.goto(server + "/")
    page.evaluate("localStorage.clear()")
    page.reload()
    page.fill("#text", ARTICLE)
    page.click("#analyse")
    page.wait_for_selector("#save")
    page.click("#save")
    page.wait_for_selector("#status.error")
    assert "Token" in page.locator("#status").inner_text()


def test_web_search_and_entity_pages(page, server):
    _login(page, server)
    page.fill("#text", ARTICLE)
    page.fill("#date", "2024-05-03")
    page.click("#analyse")
    page.wait_for_selector("#save")
    page.click("#save")
    page.wait_for_url("**/articles/*")
    page.goto(server + "/search?q=Raketentests&entity=Russland")
    page.wait_for_selector("#total")
    assert page.locator(".hits li").count() >= 1
    assert page.locator(".snippet mark").first.inner_text() == "Raketentests"
    page.click(".hit-title >> nth=0")
    page.wait_for_url("**/articles/*")
    page.wait_for_selector("#article-text")
    page.goto(server + "/entities/Q159")
    page.wait_for_selector("ol.cooccurring li")
    assert page.locator("h1").inner_text() == "Russland"
    names = page.locator("ol.cooccurring a").all_inner_texts()
    assert "Nordkorea" in names
    page.wait_for_selector("#entity-chart canvas")  # mentions per day (archive.js, uPlot)
