"""The editor's page in real headless Chromium (Debian's chromium, driven by Playwright).

Skips when /usr/bin/chromium (or $TAGWERK_CHROMIUM) or Playwright is absent.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from browser_support import needs_chromium
from store_support import FakeAnalyzer, served

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

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory, token_analyzer):
    from tagwerk.service import create_app

    db = tmp_path_factory.mktemp("web") / "page.db"
    app = create_app(store=db, token=TOKEN, analyzer=FakeAnalyzer(token_analyzer))
    with served(app) as port:
        yield f"http://127.0.0.1:{port}"


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
    assert re.fullmatch(r"Ort · 0,\d\d", page.locator("#tags li[data-tag='Russland'] .tag-meta").inner_text())

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


# -- layout and language, at a desktop's and a phone's width ----------------------------------------

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
LONG_TAG = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsverordnungsänderungsentwurf"
ENGLISH = re.compile(r"\b(place|person|organisation|topic|event|suggested|accepted|rejected|added|wrong token|read-only|"
                     r"bearer|Not Found|error|failed|articles|mentions)\b")
LONG_ARTICLE = (
    "Koalition einigt sich auf Rentenreform\n\n"
    "Berlin (dpa) - Die Bundesregierung hat sich nach langem Streit auf eine Reform geeinigt, die das Rentenniveau "
    "sichern soll. Russland und Nordkorea spielten in den Beratungen keine Rolle, betonte ein Sprecher in Berlin. "
    "Kritiker bemängeln jedoch, dass die Finanzierung der Maßnahmen weiterhin ungeklärt bleibe und die Länder stärker "
    "beteiligt werden müssten, wenn das Vorhaben gelingen solle. Die Opposition kündigte Widerstand an."
)


@pytest.fixture()
def shots(tmp_path):
    """Where the screenshots go: $TAGWERK_SCREENSHOTS (to look at them), else a temporary folder."""
    folder = Path(os.environ.get("TAGWERK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _fits(page, shots: Path, name: str) -> None:
    """Screenshot, then: no sideways scrolling, and every visible box of the page inside the viewport."""
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{name}: the page scrolls sideways"
    outside = page.evaluate(
        """() => { const w = document.documentElement.clientWidth, out = [];
        for (const el of document.querySelectorAll('header *, main *, footer *, #status')) {
          const r = el.getBoundingClientRect();
          if (r.width && r.height && (r.left < -0.5 || r.right > w + 0.5))
            out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
        } return out.slice(0, 8); }"""
    )
    assert outside == [], f"{name}: boxes outside the page: {outside}"


def _inside(page, inner: str, outer: str) -> None:
    box, frame = page.locator(inner).bounding_box(), page.locator(outer).bounding_box()
    assert box and frame
    assert frame["x"] - 0.5 <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 0.5, (inner, box, outer, frame)


def _in_view(page, selector: str) -> None:
    r = page.evaluate(f"(() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect(); "
                      "return [r.top, r.bottom, window.innerHeight]; })()")
    assert 0 <= r[0] < r[2] and r[1] > 0, f"{selector} is out of view: {r}"


def _size(page, viewport: str) -> None:
    page.set_viewport_size(VIEWPORTS[viewport])


def _analyse(page, server, text=ARTICLE, url=None, token=True):
    if token:
        _login(page, server)
    else:
        page.goto(server + "/")
        page.evaluate("localStorage.clear()")
        page.reload()
    page.fill("#text", text)
    if url:
        page.fill("#url", url)
    page.click("#analyse")
    page.wait_for_selector("#tags li")
    page.wait_for_timeout(300)


def _save(page):
    page.click("#save")
    page.wait_for_url("**/articles/*")
    page.wait_for_selector("#article-text")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_web_result_in_view_after_analyse(page, server, shots, viewport):
    _size(page, viewport)
    _analyse(page, server)
    page.screenshot(path=str(shots / f"{viewport}-result-in-view.png"))
    top = page.evaluate("document.querySelector('#result').getBoundingClientRect().top / window.innerHeight")
    assert 0 <= top <= 0.25, f"the result starts {top:.0%} down the window"  # it fills the screen
    _in_view(page, "#article-text")
    _in_view(page, "#tags li")


def test_web_tag_types_and_numbers_in_german(page, server):
    _analyse(page, server)
    meta = page.locator("#tags li[data-tag='Russland'] .tag-meta").inner_text()
    assert re.fullmatch(r"Ort · 0,\d\d", meta), meta
    assert page.locator("#tags li[data-tag='Wladimir Putin'] .tag-meta").inner_text().startswith("Person ·")
    assert not ENGLISH.search(page.locator("main").inner_text() + page.locator("#status").inner_text())


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_web_long_tag_buttons_stay_in_their_column(page, server, shots, viewport):
    _size(page, viewport)
    _analyse(page, server)
    page.fill("#new-tag", LONG_TAG)
    page.click("#add-tag")
    row = f"#tags li[data-tag='{LONG_TAG}']"
    page.wait_for_selector(row)
    page.locator(row).screenshot(path=str(shots / f"{viewport}-long-tag.png"))
    for button in ("accept", "reject"):
        _inside(page, f"{row} button.{button}", "#tags")
        _inside(page, f"{row} button.{button}", "aside")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_web_failed_save_message_in_view_and_in_german(page, server, shots, viewport):
    _size(page, viewport)
    _analyse(page, server, token=False)
    page.locator("#save").scroll_into_view_if_needed()
    page.click("#save")
    page.wait_for_selector("#status.error")
    page.screenshot(path=str(shots / f"{viewport}-save-refused.png"))
    _in_view(page, "#status")
    message = page.locator("#status").inner_text()
    assert "Token" in message and not ENGLISH.search(message), message


def test_web_article_url_is_a_link(page, server):
    url = "https://example.org/politik/rentenreform-einigung.html"
    _analyse(page, server, LONG_ARTICLE, url=url)
    _save(page)
    link = page.locator(f"main a[href='{url}']")
    assert link.count() == 1 and "noopener" in (link.get_attribute("rel") or "")


def test_web_search_snippet_ends_at_a_word_and_exact_box(page, server):
    _analyse(page, server, LONG_ARTICLE)
    _save(page)
    page.goto(server + "/search?q=Rente")  # a compound's first word finds it
    page.wait_for_selector("#total")
    snippet = page.locator(".snippet").first.inner_text()
    assert snippet.rstrip().endswith("…") and "Rentenreform" in snippet, snippet
    page.goto(server + "/search?q=Rente&exact=true")
    page.wait_for_selector("#total")
    assert page.locator("#exact").is_checked() and page.locator("#total").inner_text() == "0 Treffer"


def test_web_entity_page_counts_and_undated_articles(page, server):
    _analyse(page, server, "Olaf Scholz besucht Berlin.")
    _save(page)  # undated: Olaf Scholz's only article
    page.goto(server + "/entities/Q61053")
    page.wait_for_selector("#undated")  # archive.js: the chart of mentions per day and the undated count
    text = page.locator("main").inner_text()
    assert "ohne Datum" in text and "1 Erwähnung in 1 Artikel" in text, text
    assert not re.search(r"\b1 (Erwähnungen|Artikeln|gemeinsame Artikel)\b", text), text
    assert "Kosinus" not in text and not re.search(r"\d\.\d\d\b", text), text


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_web_pages_fit_the_width(page, server, shots, viewport):
    _size(page, viewport)
    _login(page, server)
    _fits(page, shots, f"{viewport}-1-form")
    url = f"https://example.org/{viewport}/{'sehr-langer-pfad-' * 6}artikel.html"
    _analyse(page, server, LONG_ARTICLE, url=url)
    page.fill("#new-tag", LONG_TAG)
    page.click("#add-tag")
    page.wait_for_selector(f"#tags li[data-tag='{LONG_TAG}']")
    _fits(page, shots, f"{viewport}-2-result")
    _save(page)
    _fits(page, shots, f"{viewport}-3-article")
    page.goto(server + "/search?q=Rente&entity=Berlin")
    page.wait_for_selector("#total")
    _fits(page, shots, f"{viewport}-4-search")
    page.goto(server + "/entities/Q64")
    page.wait_for_selector("#undated")  # archive.js: the chart of mentions per day and the undated count
    _fits(page, shots, f"{viewport}-5-entity")


def test_web_docs_page_works_offline(page, server, shots):
    _size(page, "desktop")
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".swagger-ui .opblock").count() >= 8
    assert page.locator("button.authorize").count() == 1
    page.screenshot(path=str(shots / "desktop-7-docs.png"))
