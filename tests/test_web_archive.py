"""The archive's pages in headless Chromium: the story page (time order, versions folded), related
articles on the article page, the entity page's chart of mentions per day and its events. Each page
is shot at 1366x900 and 390x844 (into $TAGWERK_SCREENSHOTS when set) and must not scroll sideways.

Skips when /usr/bin/chromium (or $TAGWERK_CHROMIUM) or Playwright is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_support import needs_chromium
from store_support import FakeAnalyzer, make, served
from tagwerk.analysis import Event, EventArgument, Span

pytestmark = needs_chromium

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
PUTIN = EventArgument("Q7747", "Wladimir Putin", "PER")
LEAD = ("Moskau (dpa) - Russland hat Nordkorea vor neuen Raketentests gewarnt. Wladimir Putin sagte in Moskau, man beobachte "
        "die Lage sehr genau und sei zu Gesprächen bereit. Die Vereinten Nationen beraten am Dienstag in New York über Sanktionen "
        "gegen Nordkorea, die Bundesregierung in Berlin fordert Zurückhaltung von allen Seiten.")


def _event(analysis, etype, trigger, place=None, date=None, who=(PUTIN,)):
    at = analysis.text.index(trigger)
    analysis.events.append(Event(type=etype, trigger=Span(at, at + len(trigger), trigger), sentence=0, participants=list(who),
                                 place=place, date=date, date_precision="day" if date else None, planned=date is None))


def _archive(analyzer) -> list:
    """A small archive: one story with an agency update and a copy, follow-ups over two weeks, an
    unrelated article, an undated one; events for Putin."""
    out = []
    first = make(analyzer, LEAD, title="Russland warnt Nordkorea vor Raketentests", date="2024-06-03",
                 url="https://agentur.example/meldung-1", outlet="dpa")
    _event(first, "visit", "Gesprächen", EventArgument("Q423", "Nordkorea", "LOC"))
    out.append(first)
    out.append(make(analyzer, LEAD + " Am Abend kam der Sicherheitsrat zu einer Sondersitzung zusammen.",
                    title="Russland warnt Nordkorea – Sicherheitsrat tagt", date="2024-06-03",
                    url="https://agentur.example/meldung-1-update", outlet="dpa"))
    out.append(make(analyzer, LEAD, title="Moskau warnt Pjöngjang", date="2024-06-04", url="https://zeitung.example/moskau",
                    outlet="Tagesblatt"))
    for day, title in ((5, "Putin: Gespräche mit Nordkorea möglich"), (6, "Vereinte Nationen beraten über Nordkorea"),
                       (8, "Bundesregierung mahnt Russland zur Zurückhaltung")):
        a = make(analyzer, f"Berlin - Wladimir Putin und Russland stehen wegen Nordkorea in der Kritik. Die Vereinten Nationen "
                 f"und die Bundesregierung beraten am {day}. Juni über die Raketentests in Nordkorea.", title=title,
                 date=f"2024-06-{day:02d}")
        out.append(a)
    meeting = make(analyzer, "Berlin - Olaf Scholz trifft Wladimir Putin nicht, das Treffen in Berlin wurde abgesagt.",
                   title="Kein Treffen in Berlin", date="2024-06-14")
    _event(meeting, "meeting", "Treffen", EventArgument("Q64", "Berlin", "LOC"), "2024-06-14",
           (PUTIN, EventArgument("Q61053", "Olaf Scholz", "PER")))
    out.append(meeting)
    out.append(make(analyzer, "Moskau - Putin spricht in Moskau über Russland und die Lage.", title="Eine Meldung ohne Datum"))
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory, token_analyzer):
    from tagwerk.service import create_app
    from tagwerk.store import open_store

    store = open_store(tmp_path_factory.mktemp("web-archive") / "archive.db")
    ids = [store.ingest(a).id for a in _archive(token_analyzer)]
    app = create_app(store=store, analyzer=FakeAnalyzer(token_analyzer))
    with served(app) as port:
        yield f"http://127.0.0.1:{port}", ids


@pytest.fixture(params=list(SIZES))
def page(request, browser):
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # CSP violations land here
    pg.set_default_timeout(15_000)
    pg.size_name = request.param
    yield pg
    assert errors == [], f"JavaScript or CSP errors: {errors}"
    context.close()


def _check(page, name: str, tmp_path: Path) -> None:
    """No sideways scrolling; a full-page screenshot."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name}: the page is {overflow}px wider than the window"
    where = Path(os.environ.get("TAGWERK_SCREENSHOTS") or tmp_path)
    where.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(where / f"{name}-{page.size_name}.png"), full_page=True)


def test_web_archive_story_page_in_time_order_with_versions_folded(page, server, tmp_path):
    base, ids = server
    page.goto(base + "/stories")
    page.wait_for_selector("#stories li")
    assert "Geschichte" in page.locator("#stories-total").inner_text()
    _check(page, "stories", tmp_path)
    page.click("#stories li >> nth=0 >> a.story-label")
    page.wait_for_url("**/stories/s*")
    page.wait_for_selector("#story-items > li")
    dates = page.locator("#story-items > li > .item-line .when").all_inner_texts()
    assert dates == sorted(dates) and len(dates) >= 3
    first = page.locator("#story-items > li").first
    assert first.get_attribute("data-article") == str(ids[1])  # the agency's update stands for its group ...
    folded = first.locator("details.versions")
    assert "1 ältere Fassung, 1 Kopie" == folded.locator("summary").inner_text()
    assert not folded.locator("li").first.is_visible()  # ... the first version and the copy are folded
    folded.locator("summary").click()
    assert {li.get_attribute("data-article") for li in folded.locator("li").all()} == {str(ids[0]), str(ids[2])}
    _check(page, "story", tmp_path)


def test_web_archive_article_page_shows_story_and_related(page, server, tmp_path):
    base, ids = server
    page.goto(f"{base}/articles/{ids[0]}")
    page.wait_for_selector("#archive-box #related li")
    assert page.locator("#article-story a").get_attribute("href").startswith("/stories/s")
    related = {li.get_attribute("data-article"): li.locator(".reasons").inner_text() for li in page.locator("#related li").all()}
    assert "Fassung derselben Meldung" in related[str(ids[1])]
    assert "Kopie" in related[str(ids[2])]
    assert any("gemeinsame Entitäten" in r for r in related.values())
    _check(page, "article", tmp_path)


def test_web_archive_entity_page_chart_and_events(page, server, tmp_path):
    base, _ids = server
    page.goto(base + "/entities/Q7747")
    page.wait_for_selector("#entity-chart canvas")
    box = page.locator("#entity-chart").bounding_box()
    assert box["width"] > 200 and box["height"] > 150
    summary = page.locator("#timeline-summary").inner_text()
    assert "an 6 Tagen" in summary and "2024-06-03 – 2024-06-14" in summary
    assert "in 1 Artikel ohne Datum" in page.locator("#undated").inner_text()  # undated articles do not vanish
    events = page.locator("#events li")
    assert events.count() == 2
    assert events.nth(0).locator(".event-type").inner_text() == "Treffen"
    assert "Olaf Scholz" in events.nth(0).inner_text() and "Berlin" in events.nth(0).inner_text()
    assert events.nth(1).locator(".event-type").inner_text() == "Besuch" and "Datum offen" in events.nth(1).inner_text()
    _check(page, "entity", tmp_path)
