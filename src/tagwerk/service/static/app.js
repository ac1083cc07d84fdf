// tagwerk's editor page. No framework, no network beyond this server.
// Every string from an article or the store reaches the page through textContent or
// setAttribute, never as markup: a "<script>" in an article shows as text.
"use strict";

const TYPE_NAMES = { PER: "Person", ORG: "Organisation", LOC: "Ort", MISC: "Sonstiges" };
// Tag types as the tags stage names them (tagwerk.stages.tags), in German.
const TAG_TYPE_NAMES = { person: "Person", place: "Ort", organisation: "Organisation", topic: "Thema", event: "Ereignis",
  keyphrase: "Schlagwort", PER: "Person", LOC: "Ort", ORG: "Organisation", MISC: "Thema" };
const STATUS_NAMES = { suggested: "vorgeschlagen", accepted: "angenommen", rejected: "abgelehnt", added: "hinzugefügt" };
const QUOTE_NAMES = { Direct: "direktes Zitat", Indirect: "indirekte Rede", FreeIndirect: "freie indirekte Rede",
  IndirectFreeIndirect: "indirekte Rede", Reported: "berichtete Rede" };

// -- numbers and words in German --------------------------------------------------------------------
const DECIMAL = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
function decimal(x) { return DECIMAL.format(Number(x)); }
function when(iso) {
  const d = iso ? new Date(iso) : null;
  return d && !isNaN(d) ? d.toLocaleString("de-DE", { dateStyle: "medium", timeStyle: "short" }) : (iso || "");
}
function percent(x) { return Math.round(100 * Number(x)) + " %"; }
// "1 Erwähnung", "2 Erwähnungen"; forms: [singular, plural]
function count(n, forms) { return n + " " + (Number(n) === 1 ? forms[0] : forms[1]); }
const MENTIONS = ["Erwähnung", "Erwähnungen"];
const IN_ARTICLES = ["Artikel", "Artikeln"];  // dative: "in 1 Artikel", "in 2 Artikeln"

// What an API error means, in German: by its status; the server's own words (English) stay
// in the message's title for whoever looks closer.
const HTTP_MESSAGES = {
  0: "Der Server ist nicht erreichbar.",
  400: "Die Anfrage ist ungültig.",
  401: "Das Token fehlt oder ist falsch – oben unter „Token“ eintragen.",
  403: "Der Server nimmt keine Änderungen an: Er wurde ohne Token gestartet (tagwerk serve --token …).",
  404: "Nicht gefunden.",
  413: "Der Artikel ist zu lang für den Server.",
  422: "Der Artikel ist leer oder nicht lesbar.",
  500: "Interner Fehler des Servers; Einzelheiten stehen in seinem Protokoll.",
  503: "Die Analyse ist gerade nicht verfügbar; bitte noch einmal versuchen.",
};
function germanError(e) { return HTTP_MESSAGES[e.status] || HTTP_MESSAGES[Math.floor((e.status || 0) / 100) * 100] || "Unbekannter Fehler."; }

// -- small DOM helpers ------------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}
const $ = (sel) => document.querySelector(sel);
const main = () => $("#main");

function setStatus(message, kind, detail) {
  const box = $("#status");
  box.textContent = message || "";
  box.className = kind || "";
  if (detail) box.title = detail; else box.removeAttribute("title");
}
function showError(prefix, e) { setStatus(prefix + germanError(e), "error", e.message); }

// A link to an article's own address (http and https only).
function urlLink(url) {
  return /^https?:\/\//i.test(url) ? el("a", { href: url, rel: "noopener noreferrer", class: "url", text: url }) : url;
}

// Quote spans may include their quotation marks; lists show the words inside one pair.
function unquote(text) { return String(text || "").replace(/^[„“”"»«‚‘’\s]+|[„“”"»«‚‘’\s]+$/g, ""); }

function articleHref(id) { return "/articles/" + encodeURIComponent(id); }
function entityHref(id) { return "/entities/" + encodeURIComponent(id); }

