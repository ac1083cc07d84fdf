// tagwerk's archive views: story threads, a story, related articles on the article page, and the
// entity timeline (mentions per day as a uPlot chart, the events the entity took part in).
// Loaded after app.js, whose helpers it uses (el, api, setStatus, main, articleHref, entityHref).
// As in app.js, every string from the store reaches the page through textContent or attributes.
"use strict";

const EVENT_NAMES = { visit: "Besuch", meeting: "Treffen", talks: "Gespräche", election: "Wahl",
  resignation: "Rücktritt", ruling: "Urteil", attack: "Anschlag", agreement: "Abkommen" };
const DAY_MS = 86400000;

function storyHref(id) { return "/stories/" + encodeURIComponent(id); }
function isoDay(value) { return value ? String(value).slice(0, 10) : ""; }
function daySpan(first, last) {
  const a = isoDay(first), b = isoDay(last);
  return a === b ? a : a + " – " + b;
}
function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

function articleLine(a, extra) {
  return [
    el("span", { class: "muted when", text: isoDay(a.date || a.time) || "ohne Datum" }), " ",
    el("a", { href: articleHref(a.id), text: a.title || "(ohne Titel)" }),
    a.outlet ? el("span", { class: "muted", text: " · " + a.outlet }) : null,
    extra ? el("span", { class: "muted", text: " · " + extra }) : null,
  ];
}

// -- /stories ------------------------------------------------------------------------------------
async function storiesView() {
  document.title = "tagwerk · Geschichten";
  const params = new URLSearchParams(location.search);
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const all = params.get("min_size") === "1";
  const limit = 20;
  const query = new URLSearchParams({ format: "json", limit: String(limit), offset: String(offset), min_size: all ? "1" : "2" });
  let data;
  try { data = await api("GET", "/stories?" + query.toString()); } catch (e) {
    main().replaceChildren(el("h1", { text: "Geschichten" }), el("p", { class: "error", text: "Fehler: " + e.message }));
    return;
  }
  const toggle = el("a", { id: "stories-toggle", href: "/stories" + (all ? "" : "?min_size=1"),
    text: all ? "nur Geschichten mit mehreren Artikeln" : "auch Einzelmeldungen zeigen" });
  const list = el("ol", { class: "stories", id: "stories", start: offset + 1 }, data.stories.map((s) => el("li", { "data-story": s.id },
    el("a", { href: storyHref(s.id), class: "story-label", text: s.label || "(ohne Bezeichnung)" }),
    el("span", { class: "muted", text: " · " + plural(s.size, "Artikel", "Artikel") + " · " + daySpan(s.first, s.last) + (s.open ? " · läuft" : "") }),
    s.last_article ? el("div", { class: "story-head muted", text: (s.first_article && s.first_article.id !== s.last_article.id ?
      s.first_article.title + " … " : "") + s.last_article.title }) : null)));
  const nav = el("p", { class: "pager" },
    offset > 0 ? el("a", { href: "/stories?" + new URLSearchParams({ offset: String(Math.max(0, offset - limit)), ...(all ? { min_size: "1" } : {}) }), text: "← neuere" }) : null,
    " ",
    offset + limit < data.total ? el("a", { href: "/stories?" + new URLSearchParams({ offset: String(offset + limit), ...(all ? { min_size: "1" } : {}) }), text: "ältere →" }) : null);
  main().replaceChildren(
    el("h1", { text: "Geschichten" }),
    el("p", { class: "muted", id: "stories-total" }, plural(data.total, "Geschichte", "Geschichten") + (all ? "" : " mit mehreren Artikeln") + ", die neuesten zuerst · ", toggle),
    data.stories.length ? list : el("p", { class: "muted", text: "Noch keine Geschichten: Artikel mit tagwerk ingest speichern." }),
    nav);
}

// -- /stories/{id} -------------------------------------------------------------------------------
function linkText(a, what) {
  return what + " (Ähnlichkeit " + Number(a.link.similarity).toFixed(2) + ")";
}

