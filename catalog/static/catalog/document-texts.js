// A document's texts as tabs (WAI-ARIA tabs pattern), with the original beside the chosen
// translation on wide screens; an address naming a passage shows the text it stands in.
// Without this script every text is shown, one after another, and the links above them
// jump to each.
(function () {
  "use strict";
  var box = document.querySelector("[data-texts]");
  if (!box) return;
  var list = box.querySelector("[data-text-tabs]");
  var tabs = [];

  // The passage the address names ("#p-original-de-1737", from a person's or event's page).
  // An address from before a passage's id named its text ("#p-1737") leads to the first
  // passage starting there, in whichever text, and is corrected to name it.
  function passage() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var found = id ? document.getElementById(id) : null;
    var old = /^p-(\d+)$/.exec(id);
    if (!found && old) {
      found = box.querySelector('[id^="p-"][id$="-' + old[1] + '"]');
      if (found) history.replaceState(null, "", "#" + found.id);
    }
    return found && box.contains(found) ? found : null;
  }

  function tabShowing(element) {
    var panel = element.closest("[data-text-panel]");
    return tabs.filter(function (t) { return panelOf(t) === panel; })[0] || null;
  }

  function reveal() {
    var target = passage();
    if (!target) return null;
    var tab = tabShowing(target);
    if (tab && target.closest("[data-text-panel]").hidden) show(tab, false);
    target.scrollIntoView();
    return target;
  }
  window.addEventListener("hashchange", reveal);
  if (!list) {
    reveal();
    return;
  }

  tabs = Array.prototype.slice.call(list.querySelectorAll("[data-text-tab]"));
  var panels = Array.prototype.slice.call(box.querySelectorAll("[data-text-panel]"));
  var pairing = box.querySelector("[data-side-by-side]");
  var wide = window.matchMedia("(min-width: 75rem)");
  var original = panels.filter(function (p) { return p.hasAttribute("data-original"); })[0];

  list.setAttribute("role", "tablist");
  list.setAttribute("aria-label", "Texts of this document");
  tabs.forEach(function (tab) {
    tab.parentNode.setAttribute("role", "presentation");
    tab.setAttribute("role", "tab");
    tab.id = "tab-" + tab.getAttribute("data-text-tab");
    tab.setAttribute("aria-controls", tab.getAttribute("data-text-tab"));
  });
  panels.forEach(function (panel) {
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("tabindex", "0");
  });
  if (pairing) {
    pairing.closest("[data-side-by-side-control]").hidden = false;
    // Beside the scans the scan is the original: the translation alone stands next to it
    // (three columns would leave each too narrow to read); the reader may still pair them.
    if (document.querySelector(".scan-viewer")) pairing.checked = false;
  }

  function panelOf(tab) {
    return document.getElementById(tab.getAttribute("data-text-tab"));
  }

  function show(chosen, focus) {
    var beside = pairing && pairing.checked && wide.matches && original &&
      !panelOf(chosen).hasAttribute("data-original");
    tabs.forEach(function (tab) {
      var selected = tab === chosen;
      tab.setAttribute("aria-selected", selected ? "true" : "false");
      tab.setAttribute("tabindex", selected ? "0" : "-1");
    });
    panels.forEach(function (panel) {
      panel.hidden = !(panel === panelOf(chosen) || (beside && panel === original));
    });
    box.classList.toggle("texts-beside", Boolean(beside));
    if (focus) chosen.focus();
  }

  function current() {
    return tabs.filter(function (t) { return t.getAttribute("aria-selected") === "true"; })[0];
  }

  tabs.forEach(function (tab, index) {
    tab.addEventListener("click", function (event) {
      event.preventDefault();
      show(tab, false);
    });
    tab.addEventListener("keydown", function (event) {
      var next = null;
      if (event.key === "ArrowRight") next = tabs[(index + 1) % tabs.length];
      else if (event.key === "ArrowLeft") next = tabs[(index - 1 + tabs.length) % tabs.length];
      else if (event.key === "Home") next = tabs[0];
      else if (event.key === "End") next = tabs[tabs.length - 1];
      if (next) {
        event.preventDefault();
        show(next, true);
      }
    });
  });
  if (pairing) pairing.addEventListener("change", function () { show(current(), false); });
  wide.addEventListener("change", function () { show(current(), false); });

  // A translation first (the original stands beside it), or the text the address names;
  // then the passage the address names, in its text.
  var named = tabs.filter(function (t) { return "#" + t.getAttribute("data-text-tab") === window.location.hash; })[0];
  var first = named || tabs.filter(function (t) { return !panelOf(t).hasAttribute("data-original"); })[0] || tabs[0];
  show(first, false);
  reveal();
})();