// -- API ------------------------------------------------------------------------------------------
async function api(method, url, body) {
  const headers = { Accept: "application/json" };
  const token = localStorage.getItem("tagwerk.token");
  if (token && method !== "GET") headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let resp;
  try {
    resp = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    const err = new Error(String(e && e.message || e));
    err.status = 0;
    throw err;
  }
  let data = null;
  try { data = await resp.json(); } catch (e) { data = null; }
  if (!resp.ok) {
    const msg = (data && data.error) || ("HTTP " + resp.status);
    const err = new Error(msg);
    err.status = resp.status;
    err.candidates = (data && data.candidates) || null;
    throw err;
  }
  return data;
}

function who() { return ($("#who").value || "").trim() || "editor"; }

// -- the analysed article ---------------------------------------------------------------------------
function mentionIndex(analysis) {
  // Every mention with its entity (canonical name, type, KB id).
  const ents = new Map((analysis.entities || []).map((e) => [e.id, e]));
  const out = [];
  const seen = new Set();
  for (const e of analysis.entities || []) {
    for (const m of e.mentions || []) {
      const key = m.start + ":" + m.end;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ start: m.start, end: m.end, label: m.label || e.type, entity: e });
    }
  }
  for (const m of analysis.mentions || []) {
    const key = m.start + ":" + m.end;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ start: m.start, end: m.end, label: m.label, entity: ents.get(m.entity) || null, text: m.text });
  }
  return out;
}

function renderText(analysis) {
  const text = (analysis.article && analysis.article.text) || "";
  const mentions = mentionIndex(analysis);
  const quotes = [];
  (analysis.quotes || []).forEach((q, qi) => {
    for (const sp of q.spans || []) quotes.push({ start: sp.start, end: sp.end, quote: q, index: qi });
  });
  const cuts = new Set([0, text.length]);
  for (const s of [...mentions, ...quotes]) {
    if (s.start >= 0 && s.end <= text.length && s.start < s.end) { cuts.add(s.start); cuts.add(s.end); }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const box = el("div", { class: "article-text", id: "article-text" });
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const m = mentions.find((x) => x.start <= a && b <= x.end);
    const q = quotes.find((x) => x.start <= a && b <= x.end);
    if (!m && !q) { box.append(document.createTextNode(piece)); continue; }
    const classes = [];
    const title = [];
    if (m) {
      classes.push("ent", "ent-" + (m.label || "MISC"));
      const name = m.entity ? m.entity.name : (m.text || piece);
      let t = (TYPE_NAMES[m.label] || m.label) + ": " + name;
      if (m.entity && m.entity.kb_id) t += " (" + m.entity.kb_id + ")";
      title.push(t);
    }
    if (q) {
      classes.push("quote");
      const sp = q.quote.speaker_name || (q.quote.speaker && q.quote.speaker.text) || "unbekannt";
      title.push((QUOTE_NAMES[q.quote.type] || "Zitat") + " · Sprecher: " + sp);
    }
    const span = el("span", { class: classes.join(" "), title: title.join(" — "), text: piece });
    if (m && m.entity) span.dataset.entity = m.entity.id;
    if (q) span.dataset.quote = String(q.index);
    box.append(span);
  }
  return box;
}

function renderLegend() {
  return el("p", { class: "legend" }, "Markiert: ",
    ...Object.entries(TYPE_NAMES).map(([k, v]) => el("span", { class: "ent ent-" + k, text: v })),
    el("span", { class: "quote", text: "Zitat" }));
}

function renderEntities(analysis, stored) {
  const ents = (analysis.entities || []).slice().sort((a, b) => (b.mentions || []).length - (a.mentions || []).length);
  if (!ents.length) return el("p", { class: "muted", text: "Keine Entitäten erkannt." });
  return el("ul", { class: "entities" }, ents.map((e) => el("li", {},
    el("span", { class: "ent ent-" + e.type, text: e.name }),
    " ", el("span", { class: "muted", text: (TYPE_NAMES[e.type] || e.type) + (e.kb_id ? " · " + e.kb_id : "") + " · " + (e.mentions || []).length + "×" }),
    stored ? [" ", el("a", { href: entityHref(e.id), text: "Entitätsseite" })] : null)));
}

function renderQuotes(analysis) {
  const qs = analysis.quotes || [];
  if (!qs.length) return el("p", { class: "muted", text: "Keine Zitate erkannt." });
  return el("ol", { class: "quotes" }, qs.map((q) => el("li", {},
    el("span", { class: "speaker", text: (q.speaker_name || (q.speaker && q.speaker.text) || "unbekannt") + ": " }),
    el("q", { text: unquote((q.spans || []).map((s) => s.text).join(" … ")) }),
    el("span", { class: "muted", text: " (" + (QUOTE_NAMES[q.type] || q.type) + (q.cue ? ", " + q.cue.text : "") + ")" }))));
}

