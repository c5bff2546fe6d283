// ecograph map behaviour: legend, filters, search and the evidence panel.
// Safety rule for this file: graph text (names, sentences, sources) only ever goes
// into the page through textContent, option.value/.text or vis-network (canvas and
// innerText tooltips). Never innerHTML, never attribute names from data; the one URL
// from data, a document's address, becomes a link only if it parses as http(s) (safeUrl).
"use strict";
var nodes, edges, network, options;   // the globals pyvis pages expose; tests read them
(function () {
  function readJSON(id) { return JSON.parse(document.getElementById(id).textContent); }
  var DATA = readJSON("ecograph-data");
  options = readJSON("vis-options");
  var container = document.getElementById("mynetwork");
  var api = { ready: false, data: DATA };
  window.ecograph = api;

  // ---- small DOM helpers (text only) ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function fold(s) {   // case- and accent-insensitive matching for search
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  // ---- adjacency, for filters and the panel ----
  var incident = {};
  Object.keys(DATA.nodes).forEach(function (id) { incident[id] = []; });
  Object.keys(DATA.edges).forEach(function (eid) {
    var e = DATA.edges[eid];
    if (incident[e.from]) incident[e.from].push(eid);
    if (incident[e.to] && e.to !== e.from) incident[e.to].push(eid);
  });

  // ---- vis items, built here from DATA (the page carries each fact once) ----
  // Titles are plain strings: vis-network shows them with innerText.
  var groupStyle = {}, typeStyle = {};
  DATA.groups.forEach(function (g) { groupStyle[g.key] = g; });
  // One dash array per relation type, shared by all its edges: vis keeps a reference
  // to it, so `scaleDashes` below restyles every edge of a type by editing one array.
  var dashArrays = {};
  DATA.types.forEach(function (t) {
    typeStyle[t.type] = t;
    dashArrays[t.type] = t.dashes ? t.dashes.slice() : false;
  });
  function nodeTitle(n) {
    var lines = [n.name, n.kind ? n.label + " · " + n.kind : n.label];
    if (n.country) lines.push("country: " + n.country);
    lines.push(n.degree + " relation" + (n.degree === 1 ? "" : "s") + " · click for evidence");
    return lines.join("\n");
  }
  function edgeTitle(e) {
    var from = DATA.nodes[e.from], to = DATA.nodes[e.to];
    return (from ? from.name : e.from) + " → " + e.type + " → " + (to ? to.name : e.to) + "\n" +
      e.evidence.length + " evidence · confidence " + Number(e.confidence || 0).toFixed(2);
  }
  // Label size grows with the node's relations (canvas units): at the first view the
  // largest nodes' labels are legible; vis culls the others (scaling.label.drawThreshold,
  // in screen pixels) until one zooms in.
  var maxDegree = 1;
  Object.keys(DATA.nodes).forEach(function (id) { maxDegree = Math.max(maxDegree, DATA.nodes[id].degree); });
  var LABEL_MIN = 14, LABEL_MAX = 40, LEGIBLE = 12;
  function labelSize(n) { return Math.round(LABEL_MIN + (LABEL_MAX - LABEL_MIN) * Math.sqrt(n.degree / maxDegree)); }
  api.labelSize = function (id) { return labelSize(DATA.nodes[id]); };
  var nodeItems = Object.keys(DATA.nodes).map(function (id) {
    var n = DATA.nodes[id], g = groupStyle[n.group];
    var item = { id: id, label: n.name, shape: g.shape, title: nodeTitle(n),
                 size: Math.round(10 * (10 + 5 * Math.sqrt(n.degree))) / 10,
                 font: { size: labelSize(n) },
                 color: { background: g.colour, border: "#333333",
                          highlight: { background: g.colour, border: "#000000" } } };
    if (id === DATA.focus) {   // the node the map is about: a thick dark ring, bold label
      item.borderWidth = 5;
      item.color.border = "#111111";
      item.font = { size: Math.max(labelSize(n), 24), bold: true, multi: false };
      item.label = "◎ " + n.name;
      item.title = "focus of this map\n" + item.title;
    }
    if (typeof n.x === "number") { item.x = n.x; item.y = n.y; }
    return item;
  });
  var edgeItems = Object.keys(DATA.edges).map(function (eid) {
    var e = DATA.edges[eid], t = typeStyle[e.type];
    var item = { id: eid, from: e.from, to: e.to, title: edgeTitle(e), width: t.width,
                 color: { color: t.colour, highlight: t.colour }, dashes: dashArrays[e.type],
                 arrows: { to: { enabled: t.arrow } } };
    if (e.bend) item.smooth = { enabled: true, type: "curvedCW", roundness: 0.15 * e.bend };
    if (DATA.edgeLabels) item.label = e.type.replace(/_/g, " ").toLowerCase();
    return item;
  });
  nodes = new vis.DataSet(nodeItems);
  edges = new vis.DataSet(edgeItems);

  // Dash lengths are canvas units, so zoomed out to a big map (scale ~0.01) an [8, 5]
  // pattern turns into hundredth-of-a-pixel dashes: invisible, and so slow to rasterise
  // that one frame of 50,000 edges took 13 s. Below zoom 1 we keep dashes their zoom-1
  // size on screen instead, before each frame; at zoom 1 and above nothing changes.
  var dashFactor = 1;
  function scaleDashes() {
    var f = Math.max(1, 1 / network.getScale());
    if (!isFinite(f) || Math.abs(f - dashFactor) < 1e-9 * f) return;
    dashFactor = f;
    DATA.types.forEach(function (t) {
      var a = dashArrays[t.type];
      if (a) for (var i = 0; i < a.length; i++) a[i] = t.dashes[i] * f;
    });
  }

  // ---- legend with filter checkboxes ----
  var shownGroups = {}, shownTypes = {};
  function swatchNode(g) {
    var s = el("span", "swatch shape-" + g.shape);
    s.style.setProperty("--c", g.colour);
    return s;
  }
  function swatchEdge(t) {
    var s = el("span", "swatch line");
    s.style.borderTopColor = t.colour;
    s.style.borderTopStyle = !t.dashes ? "solid" : (t.dashes[0] <= 3 ? "dotted" : "dashed");
    return s;
  }
  function legendRow(parent, key, store, swatch, name, count) {
    var label = el("label", "legend-row");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.key = key;
    box.addEventListener("change", function () { store[key] = box.checked; applyFilters(); });
    store[key] = true;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", "legend-name", name));
    label.appendChild(el("span", "legend-count", count));
    parent.appendChild(label);
  }
  var legendNodes = document.getElementById("legend-nodes");
  DATA.groups.forEach(function (g) { legendRow(legendNodes, g.key, shownGroups, swatchNode(g), g.name, g.count); });
  var legendEdges = document.getElementById("legend-edges");
  DATA.types.forEach(function (t) {
    legendRow(legendEdges, t.type, shownTypes, swatchEdge(t), t.type.replace(/_/g, " ").toLowerCase(), t.count);
  });
  function fillSelect(id, values) {
    var sel = document.getElementById(id);
    values.forEach(function (v) { var o = el("option", null, v); o.value = v; sel.appendChild(o); });
    sel.disabled = values.length === 0;
    sel.addEventListener("change", applyFilters);
    return sel;
  }
  var countrySel = fillSelect("filter-country", DATA.countries);
  var sectorSel = fillSelect("filter-sector", DATA.sectors);
  // year filter: an edge shows when one of the years its evidence places it in is in the
  // range; with a range set, an edge nothing dates is hidden (it cannot be placed in time)
  var years = (DATA.years || []).map(String);
  var yearFrom = fillSelect("filter-year-from", years), yearTo = fillSelect("filter-year-to", years);
  function inYears(e) {
    var lo = yearFrom.value ? Number(yearFrom.value) : null, hi = yearTo.value ? Number(yearTo.value) : null;
    if (lo === null && hi === null) return true;
    return (e.years || []).some(function (y) { return (lo === null || y >= lo) && (hi === null || y <= hi); });
  }
  var isolatedBox = document.getElementById("filter-isolated");
  isolatedBox.addEventListener("change", applyFilters);
  var presetSel = document.getElementById("filter-preset");
  DATA.presets.forEach(function (p) { var o = el("option", null, p.name); o.value = p.key; presetSel.appendChild(o); });
  function setTypes(types) {   // check exactly these relation types (null: all)
    document.querySelectorAll("#legend-edges input[type=checkbox]").forEach(function (b) {
      b.checked = !types || types.indexOf(b.dataset.key) >= 0;
      shownTypes[b.dataset.key] = b.checked;
    });
  }
  presetSel.addEventListener("change", function () {
    var preset = DATA.presets.filter(function (p) { return p.key === presetSel.value; })[0];
    setTypes(preset ? preset.types : null);
    isolatedBox.checked = !!preset;   // a preset shows the nodes its relations join, only
    applyFilters();
  });
  api.preset = function (key) { presetSel.value = key || ""; presetSel.dispatchEvent(new Event("change")); };
  document.getElementById("filter-reset").addEventListener("click", function () {
    document.querySelectorAll("#legend input[type=checkbox]").forEach(function (b) {
      b.checked = true; b.dispatchEvent(new Event("change"));
    });
    countrySel.value = ""; sectorSel.value = ""; presetSel.value = ""; isolatedBox.checked = false;
    yearFrom.value = ""; yearTo.value = "";
    applyFilters();
  });

  // ---- filters: one pass computing hidden flags, then only the items that change ----
  var visibleNodes = {}, hiddenNodes = {}, hiddenEdges = {};
  // With physics off, vis redraws the whole network synchronously on every DataSet
  // update (a second or more at 10,000 nodes): both updates, then one frame.
  function batch(fn) {
    var emitter = network && network.body && network.body.emitter;
    if (!emitter) { fn(); return; }
    emitter.emit("_blockRedraw");
    try { fn(); } finally { emitter.emit("_allowRedraw"); network.redraw(); }
  }
  function applyFilters() {
    var country = countrySel.value, sector = sectorSel.value;
    var base = {};
    Object.keys(DATA.nodes).forEach(function (id) {
      var n = DATA.nodes[id];
      var ok = shownGroups[n.group] !== false;
      if (ok && country && n.country && n.country !== country) ok = false;
      if (ok && sector && n.sectors.length && n.sectors.indexOf(sector) < 0) ok = false;
      base[id] = ok;
    });
    // nodes with no country (or no sector) of their own stay only next to a match
    function strict(id) {
      var n = DATA.nodes[id];
      return (!country || n.country === country) && (!sector || n.sectors.indexOf(sector) >= 0);
    }
    var vis_ = {};
    Object.keys(base).forEach(function (id) {
      if (!base[id]) { vis_[id] = false; return; }
      if (strict(id)) { vis_[id] = true; return; }
      vis_[id] = incident[id].some(function (eid) {
        var e = DATA.edges[eid], other = e.from === id ? e.to : e.from;
        return shownTypes[e.type] !== false && base[other] && strict(other);
      });
    });
    function edgeShown(eid) {
      var e = DATA.edges[eid];
      return shownTypes[e.type] !== false && vis_[e.from] && vis_[e.to] && inYears(e);
    }
    if (isolatedBox.checked) {   // hide nodes left without any relation on screen
      var connected = {};
      Object.keys(vis_).forEach(function (id) {
        connected[id] = vis_[id] && (id === DATA.focus || incident[id].some(edgeShown));
      });
      vis_ = connected;
    }
    visibleNodes = vis_;
    var nUpd = [], eUpd = [], nShown = 0, eShown = 0;
    Object.keys(vis_).forEach(function (id) {
      var hide = !vis_[id];
      if (hide !== !!hiddenNodes[id]) { nUpd.push({ id: id, hidden: hide }); hiddenNodes[id] = hide; }
      if (!hide) nShown++;
    });
    Object.keys(DATA.edges).forEach(function (eid) {
      var e = DATA.edges[eid];
      var hide = !(shownTypes[e.type] !== false && vis_[e.from] && vis_[e.to] && inYears(e));
      if (hide !== !!hiddenEdges[eid]) { eUpd.push({ id: eid, hidden: hide }); hiddenEdges[eid] = hide; }
      if (!hide) eShown++;
    });
    if (nUpd.length || eUpd.length) {
      batch(function () {
        if (nUpd.length) nodes.update(nUpd);
        if (eUpd.length) edges.update(eUpd);
      });
    }
    document.getElementById("map-stats").textContent =
      nShown + " of " + nodes.length + " nodes · " + eShown + " of " + edges.length + " relations";
  }
  api.applyFilters = applyFilters;

  // ---- search ----
  var names = null;   // built on the first search, not while the page opens
  function searchIndex() {
    if (names) return names;
    names = [];
    Object.keys(DATA.nodes).forEach(function (id) {
      var n = DATA.nodes[id];
      names.push({ id: id, key: fold(n.name), primary: true });
      (n.aliases || []).forEach(function (a) { names.push({ id: id, key: fold(a), primary: false }); });
    });
    return names;
  }
  var datalist = document.getElementById("search-names");
  Object.keys(DATA.nodes).map(function (id) { return DATA.nodes[id].name; }).sort()
    .slice(0, 5000).forEach(function (name) { var o = el("option"); o.value = name; datalist.appendChild(o); });

  function findNode(query) {
    var q = fold(query);
    if (!q) return null;
    var best = null, bestScore = 0;
    searchIndex().forEach(function (c) {
      var score = c.key === q ? 4 : c.key.indexOf(q) === 0 ? 3 : c.key.indexOf(q) > 0 ? 2 : 0;
      if (score && c.primary) score += 0.5;
      if (score > bestScore || (score === bestScore && best && c.key.length < best.key.length)) {
        best = c; bestScore = score;
      }
    });
    return best ? best.id : null;
  }
  function focusNode(id) {
    var status = document.getElementById("search-status");
    if (visibleNodes[id] === false) {
      status.textContent = "hidden by the filters: “Show everything” to see it";
    } else {
      status.textContent = "";
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 400 } });
    showNode(id);
  }
  api.search = function (query) {
    var id = findNode(query);
    var status = document.getElementById("search-status");
    if (id === null) { status.textContent = "no match"; return null; }
    focusNode(id);
    return id;
  };
  document.getElementById("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    api.search(document.getElementById("search-input").value);
  });

  // ---- evidence panel ----
  var details = document.getElementById("details");
  function safeUrl(s) {   // an absolute http(s) URL, or null: never javascript:, data:, file:
    try {
      var u = new URL(String(s));
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (err) { return null; }
  }
  function docLine(docId) {
    var d = DATA.documents[docId] || {};
    var line = el("div", "ev-source");
    var href = d.url ? safeUrl(d.url) : null;
    var label = d.title || d.source || docId;
    if (href) {
      var a = el("a", "ev-link", label);
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      line.appendChild(a);
    } else {
      line.appendChild(el("span", "ev-title", label));
    }
    var more = [d.site, d.published, d.title ? d.source : null].filter(function (x) { return x; });
    if (more.length) line.appendChild(el("span", "ev-when", " — " + more.join(" · ")));
    return line;
  }
  function evidenceList(list, limit) {
    var wrap = el("div", "evidence");
    list.slice(0, limit).forEach(function (ev) {
      var item = el("div", "ev");
      item.appendChild(el("blockquote", null, ev.sentence));
      item.appendChild(docLine(ev.document));
      var conf = typeof ev.confidence === "number" ? ev.confidence.toFixed(2) : String(ev.confidence);
      item.appendChild(el("div", "ev-meta", "method: " + ev.method + " · confidence " + conf));
      wrap.appendChild(item);
    });
    if (list.length > limit) wrap.appendChild(el("p", "hint", "… and " + (list.length - limit) + " more"));
    return wrap;
  }
  function fact(dl, term, value) {
    if (value === null || value === undefined || value === "" || (value.length === 0)) return;
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, Array.isArray(value) ? value.join("; ") : value));
  }
  // how a relation reads with the shown node as its subject: "has member X", "member of X"
  function relationPhrase(e, out) {
    var p = DATA.phrases[e.type];
    return p ? p[out ? 0 : 1] : (out ? "→ " : "← ") + e.type.replace(/_/g, " ").toLowerCase();
  }
  api.relationPhrase = relationPhrase;
  function showNode(id) {
    var n = DATA.nodes[id];
    if (!n) return;
    clear(details);
    details.appendChild(el("h2", null, n.name));
    details.appendChild(el("p", "kind", n.kind ? n.label + " · " + n.kind : n.label));
    var dl = el("dl");
    fact(dl, "id", id);
    fact(dl, "country", n.country);
    fact(dl, "founded", n.founded);
    fact(dl, "also called", n.aliases);
    fact(dl, "sectors", n.sectors);
    var docs = Object.keys(n.mentions || {}).map(function (d) {
      var m = DATA.documents[d] || {};
      return (m.title || m.source || d) + " (" + n.mentions[d] + "×)";
    });
    fact(dl, "mentioned in", docs);
    details.appendChild(dl);
    var rels = incident[id] || [];
    details.appendChild(el("h3", null, rels.length + " relation" + (rels.length === 1 ? "" : "s")));
    var ul = el("ul", "relations");
    rels.slice(0, 200).forEach(function (eid) {
      var e = DATA.edges[eid];
      var out = e.from === id, other = DATA.nodes[out ? e.to : e.from];
      var li = el("li");
      var a = el("button", "rel-link", relationPhrase(e, out) + " " + (other ? other.name : ""));
      a.type = "button";
      a.addEventListener("click", function () { network.selectEdges([eid]); showEdge(eid); });
      li.appendChild(a);
      li.appendChild(el("span", "legend-count", e.evidence.length + " ev."));
      ul.appendChild(li);
    });
    details.appendChild(ul);
  }
  function showEdge(eid) {
    var e = DATA.edges[eid];
    if (!e) return;
    clear(details);
    var from = DATA.nodes[e.from], to = DATA.nodes[e.to];
    details.appendChild(el("h2", null, e.type));
    var p = el("p", "edge-ends");
    var a = el("button", "rel-link", from ? from.name : e.from);
    a.type = "button";
    a.addEventListener("click", function () { focusNode(e.from); });
    var b = el("button", "rel-link", to ? to.name : e.to);
    b.type = "button";
    b.addEventListener("click", function () { focusNode(e.to); });
    p.appendChild(a); p.appendChild(el("span", null, e.type === "PARTNERS_WITH" ? " ↔ " : " → ")); p.appendChild(b);
    details.appendChild(p);
    var conf = typeof e.confidence === "number" ? e.confidence.toFixed(2) : "–";
    details.appendChild(el("p", "kind", e.evidence.length + " evidence · confidence " + conf));
    if (e.years && e.years.length) details.appendChild(el("p", "kind", "dated: " + e.years.join(", ")));
    details.appendChild(evidenceList(e.evidence, 50));
  }
  api.showNode = showNode;
  api.showEdge = showEdge;

  // ---- saving the current view (PNG, SVG) for slides ----
  function download(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }
  function viewPNG(done) {   // the canvas as drawn, on white
    var src = container.querySelector("canvas");
    var c = document.createElement("canvas");
    c.width = src.width; c.height = src.height;
    var ctx = c.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(src, 0, 0);
    c.toBlob(done, "image/png");
  }
  var SVGNS = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;   // text, never markup
    return e;
  }
  // What is on screen now: the visible nodes and relations inside the view, labels that
  // are drawn at this zoom; positions in canvas units, the view box the screen.
  function viewSVG() {
    var w = container.clientWidth, h = container.clientHeight, scale = network.getScale();
    var tl = network.DOMtoCanvas({ x: 0, y: 0 }), br = network.DOMtoCanvas({ x: w, y: h });
    var pos = network.getPositions();
    var svg = svgEl("svg", { xmlns: SVGNS, width: w, height: h,
                             viewBox: [tl.x, tl.y, br.x - tl.x, br.y - tl.y].join(" ") });
    svg.appendChild(svgEl("rect", { x: tl.x, y: tl.y, width: br.x - tl.x, height: br.y - tl.y, fill: "#ffffff" }));
    var gEdges = svgEl("g", { "stroke-linecap": "round" }), gNodes = svgEl("g", {}), gText = svgEl("g", {
      "font-family": "sans-serif", "text-anchor": "middle", stroke: "#ffffff", "stroke-width": 3,
      "paint-order": "stroke" });
    Object.keys(DATA.edges).forEach(function (eid) {
      var e = DATA.edges[eid], t = typeStyle[e.type], a = pos[e.from], b = pos[e.to];
      if (hiddenEdges[eid] || !a || !b) return;
      var attrs = { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: t.colour, "stroke-width": t.width };
      if (t.dashes) attrs["stroke-dasharray"] = t.dashes.join(" ");
      gEdges.appendChild(svgEl("line", attrs));
    });
    Object.keys(DATA.nodes).forEach(function (id) {
      var n = DATA.nodes[id], p = pos[id], g = groupStyle[n.group];
      if (hiddenNodes[id] || !p) return;
      var r = 10 + 5 * Math.sqrt(n.degree);
      gNodes.appendChild(svgEl("circle", { cx: p.x, cy: p.y, r: r, fill: g.colour,
                                           stroke: id === DATA.focus ? "#111111" : "#333333",
                                           "stroke-width": id === DATA.focus ? 5 : 1 }));
      var size = labelSize(n);
      if (size * scale >= options.nodes.scaling.label.drawThreshold - 1 || id === DATA.focus) {
        gText.appendChild(svgEl("text", { x: p.x, y: p.y + r + size, "font-size": size }, n.name));
      }
    });
    svg.appendChild(gEdges); svg.appendChild(gNodes); svg.appendChild(gText);
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
  }
  api.viewSVG = viewSVG;
  document.getElementById("save-png").addEventListener("click", function () {
    viewPNG(function (blob) { download(blob, "ecograph-map.png"); });
  });
  document.getElementById("save-svg").addEventListener("click", function () {
    download(new Blob([viewSVG()], { type: "image/svg+xml" }), "ecograph-map.svg");
  });

  // ---- the network ----
  network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  network.on("beforeDrawing", scaleDashes);
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  // Fitted to a big graph, even the largest labels are specks: zoom in on the best
  // connected node (or the focus) until its label is LEGIBLE pixels high.
  function legibleStart() {
    var ids = Object.keys(DATA.nodes);
    if (!ids.length) return;
    var hub = DATA.focus || ids.reduce(function (a, b) { return DATA.nodes[b].degree > DATA.nodes[a].degree ? b : a; });
    var need = LEGIBLE / labelSize(DATA.nodes[hub]);
    if (network.getScale() < need) network.moveTo({ position: network.getPositions([hub])[hub], scale: need });
  }
  function ready() {
    if (api.ready) return;
    if (DATA.physics) network.setOptions({ physics: { stabilization: false } });
    legibleStart();
    if (DATA.focus && DATA.nodes[DATA.focus]) { network.selectNodes([DATA.focus]); showNode(DATA.focus); }
    api.ready = true;
    document.body.classList.add("ready");
  }
  if (DATA.physics) {
    network.once("stabilizationIterationsDone", ready);
    setTimeout(ready, 15000);   // a graph that never settles is still usable
  } else {
    network.once("afterDrawing", ready);
  }
  applyFilters();
})();
