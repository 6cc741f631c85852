// The actor page's interactive widgets: a timeline (vis-timeline) and a network (cytoscape),
// both drawn from the JSON API (/api/v1). Every text is set with textContent, never as HTML.
"use strict";

(function () {
  const ISO = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function items(data) {
    if (Array.isArray(data)) return data;
    if (data && Array.isArray(data.items)) return data.items;
    if (data && Array.isArray(data.timeline)) return data.timeline;
    return [];
  }

  function isoDate(value) {
    const m = ISO.exec(value || "");
    if (!m) return null;
    return new Date(Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1));
  }

  function docHref(docId, start, end, anchor) {
    let href = "/documents/" + encodeURIComponent(docId);
    if (Number.isInteger(start) && Number.isInteger(end) && end > start) {
      return href + "?hl=" + start + "-" + end + "#focus";
    }
    return anchor ? href + "#" + anchor : href;
  }

  function message(container, text) {
    container.replaceChildren(el("p", { class: "muted" }, text));
  }

  async function fetchJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(url + ": HTTP " + response.status);
    return response.json();
  }

  // --- timeline -----------------------------------------------------------------------------
  // The first records are drawn as soon as they come; the rest follow page by page and are added
  // to the drawn timeline (a frequent actor's 1,000 records were one request of ~0.7 MB).
  const TIMELINE_FIRST = 200, TIMELINE_PAGE = 400, TIMELINE_MOST = 1000;

  function timelineRow(item, i) {
    const undated = item.dated_by === "article" || !isoDate(item.date);
    const when = (!undated && isoDate(item.date)) || isoDate(item.doc_date);
    if (!when) return null;
    const status = String(item.status || (item.kind === "event" ? "occurred" : "asserted"));
    const who = (item.source || []).join(", ");
    const whom = (item.target || []).join(", ");
    const short = (names) => (names.length > 2 ? names.slice(0, 2).join(", ") + " …" : names.join(", "));
    const content = el("span", {}, (item.label || item.kind) + (who ? " · " + short(item.source || []) : "") + (whom ? " → " + short(item.target || []) : ""));
    const title = [
      item.kind + " · " + status + (undated ? " · undated (placed at the article's date)" : ""),
      item.date_shown || item.date || "",
      item.text || "",
      item.sentence || "",
    ].filter(Boolean).join("\n");
    return {
      id: i,
      start: when,
      content: content,
      title: title,
      group: item.kind === "event" ? "event" : "claim",
      className: ["item-" + item.kind, "status-" + status, undated ? "undated" : ""].join(" ").trim(),
      href: docHref(item.doc_id, item.sentence_start, item.sentence_end, (item.kind === "event" ? "event-" : "claim-") + item.record_id),
    };
  }

  function span(rows) {
    // The whole span, with room on the right for the labels of the latest records.
    const times = rows.map((r) => r.start.getTime());
    const lo = Math.min(...times), hi = Math.max(...times);
    const pad = Math.max((hi - lo) * 0.06, 60 * 864e5);
    return [new Date(lo - pad), new Date(hi + 5 * pad)];
  }

  async function drawTimeline(container) {
    const url = container.dataset.url;
    let first;
    try {
      first = await fetchJson(url + "?limit=" + TIMELINE_FIRST);
    } catch (err) {
      message(container, "The timeline could not be loaded (" + err.message + "); the list below holds the same records.");
      return;
    }
    const data = items(first);
    if (!data.length) {
      message(container, "No dated event or claim involves this actor.");
      return;
    }
    const rows = data.map((item, i) => timelineRow(item, i)).filter(Boolean);
    container.replaceChildren();
    const [start, end] = span(rows);
    const groups = new vis.DataSet([
      { id: "event", content: el("strong", {}, "Events") },
      { id: "claim", content: el("strong", {}, "Claims") },
    ]);
    const shown = new vis.DataSet(rows);
    const timeline = new vis.Timeline(container, shown, groups, {
      type: "point",
      start: start,
      end: end,
      stack: true,
      zoomable: true,
      verticalScroll: true,
      showCurrentTime: false,
      maxHeight: 480,
      // Many records share a date (an article's claims): group them, a click zooms in.
      cluster: { maxItems: 4, clusterCriteria: (a, b) => a.group === b.group, titleTemplate: "{count} records: double-click to zoom in", fitOnDoubleClick: true },
      margin: { item: { horizontal: 4, vertical: 3 } },
      tooltip: { followMouse: true, overflowMethod: "cap" },
      xss: { disabled: false },
    });
    timeline.on("select", (props) => {
      const row = rows.find((r) => r.id === props.items[0]);
      if (row) window.location.href = row.href;
    });
    let moved = false;
    timeline.on("rangechanged", (props) => {
      if (props.byUser) moved = true;
    });
    // Drawn once the first redraw has placed the items.
    timeline.once("changed", () => {
      container.dataset.drawn = String(rows.length);
    });
    // The rest, page by page, in date order (later than those drawn).
    const total = Math.min(Number.isInteger(first.total) ? first.total : data.length, TIMELINE_MOST);
    // The next page starts where the last one ended (a server may answer fewer than asked).
    for (let offset = data.length; offset < total; ) {
      let more;
      try {
        const limit = Math.min(TIMELINE_PAGE, total - offset);
        more = items(await fetchJson(url + "?limit=" + limit + "&offset=" + offset));
      } catch (err) {
        break; // what is drawn stays; the list below pages through every record
      }
      if (!more.length) break;
      const added = more.map((item, j) => timelineRow(item, offset + j)).filter(Boolean);
      offset += more.length;
      rows.push(...added);
      shown.add(added);
      if (!moved) timeline.setWindow(...span(rows), { animation: false });
    }
    container.dataset.loaded = String(rows.length);
  }

  // --- network ------------------------------------------------------------------------------
  // Edges as query.network gives them: {source, target, weight, event_types: {TYPE: n},
  // claim_statuses: {status: n}, first_date, last_date, support: [{kind, doc_id, record_id, date}]}.
  function recordsOf(edge) {
    return edge.support || [];
  }

  function edgeTypes(edge) {
    const out = Object.keys(edge.event_types || {});
    if (edge.n_claims || Object.keys(edge.claim_statuses || {}).length) out.push("claims");
    return out;
  }

  function inRange(date, from, to) {
    const m = ISO.exec(date || "");
    if (!m) return !from && !to;
    const d = m[0];
    if (from && d < from.slice(0, d.length)) return false;
    if (to && d.slice(0, to.length) > to) return false;
    return true;
  }

  function edgeVisible(edge, type, from, to) {
    if (type && !edgeTypes(edge).includes(type)) return false;
    if (!from && !to) return true;
    const recs = recordsOf(edge);
    if (recs.length) return recs.some((r) => inRange(r.date, from, to));
    return inRange(edge.first_date, from, to) || inRange(edge.last_date, from, to);
  }

  function showSources(panel, edge, names) {
    panel.replaceChildren();
    const a = names.get(String(edge.source)) || edge.source;
    const b = names.get(String(edge.target)) || edge.target;
    const arrow = edge.direction === "mutual" ? " ↔ " : " → ";
    const kinds = [
      ...Object.entries(edge.event_types || {}).map(([t, n]) => t + " ×" + n),
      ...Object.entries(edge.claim_statuses || {}).map(([s, n]) => "claim " + s + " ×" + n),
    ].join(", ");
    panel.append(el("h3", { class: "edge-title" }, a + arrow + b + " · " + (edge.weight || recordsOf(edge).length) + " records" + (kinds ? " · " + kinds : "")));
    const list = el("ul", { class: "edge-records" });
    for (const r of recordsOf(edge)) {
      const li = el("li");
      const href = "/documents/" + encodeURIComponent(r.doc_id) + "?rec=" + encodeURIComponent(r.kind + "-" + r.record_id) + "#focus";
      li.append(el("span", { class: "muted" }, (r.date || "undated") + " "), el("a", { href: href, class: "edge-record" }, r.kind + " " + r.record_id + " in " + String(r.doc_id).slice(0, 12)));
      list.append(li);
    }
    if ((edge.weight || 0) > recordsOf(edge).length) list.append(el("li", { class: "muted" }, "… and " + (edge.weight - recordsOf(edge).length) + " more"));
    panel.append(list);
  }

  async function drawNetwork(container) {
    const panel = document.getElementById("edge-sources");
    const form = document.getElementById("network-filters");
    let data;
    try {
      data = await fetchJson(container.dataset.url);
    } catch (err) {
      message(container, "The network could not be loaded (" + err.message + ").");
      return;
    }
    const nodes = data.nodes || [];
    const edges = data.edges || [];
    if (!edges.length) {
      message(container, "No event or claim links this actor to another.");
      return;
    }
    const names = new Map(nodes.map((n) => [String(n.id), String(n.name || n.label || n.id)]));
    const centre = String(data.center || container.dataset.entity);
    // Start from fixed places (the actor in the middle, the others on a circle in id order) and
    // let the force layout settle from there without randomising: the same network is drawn the
    // same way on every visit, so a person can find a node where they saw it last time.
    const others = nodes.map((n) => String(n.id)).filter((id) => id !== centre).sort();
    const place = new Map(others.map((id, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, others.length);
      return [id, { x: 200 * Math.cos(angle), y: 200 * Math.sin(angle) }];
    }));
    const elements = nodes.map((n) => ({
      group: "nodes",
      data: { id: String(n.id), label: names.get(String(n.id)), type: n.type || "" },
      position: place.get(String(n.id)) || { x: 0, y: 0 },
      classes: String(n.id) === centre ? "centre" : "",
    }));
    edges.forEach((e, i) => {
      elements.push({
        group: "edges",
        data: { id: "e" + i, source: String(e.source), target: String(e.target), weight: e.weight || recordsOf(e).length || 1, index: i },
        classes: e.direction === "mutual" ? "mutual" : "directed",
      });
    });
    container.replaceChildren();
    const cy = cytoscape({
      container: container,
      elements: elements,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 11, "background-color": "#7aa7e8", width: 18, height: 18, "text-valign": "bottom", "text-margin-y": 3, "text-background-color": "#ffffff", "text-background-opacity": 0.75, "text-background-padding": 1 } },
        { selector: "node[type = 'ORG']", style: { "background-color": "#e0a458", shape: "round-rectangle" } },
        { selector: "node[type = 'GPE'], node[type = 'LOC']", style: { "background-color": "#6cbf6c", shape: "diamond" } },
        { selector: "node.centre", style: { "background-color": "#1f5fbf", width: 28, height: 28, "font-weight": "bold" } },
        { selector: "edge", style: { width: "mapData(weight, 1, 10, 1.5, 8)", "line-color": "#9aa5b5", "curve-style": "bezier" } },
        { selector: "edge.directed", style: { "target-arrow-shape": "triangle", "target-arrow-color": "#9aa5b5" } },
        { selector: "edge:selected", style: { "line-color": "#f9a825", "target-arrow-color": "#f9a825" } },
        { selector: ".hidden", style: { display: "none" } },
      ],
      layout: { name: "preset" },
    });
    cy.on("tap", "edge", (evt) => showSources(panel, edges[evt.target.data("index")], names));

    const typeSelect = form.elements.namedItem("type");
    const allTypes = new Set();
    edges.forEach((e) => edgeTypes(e).forEach((t) => allTypes.add(t)));
    [...allTypes].sort().forEach((t) => typeSelect.append(el("option", { value: t }, t)));
    form.addEventListener("submit", (evt) => {
      evt.preventDefault();
      const type = typeSelect.value;
      const from = form.elements.namedItem("from").value.trim();
      const to = form.elements.namedItem("to").value.trim();
      cy.batch(() => {
        cy.edges().forEach((edge) => {
          edge.toggleClass("hidden", !edgeVisible(edges[edge.data("index")], type, from, to));
        });
        cy.nodes().forEach((node) => {
          const visible = node.hasClass("centre") || node.connectedEdges().some((x) => !x.hasClass("hidden"));
          node.toggleClass("hidden", !visible);
        });
      });
      container.dataset.visibleEdges = String(cy.edges().filter((x) => !x.hasClass("hidden")).length);
    });
    window.newsgraphNetwork = cy; // for tests and the curious: the drawn graph
    const layout = cy.layout({ name: "cose", animate: false, randomize: false, idealEdgeLength: () => 110, nodeRepulsion: () => 600000, padding: 20 });
    layout.one("layoutstop", () => {
      // Drawn once the fitted graph has been rendered (bundled edges get their curves then).
      const drawn = () => {
        container.dataset.drawn = String(edges.length);
      };
      cy.one("render", () => requestAnimationFrame(() => requestAnimationFrame(drawn)));
      setTimeout(drawn, 1500); // in case the fit changed nothing and no render follows
      cy.fit(undefined, 20);
    });
    layout.run();
  }

  const timelineBox = document.getElementById("timeline");
  if (timelineBox && window.vis) drawTimeline(timelineBox);
  else if (timelineBox) message(timelineBox, "The timeline library did not load; the list below holds the same records.");
  const networkBox = document.getElementById("network");
  if (networkBox && window.cytoscape) drawNetwork(networkBox);
  else if (networkBox) message(networkBox, "The network library did not load.");
})();