// -- tags: review state and controls -------------------------------------------------------------------
// tags: [{name, type, score, status, who, at}]; onDecide(name, action) with action accept|reject|add.
function renderTags(tags, onDecide) {
  const list = el("ul", { class: "tags", id: "tags" });
  for (const t of tags) {
    const li = el("li", { class: "tag status-" + t.status, "data-tag": t.name, "data-status": t.status },
      el("div", { class: "tag-text" },
        el("span", { class: "tag-name", text: t.name }),
        el("span", { class: "tag-meta", text: [TAG_TYPE_NAMES[t.type] || t.type, t.score === null || t.score === undefined ? null : decimal(t.score)].filter(Boolean).join(" · ") }),
        el("span", { class: "tag-status", text: STATUS_NAMES[t.status] || t.status, title: t.who ? "von " + t.who + (t.at ? ", " + t.at : "") : null })),
      el("button", { type: "button", class: "accept", title: "annehmen", "aria-label": "annehmen: " + t.name, onclick: () => onDecide(t.name, "accept") }, "✓"),
      el("button", { type: "button", class: "reject", title: "ablehnen", "aria-label": "ablehnen: " + t.name, onclick: () => onDecide(t.name, "reject") }, "✗"));
    list.append(li);
  }
  const input = el("input", { id: "new-tag", placeholder: "Tag hinzufügen", maxlength: 200, autocomplete: "off" });
  const form = el("form", { class: "add-tag", onsubmit: (ev) => {
    ev.preventDefault();
    const name = input.value.trim();
    if (name) { onDecide(name, "add"); input.value = ""; }
  } }, input, el("button", { type: "submit", id: "add-tag" }, "Hinzufügen"));
  return el("div", {}, tags.length ? list : el("p", { class: "muted", text: "Keine Tags vorgeschlagen." }), form);
}

function localDecision(tags, name, action) {
  const key = name.toLocaleLowerCase("de");
  const t = tags.find((x) => x.name.toLocaleLowerCase("de") === key);
  if (t) {
    if (action === "reject") t.status = "rejected";
    else if (action === "accept") t.status = t.status === "added" ? "added" : "accepted";
    else t.status = t.status === "suggested" || t.status === "accepted" ? "accepted" : "added";
  } else {
    tags.push({ name, type: "topic", score: null, status: action === "reject" ? "rejected" : "added" });
  }
}

function reviewOf(tags) {
  const r = { accept: [], reject: [], add: [], who: who() };
  for (const t of tags) {
    if (t.status === "accepted") r.accept.push(t.name);
    else if (t.status === "rejected") r.reject.push(t.name);
    else if (t.status === "added") r.add.push(t.name);
  }
  return r;
}

function renderAnalysis(analysis, opts) {
  const art = analysis.article || {};
  const metaParts = [art.date, art.credit && art.credit.outlet].filter(Boolean);
  const meta = metaParts.length || art.url ? el("p", { class: "muted meta" }, metaParts.join(" · "),
    art.url ? [metaParts.length ? " · " : "", urlLink(art.url)] : null) : null;
  const section = analysis.section ? "Ressort: " + analysis.section.label + " (" + decimal(analysis.section.confidence) + ")" : null;
  const tagBox = el("div", { id: "tag-box" });
  const wrap = el("section", { class: "result", id: "result" },
    el("div", { class: "columns" },
      el("div", { class: "col-text" },
        opts.heading ? el("h1", { text: opts.heading }) : null,
        meta,
        section ? el("p", { class: "muted", text: section }) : null,
        renderLegend(),
        renderText(analysis)),
      el("aside", { class: "col-side" },
        el("h2", { text: "Tags" }), tagBox,
        opts.actions || null,
        el("h2", { text: "Entitäten" }), renderEntities(analysis, opts.stored),
        el("h2", { text: "Zitate" }), renderQuotes(analysis))));
  return { wrap, tagBox };
}