async function storyView(id) {
  document.title = "tagwerk · Geschichte";
  let data;
  try { data = await api("GET", storyHref(id) + "?format=json"); } catch (e) {
    main().replaceChildren(el("h1", { text: "Geschichte nicht gefunden" }), el("p", { text: e.message }));
    return;
  }
  const s = data.story;
  document.title = "tagwerk · " + (s.label || s.id);
  const items = el("ol", { class: "story-items", id: "story-items" }, data.items.map((it) => {
    const folded = [...it.versions.map((v) => [v, "ältere Fassung"]), ...it.copies.map((c) => [c, "Kopie"])];
    const li = el("li", { "data-article": it.id }, el("div", { class: "item-line" }, articleLine(it, it.version ? "Version " + it.version : null)));
    if (folded.length) {
      const label = [it.versions.length ? plural(it.versions.length, "ältere Fassung", "ältere Fassungen") : null,
        it.copies.length ? plural(it.copies.length, "Kopie", "Kopien") : null].filter(Boolean).join(", ");
      li.append(el("details", { class: "versions" }, el("summary", { text: label }),
        el("ul", {}, folded.map(([v, what]) => el("li", { "data-article": v.id }, articleLine(v, v.link ? linkText(v, what) : what))))));
    }
    return li;
  }));
  main().replaceChildren(
    el("p", { class: "muted" }, el("a", { href: "/stories", text: "← alle Geschichten" })),
    el("h1", { id: "story-label", text: s.label || s.id }),
    el("p", { class: "muted", id: "story-meta", text: plural(s.size, "Artikel", "Artikel") + " · " + daySpan(s.first, s.last) +
      (s.open ? " · läuft noch" : " · abgeschlossen") + " · " + plural(data.items.length, "Meldung", "Meldungen") + " nach Zusammenfassen der Fassungen" }),
    el("h2", { text: "Artikel in zeitlicher Folge" }),
    items);
}

// -- the article page: its story and related articles --------------------------------------------------
const REASON_TEXT = { version: "Fassung derselben Meldung", duplicate: "Kopie", story: "selbe Geschichte",
  entities: "gemeinsame Entitäten", keyphrases: "gemeinsame Schlagwörter" };

function reasonText(r) {
  if (r.kind === "version" || r.kind === "duplicate") return REASON_TEXT[r.kind] + " (" + Number(r.similarity).toFixed(2) + ")";
  if (r.names) return REASON_TEXT[r.kind] + ": " + r.names.slice(0, 4).join(", ");
  return REASON_TEXT[r.kind] || r.kind;
}

function archiveArticle(data, wrap) {
  const rel = data.related;
  const side = wrap.querySelector(".col-side");
  if (!rel || !side) return;
  const parts = [el("h2", { text: "Geschichte" })];
  if (rel.story) {
    parts.push(el("p", { id: "article-story" }, el("a", { href: storyHref(rel.story.id), text: rel.story.label || rel.story.id }),
      el("span", { class: "muted", text: " · " + plural(rel.story.size, "Artikel", "Artikel") + " · " + daySpan(rel.story.first, rel.story.last) })));
  } else {
    parts.push(el("p", { class: "muted", text: "Keiner Geschichte zugeordnet." }));
  }
  if (rel.link) {
    parts.push(el("p", { class: "muted", id: "article-link" }, (rel.link.kind === "duplicate" ? "Kopie von " : "Fassung von "),
      el("a", { href: articleHref(rel.link.of), text: "Artikel " + rel.link.of })));
  }
  parts.push(el("h2", { text: "Verwandte Artikel" }));
  parts.push(rel.articles.length ? el("ul", { class: "related", id: "related" }, rel.articles.map((a) => el("li", { "data-article": a.id },
    articleLine(a), el("div", { class: "muted reasons", text: a.reasons.map(reasonText).join(" · ") })))) :
    el("p", { class: "muted", text: "Keine verwandten Artikel gefunden." }));
  side.prepend(el("section", { class: "archive-box", id: "archive-box" }, parts));
}

// -- the entity page: mentions per day, events --------------------------------------------------------
function dailySeries(days) {
  // Every day from the first to the last (zeros between), one day of margin on each side.
  const start = Date.parse(days[0].date + "T00:00:00Z") - DAY_MS;
  const end = Date.parse(days[days.length - 1].date + "T00:00:00Z") + DAY_MS;
  const byDay = new Map(days.map((d) => [d.date, d.mentions]));
  const xs = [], ys = [];
  for (let t = start; t <= end; t += DAY_MS) {
    xs.push(t / 1000);
    ys.push(byDay.get(new Date(t).toISOString().slice(0, 10)) || 0);
  }
  return [xs, ys];
}

