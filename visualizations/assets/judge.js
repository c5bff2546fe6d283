// ecograph judge page: one sampled item at a time, verdicts from the keyboard, saved as CSV.
// Safety rule for this file: sample text (names, sentences, sources, notes) only ever goes
// into the page through textContent or an input's value. Never innerHTML, never attribute
// names or URLs from data.
"use strict";
(function () {
  var DATA = JSON.parse(document.getElementById("ecograph-data").textContent);
  var rows = DATA.rows, entities = DATA.what === "entities";
  var api = { ready: false, data: DATA, index: 0 };
  window.ecograph = api;
  var $ = function (id) { return document.getElementById(id); };
  var storageKey = "ecograph-judge:" + DATA.what + ":" + DATA.meta.fingerprint + ":" + DATA.meta.seed;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // ---- verdicts survive a reload of the page (same sample only) until saved ----
  function persist() {
    try {
      localStorage.setItem(storageKey, JSON.stringify(rows.map(function (r) {
        var s = { id: r.id };
        DATA.judged.forEach(function (c) { s[c] = r[c]; });
        return s;
      })));
    } catch (e) { /* storage may be off for file: pages; verdicts then live until the tab closes */ }
  }
  function restore() {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { saved = null; }
    if (!Array.isArray(saved) || saved.length !== rows.length) return;
    saved.forEach(function (s, i) {
      if (!s || s.id !== rows[i].id) return;
      DATA.judged.forEach(function (c) { if (typeof s[c] === "string") rows[i][c] = s[c]; });
    });
  }

  // ---- the CSV the page saves: the columns `ecograph sample` wrote, verdicts filled ----
  function cell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    if (s && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) s = "'" + s;  // no formulas in spreadsheets
    return '"' + s.replace(/"/g, '""') + '"';
  }
  function toCSV() {
    var lines = [DATA.columns.map(cell).join(",")];
    rows.forEach(function (r) { lines.push(DATA.columns.map(function (c) { return cell(r[c]); }).join(",")); });
    return lines.join("\n") + "\n";
  }
  function save() {
    var text = toCSV();
    api.lastSaved = text;
    var url = URL.createObjectURL(new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = DATA.download;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  // ---- showing one item ----
  function sentence(node, r) {
    clear(node);
    var m = r.marks, text = m ? m.text : r.sentence, at = 0;
    (m ? m.spans : []).forEach(function (s) {
      node.appendChild(document.createTextNode(text.slice(at, s[0])));
      node.appendChild(el("mark", "end-" + s[2], text.slice(s[0], s[1])));
      at = s[1];
    });
    node.appendChild(document.createTextNode(text.slice(at)));
  }
  function facts(r) {
    var list = entities
      ? [["kind", r.label + (r.kind ? " · " + r.kind : "")], ["aliases", r.aliases], ["country", r.country],
         ["similar names", r.similar], ["document", r.document], ["source", r.document_source]]
      : [["relation", r.type], ["document", r.document], ["source", r.document_source],
         ["confidence", r.confidence], ["method", r.method], ["evidence records", r.evidence_count]];
    var dl = $("facts");
    clear(dl);
    list.forEach(function (f) {
      if (f[1] === "" || f[1] === null || f[1] === undefined) return;
      dl.appendChild(el("dt", null, f[0]));
      dl.appendChild(el("dd", null, f[1]));
    });
  }
  function chosen(attr, value) {
    Array.prototype.forEach.call(document.querySelectorAll("[" + attr + "]"), function (b) {
      b.classList.toggle("chosen", b.getAttribute(attr) === value);
      b.setAttribute("aria-pressed", b.getAttribute(attr) === value ? "true" : "false");
    });
  }
  function progress() {
    var done = rows.filter(function (r) { return r.verdict; }).length;
    $("progress").textContent = done + " of " + rows.length + " judged";
    Array.prototype.forEach.call($("strip").children, function (b, i) {
      b.className = (rows[i].verdict || "") + (i === api.index ? " current" : "");
    });
  }
  function show(i) {
    if (!rows.length) { $("statement").textContent = "This sample is empty."; progress(); return; }
    api.index = Math.max(0, Math.min(rows.length - 1, i));
    var r = rows[api.index];
    $("position").textContent = "item " + (api.index + 1) + " of " + rows.length + " · " + r.id;
    $("statement").textContent = r.statement;
    sentence($("sentence"), r);
    facts(r);
    chosen("data-verdict", r.verdict);
    $("note").value = r.note || "";
    if (entities) { chosen("data-kind", r.kind_verdict); $("same-as").value = r.same_as || ""; }
    progress();
  }
  function judge(column, value) {
    if (!rows.length) return;
    rows[api.index][column] = value;
    persist();
    if (column === "verdict" && value && !entities && api.index < rows.length - 1) show(api.index + 1);
    else show(api.index);
  }

  // ---- controls ----
  rows.forEach(function (r, i) {
    var b = el("button");
    b.type = "button";
    b.title = r.id;
    b.addEventListener("click", function () { show(i); });
    $("strip").appendChild(b);
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-verdict]"), function (b) {
    b.addEventListener("click", function () { judge("verdict", b.getAttribute("data-verdict")); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-kind]"), function (b) {
    b.addEventListener("click", function () { judge("kind_verdict", b.getAttribute("data-kind")); });
  });
  $("note").addEventListener("input", function () { if (rows.length) { rows[api.index].note = $("note").value; persist(); } });
  if (entities) {
    $("same-as").addEventListener("input", function () { if (rows.length) { rows[api.index].same_as = $("same-as").value; persist(); } });
  }
  $("prev").addEventListener("click", function () { show(api.index - 1); });
  $("next").addEventListener("click", function () { show(api.index + 1); });
  $("save").addEventListener("click", save);

  var KEYS = { "c": ["verdict", "correct"], "1": ["verdict", "correct"], "w": ["verdict", "wrong"],
               "2": ["verdict", "wrong"], "u": ["verdict", "unsure"], "3": ["verdict", "unsure"],
               "0": ["verdict", ""] };
  if (entities) { KEYS.r = ["kind_verdict", "correct"]; KEYS.x = ["kind_verdict", "wrong"]; }
  document.addEventListener("keydown", function (ev) {
    var t = ev.target, tag = t && t.tagName;
    if (tag === "TEXTAREA" || tag === "INPUT") {   // typing a note: only Escape (and Enter in a field) leaves
      if (ev.key === "Escape" || (ev.key === "Enter" && tag === "INPUT")) { t.blur(); ev.preventDefault(); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var k = ev.key.length === 1 ? ev.key.toLowerCase() : ev.key;
    if (KEYS[k]) judge(KEYS[k][0], KEYS[k][1]);
    else if (k === "ArrowRight" || k === "j") show(api.index + 1);
    else if (k === "ArrowLeft" || k === "k") show(api.index - 1);
    else if (k === "n") $("note").focus();
    else if (k === "d" && entities) $("same-as").focus();
    else if (k === "s") save();
    else return;
    ev.preventDefault();
  });

  restore();
  api.toCSV = toCSV;
  show(0);
  api.ready = true;
})();