// -- views ----------------------------------------------------------------------------------------------
function analyseView() {
  document.title = "tagwerk · Analysieren";
  const title = el("input", { id: "title", placeholder: "Überschrift (optional, sonst die erste Zeile)", autocomplete: "off" });
  const text = el("textarea", { id: "text", rows: 14, placeholder: "Artikel hier einfügen …", spellcheck: "false" });
  const date = el("input", { id: "date", placeholder: "Datum, z. B. 2024-05-03", size: 14 });
  const url = el("input", { id: "url", placeholder: "URL (optional)", size: 30 });
  const fmt = el("select", { id: "format" }, el("option", { value: "text" }, "Text"), el("option", { value: "html" }, "HTML"));
  const file = el("input", { type: "file", id: "file", accept: ".txt,.html,.htm,.json,text/plain,text/html,application/json" });
  file.addEventListener("change", async () => {
    const f = file.files && file.files[0];
    if (!f) return;
    const content = await f.text();
    const name = f.name.toLowerCase();
    if (name.endsWith(".json")) {
      try {
        const rec = JSON.parse(content);
        title.value = rec.title || rec.headline || "";
        text.value = rec.text || rec.body || rec.content || "";
        date.value = rec.date || "";
        url.value = rec.url || "";
        fmt.value = "text";
      } catch (e) { setStatus("Die JSON-Datei ist nicht lesbar: " + e.message, "error"); }
    } else {
      text.value = content;
      fmt.value = name.endsWith(".html") || name.endsWith(".htm") ? "html" : "text";
    }
  });
  const out = el("div", { id: "output" });
  const state = { analysis: null, tags: [] };

  function body() {
    const b = { text: text.value, format: fmt.value };
    if (title.value.trim()) b.title = title.value.trim();
    if (date.value.trim()) b.date = date.value.trim();
    if (url.value.trim()) b.url = url.value.trim();
    return b;
  }

  function drawTags(tagBox) {
    tagBox.replaceChildren(renderTags(state.tags, (name, action) => { localDecision(state.tags, name, action); drawTags(tagBox); }));
  }

  async function run(ev) {
    ev.preventDefault();
    if (!text.value.trim()) { setStatus("Bitte zuerst einen Artikel einfügen.", "error"); return; }
    setStatus("Analysiere …", "busy");
    try {
      const analysis = await api("POST", "/analyze", body());
      state.analysis = analysis;
      state.tags = (analysis.tags || []).map((t) => ({ name: t.name, type: t.type, score: t.score, status: "suggested" }));
      const save = el("p", {}, el("button", { type: "button", id: "save", class: "primary", onclick: saveIt }, "Im Archiv speichern"));
      const { wrap, tagBox } = renderAnalysis(analysis, { actions: save, stored: false });
      drawTags(tagBox);
      out.replaceChildren(wrap);
      wrap.scrollIntoView({ block: "start" });  // the result, not the form, fills the screen
      setStatus("Analysiert: " + count((analysis.entities || []).length, ["Entität", "Entitäten"]) + ", " +
        count((analysis.quotes || []).length, ["Zitat", "Zitate"]) + ", " + count((analysis.tags || []).length, ["Tag", "Tags"]) + ".", "ok");
    } catch (e) { showError("Nicht analysiert: ", e); }
  }

  async function saveIt() {
    setStatus("Speichere …", "busy");
    try {
      const res = await api("POST", "/articles", body());
      const review = reviewOf(state.tags);
      if (review.accept.length || review.reject.length || review.add.length) {
        await api("PATCH", articleHref(res.id) + "/tags", review);
      }
      history.pushState({}, "", articleHref(res.id));
      setStatus(res.created ? "Gespeichert als Artikel " + res.id + "." : "Artikel " + res.id + " aktualisiert.", "ok");
      await articleView(res.id, true);
    } catch (e) { showError("Nicht gespeichert: ", e); }
  }

  const form = el("form", { id: "analyse-form", onsubmit: run },
    el("div", { class: "row" }, title),
    el("div", { class: "row" }, text),
    el("div", { class: "row" }, date, " ", url, " ", fmt, " ", el("label", { class: "file" }, "Datei: ", file)),
    el("div", { class: "row" }, el("button", { type: "submit", id: "analyse", class: "primary" }, "Analysieren")));
  main().replaceChildren(el("h1", { text: "Artikel analysieren" }), form, out);
}

