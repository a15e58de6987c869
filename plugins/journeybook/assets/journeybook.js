/* journeybook: checklist ticks, progress, reset (with undo) and CSV export.
 *
 * Plain ES2017, no dependencies. Works on the markup the renderer emits:
 *   section[data-jb-checklist=TP][data-jb-scope=SCOPE]
 *     [data-jb-progress]  [data-jb-must-progress]  [data-jb-done-label]  .jb-meter
 *     input[data-jb-item="TP/ITEM"]  [data-jb-menu] > [data-jb-reset] [data-jb-export]
 *     [data-jb-undo-bar] > [data-jb-undo]
 *   [data-jb-summary=TP][data-jb-scope][data-jb-items="ID ..."]  (a touchpoint's card:
 *     its progress without its checkboxes; [data-jb-must-items] the "must" ones)
 *   [data-jb-phase-progress]  (sum over the page's checklists)
 *
 * Ticks live in localStorage under "journeybook:" + SCOPE + ":" + TP as a sorted
 * JSON array of item ids. Without JavaScript the page still shows every item.
 * On paper it also marks same-origin absolute links, so that print shows external
 * URLs only, and sets the running title.
 */
(function () {
  "use strict";

  if (window.journeybook) return; // the script was loaded twice: the first copy does the work

  var PREFIX = "journeybook:";
  var CHECKLIST = "[data-jb-checklist]";
  var SUMMARY = "[data-jb-summary]";
  var BOX = "input[data-jb-item]";
  var UNDO_MS = 8000; // how long Undo stays after a Reset (longer while it has the focus)

  /* Storage. `cache` mirrors what this page wrote or read, so the page keeps
   * working (without persistence) when localStorage is missing, disabled,
   * full or throws; a `storage` event from another tab invalidates it. */
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
      /* private mode or quota: ticks stay in memory for this page (and instant navigation) */
    }
  }

  /* DOM helpers */
  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function touchpointOf(el) {
    return el.getAttribute("data-jb-checklist") || el.getAttribute("data-jb-summary") || "";
  }

  function keyOf(el) {
    return PREFIX + (el.getAttribute("data-jb-scope") || "") + ":" + touchpointOf(el);
  }

  function itemId(box, tp) {
    var value = box.getAttribute("data-jb-item") || "";
    return value.indexOf(tp + "/") === 0 ? value.slice(tp.length + 1) : value;
  }

  function boxes(section) {
    return all(BOX, section);
  }

  function sections(key) {
    var found = all(CHECKLIST);
    return key == null ? found : found.filter(function (s) { return keyOf(s) === key; });
  }

  function setText(el, text) {
    if (el && el.textContent !== text) el.textContent = text; // no needless aria-live chatter
  }

  /* The bar, the N/M texts and the done state of one checklist or card. Writes
   * only what changes: each write to the page restyles it, and on load nothing
   * changes unless ticks were stored. */
  function show(el, done, total, mustDone, mustTotal) {
    setText(el.querySelector("[data-jb-progress]"), done + "/" + total);
    setText(el.querySelector("[data-jb-must-progress]"), mustDone + "/" + mustTotal);
    var fill = el.querySelector(".jb-meter__fill");
    var width = total && done ? (100 * done) / total + "%" : ""; // none: the stylesheet's 0
    if (fill && fill.style.width !== width) fill.style.width = width;
    var complete = total > 0 && done === total;
    el.classList.toggle("jb-is-done", complete);
    el.classList.toggle("jb-is-must-done", mustTotal > 0 && mustDone === mustTotal);
    var label = el.querySelector("[data-jb-done-label]");
    if (label && label.hidden === complete) label.hidden = !complete;
  }

  /* Show the stored ticks in every instance of the checklist(s) for `key`
   * (all when key is null), the cards, then the page's phase progress. */
  function render(key) {
    sections(key).forEach(function (section) {
      var tp = touchpointOf(section);
      var ticked = load(keyOf(section));
      var counts = [0, 0, 0, 0];
      boxes(section).forEach(function (box) {
        var must = box.closest("[data-jb-priority]");
        must = must && must.getAttribute("data-jb-priority") === "must";
        box.checked = ticked.indexOf(itemId(box, tp)) !== -1;
        counts[1] += 1;
        if (box.checked) counts[0] += 1;
        if (must) counts[3] += 1;
        if (must && box.checked) counts[2] += 1;
      });
      show(section, counts[0], counts[1], counts[2], counts[3]);
    });
    all(SUMMARY).forEach(function (card) {
      if (key != null && keyOf(card) !== key) return;
      var ticked = load(keyOf(card));
      var ids = (card.getAttribute("data-jb-items") || "").split(" ").filter(Boolean);
      var musts = (card.getAttribute("data-jb-must-items") || "").split(" ").filter(Boolean);
      var has = function (id) { return ticked.indexOf(id) !== -1; };
      show(card, ids.filter(has).length, ids.length, musts.filter(has).length, musts.length);
    });
    renderPhase();
  }

  function renderPhase() {
    var targets = all("[data-jb-phase-progress]");
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
    targets.forEach(function (el) { setText(el, done + "/" + total); });
  }

  /* Paper. Done when the page goes to paper (print, or print media emulated),
   * not on load: a write to the page restyles it, and most pages never print.
   *  - Print shows the address of external links only (journeybook.css).
   *    Material's instant navigation makes internal hrefs absolute, so mark those.
   *  - The running header (journeybook.css, @page jb) shows the page's title; a
   *    property of the root element restyles every element. */
  function toPaper() {
    all('.md-typeset a[href^="http:"], .md-typeset a[href^="https:"]').forEach(function (link) {
      if (link.origin === window.location.origin && !link.hasAttribute("data-jb-internal")) {
        link.setAttribute("data-jb-internal", "");
      }
    });
    var root = document.documentElement;
    if (document.querySelector('.md-typeset [class*="jb-"]')) {
      root.style.setProperty("--jb-print-title", JSON.stringify(document.title));
    } else {
      root.style.removeProperty("--jb-print-title");
    }
  }

  /* Page set-up: safe to run any number of times on the same document. */
  function init() {
    sections(null).forEach(function (section) {
      var key = keyOf(section);
      var tp = touchpointOf(section);
      var ids = boxes(section).map(function (box) { return itemId(box, tp); });
      var saved = load(key);
      var kept = saved.filter(function (id) { return ids.indexOf(id) !== -1; });
      if (kept.length !== saved.length) save(key, kept); // drop ids of removed items
      var menu = section.querySelector("[data-jb-menu]");
      if (menu) menu.hidden = false;
    });
    render(null);
  }

  /* The actions menu: a disclosure button; Escape or a click elsewhere closes it. */
  function menuOpen(menu, open) {
    var button = menu.querySelector("[aria-expanded]");
    var panel = menu.querySelector(".jb-checklist__actions");
    if (!button || !panel) return;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.hidden = !open;
  }

  function closeMenus(except) {
    all("[data-jb-menu]").forEach(function (menu) {
      if (menu !== except) menuOpen(menu, false);
    });
  }

  /* Reset keeps what it cleared until Undo times out. */
  var undo = { section: null, key: null, ids: null, timer: 0 };

  function hideUndo(restoreFocus) {
    var bar = undo.section && undo.section.querySelector("[data-jb-undo-bar]");
    clearTimeout(undo.timer);
    if (bar) {
      var focused = bar.contains(document.activeElement);
      bar.hidden = true;
      var button = undo.section.querySelector("[data-jb-menu] [aria-expanded]");
      if (focused && restoreFocus !== false && button) button.focus();
    }
    undo = { section: null, key: null, ids: null, timer: 0 };
  }

  function scheduleUndo(bar) {
    clearTimeout(undo.timer);
    undo.timer = setTimeout(function () {
      if (bar.contains(document.activeElement) || bar.matches(":hover")) scheduleUndo(bar);
      else hideUndo();
    }, UNDO_MS);
  }

  function reset(section) {
    var key = keyOf(section);
    var previous = load(key);
    hideUndo(false);
    save(key, []);
    render(key);
    var bar = section.querySelector("[data-jb-undo-bar]");
    if (!bar || !previous.length) return;
    undo = { section: section, key: key, ids: previous, timer: 0 };
    bar.hidden = false;
    var button = bar.querySelector("[data-jb-undo]");
    if (button) button.focus();
    scheduleUndo(bar);
  }

  function undoReset() {
    if (!undo.key) return;
    var key = undo.key;
    var ids = undo.ids || [];
    var section = undo.section;
    hideUndo(false);
    save(key, load(key).concat(ids)); // ticks made since the reset stay too
    render(key);
    var first = section && section.querySelector(BOX);
    if (first && document.activeElement === document.body) first.focus();
  }

  /* CSV export (RFC 4180, CRLF line ends, a UTF-8 BOM for spreadsheets),
   * headers and values in the page's language (data-jb-csv on the button). */
  function csvCell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // no formulas in spreadsheets
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csvLabels(button) {
    var labels = null;
    try {
      labels = JSON.parse(button.getAttribute("data-jb-csv") || "null");
    } catch (e) {
      labels = null;
    }
    return labels && Array.isArray(labels.head) ? labels : {
      head: ["touchpoint", "item", "text", "priority", "done"], yes: "yes", no: "no", priority: {},
    };
  }

  function csvFor(section, labels) {
    var tp = touchpointOf(section);
    var rows = [labels.head];
    boxes(section).forEach(function (box) {
      var label = box.id ? section.querySelector('label[for="' + cssEscape(box.id) + '"]') : null;
      var li = box.closest("[data-jb-priority]");
      var priority = li ? li.getAttribute("data-jb-priority") : "";
      rows.push([
        tp,
        itemId(box, tp),
        label ? label.textContent.replace(/\s+/g, " ").trim() : "",
        (labels.priority && labels.priority[priority]) || priority,
        box.checked ? labels.yes : labels.no,
      ]);
    });
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
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
    var id = itemId(box, touchpointOf(section));
    var ids = load(key).filter(function (other) { return other !== id; });
    if (box.checked) ids.push(id);
    save(key, ids);
    render(key); // other instances of this checklist, progress
  });

  document.addEventListener("click", function (event) {
    if (!(event.target instanceof Element)) return;
    var toggle = event.target.closest("[data-jb-menu] [aria-expanded]");
    var menu = event.target.closest("[data-jb-menu]");
    closeMenus(menu);
    if (toggle) {
      menuOpen(menu, toggle.getAttribute("aria-expanded") !== "true");
      return;
    }
    var button = event.target.closest("[data-jb-reset], [data-jb-export], [data-jb-undo]");
    var section = button && button.closest(CHECKLIST);
    if (!section) return;
    if (menu) menuOpen(menu, false);
    if (button.hasAttribute("data-jb-undo")) {
      undoReset();
    } else if (button.hasAttribute("data-jb-reset")) {
      reset(section);
    } else {
      download(button.getAttribute("data-jb-filename") || touchpointOf(section) + "-checklist.csv",
        csvFor(section, csvLabels(button)));
      var toggleButton = menu && menu.querySelector("[aria-expanded]");
      if (toggleButton) toggleButton.focus();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !(event.target instanceof Element)) return;
    var menu = event.target.closest("[data-jb-menu]");
    if (!menu) return;
    menuOpen(menu, false);
    var toggle = menu.querySelector("[aria-expanded]");
    if (toggle) toggle.focus();
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

  window.addEventListener("beforeprint", toPaper);
  var paper = window.matchMedia ? window.matchMedia("print") : null;
  if (paper && paper.addEventListener) {
    paper.addEventListener("change", function (event) {
      if (event.matches) toPaper();
    });
  }

  window.journeybook = { init: init };

  /* Set up the page now (the script is deferred: the document is parsed), and
   * again on each page of Material's instant navigation (document$). Both, not
   * either: opened from disk (file://), document$ never emits. */
  function start() {
    init();
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () {
        hideUndo(false);
        init();
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
