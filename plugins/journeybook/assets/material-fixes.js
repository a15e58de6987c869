/* journeybook's optional fixes to Material for MkDocs' own chrome (the plugin
 * option `material_fixes: true`): names for its landmarks, in the page's
 * language (taken from Material's own labels). Plain ES2017; runs on load and
 * after each instant navigation.
 *
 *  - the search dialog gets a name (axe aria-dialog-name): its input's;
 *  - a nav section's <nav> is named by its own title (axe landmark-unique and
 *    aria-valid-attr-value: aria-labelledby points at an empty or missing label
 *    when a section has an index page);
 *  - a nested table-of-contents list is named "<heading> – Table of contents",
 *    so it does not share its name with the navigation section of the same title.
 */
(function () {
  "use strict";

  function text(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function fix() {
    document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach(function (dialog) {
      var input = dialog.querySelector(".md-search__input");
      var name = input && (input.getAttribute("aria-label") || input.getAttribute("placeholder"));
      if (name) dialog.setAttribute("aria-label", name);
    });
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var title = text(nav.querySelector(":scope > .md-nav__title"));
      if (!title) return;
      nav.setAttribute("aria-label", title);
      nav.removeAttribute("aria-labelledby");
    });
    document.querySelectorAll("nav.md-nav--secondary[aria-label]").forEach(function (toc) {
      var suffix = " \u2013 " + toc.getAttribute("aria-label");
      toc.querySelectorAll("nav.md-nav[aria-label]").forEach(function (nav) {
        var name = nav.getAttribute("aria-label");
        if (name.slice(-suffix.length) !== suffix) nav.setAttribute("aria-label", name + suffix);
      });
    });
  }

  fix();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fix); // Material's instant navigation swaps these parts of the page
  }
})();