async function articleView(id, keepStatus) {
  document.title = "tagwerk · Artikel " + id;
  if (!keepStatus) setStatus("Lade …", "busy");
  let data;
  try { data = await api("GET", articleHref(id) + "?format=json"); } catch (e) {
    main().replaceChildren(el("h1", { text: "Artikel nicht gefunden" }), el("p", { text: germanError(e), title: e.message }));
    setStatus("", "");
    return;
  }
  const tags = data.tags || [];
  const info = el("p", { class: "muted" }, "Artikel " + data.id + " · gespeichert " + when(data.updated_at) +
    " · Stufen: " + Object.entries(data.stages || {}).map(([k, v]) => k + " " + v).join(", "));
  const { wrap, tagBox } = renderAnalysis(data.analysis, { heading: data.title, stored: true });
  async function decide(name, action) {
    const review = { accept: [], reject: [], add: [], who: who() };
    review[action].push(name);
    try {
      const res = await api("PATCH", articleHref(id) + "/tags", review);
      draw(res.tags);
      setStatus("Tag „" + name + "“ gespeichert.", "ok");
    } catch (e) { showError("Nicht gespeichert: ", e); }
  }
  function draw(list) { tagBox.replaceChildren(renderTags(list, decide)); }
  draw(tags);
  if (typeof archiveArticle === "function") archiveArticle(data, wrap);  // story and related articles (archive.js)
  main().replaceChildren(info, wrap);
  if (!keepStatus) setStatus("", "");
}

function snippetNode(hit) {
  const p = el("p", { class: "snippet" });
  const s = hit.snippet || "";
  let pos = 0;
  for (const [a, b] of hit.snippet_marks || []) {
    if (a > pos) p.append(document.createTextNode(s.slice(pos, a)));
    p.append(el("mark", { text: s.slice(a, b) }));
    pos = b;
  }
  if (pos < s.length) p.append(document.createTextNode(s.slice(pos)));
  return p;
}

async function searchView() {
  document.title = "tagwerk · Suche";
  const params = new URLSearchParams(location.search);
  const field = (name, label, size) => el("label", {}, label + " ", el("input", { name, value: params.get(name) || "", size: size || 12, autocomplete: "off" }));
  const form = el("form", { id: "search-form", action: "/search", method: "get" },
    el("div", { class: "row search-line" }, el("input", { name: "q", id: "q", value: params.get("q") || "", placeholder: "Suchwörter, \"eine Phrase\", wort*", size: 40 }),
      " ", el("button", { type: "submit", class: "primary" }, "Suchen")),
    el("div", { class: "row" }, el("label", { title: "Sonst findet ein Wort ab vier Buchstaben auch die Wörter, die mit ihm beginnen: Rente findet Rentenreform." },
      el("input", { type: "checkbox", name: "exact", id: "exact", value: "true", checked: params.get("exact") === "true" }), " nur ganze Wörter")),
    el("div", { class: "row facets" }, field("entity", "Entität"), field("tag", "Tag"), field("from", "von", 10), field("to", "bis", 10), field("outlet", "Medium")));
  const results = el("div", { id: "results" });
  main().replaceChildren(el("h1", { text: "Archiv durchsuchen" }), form, results);
  const query = new URLSearchParams();
  for (const [k, v] of params) if (v.trim() && k !== "format") query.append(k, v.trim());
  if (![...query.keys()].some((k) => ["q", "entity", "tag", "from", "to", "outlet"].includes(k))) {
    query.set("limit", "20");
  }
  query.set("format", "json");
  try {
    const data = await api("GET", "/search?" + query.toString());
    const list = el("ol", { class: "hits", start: (data.query.offset || 0) + 1 }, data.hits.map((h) => el("li", {},
      el("a", { href: articleHref(h.id), class: "hit-title", text: h.title || "(ohne Titel)" }),
      el("span", { class: "muted", text: " " + [h.date, h.outlet].filter(Boolean).join(" · ") }),
      snippetNode(h))));
    results.replaceChildren(el("p", { class: "muted", id: "total", text: data.total + " Treffer" }), list);
  } catch (e) { results.replaceChildren(el("p", { class: "error", text: "Suche fehlgeschlagen: " + germanError(e), title: e.message })); }
}

