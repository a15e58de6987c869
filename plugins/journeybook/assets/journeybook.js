/* journeybook: checklist ticks, progress, reset and CSV export.
 *
 * Plain ES2017, no dependencies. Works on the markup the renderer emits:
 *   section[data-jb-checklist=TP][data-jb-scope=SCOPE]
 *     [data-jb-progress]  input[data-jb-item="TP/ITEM"]  [data-jb-reset]  [data-jb-export]
 *   [data-jb-phase-progress]  (sum over the page's checklists)
 *
 * Ticks live in localStorage under "journeybook:" + SCOPE + ":" + TP as a sorted
 * JSON array of item ids. Without JavaScript the page still shows every item.
 * Also marks same-origin absolute links, so that print shows external URLs only.
 */
(function () {
  "use strict";

  if (window.journeybook) return; // the script was loaded twice: the first copy does the work

  var PREFIX = "journeybook:";
  var CHECKLIST = "[data-jb-checklist]";
  var BOX = "input[data-jb-item]";

  /* Storage. `cache` mirrors what this page wrote or read, so the page keeps
   * working (without persistence) when localStorage is missing, disabled or
   * full; a `storage` event from another tab invalidates it. */
  var cache = Object.create(null);

  function area() {
    try {
      return window.localStorage || null;
    } catch (e) {
      return null; // SecurityError when storage is disabled
    }
  }

  function parseIds(raw) {
    if (raw == null) return [];
    try {
      var value = JSON.parse(raw);
      return Array.isArray(value) ? value.filter(function (id) { return typeof id === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  function load(key) {
    if (!(key in cache)) {
      var raw = null;
      try {
        var store = area();
        raw = store ? store.getItem(key) : null;
      } catch (e) {
        raw = null;
      }
      cache[key] = parseIds(raw);
    }
    return cache[key].slice();
  }

  function save(key, ids) {
    var unique = ids.filter(function (id, i) { return ids.indexOf(id) === i; }).sort();
    cache[key] = unique;
    try {
      var store = area();
      if (!store) return;
      if (unique.length) store.setItem(key, JSON.stringify(unique));
      else store.removeItem(key);
    } catch (e) {
      /* private mode or quota: ticks stay for this page view only */
    }
  }

  /* DOM helpers */
  function keyOf(section) {
    return PREFIX + (section.getAttribute("data-jb-scope") || "") + ":" + section.getAttribute("data-jb-checklist");
  }

  function itemId(box, tp) {
    var value = box.getAttribute("data-jb-item") || "";
    return value.indexOf(tp + "/") === 0 ? value.slice(tp.length + 1) : value;
  }

  function boxes(section) {
    return Array.prototype.slice.call(section.querySelectorAll(BOX));
  }

  function sections(key) {
    var all = Array.prototype.slice.call(document.querySelectorAll(CHECKLIST));
    return key == null ? all : all.filter(function (s) { return keyOf(s) === key; });
  }

  function setText(el, text) {
    if (el && el.textContent !== text) el.textContent = text; // no needless aria-live chatter
  }

  /* Show the stored ticks in every instance of the checklist(s) for `key`
   * (all checklists when key is null), then the page's phase progress. */
  function render(key) {
    sections(key).forEach(function (section) {
      var tp = section.getAttribute("data-jb-checklist");
      var ticked = load(keyOf(section));
      var items = boxes(section);
      var done = 0;
      items.forEach(function (box) {
        box.checked = ticked.indexOf(itemId(box, tp)) !== -1;
        if (box.checked) done += 1;
      });
      setText(section.querySelector("[data-jb-progress]"), done + "/" + items.length);
    });
    renderPhase();
  }

  function renderPhase() {
    var targets = document.querySelectorAll("[data-jb-phase-progress]");
    if (!targets.length) return;
    var seen = Object.create(null); // a touchpoint shown twice counts once
    var done = 0;
    var total = 0;
    sections(null).forEach(function (section) {
      var key = keyOf(section);
      if (seen[key]) return;
      seen[key] = true;
      boxes(section).forEach(function (box) {
        total += 1;
        if (box.checked) done += 1;
      });
    });
    Array.prototype.forEach.call(targets, function (el) { setText(el, done + "/" + total); });
  }

  /* Print shows the address of external links only (journeybook.css). Material's
   * instant navigation makes internal hrefs absolute, so mark those. */
  function markInternalLinks() {
    var links = document.querySelectorAll('.md-typeset a[href^="http:"], .md-typeset a[href^="https:"]');
    Array.prototype.forEach.call(links, function (link) {
      if (link.origin === window.location.origin) link.setAttribute("data-jb-internal", "");
    });
  }

  /* Page set-up: safe to run any number of times on the same document. */
  function init() {
    sections(null).forEach(function (section) {
      var key = keyOf(section);
      var tp = section.getAttribute("data-jb-checklist");
      var ids = boxes(section).map(function (box) { return itemId(box, tp); });
      var saved = load(key);
      var kept = saved.filter(function (id) { return ids.indexOf(id) !== -1; });
      if (kept.length !== saved.length) save(key, kept); // drop ids of removed items
      var actions = section.querySelector(".jb-checklist__actions");
      if (actions) actions.hidden = false;
    });
    render(null);
    markInternalLinks();
  }

  /* CSV export (RFC 4180, CRLF line ends) */
  function csvCell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // no formulas in spreadsheets
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csvFor(section) {
    var tp = section.getAttribute("data-jb-checklist");
    var rows = [["touchpoint", "item", "text", "priority", "done"]];
    boxes(section).forEach(function (box) {
      var label = box.id ? section.querySelector('label[for="' + cssEscape(box.id) + '"]') : null;
      var li = box.closest("[data-jb-priority]");
      rows.push([
        tp,
        itemId(box, tp),
        label ? label.textContent.replace(/\s+/g, " ").trim() : "",
        li ? li.getAttribute("data-jb-priority") : "",
        box.checked ? "yes" : "no",
      ]);
    });
    return rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function cssEscape(value) {
    return window.CSS && CSS.escape ? CSS.escape(value) : value.replace(/["\\]/g, "\\$&");
  }

  function download(filename, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000); // revoking at once may cancel it
  }

  /* Event delegation on document: installed once, survives instant navigation. */
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof Element) || !box.matches(BOX)) return;
    var section = box.closest(CHECKLIST);
    if (!section) return;
    var key = keyOf(section);
    var id = itemId(box, section.getAttribute("data-jb-checklist"));
    var ids = load(key).filter(function (other) { return other !== id; });
    if (box.checked) ids.push(id);
    save(key, ids);
    render(key); // other instances of this checklist, progress
  });

  document.addEventListener("click", function (event) {
    if (!(event.target instanceof Element)) return;
    var button = event.target.closest("[data-jb-reset], [data-jb-export]");
    var section = button && button.closest(CHECKLIST);
    if (!section) return;
    if (button.hasAttribute("data-jb-reset")) {
      var key = keyOf(section);
      save(key, []);
      render(key);
    } else {
      var tp = section.getAttribute("data-jb-checklist");
      download(button.getAttribute("data-jb-filename") || tp + "-checklist.csv", csvFor(section));
    }
  });

  window.addEventListener("storage", function (event) {
    if (event.storageArea && event.storageArea !== area()) return; // sessionStorage
    if (event.key == null) {
      cache = Object.create(null); // localStorage.clear() in another tab
      render(null);
    } else if (event.key.indexOf(PREFIX) === 0) {
      delete cache[event.key];
      render(event.key);
    }
  });

  window.journeybook = { init: init };

  /* Material's document$ emits once per page, instant navigation included. It
   * exists when this script comes after Material's bundle (extra_javascript);
   * loaded earlier, look again once the document is parsed. */
  function start() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(init);
    } else {
      init();
    }
  }

  if (document.readyState === "loading" && !window.document$) {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