function drawChart(box, days) {
  if (typeof uPlot === "undefined") return null;  // the bundled library is missing: the summary line still says it
  const data = dailySeries(days);
  const size = () => ({ width: Math.max(240, box.clientWidth), height: 220 });
  const opts = {
    ...size(),
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    legend: { show: false },
    cursor: { drag: { x: true, y: false } },
    scales: { y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [{}, { size: 40 }],
    series: [{}, { label: "Erwähnungen", stroke: "#0b5cad", fill: "rgba(11, 92, 173, 0.55)", width: 1,
      paths: uPlot.paths.bars({ size: [0.9, 24] }), points: { show: false } }],
  };
  const chart = new uPlot(opts, data, box);
  window.addEventListener("resize", () => chart.setSize(size()));
  return chart;
}

function eventItem(ev, entityId) {
  const when = ev.date ? ev.date : "Datum offen";
  const who = ev.participants.filter((p) => p.entity !== entityId).map((p) =>
    el("a", { href: entityHref(p.entity), class: "ent ent-" + p.type, text: p.name }));
  const where = ev.place ? [" in ", el("a", { href: entityHref(ev.place.entity), class: "ent ent-" + ev.place.type, text: ev.place.name })] : [];
  return el("li", { "data-type": ev.type },
    el("span", { class: "event-type", text: EVENT_NAMES[ev.type] || ev.type }),
    el("span", { class: "muted", text: " · " + when + (ev.planned ? " (geplant)" : "") }),
    where,
    who.length ? [" · mit ", ...who.flatMap((w, i) => (i ? [", ", w] : [w]))] : null,
    el("div", { class: "muted event-articles" }, ev.articles.length > 1 ? plural(ev.articles.length, "Artikel", "Artikel") + ": " : "",
      ev.articles.flatMap((a, i) => [i ? " · " : "", el("a", { href: articleHref(a.id), text: a.title || "Artikel " + a.id })])));
}

async function archiveEntity(entity, box) {
  const base = entityHref(entity.id);
  let timeline, events;
  try {
    [timeline, events] = await Promise.all([api("GET", base + "/timeline"), api("GET", base + "/events")]);
  } catch (e) {
    box.replaceChildren(el("p", { class: "error", text: "Zeitleiste nicht geladen: " + e.message }));
    return;
  }
  const chartBox = el("div", { class: "chart", id: "entity-chart", role: "img",
    "aria-label": "Erwähnungen pro Tag von " + (timeline.first || "–") + " bis " + (timeline.last || "–") });
  const dated = timeline.days.reduce((n, d) => n + d.mentions, 0);
  const peak = timeline.days.reduce((best, d) => (!best || d.mentions > best.mentions ? d : best), null);
  const u = timeline.undated;
  const summary = el("p", { class: "muted", id: "timeline-summary" },
    timeline.days.length ? plural(dated, "Erwähnung", "Erwähnungen") + " an " + plural(timeline.days.length, "Tag", "Tagen") +
      " (" + daySpan(timeline.first, timeline.last) + "), die meisten am " + peak.date + " (" + peak.mentions + "). " :
      "Keine datierten Erwähnungen. ",
    el("span", { id: "undated", text: u.articles ? plural(u.mentions, "Erwähnung", "Erwähnungen") + " in " +
      plural(u.articles, "Artikel", "Artikeln") + " ohne Datum (nicht im Diagramm)." : "Alle Artikel sind datiert." }));
  const list = events.events.length ?
    el("ol", { class: "events", id: "events" }, events.events.map((ev) => eventItem(ev, entity.id))) :
    el("p", { class: "muted", id: "events", text: "Keine Ereignisse erkannt." });
  box.replaceChildren(
    el("h2", { text: "Erwähnungen pro Tag" }),
    timeline.days.length ? chartBox : null,
    summary,
    el("h2", { text: "Ereignisse" + (events.total > events.events.length ? " (die neuesten " + events.events.length + " von " + events.total + ")" : "") }),
    list);
  if (timeline.days.length) drawChart(chartBox, timeline.days);
}