async function entityView(id) {
  document.title = "tagwerk · " + id;
  let data;
  try { data = await api("GET", entityHref(id) + "?format=json"); } catch (e) {
    if (e.candidates) {  // a surname several entities bear: list them
      main().replaceChildren(el("h1", { text: "Mehrere Entitäten heißen „" + id + "“" }),
        el("ul", { class: "candidates" }, e.candidates.map((c) => el("li", {},
          el("a", { href: entityHref(c.id), class: "ent ent-" + c.type, text: c.name }),
          el("span", { class: "muted", text: " " + c.id })))));
      return;
    }
    main().replaceChildren(el("h1", { text: "Entität nicht gefunden" }), el("p", { text: germanError(e), title: e.message }));
    return;
  }
  const e = data.entity;
  document.title = "tagwerk · " + e.name;
  const timeline = el("div", { id: "entity-timeline" });  // filled by archive.js: mentions per day, events
  main().replaceChildren(
    el("h1", {}, el("span", { class: "ent ent-" + e.type, text: e.name })),
    el("p", { class: "muted", text: (TYPE_NAMES[e.type] || e.type) + (e.kb_id ? " · " + e.kb_id : "") + " · " + count(data.mentions, MENTIONS) + " in " + count(data.articles, IN_ARTICLES) }),
    el("p", {}, el("a", { href: "/search?entity=" + encodeURIComponent(e.id), text: "Alle Artikel zu " + e.name })),
    timeline,
    el("h2", { text: "Gemeinsam genannt mit" }),
    el("ol", { class: "cooccurring" }, data.cooccurring.map((c) => el("li", {},
      el("a", { href: entityHref(c.id), class: "ent ent-" + c.type, text: c.name }),
      el("span", { class: "muted", text: " " + count(c.articles, ["gemeinsamer Artikel", "gemeinsame Artikel"]) + " · Nähe " + percent(c.score),
        title: "Nähe: gemeinsame Artikel im Verhältnis zu den Artikeln beider (Kosinus-Maß)" })))),
    el("h2", { text: "Neueste Zitate" }),
    data.quotes.length ? el("ul", { class: "quotes" }, data.quotes.map((q) => el("li", {},
      el("q", { text: unquote(q.text) }), " ",
      saidAs(q.speaker_text, e.name) ? el("span", { class: "muted", text: "als „" + q.speaker_text + "“ " }) : "",
      el("a", { href: articleHref(q.article_id), class: "muted", text: [q.date, q.title].filter(Boolean).join(" · ") })))) :
      el("p", { class: "muted", text: "Keine Zitate." }),
    el("h2", { text: "Neueste Artikel" }),
    el("ul", {}, data.recent_articles.map((a) => el("li", {},
      el("a", { href: articleHref(a.id), text: a.title || "(ohne Titel)" }),
      el("span", { class: "muted", text: " " + [a.date, a.outlet].filter(Boolean).join(" · ") })))));
  if (typeof archiveEntity === "function") archiveEntity(e, timeline);
}

function saidAs(said, name) {
  // The quote's speaker words when they are not the name (a pronoun or a description: „er“, „die Ministerin“).
  if (!said) return false;
  const s = said.toLowerCase();
  return s !== name.toLowerCase() && !name.toLowerCase().split(/\s+/).includes(s);
}

// -- routing ---------------------------------------------------------------------------------------------
function route() {
  const path = location.pathname;
  let m;
  if ((m = path.match(/^\/articles\/(\d+)$/))) return articleView(m[1]);
  if ((m = path.match(/^\/entities\/(.+)$/))) return entityView(decodeURIComponent(m[1]));
  if ((m = path.match(/^\/stories\/([^/]+)$/))) return storyView(decodeURIComponent(m[1]));
  if (path === "/stories") return storiesView();
  if (path === "/search") return searchView();
  return analyseView();
}

document.addEventListener("DOMContentLoaded", () => {
  const token = $("#token"), whoBox = $("#who");
  token.value = localStorage.getItem("tagwerk.token") || "";
  whoBox.value = localStorage.getItem("tagwerk.who") || "";
  token.addEventListener("input", () => localStorage.setItem("tagwerk.token", token.value.trim()));
  whoBox.addEventListener("input", () => localStorage.setItem("tagwerk.who", whoBox.value.trim()));
  window.addEventListener("popstate", route);
  route();
});
