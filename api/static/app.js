/* intelgraph explorer: the sharing network, its sources, a ranking, a SPARQL console and an ingest form.
 *
 * Plain JavaScript, no dependencies and nothing from a CDN. Everything comes from the service's own
 * routes: /export/json (the network with its measures), /countries/..., /officials/..., /alliances/...,
 * /articles/..., /analytics/centrality, /sparql, and /explorer/* (config, search, cue highlighting,
 * extraction preview). The status colours are CSS variables in app.css.
 */
(function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  const COMMUNITY_COLOURS = ["#5a6f8f", "#9a72a8", "#3f9c96", "#b58a5a", "#c47a90", "#7d9a5a", "#8a86c2",
    "#a39a4c", "#5f9eb5", "#a8685c"];
  const NO_GROUP = "#aab4be";
  const PREFIXES = [
    ["ig:", "https://w3id.org/intelgraph/ns#"],
    ["country:", "https://w3id.org/intelgraph/id/country/"],
    ["agency:", "https://w3id.org/intelgraph/id/agency/"],
    ["alliance:", "https://w3id.org/intelgraph/id/alliance/"],
    ["person:", "https://w3id.org/intelgraph/id/person/"],
    ["article:", "https://w3id.org/intelgraph/id/article/"],
    ["claim:", "https://w3id.org/intelgraph/id/claim/"],
    ["statement:", "https://w3id.org/intelgraph/id/statement/"],
    ["schema:", "http://schema.org/"],
    ["prov:", "http://www.w3.org/ns/prov#"],
    ["skos:", "http://www.w3.org/2004/02/skos/core#"],
    ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"],
    ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
    ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
  ];

  // ------------------------------------------------------------------------------------------ helpers
  const $ = (sel, root) => (root || document).querySelector(sel);

  /** An HTML element: h("a", {href: "#"}, "text", child, ...). Text is always a text node (no HTML). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
  }

  /** An SVG element, same calling convention. */
  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
  }

  function setAttrs(el, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
      else if (key === "style" && typeof value === "object") Object.assign(el.style, value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
  }

  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  class ApiError extends Error {
    constructor(message, status) { super(message); this.status = status; }
  }

  /** fetch + JSON (or text), turning the service's error shape into an ApiError with its message. */
  async function api(path, options) {
    let response;
    try {
      response = await fetch(path, options);
    } catch (err) {
      throw new ApiError("the server did not answer (" + err.message + ")", 0);
    }
    const type = response.headers.get("content-type") || "";
    const body = /json/.test(type) ? await response.json() : await response.text();
    if (!response.ok) {
      const message = body && body.error ? body.error.message : (typeof body === "string" && body) || response.statusText;
      throw new ApiError(message, response.status);
    }
    return body;
  }

  const postJson = (path, data) => api(path, {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(data),
  });

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  }

  const statusLabel = (status) => String(status || "").replace(/_/g, " ");
  const countryName = (code) => state.names.get(code) || code;
  const plural = (n, word, many) => `${n} ${n === 1 ? word : (many || word + "s")}`;
  const formatScore = (x) => (x === 0 ? "0" : Math.abs(x) >= 1000 ? x.toFixed(0) : Number(x.toPrecision(4)).toString());

  function statusColour(status) {
    if (!state.statusColours.has(status)) {
      const value = getComputedStyle(document.documentElement).getPropertyValue("--status-" + status).trim();
      state.statusColours.set(status, value || "#7b8794");
    }
    return state.statusColours.get(status);
  }

  function statusChip(status) {
    return h("span", {class: "status-chip", style: {background: statusColour(status)}, "data-status": status},
      statusLabel(status));
  }

  // days as integers (UTC), for the date slider
  const DAY = 86400000;
  const toDay = (iso) => Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY);
  const fromDay = (day) => new Date(day * DAY).toISOString().slice(0, 10);

  function hashOf(text) {
    let x = 2166136261;
    for (let i = 0; i < text.length; i++) { x ^= text.charCodeAt(i); x = Math.imul(x, 16777619); }
    return (x >>> 0) / 4294967296;
  }

  /** Evidence text with the cue spans (from /explorer/highlight) wrapped in <mark>. */
  function highlighted(text, spans) {
    const out = [];
    let at = 0;
    for (const span of spans || []) {
      if (span.start < at) continue;
      out.push(text.slice(at, span.start));
      out.push(h("mark", {class: "cue", title: "cue: " + statusLabel(span.status),
        style: {color: statusColour(span.status)}}, h("span", {style: {color: "var(--ink)"}},
        text.slice(span.start, span.end))));
      at = span.end;
    }
    out.push(text.slice(at));
    return out;
  }

  /** Cue spans for many texts in one request; an empty list per text when highlighting fails. */
  async function cueSpans(texts) {
    if (!texts.length) return [];
    try {
      return (await postJson("/explorer/highlight", {texts})).spans;
    } catch (err) {
      return texts.map(() => []);
    }
  }

  function errorBox(err) {
    return h("p", {class: "error", role: "alert"}, err instanceof Error ? err.message : String(err));
  }

  // ------------------------------------------------------------------------------------------ state
  const state = {
    config: null,
    names: new Map(),               // ISO3 -> name
    alliances: [],                  // /alliances items
    allianceOf: new Map(),          // ISO3 -> the smallest alliance it belongs to
    allianceColour: new Map(),      // alliance id -> colour
    full: null,                     // the unfiltered network (for the date range and the layout)
    view: null,                     // the network under the date and confidence filters
    positions: new Map(),           // ISO3 -> {x, y}, from the layout of the full network
    days: [],                       // the slider's days
    statusColours: new Map(),
    filters: {asOf: null, minConfidence: 0, statuses: new Set(), alliance: ""},
    sizeBy: "pagerank",
    colourBy: "community",
    selected: null,                 // {kind: "country", id} | {kind: "edge", a, b}
    transform: {x: 0, y: 0, k: 1},
    userMoved: false,
    drawn: {nodes: [], edges: []},
    preview: null,                  // the text last previewed
  };

  function filterParams(extra) {
    const params = new URLSearchParams(extra || {});
    if (state.filters.asOf) params.set("as_of", state.filters.asOf);
    if (state.filters.minConfidence > 0) params.set("min_confidence", String(state.filters.minConfidence));
    return params;
  }

  // ------------------------------------------------------------------------------------------ start
  async function start() {
    try {
      const [config, countries, alliances] = await Promise.all([
        api("/explorer/config"), api("/countries?limit=1000&sort=name"), api("/alliances?limit=1000"),
      ]);
      state.config = config;
      for (const c of countries.items) state.names.set(c.iso3, c.name);
      state.alliances = alliances.items;
      indexAlliances();
      state.filters.statuses = new Set(config.statuses);
      buildControls();
      await loadFullNetwork();
      await refreshNetwork();
      refreshStats();
    } catch (err) {
      $("#details").replaceChildren(errorBox(err));
      return;
    }
    window.addEventListener("hashchange", route);
    route();
  }

  function indexAlliances() {
    const bySize = [...state.alliances].sort((a, b) => memberSet(a).size - memberSet(b).size || a.name.localeCompare(b.name));
    state.allianceOf = new Map();
    for (const alliance of bySize) {
      for (const code of memberSet(alliance)) if (!state.allianceOf.has(code)) state.allianceOf.set(code, alliance);
    }
    [...state.alliances].sort((a, b) => a.name.localeCompare(b.name))
      .forEach((alliance, i) => state.allianceColour.set(alliance.id, COMMUNITY_COLOURS[i % COMMUNITY_COLOURS.length]));
  }

  function memberSet(alliance) {
    if (!alliance._members) {
      alliance._members = new Set([...alliance.members, ...alliance.reported.map((r) => r.country)]);
    }
    return alliance._members;
  }

  async function refreshStats() {
    try {
      const stats = await api("/stats");
      $("#stats").textContent = `${plural(stats.articles, "article")} · ${plural(stats.claims, "claim")} · ` +
        `${plural(stats.statements, "statement")}`;
    } catch (err) {
      $("#stats").textContent = "";
    }
  }

  // ------------------------------------------------------------------------------------------ controls
  function buildControls() {
    const config = state.config;
    const box = $("#status-filters");
    box.replaceChildren(...config.statuses.map((status) => h("label", {},
      h("input", {type: "checkbox", value: status, checked: true, "data-status": status,
        onchange: (e) => {
          if (e.target.checked) state.filters.statuses.add(status); else state.filters.statuses.delete(status);
          draw();
        }}),
      h("span", {class: "swatch", style: {background: statusColour(status)}}),
      statusLabel(status))));

    const alliance = $("#alliance-filter");
    for (const a of [...state.alliances].sort((x, y) => x.name.localeCompare(y.name))) {
      alliance.append(h("option", {value: a.id}, a.name));
    }
    alliance.addEventListener("change", () => { state.filters.alliance = alliance.value; draw(); });

    const sizeBy = $("#size-by");
    const rankMetric = $("#rank-metric");
    for (const m of config.measures) {
      sizeBy.append(h("option", {value: m.name, title: m.description}, m.name.replace(/_/g, " ")));
      rankMetric.append(h("option", {value: m.name, title: m.description}, m.name.replace(/_/g, " ")));
    }
    sizeBy.value = rankMetric.value = config.measures.some((m) => m.name === "pagerank") ? "pagerank" : config.measures[0].name;
    state.sizeBy = sizeBy.value;
    sizeBy.addEventListener("change", () => { state.sizeBy = sizeBy.value; draw(); });
    $("#colour-by").addEventListener("change", (e) => { state.colourBy = e.target.value; draw(); });

    const asOf = $("#as-of");
    const reload = debounce(() => refreshNetwork(), 120);
    asOf.addEventListener("input", () => {
      const day = state.days[+asOf.value];
      const latest = +asOf.value >= state.days.length - 1;
      state.filters.asOf = latest ? null : fromDay(day);
      $("#as-of-label").textContent = latest ? "latest" : fromDay(day);
      reload();
    });
    const confidence = $("#min-confidence");
    confidence.addEventListener("input", () => {
      state.filters.minConfidence = +confidence.value;
      $("#min-confidence-label").textContent = (+confidence.value).toFixed(2);
      reload();
    });
    $("#reset-filters").addEventListener("click", resetFilters);

    // network view controls
    $("#zoom-in").addEventListener("click", () => zoomBy(1.3));
    $("#zoom-out").addEventListener("click", () => zoomBy(1 / 1.3));
    $("#zoom-fit").addEventListener("click", () => { state.userMoved = false; fit(); applyTransform(); });
    installPanZoom();
    new ResizeObserver(debounce(() => { if (!state.userMoved) { fit(); applyTransform(); } }, 60)).observe($("#canvas"));
    if (window.matchMedia("(max-width: 900px)").matches) $(".filters-box").open = false;

    // tabs
    for (const tab of document.querySelectorAll(".tabs button")) {
      tab.addEventListener("click", () => showView(tab.dataset.view));
    }
    installSearch();
    installRanking();
    installSparql();
    installIngest();
  }

  function resetFilters() {
    state.filters = {asOf: null, minConfidence: 0, statuses: new Set(state.config.statuses), alliance: ""};
    $("#as-of").value = String(Math.max(0, state.days.length - 1));
    $("#as-of-label").textContent = "latest";
    $("#min-confidence").value = "0";
    $("#min-confidence-label").textContent = "0.00";
    $("#alliance-filter").value = "";
    for (const box of document.querySelectorAll("#status-filters input")) box.checked = true;
    refreshNetwork();
  }

  function showView(name) {
    for (const tab of document.querySelectorAll(".tabs button")) {
      tab.setAttribute("aria-selected", String(tab.dataset.view === name));
    }
    for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== "view-" + name;
    if (name === "ranking") loadRanking();
    if (name === "sparql") updateDownloads();
    if (name === "network" && !state.userMoved) { fit(); applyTransform(); }
  }

  // ------------------------------------------------------------------------------------------ network data
  async function loadFullNetwork() {
    state.full = await api("/export/json");
    const days = new Set();
    for (const edge of state.full.edges) {
      for (const d of String(edge.history || "").match(/\d{4}-\d{2}-\d{2}/g) || []) days.add(toDay(d));
      if (edge.first_seen) days.add(toDay(edge.first_seen));
      if (edge.last_seen) days.add(toDay(edge.last_seen));
    }
    const sorted = [...days].sort((a, b) => a - b);
    state.days = [];
    if (sorted.length) for (let d = sorted[0]; d <= sorted[sorted.length - 1]; d++) state.days.push(d);
    const slider = $("#as-of");
    slider.max = String(Math.max(0, state.days.length - 1));
    slider.disabled = state.days.length < 2;
    if (!state.filters.asOf) slider.value = slider.max;
    $("#as-of-ticks").replaceChildren(...sorted.map((d) => h("option", {value: d - sorted[0]})));
    $("#as-of-min").textContent = sorted.length ? fromDay(sorted[0]) : "";
    $("#as-of-max").textContent = sorted.length ? fromDay(sorted[sorted.length - 1]) : "";
    layout(state.full.nodes, state.full.edges);
  }

  let refreshing = 0;
  async function refreshNetwork() {
    const ticket = ++refreshing;
    const params = filterParams();
    try {
      const view = await api("/export/json" + (params.toString() ? "?" + params : ""));
      if (ticket !== refreshing) return;      // a newer request is on its way
      state.view = view;
    } catch (err) {
      showCanvasMessage(err.message);
      return;
    }
    draw();
    updateDownloads();
    if ($("#view-ranking").hidden === false) loadRanking();
    if (state.selected && state.selected.kind === "country") showCountry(state.selected.id, {keepScroll: true});
  }

  /** A force-directed layout (Fruchterman-Reingold with collision), deterministic; known nodes stay put. */
  function layout(nodes, edges) {
    const fresh = nodes.filter((n) => !state.positions.has(n.id));
    if (!fresh.length) return;
    const ids = nodes.map((n) => n.id);
    const index = new Map(ids.map((id, i) => [id, i]));
    const n = ids.length;
    const k = 95;
    const top = Math.max(0, ...nodes.map((node) => node.pagerank || 0));
    const radius = nodes.map((node) => (top > 0 ? 7 + 21 * Math.sqrt((node.pagerank || 0) / top) : 10));
    const fixed = ids.map((id) => state.positions.has(id));
    const neighbours = ids.map(() => []);
    const links = [];
    for (const e of edges) {
      const a = index.get(e.source), b = index.get(e.target);
      if (a === undefined || b === undefined || a === b) continue;
      links.push([a, b]);
      neighbours[a].push(b);
      neighbours[b].push(a);
    }
    const pos = ids.map((id, i) => {
      if (state.positions.has(id)) return {...state.positions.get(id)};
      const placed = neighbours[i].find((j) => fixed[j]);
      const angle = hashOf(id) * 2 * Math.PI;
      if (placed !== undefined) {
        const p = state.positions.get(ids[placed]);
        return {x: p.x + Math.cos(angle) * k, y: p.y + Math.sin(angle) * k};
      }
      const r = k * Math.sqrt(n) * (0.4 + 0.6 * hashOf(id + "#"));
      return {x: Math.cos(angle) * r, y: Math.sin(angle) * r};
    });
    const iterations = n > 400 ? 120 : 300;
    let temperature = k * 2;
    for (let it = 0; it < iterations; it++) {
      const dx = new Float64Array(n), dy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let x = pos[i].x - pos[j].x, y = pos[i].y - pos[j].y;
          let d = Math.hypot(x, y);
          if (d < 0.01) { x = hashOf(ids[i] + ids[j]) - 0.5; y = 0.5 - hashOf(ids[j] + ids[i]); d = Math.hypot(x, y); }
          const room = radius[i] + radius[j] + 60;       // labels sit under the nodes
          let force = (k * k) / d;
          if (d < room) force += (room - d) * 3;
          dx[i] += (x / d) * force; dy[i] += (y / d) * force;
          dx[j] -= (x / d) * force; dy[j] -= (y / d) * force;
        }
      }
      for (const [a, b] of links) {
        const x = pos[a].x - pos[b].x, y = pos[a].y - pos[b].y;
        const d = Math.max(Math.hypot(x, y), 0.01);
        const force = (d * d) / k;
        dx[a] -= (x / d) * force; dy[a] -= (y / d) * force;
        dx[b] += (x / d) * force; dy[b] += (y / d) * force;
      }
      for (let i = 0; i < n; i++) {
        if (fixed[i]) continue;
        const pull = neighbours[i].length ? 0.08 : 0.16;   // loners stay close to the rest
        dx[i] -= pos[i].x * pull;
        dy[i] -= pos[i].y * pull;
        const d = Math.hypot(dx[i], dy[i]);
        if (d > 0) {
          const step = Math.min(d, temperature);
          pos[i].x += (dx[i] / d) * step;
          pos[i].y += (dy[i] / d) * step;
        }
      }
      temperature = Math.max(1, temperature * 0.985);
    }
    ids.forEach((id, i) => state.positions.set(id, pos[i]));
  }

  function visibleNetwork() {
    const view = state.view || {nodes: [], edges: []};
    const f = state.filters;
    const alliance = f.alliance ? state.alliances.find((a) => a.id === f.alliance) : null;
    const members = alliance ? memberSet(alliance) : null;
    const edges = view.edges.filter((e) => f.statuses.has(e.latest_status)
      && (!members || members.has(e.source) || members.has(e.target)));
    const everything = f.statuses.size === state.config.statuses.length && !members;
    const keep = new Set();
    for (const e of edges) { keep.add(e.source); keep.add(e.target); }
    const nodes = view.nodes.filter((node) => everything || keep.has(node.id) || (members && members.has(node.id))
      || (state.selected && state.selected.kind === "country" && state.selected.id === node.id));
    return {nodes, edges, members};
  }

  function nodeColour(node) {
    if (state.colourBy === "alliance") {
      const alliance = state.allianceOf.get(node.id);
      return alliance ? state.allianceColour.get(alliance.id) : NO_GROUP;
    }
    return node.community === undefined || node.community === null ? NO_GROUP
      : COMMUNITY_COLOURS[node.community % COMMUNITY_COLOURS.length];
  }

  // ------------------------------------------------------------------------------------------ drawing
  const svg = () => $("#network");

  function draw() {
    const root = svg();
    const {nodes, edges, members} = visibleNetwork();
    layout(nodes, edges);   // places nodes that the full network did not have (rare: after an ingest)
    const metric = state.sizeBy;
    const values = nodes.map((n) => (typeof n[metric] === "number" && isFinite(n[metric]) ? Math.max(0, n[metric]) : 0));
    const max = Math.max(0, ...values);
    const radius = new Map(nodes.map((n, i) => [n.id, max > 0 ? 7 + 21 * Math.sqrt(values[i] / max) : 10]));
    const pairs = new Set(edges.map((e) => e.source + ">" + e.target));

    const defs = s("defs", {}, state.config.statuses.map((status) => s("marker", {
      id: "arrow-" + status, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 10, markerHeight: 10,
      markerUnits: "userSpaceOnUse", orient: "auto"}, s("path", {d: "M0,1 L10,5 L0,9 z", fill: statusColour(status)}))));

    const edgeLayer = s("g", {class: "edges"});
    for (const e of edges) {
      const geometry = edgeGeometry(e, radius, pairs.has(e.target + ">" + e.source));
      if (!geometry) continue;
      const width = Math.min(6, 1.6 + 1.1 * Math.log2(Math.max(1, e.claims || 1)));
      const tip = `${countryName(e.source)} → ${countryName(e.target)}: ${statusLabel(e.latest_status)}` +
        (e.latest_date ? ` (${e.latest_date})` : "") + `\n${plural(e.claims || 0, "claim")}, ` +
        `${plural(e.publishers || 0, "publisher")}; click for the timeline`;
      edgeLayer.append(s("g", {class: "edge", "data-source": e.source, "data-target": e.target,
        "data-status": e.latest_status, tabindex: 0, role: "button",
        "aria-label": `${countryName(e.source)} to ${countryName(e.target)}: ${statusLabel(e.latest_status)}`},
        s("title", {}, tip),
        s("path", {class: "line", d: geometry, stroke: statusColour(e.latest_status), "stroke-width": width,
          "marker-end": `url(#arrow-${e.latest_status})`}),
        s("path", {class: "hit", d: geometry})));
    }

    const nodeLayer = s("g", {class: "nodes"});
    for (const node of nodes) {
      const p = state.positions.get(node.id);
      const r = radius.get(node.id);
      const value = typeof node[metric] === "number" ? formatScore(node[metric]) : "n/a";
      const group = s("g", {class: "node" + (members && members.has(node.id) ? " member" : ""), "data-id": node.id,
        tabindex: 0, role: "button", "aria-label": node.label || node.id,
        transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`},
        s("title", {}, `${node.label || node.id} (${node.id})\n${metric.replace(/_/g, " ")}: ${value}`),
        members && members.has(node.id) ? s("circle", {class: "ring", r: r + 4}) : null,
        s("circle", {class: "body", r, fill: nodeColour(node)}),
        s("text", {y: r + 14, "font-size": 12, "text-anchor": "middle"}, node.label || node.id));
      nodeLayer.append(group);
    }
    const viewport = s("g", {class: "viewport"}, edgeLayer, nodeLayer);
    root.replaceChildren(defs, viewport);
    state.drawn = {nodes, edges, radius};
    state.labelSize = null;
    if (!nodes.length) {
      showCanvasMessage(state.full && state.full.nodes.length
        ? "No relationship matches these filters." : "The store holds no relationships yet: ingest an article.");
    } else {
      showCanvasMessage(null);
    }
    markSelection();
    drawLegend(nodes);
    if (!state.userMoved) fit();
    applyTransform();
  }

  function edgeGeometry(e, radius, reciprocal) {
    const a = state.positions.get(e.source), b = state.positions.get(e.target);
    if (!a || !b || e.source === e.target) return null;
    const dx = b.x - a.x, dy = b.y - a.y;
    const length = Math.hypot(dx, dy) || 1;
    const bend = reciprocal ? 0.16 * length : 0;        // both directions drawn: each bows to its own side
    const mx = (a.x + b.x) / 2 - (dy / length) * bend, my = (a.y + b.y) / 2 + (dx / length) * bend;
    const from = towards(a, {x: mx, y: my}, radius.get(e.source) + 2);
    const to = towards(b, {x: mx, y: my}, radius.get(e.target) + 3);
    if (!bend) return `M${from.x.toFixed(1)},${from.y.toFixed(1)} L${to.x.toFixed(1)},${to.y.toFixed(1)}`;
    return `M${from.x.toFixed(1)},${from.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${to.x.toFixed(1)},${to.y.toFixed(1)}`;
  }

  function towards(p, q, distance) {
    const dx = q.x - p.x, dy = q.y - p.y;
    const d = Math.hypot(dx, dy) || 1;
    return {x: p.x + (dx / d) * distance, y: p.y + (dy / d) * distance};
  }

  function markSelection() {
    const root = svg();
    const sel = state.selected;
    root.classList.toggle("focused", Boolean(sel));
    for (const el of root.querySelectorAll(".node, .edge")) el.classList.remove("selected", "incident");
    if (!sel) return;
    if (sel.kind === "country") {
      const node = root.querySelector(`.node[data-id="${sel.id}"]`);
      if (node) node.classList.add("selected");
      for (const edge of root.querySelectorAll(".edge")) {
        if (edge.dataset.source === sel.id || edge.dataset.target === sel.id) {
          edge.classList.add("incident");
          for (const id of [edge.dataset.source, edge.dataset.target]) {
            const other = root.querySelector(`.node[data-id="${id}"]`);
            if (other) other.classList.add("incident");
          }
        }
      }
    } else if (sel.kind === "edge") {
      for (const edge of root.querySelectorAll(".edge")) {
        const match = (edge.dataset.source === sel.a && edge.dataset.target === sel.b)
          || (edge.dataset.source === sel.b && edge.dataset.target === sel.a);
        if (match) edge.classList.add("incident", "selected");
      }
      for (const id of [sel.a, sel.b]) {
        const node = root.querySelector(`.node[data-id="${id}"]`);
        if (node) node.classList.add("incident");
      }
    }
  }

  function drawLegend(nodes) {
    const legend = $("#legend");
    const statuses = h("div", {}, h("h4", {}, "Edge: latest status"),
      h("ul", {}, state.config.statuses.map((status) => h("li", {"data-status": status},
        arrowSwatch(statusColour(status)), statusLabel(status)))));
    let colours;
    if (state.colourBy === "alliance") {
      const present = new Map();
      let none = false;
      for (const node of nodes) {
        const alliance = state.allianceOf.get(node.id);
        if (alliance) present.set(alliance.id, alliance); else none = true;
      }
      colours = h("div", {}, h("h4", {}, "Node: smallest alliance"),
        h("ul", {}, [...present.values()].sort((a, b) => a.name.localeCompare(b.name)).map((a) =>
          h("li", {}, h("span", {class: "dot", style: {background: state.allianceColour.get(a.id)}}), a.name)),
        none ? h("li", {}, h("span", {class: "dot", style: {background: NO_GROUP}}), "none") : null));
    } else {
      const groups = new Map();
      for (const node of nodes) {
        const key = node.community ?? -1;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(node);
      }
      const metric = state.sizeBy;
      colours = h("div", {}, h("h4", {}, "Node: community"),
        h("ul", {}, [...groups.entries()].sort((a, b) => a[0] - b[0]).slice(0, 6).map(([key, members]) => {
          const names = members.sort((x, y) => (y[metric] || 0) - (x[metric] || 0)).map((m) => m.id);
          return h("li", {}, h("span", {class: "dot", style: {background: key < 0 ? NO_GROUP : nodeColour({community: key})}}),
            names.slice(0, 3).join(", ") + (names.length > 3 ? ` +${names.length - 3}` : ""));
        })));
    }
    const size = h("div", {class: "size-group"}, h("h4", {}, "Node size"),
      h("ul", {}, h("li", {}, state.sizeBy.replace(/_/g, " ")),
        h("li", {class: "note"}, "Arrows point from the country that shares or withholds to its partner."),
        state.filters.asOf ? h("li", {class: "note"}, "As of " + state.filters.asOf) : null));
    legend.replaceChildren(statuses, colours, size);
  }

  function arrowSwatch(colour) {
    return s("svg", {class: "arrow", viewBox: "0 0 26 10", "aria-hidden": "true"},
      s("line", {x1: 1, y1: 5, x2: 19, y2: 5, stroke: colour, "stroke-width": 2.5, "stroke-linecap": "round"}),
      s("path", {d: "M17,1 L25,5 L17,9 z", fill: colour}));
  }

  function showCanvasMessage(text) {
    const box = $("#canvas-message");
    box.hidden = !text;
    box.textContent = text || "";
  }

  // ------------------------------------------------------------------------------------------ pan and zoom
  function applyTransform() {
    const t = state.transform;
    const viewport = svg().querySelector(".viewport");
    if (!viewport) return;
    viewport.setAttribute("transform", `translate(${t.x.toFixed(1)},${t.y.toFixed(1)}) scale(${t.k.toFixed(4)})`);
    // labels keep a legible size on screen (10 to 14 px) whatever the zoom
    const size = Math.min(14, Math.max(10.5, 12 * t.k)) / t.k;
    if (Math.abs(size - (state.labelSize || 0)) < 0.01) return;
    state.labelSize = size;
    const radius = state.drawn.radius;
    for (const node of viewport.querySelectorAll(".node")) {
      const text = node.querySelector("text");
      text.setAttribute("font-size", size.toFixed(2));
      text.setAttribute("y", (radius.get(node.dataset.id) + size + 1).toFixed(1));
      text.setAttribute("stroke-width", (size * 0.28).toFixed(2));
    }
  }

  /** Fit the drawn nodes (with their labels) into the canvas, leaving room for the legend and zoom buttons. */
  function fit() {
    const canvas = $("#canvas");
    const width = canvas.clientWidth, height = canvas.clientHeight;
    const nodes = state.drawn.nodes;
    if (!nodes.length || !width || !height) return;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const node of nodes) {
      const p = state.positions.get(node.id);
      const r = state.drawn.radius.get(node.id);
      const half = Math.max(r, 3.6 * (node.label || node.id).length);
      x0 = Math.min(x0, p.x - half); x1 = Math.max(x1, p.x + half);
      y0 = Math.min(y0, p.y - r); y1 = Math.max(y1, p.y + r + 20);
    }
    const legend = $("#legend");
    const bottom = Math.min(legend.offsetHeight + 24, height * 0.4);
    const pad = {left: 24, right: 56, top: 24, bottom};
    const w = Math.max(40, width - pad.left - pad.right), hgt = Math.max(40, height - pad.top - pad.bottom);
    const k = Math.min(1.6, w / Math.max(1, x1 - x0), hgt / Math.max(1, y1 - y0));
    state.transform = {
      k,
      x: pad.left + (w - (x1 - x0) * k) / 2 - x0 * k,
      y: pad.top + (hgt - (y1 - y0) * k) / 2 - y0 * k,
    };
  }

  function zoomBy(factor, cx, cy) {
    const canvas = $("#canvas");
    const t = state.transform;
    const x = cx ?? canvas.clientWidth / 2, y = cy ?? canvas.clientHeight / 2;
    const k = Math.min(8, Math.max(0.1, t.k * factor));
    state.transform = {k, x: x - ((x - t.x) * k) / t.k, y: y - ((y - t.y) * k) / t.k};
    state.userMoved = true;
    applyTransform();
  }

  function installPanZoom() {
    const root = svg();
    let gesture = null;
    root.addEventListener("wheel", (e) => {
      e.preventDefault();
      const box = root.getBoundingClientRect();
      zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - box.left, e.clientY - box.top);
    }, {passive: false});
    root.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      const node = e.target.closest(".node");
      const edge = e.target.closest(".edge");
      gesture = {x: e.clientX, y: e.clientY, moved: false, node: node ? node.dataset.id : null, edge,
        start: {...state.transform}, at: node ? {...state.positions.get(node.dataset.id)} : null, id: e.pointerId};
    });
    root.addEventListener("pointermove", (e) => {
      if (!gesture || e.pointerId !== gesture.id) return;
      const dx = e.clientX - gesture.x, dy = e.clientY - gesture.y;
      if (!gesture.moved && Math.hypot(dx, dy) < 4) return;
      if (!gesture.moved) { gesture.moved = true; root.setPointerCapture(e.pointerId); root.classList.add("panning"); }
      if (gesture.node) {
        const k = state.transform.k;
        state.positions.set(gesture.node, {x: gesture.at.x + dx / k, y: gesture.at.y + dy / k});
        state.userMoved = true;
        redrawGeometry();
      } else {
        state.transform = {...gesture.start, x: gesture.start.x + dx, y: gesture.start.y + dy};
        state.userMoved = true;
        applyTransform();
      }
    });
    const end = (e) => {
      if (!gesture || e.pointerId !== gesture.id) return;
      const g = gesture;
      gesture = null;
      root.classList.remove("panning");
      if (g.moved || e.type === "pointercancel") return;
      if (g.node) navigate("#country/" + g.node);
      else if (g.edge) navigate(`#edge/${g.edge.dataset.source}/${g.edge.dataset.target}`);
      else if (state.selected) navigate("#");
    };
    root.addEventListener("keydown", (e) => {   // nodes and edges are focusable: Enter opens them
      if (e.key !== "Enter" && e.key !== " ") return;
      const node = e.target.closest(".node"), edge = e.target.closest(".edge");
      if (node) navigate("#country/" + node.dataset.id);
      else if (edge) navigate(`#edge/${edge.dataset.source}/${edge.dataset.target}`);
      else return;
      e.preventDefault();
    });
    root.addEventListener("pointerup", end);
    root.addEventListener("pointercancel", end);
  }

  /** After a node drag: move it and the edges touching it, without rebuilding the drawing. */
  function redrawGeometry() {
    const root = svg();
    const {edges, radius} = state.drawn;
    const pairs = new Set(edges.map((e) => e.source + ">" + e.target));
    for (const node of root.querySelectorAll(".node")) {
      const p = state.positions.get(node.dataset.id);
      node.setAttribute("transform", `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`);
    }
    for (const el of root.querySelectorAll(".edge")) {
      const e = {source: el.dataset.source, target: el.dataset.target};
      const d = edgeGeometry(e, radius, pairs.has(e.target + ">" + e.source));
      for (const path of el.querySelectorAll("path")) path.setAttribute("d", d);
    }
  }

  // ------------------------------------------------------------------------------------------ routing
  function navigate(hash) {
    if (location.hash === hash || (hash === "#" && !location.hash)) route();
    else location.hash = hash;
  }

  function route() {
    const parts = decodeURIComponent(location.hash.replace(/^#/, "")).split("/").filter(Boolean);
    const [kind, a, b] = parts;
    if (kind && kind !== "view") showView("network");
    if (kind === "view" && a) { showView(a); return; }
    if (kind === "country" && a) showCountry(a);
    else if (kind === "edge" && a && b) showEdge(a, b);
    else if (kind === "official" && a) showOfficial(a);
    else if (kind === "alliance" && a) showAlliance(a);
    else if (kind === "article" && a) showArticle(a);
    else showIntro();
  }

  function select(selection) {
    state.selected = selection;
    markSelection();
  }

  function detailsPanel(...children) {
    const panel = $("#details");
    panel.replaceChildren();
    append(panel, children);
    panel.scrollTop = 0;
    return panel;
  }

  function loading(what) {
    return h("p", {class: "muted"}, "Loading " + what + "…");
  }

  function countryLink(code, label) {
    return h("a", {href: "#country/" + encodeURIComponent(code), title: countryName(code) + " (" + code + ")"},
      label || countryName(code));
  }

  function articleLink(source, cls) {
    return h("a", {class: cls || "headline", href: "#article/" + source.article}, source.headline || source.article);
  }

  function byline(source) {
    return [source.publisher, source.published].filter(Boolean).join(" · ");
  }

  function showIntro() {
    select(null);
    const view = state.view || {nodes: [], edges: []};
    detailsPanel(h("div", {class: "intro"},
      h("h2", {}, "Who shares intelligence with whom"),
      h("p", {class: "subtitle"}, `${plural(view.nodes.length, "country", "countries")} and ` +
        `${plural(view.edges.length, "relationship")} in the network` +
        (state.filters.asOf ? ` as of ${state.filters.asOf}.` : ".")),
      h("ul", {},
        h("li", {}, "Click a country to list its relationships, with the sentence each one comes from."),
        h("li", {}, "Click an arrow for the timeline between two countries."),
        h("li", {}, "Drag the date slider to see the network as it stood that day."),
        h("li", {}, "Search above for a country, an official or an alliance.")),
      h("p", {class: "muted small"}, "Drag to pan, scroll or use the buttons to zoom, drag a country to move it.")));
  }

  // ------------------------------------------------------------------------------------------ details: country
  async function showCountry(code, options) {
    const keep = options && options.keepScroll;
    const panel = $("#details");
    const scroll = panel.scrollTop;
    if (!keep) detailsPanel(loading(countryName(code)));
    let country, rels, statements;
    try {
      [country, rels, statements] = await Promise.all([
        api(`/countries/${encodeURIComponent(code)}`),
        api(`/countries/${encodeURIComponent(code)}/relationships?` + filterParams({limit: "1000"})),
        api(`/countries/${encodeURIComponent(code)}/statements?limit=200`),
      ]);
    } catch (err) {
      select(null);
      detailsPanel(errorBox(err));
      return;
    }
    select({kind: "country", id: country.iso3});
    if (!state.positions.has(country.iso3) || !svg().querySelector(`.node[data-id="${country.iso3}"]`)) draw();
    const sources = rels.relationships.flatMap((r) => r.sources);
    const spans = await cueSpans(sources.map((src) => src.evidence || ""));
    const spanOf = new Map(sources.map((src, i) => [src, spans[i]]));

    const header = [
      h("h2", {}, country.name),
      h("p", {class: "subtitle"}, `${country.iso3} · ${country.iso2} · ${plural(country.claims, "claim")} ` +
        `(${country.as_actor} as actor, ${country.as_partner} as partner)`),
      country.alliances.length ? h("div", {class: "badges"}, country.alliances.map((a) =>
        h("a", {class: "badge", href: "#alliance/" + a.id}, a.name))) : null,
      country.agencies.length ? h("details", {class: "agencies small"},
        h("summary", {}, plural(country.agencies.length, "agency", "agencies")),
        h("p", {class: "muted"}, country.agencies.map((a) => a.name).join(", "))) : null,
    ];

    const groups = [];
    for (const status of state.config.statuses) {
      const items = rels.relationships.filter((r) => r.status === status)
        .sort((x, y) => String(y.date || "").localeCompare(String(x.date || "")));
      if (!items.length) continue;
      groups.push(h("div", {class: "status-group", "data-status": status},
        h("h4", {}, statusChip(status), h("span", {class: "count"}, `${items.length}`)),
        items.map((rel) => relationshipCard(rel, spanOf))));
    }
    const filtered = state.filters.asOf || state.filters.minConfidence > 0;
    const relSection = h("section", {class: "relationships"},
      h("h3", {}, "Relationships by latest status" + (state.filters.asOf ? ` (as of ${state.filters.asOf})` : "")),
      groups.length ? groups : h("p", {class: "muted"}, filtered
        ? "No relationship under the current filters." : "No relationship reported."));

    const statementSection = h("section", {class: "statements"},
      h("h3", {}, "Statements"),
      statements.items.length ? statements.items.map(statementItem)
        : h("p", {class: "muted"}, "No statement by or about " + country.name + "."));
    detailsPanel(header, relSection, statementSection);
    if (keep) panel.scrollTop = scroll;
  }

  function relationshipCard(rel, spanOf) {
    const history = rel.history.length > 1 ? h("div", {class: "history"}, "History:",
      rel.history.map((entry, i) => [i ? "→" : null,
        h("a", {href: "#article/" + entry.article, title: statusLabel(entry.status) + " " + (entry.date || "")},
          h("span", {class: "status-chip", style: {background: statusColour(entry.status)}},
            (entry.date || "").slice(5) + " " + statusLabel(entry.status)))])) : null;
    return h("article", {class: "relationship", style: {borderLeftColor: statusColour(rel.status)},
      "data-actor": rel.actor, "data-partner": rel.partner},
      h("div", {class: "head"},
        h("span", {class: "pair"}, countryLink(rel.actor), " → ", countryLink(rel.partner)),
        h("span", {class: "meta"}, [rel.date, plural(rel.corroboration, "publisher")].filter(Boolean).join(" · ")),
        h("span", {class: "actions"}, h("a", {class: "button-small", href: `#edge/${rel.actor}/${rel.partner}`,
          title: "The timeline between the two countries"}, "Timeline"))),
      history,
      rel.sources.map((src) => sourceBlock(src, spanOf.get(src))));
  }

  function sourceBlock(src, spans) {
    return h("div", {class: "source"},
      articleLink(src),
      h("div", {class: "byline"}, byline(src) + (src.date && src.date !== src.published ? ` · event ${src.date}` : "")),
      src.evidence ? h("blockquote", {class: "evidence"}, highlighted(src.evidence, spans)) : null,
      h("div", {class: "provenance"}, [
        src.confidence !== null && src.confidence !== undefined ? "confidence " + src.confidence.toFixed(2) : null,
        src.rule ? "rule " + src.rule : null,
        src.start !== null && src.start !== undefined ? `chars ${src.start}–${src.end}` : null,
      ].filter(Boolean).join(" · ")));
  }

  function statementItem(st) {
    return h("div", {class: "statement"},
      h("div", {}, st.official ? h("a", {class: "speaker", href: "#official/" + st.official}, st.speaker)
        : h("span", {class: "speaker"}, st.speaker),
        st.country ? [" (", countryLink(st.country, st.country), ")"] : null,
        " ", h("span", {class: "badge"}, statusLabel(st.stance))),
      h("blockquote", {}, "“" + st.quote + "”"),
      h("div", {class: "byline"}, articleLink(st.source), " · ", byline(st.source)),
      st.about.length ? h("div", {class: "provenance"}, "about ", st.about.map((c, i) => [i ? ", " : null, countryLink(c, c)])) : null);
  }

  // ------------------------------------------------------------------------------------------ details: edge timeline
  async function showEdge(a, b) {
    detailsPanel(loading(`${countryName(a)} and ${countryName(b)}`));
    let data;
    try {
      data = await api(`/countries/${encodeURIComponent(a)}/relationships/${encodeURIComponent(b)}?limit=1000`);
    } catch (err) {
      detailsPanel(errorBox(err));
      return;
    }
    select({kind: "edge", a: data.country, b: data.other});
    const spans = await cueSpans(data.events.map((e) => e.evidence || ""));
    const latest = Object.entries(data.latest).map(([pair, v]) => {
      const [x, y] = pair.split("->");
      return h("div", {class: "latest"}, countryLink(x, x), " → ", countryLink(y, y), " ", statusChip(v.status),
        v.date ? h("span", {class: "muted small"}, " since " + v.date) : null);
    });
    detailsPanel(
      h("h2", {}, `${data.name} and ${data.other_name}`),
      h("p", {class: "subtitle"}, `${plural(data.total, "claim")} either way, oldest first`),
      latest,
      h("section", {class: "timeline", "data-pair": `${data.country}-${data.other}`},
        h("h3", {}, "Timeline"), timelineChart(data),
        h("p", {class: "muted small"}, "Each point is a claim; click it for its article.")),
      h("section", {},
        h("h3", {}, "Claims"),
        h("ol", {class: "events"}, data.events.map((e, i) => h("li", {"data-status": e.status},
          h("div", {}, h("span", {class: "when"}, e.date || "undated"), statusChip(e.status), " ",
            countryLink(e.actor, e.actor), " → ", countryLink(e.partner, e.partner)),
          sourceBlock(e, spans[i]))))));
  }

  function timelineChart(data) {
    const events = data.events.filter((e) => e.date);
    const lanes = [];
    for (const e of events) {
      const key = e.actor + "→" + e.partner;
      if (!lanes.includes(key)) lanes.push(key);
    }
    const width = 360, left = 76, right = 14, laneHeight = 38, top = 14;
    const height = top + lanes.length * laneHeight + 26;
    if (!events.length) return h("p", {class: "muted"}, "No dated claim.");
    const days = events.map((e) => toDay(e.date));
    let d0 = Math.min(...days), d1 = Math.max(...days);
    if (d0 === d1) { d0 -= 3; d1 += 3; }
    const x = (day) => left + ((day - d0) / (d1 - d0)) * (width - left - right);
    const chart = s("svg", {viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": `Timeline of ${data.name} and ${data.other_name}`});
    const axisY = top + lanes.length * laneHeight + 2;
    chart.append(s("line", {class: "axis", x1: left, x2: width - right, y1: axisY, y2: axisY}));
    const ticks = [...new Set([d0, Math.round((d0 + d1) / 2), d1])];
    for (const t of ticks) {
      chart.append(s("text", {class: "tick", x: x(t), y: axisY + 14, "text-anchor": t === d0 ? "start" : t === d1 ? "end" : "middle"},
        fromDay(t)));
    }
    lanes.forEach((lane, i) => {
      const y = top + i * laneHeight + laneHeight / 2;
      chart.append(s("text", {class: "lane-label", x: 0, y: y + 4}, lane));
      chart.append(s("line", {class: "axis", x1: left, x2: width - right, y1: y, y2: y, "stroke-dasharray": "2 3"}));
      const mine = events.filter((e) => e.actor + "→" + e.partner === lane);
      // the status holds from one claim to the next: a bar per stretch
      for (let j = 0; j < mine.length; j++) {
        const from = x(toDay(mine[j].date));
        const to = j + 1 < mine.length ? x(toDay(mine[j + 1].date)) : width - right;
        if (to > from) chart.append(s("line", {x1: from, x2: to, y1: y, y2: y, stroke: statusColour(mine[j].status),
          "stroke-width": 5, "stroke-opacity": 0.35, "stroke-linecap": "round"}));
      }
      const stacked = new Map();
      for (const e of mine) {
        const n = stacked.get(e.date) || 0;
        stacked.set(e.date, n + 1);
        chart.append(s("a", {href: "#article/" + e.article, class: "point", "data-status": e.status,
          "data-article": e.article, "aria-label": `${e.date}: ${lane} ${statusLabel(e.status)}`},
          s("title", {}, `${e.date}: ${lane} ${statusLabel(e.status)}\n${e.headline || e.article}` +
            (e.publisher ? ` (${e.publisher})` : "")),
          s("circle", {cx: x(toDay(e.date)) + n * 9, cy: y, r: 6.5, fill: statusColour(e.status)})));
      }
    });
    return chart;
  }

  // ------------------------------------------------------------------------------------------ details: official, alliance, article
  async function showOfficial(id) {
    detailsPanel(loading("the official"));
    let official;
    try {
      official = await api("/officials/" + encodeURIComponent(id));
    } catch (err) {
      detailsPanel(errorBox(err));
      return;
    }
    select(null);
    detailsPanel(
      h("h2", {}, official.name),
      h("p", {class: "subtitle"}, [...official.roles, ...official.organizations].join(", ") || "Official"),
      official.countries.length ? h("div", {class: "badges"}, official.countries.map((c) =>
        h("a", {class: "badge", href: "#country/" + c}, countryName(c)))) : null,
      h("section", {}, h("h3", {}, "Statements"),
        official.statements.length ? official.statements.map(statementItem) : h("p", {class: "muted"}, "None recorded.")),
      h("section", {}, h("h3", {}, "Named in"),
        h("ul", {class: "events"}, official.articles.map((src) => h("li", {}, articleLink(src),
          h("div", {class: "byline"}, byline(src)))))));
  }

  async function showAlliance(id) {
    detailsPanel(loading("the alliance"));
    let alliance;
    try {
      alliance = await api("/alliances/" + encodeURIComponent(id));
    } catch (err) {
      detailsPanel(errorBox(err));
      return;
    }
    select(null);
    // one sentence often names several members: one source block per sentence
    const reports = new Map();
    for (const r of alliance.reported) {
      const key = `${r.source.article}:${r.start}:${r.end}`;
      if (!reports.has(key)) reports.set(key, {...r, countries: []});
      reports.get(key).countries.push(r.country);
    }
    detailsPanel(
      h("h2", {}, alliance.name),
      alliance.description ? h("p", {class: "subtitle"}, alliance.description) : null,
      h("p", {}, h("button", {type: "button", class: "button-small", onclick: () => {
        $("#alliance-filter").value = alliance.id;
        state.filters.alliance = alliance.id;
        draw();
      }}, "Show its members' relationships")),
      h("section", {}, h("h3", {}, `Members (${alliance.members.length})`),
        h("div", {class: "badges"}, alliance.members.map((c) => h("a", {class: "badge", href: "#country/" + c}, countryName(c))))),
      h("section", {}, h("h3", {}, "Memberships reported in articles"),
        reports.size ? [...reports.values()].map((r) => h("div", {class: "statement"},
          h("div", {}, r.countries.map((c, i) => [i ? ", " : null, countryLink(c)])),
          sourceBlock({...r.source, evidence: r.evidence, confidence: r.confidence, rule: r.rule, start: r.start,
            end: r.end}, []))) : h("p", {class: "muted"}, "None.")));
  }

  async function showArticle(id) {
    detailsPanel(loading("the article"));
    let article;
    try {
      article = await api("/articles/" + encodeURIComponent(id));
    } catch (err) {
      detailsPanel(errorBox(err));
      return;
    }
    select(null);
    const facts = await factsView(article.facts);
    detailsPanel(
      h("p", {class: "back"}, h("button", {type: "button", class: "button-small", onclick: () => history.back()}, "← Back")),
      h("h2", {class: "article-headline"}, article.headline || article.id),
      h("p", {class: "subtitle"}, [article.publisher, article.published, article.marking].filter(Boolean).join(" · ")),
      h("p", {class: "small"}, article.url ? [h("a", {href: article.url, rel: "noopener noreferrer", target: "_blank"},
        "Original"), " · "] : null,
        h("a", {href: "/articles/" + article.id}, "JSON"), " · ",
        h("a", {href: "/export/turtle?article=" + article.id, download: `article-${article.id}.ttl`}, "Turtle"),
        h("span", {class: "muted"}, ` · id ${article.id} · ${article.extractor || ""}`)),
      h("section", {class: "facts"}, h("h3", {}, "Facts found"), facts));
  }

  /** The facts JSON (relations, memberships, officials, statements) as lists, evidence highlighted. */
  async function factsView(facts) {
    const relations = facts.relations || [];
    const spans = await cueSpans(relations.map((r) => r.evidence || ""));
    const section = (title, items, render) => [h("h4", {}, `${title} (${items.length})`),
      items.length ? h("ul", {}, items.map(render)) : h("p", {class: "muted small"}, "None.")];
    return h("div", {class: "facts"},
      section("Relations", relations, (r, i) => h("li", {"data-status": r.predicate},
        h("div", {class: "fact-head"}, countryLink(r.subject), statusChip(r.predicate), countryLink(r.object),
          r.date ? h("span", {class: "muted small"}, r.date) : null),
        r.evidence ? h("blockquote", {class: "evidence"}, highlighted(r.evidence, spans[i])) : null,
        h("div", {class: "provenance"}, [r.confidence !== undefined ? "confidence " + Number(r.confidence).toFixed(2) : null,
          r.rule ? "rule " + r.rule : null].filter(Boolean).join(" · ")))),
      section("Memberships", facts.memberships || [], (m) => h("li", {},
        countryLink(m.member), " member of ", h("a", {href: "#alliance/" + m.group}, m.group))),
      section("Officials", facts.officials || [], (o) => h("li", {},
        h("strong", {}, o.name), [o.role, o.organization, o.country].filter(Boolean).length
          ? " · " + [o.role, o.organization, o.country].filter(Boolean).join(", ") : "")),
      section("Statements", facts.statements || [], (st) => h("li", {},
        h("div", {}, h("strong", {}, st.speaker), st.country ? ` (${st.country})` : "", " ",
          h("span", {class: "badge"}, statusLabel(st.stance))),
        h("blockquote", {}, "“" + st.quote + "”"))));
  }

  // ------------------------------------------------------------------------------------------ search
  function installSearch() {
    const input = $("#search");
    const list = $("#search-results");
    let items = [];
    let active = -1;
    let ticket = 0;

    const close = () => { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; };
    const choose = (item) => {
      close();
      input.value = item.label;
      input.blur();
      navigate(`#${item.kind}/${encodeURIComponent(item.id)}`);
    };
    const paint = () => {
      list.replaceChildren(...(items.length ? items.map((item, i) => h("li", {role: "option", id: "hit-" + i,
        "aria-selected": String(i === active), "data-kind": item.kind, "data-id": item.id,
        onmousedown: (e) => { e.preventDefault(); choose(item); }},
        h("span", {class: "kind"}, item.kind), h("span", {class: "label"}, item.label),
        h("span", {class: "detail"}, item.detail)))
        : [h("li", {class: "empty"}, "Nothing matches.")]));
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (active >= 0) input.setAttribute("aria-activedescendant", "hit-" + active);
      else input.removeAttribute("aria-activedescendant");
    };
    const lookup = debounce(async () => {
      const q = input.value.trim();
      const mine = ++ticket;
      if (!q) { close(); return; }
      try {
        const found = await api("/explorer/search?" + new URLSearchParams({q, limit: "12"}));
        if (mine !== ticket) return;
        items = found.items;
        active = items.length ? 0 : -1;
        paint();
      } catch (err) {
        close();
      }
    }, 120);
    input.addEventListener("input", lookup);
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" && items.length) { active = (active + 1) % items.length; paint(); e.preventDefault(); }
      else if (e.key === "ArrowUp" && items.length) { active = (active - 1 + items.length) % items.length; paint(); e.preventDefault(); }
      else if (e.key === "Enter" && !list.hidden && items[active]) { choose(items[active]); e.preventDefault(); }
      else if (e.key === "Escape") close();
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
    input.addEventListener("focus", () => { if (input.value.trim() && items.length) paint(); });
  }

  // ------------------------------------------------------------------------------------------ ranking
  function installRanking() {
    $("#rank-metric").addEventListener("change", loadRanking);
    $("#rank-top").addEventListener("change", loadRanking);
  }

  let rankTicket = 0;
  async function loadRanking() {
    const metric = $("#rank-metric").value;
    const measure = state.config.measures.find((m) => m.name === metric);
    $("#rank-about").textContent = measure ? `${measure.description}; edge weight read: ${measure.weight}` +
      (state.filters.asOf ? `; as of ${state.filters.asOf}` : "") : "";
    const table = $("#rank-table");
    const mine = ++rankTicket;
    let data;
    try {
      data = await api("/analytics/centrality?" + filterParams({metric, top: $("#rank-top").value}));
    } catch (err) {
      if (mine === rankTicket) table.replaceChildren(h("caption", {}, errorBox(err)));
      return;
    }
    if (mine !== rankTicket) return;
    const max = Math.max(...data.ranking.map((r) => Math.abs(r.score)), 0);
    table.replaceChildren(
      h("caption", {class: "visually-hidden"}, `Countries ranked by ${metric}`),
      h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", {}, "Country"), h("th", {}, "Code"),
        h("th", {class: "num"}, metric.replace(/_/g, " ")), h("th", {style: {width: "35%"}}, ""))),
      h("tbody", {}, data.ranking.length ? data.ranking.map((r) => h("tr", {class: "clickable", "data-country": r.country,
        tabindex: "0", onclick: () => navigate("#country/" + r.country),
        onkeydown: (e) => { if (e.key === "Enter") navigate("#country/" + r.country); }},
        h("td", {class: "num"}, r.rank), h("td", {}, r.name), h("td", {}, r.country),
        h("td", {class: "num"}, formatScore(r.score)),
        h("td", {}, h("span", {class: "bar", style: {width: (max ? (100 * Math.abs(r.score)) / max : 0) + "%"}}))))
        : h("tr", {}, h("td", {colspan: "5", class: "muted"}, "The network is empty under these filters."))));
  }

  // ------------------------------------------------------------------------------------------ sparql
  function installSparql() {
    const select = $("#sparql-example");
    const text = $("#sparql-query");
    for (const ex of state.config.examples) select.append(h("option", {value: ex.name}, ex.title));
    const fill = () => {
      const ex = state.config.examples.find((e) => e.name === select.value);
      if (ex) text.value = ex.query.replace(/^#.*\n/, "");
    };
    select.addEventListener("change", fill);
    fill();
    $("#sparql-run").addEventListener("click", runSparql);
    text.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); runSparql(); }
    });
  }

  function compact(iri) {
    for (const [prefix, ns] of PREFIXES) if (iri.startsWith(ns)) return prefix + iri.slice(ns.length);
    return "<" + iri + ">";
  }

  function termCell(term) {
    if (!term) return h("td", {});
    if (term.type === "uri") {
      const country = term.value.match(/^https:\/\/w3id\.org\/intelgraph\/id\/country\/([A-Z]{3})$/);
      const article = term.value.match(/^https:\/\/w3id\.org\/intelgraph\/id\/article\/([0-9a-f]{16})$/);
      const label = compact(term.value);
      if (country) return h("td", {title: term.value}, h("a", {href: "#country/" + country[1]}, label));
      if (article) return h("td", {title: term.value}, h("a", {href: "#article/" + article[1]}, label));
      return h("td", {class: "iri", title: term.value}, label);
    }
    if (term.type === "bnode") return h("td", {class: "iri"}, "_:" + term.value);
    const numeric = term.datatype && /#(integer|decimal|double|float|int|long)$/.test(term.datatype);
    return h("td", {class: numeric ? "num" : null, title: term.datatype ? compact(term.datatype) : term["xml:lang"] || null},
      term.value);
  }

  async function runSparql() {
    const query = $("#sparql-query").value;
    const out = $("#sparql-results");
    const status = $("#sparql-status");
    const button = $("#sparql-run");
    status.textContent = "Running…";
    button.disabled = true;
    const started = performance.now();
    try {
      const result = await api("/sparql", {
        method: "POST",
        headers: {"Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.9"},
        body: new URLSearchParams({query}),
      });
      const ms = Math.round(performance.now() - started);
      if (typeof result === "string") {
        out.replaceChildren(h("pre", {class: "code"}, result));
        status.textContent = `Done in ${ms} ms.`;
      } else if ("boolean" in result) {
        out.replaceChildren(h("p", {class: "ask"}, "Answer: ", h("strong", {}, String(result.boolean))));
        status.textContent = `Done in ${ms} ms.`;
      } else {
        const vars = result.head.vars;
        const rows = result.results.bindings;
        out.replaceChildren(h("table", {class: "data", id: "sparql-table"},
          h("thead", {}, h("tr", {}, vars.map((v) => h("th", {}, "?" + v)))),
          h("tbody", {}, rows.map((row) => h("tr", {}, vars.map((v) => termCell(row[v])))))));
        status.textContent = `${plural(rows.length, "row")} in ${ms} ms.`;
      }
    } catch (err) {
      out.replaceChildren(errorBox(err));
      status.textContent = "";
    } finally {
      button.disabled = false;
    }
  }

  function updateDownloads() {
    if (!state.config) return;
    const params = filterParams().toString();
    const suffix = params ? "?" + params : "";
    const items = [
      ["graphml", "GraphML", "Gephi, yEd, Cytoscape", true, "intelgraph.graphml"],
      ["gexf", "GEXF 1.3", "Gephi, with a timeline", true, "intelgraph.gexf"],
      ["turtle", "Turtle", "RDF: the whole store", false, "intelgraph.ttl"],
      ["trig", "TriG", "RDF with each article's graph", false, "intelgraph.trig"],
      ["json", "JSON", "networkx node-link", true, "intelgraph.json"],
    ].filter(([fmt]) => state.config.network_formats.includes(fmt) || state.config.rdf_formats.includes(fmt));
    $("#downloads").replaceChildren(...items.map(([fmt, label, what, network, file]) => h("li", {},
      h("a", {href: `/export/${fmt}` + (network ? suffix : ""), download: file, "data-format": fmt},
        label, h("span", {class: "what"}, what)))));
  }

  // ------------------------------------------------------------------------------------------ ingest
  function installIngest() {
    const writes = state.config.writes;
    const notice = $("#ingest-writes");
    if (!writes) {
      notice.hidden = false;
      notice.textContent = "This server takes no writes: no API key is configured. Preview works; to ingest, " +
        "make a key with `intelgraph keys add NAME` and start the server with INTELGRAPH_KEYS_FILE set.";
      $("#ingest-submit").disabled = true;
      $("#ingest-key-field").hidden = true;
    }
    $("#ingest-file").addEventListener("change", async (e) => {
      const file = e.target.files[0];
      if (!file) return;
      if (file.size > state.config.max_article_bytes) {
        $("#ingest-status").textContent = `The file is over the ${state.config.max_article_bytes.toLocaleString()}-byte limit.`;
        return;
      }
      $("#ingest-text").value = await file.text();
      $("#ingest-text").dataset.kind = kindOf(file.name);
    });
    $("#ingest-text").addEventListener("input", () => { delete $("#ingest-text").dataset.kind; });
    $("#ingest-preview").addEventListener("click", () => preview());
    $("#ingest-form").addEventListener("submit", (e) => { e.preventDefault(); ingest(); });
  }

  function kindOf(filename) {
    if (/\.json$/i.test(filename)) return "application/json";
    if (/\.html?$/i.test(filename)) return "text/html";
    return "text/plain";
  }

  function articleBody() {
    const area = $("#ingest-text");
    const text = area.value;
    let type = area.dataset.kind;
    if (!type) {
      const lead = text.trimStart();
      type = lead.startsWith("{") ? "application/json" : /^<(!doctype|html|body|article|div|p)\b/i.test(lead) ? "text/html" : "text/plain";
    }
    return {text, type};
  }

  function factCounts(facts) {
    const f = facts || {};
    return [plural((f.relations || []).length, "relation"), plural((f.statements || []).length, "statement"),
      plural((f.officials || []).length, "official"), plural((f.memberships || []).length, "membership")].join(", ");
  }

  async function preview() {
    const {text, type} = articleBody();
    const status = $("#ingest-status");
    if (!text.trim()) { status.textContent = "Paste an article or choose a file first."; return null; }
    status.textContent = "Extracting…";
    try {
      const result = await api("/explorer/extract", {method: "POST", headers: {"Content-Type": type + "; charset=utf-8"},
        body: text});
      state.preview = text;
      $("#facts-before").replaceChildren(
        h("p", {class: "small"}, h("strong", {}, result.facts.title || "(untitled)"),
          ` · id ${result.id}` + (result.held ? " · already held" : " · not stored")),
        await factsView(result.facts.facts));
      status.textContent = `Found ${factCounts(result.facts.facts)}.` + (result.held ? " The store already holds this article." : "");
      return result;
    } catch (err) {
      $("#facts-before").replaceChildren(errorBox(err));
      status.textContent = "";
      return null;
    }
  }

  async function ingest() {
    const {text, type} = articleBody();
    const status = $("#ingest-status");
    if (!text.trim()) { status.textContent = "Paste an article or choose a file first."; return; }
    if (state.preview !== text && !(await preview())) return;
    const key = $("#ingest-key").value.trim();
    if (!key) { status.textContent = "Enter an API key to ingest."; $("#ingest-key").focus(); return; }
    status.textContent = "Ingesting…";
    const button = $("#ingest-submit");
    button.disabled = true;
    try {
      const result = await api("/articles", {method: "POST",
        headers: {"Content-Type": type + "; charset=utf-8", Authorization: "Bearer " + key}, body: text});
      const stored = await api("/articles/" + result.id);
      $("#facts-after").replaceChildren(
        h("p", {class: "small"}, h("a", {href: "#article/" + result.id}, h("strong", {}, stored.headline || result.id)),
          ` · id ${result.id} · ` + (result.added ? "stored now" : "already held: nothing written")),
        await factsView(stored.facts));
      status.textContent = result.added ? `Stored: ${factCounts(stored.facts)}.` : "Already held: nothing was written.";
      if (result.added) {
        await loadFullNetwork();
        await refreshNetwork();
        refreshStats();
      }
    } catch (err) {
      $("#facts-after").replaceChildren(errorBox(err));
      status.textContent = "";
    } finally {
      button.disabled = false;
    }
  }

  // a hook for the end-to-end tests and the curious: the state, read-only by convention
  window.intelgraphExplorer = {state, ready: null};
  window.intelgraphExplorer.ready = new Promise((resolve) => {
    document.addEventListener("DOMContentLoaded", () => start().then(() => {
      document.body.dataset.ready = "true";
      resolve();
    }));
  });
})();
