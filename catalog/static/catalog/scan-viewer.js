/* The scan viewer of a document's page (templates/catalog/includes/scan_viewer.html).
 *
 * OpenSeadragon shows one page at a time from the catalog's IIIF image service; the
 * toolbar's buttons (with words, reachable by Tab) zoom, rotate and turn pages, and so do the
 * keys when the scan has the focus. The page shown is named in a live region, marked in the
 * list of pages, and its passage is highlighted in each text that marks its page breaks
 * (the links with class "page-break"); when the scan stands beside the text, the text
 * scrolls to the passage. Without JavaScript the list of pages links to each whole image.
 */
(function () {
  "use strict";

  const section = document.getElementById("scans");
  if (!section || typeof window.OpenSeadragon !== "function") {
    return;
  }
  const links = Array.from(section.querySelectorAll(".scan-pages a"));
  const pages = links.map((link) => ({
    id: link.dataset.scanPage,
    info: link.dataset.info,
    label: link.textContent.trim(),
  }));
  const status = section.querySelector(".scan-status");
  const toolbar = section.querySelector(".scan-toolbar");
  const pager = section.querySelector(".scan-pager");
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  let current = 0;

  const viewer = window.OpenSeadragon({
    element: section.querySelector(".scan-canvas"),
    tileSources: pages.map((page) => page.info),
    sequenceMode: true,
    preserveViewport: false,
    showNavigationControl: false,
    showSequenceControl: false,
    showRotationControl: false,
    drawer: "canvas",
    animationTime: reducedMotion ? 0 : 0.6,
    visibilityRatio: 0.5,
    gestureSettingsMouse: { clickToZoom: false, scrollToZoom: true },
  });
  viewer.canvas.setAttribute("role", "img");

  function besideTheText() {
    return window.getComputedStyle(section).position === "sticky";
  }

  function highlight(pageId, scroll) {
    const ranges = [];
    let first = null;
    document.querySelectorAll(".document-text").forEach((text) => {
      const markers = Array.from(text.querySelectorAll("a.page-break"));
      const index = markers.findIndex((marker) => marker.dataset.scanPage === pageId);
      markers.forEach((marker, i) => marker.classList.toggle("is-current", i === index));
      text.querySelectorAll("p.on-scan-page").forEach((p) => p.classList.remove("on-scan-page"));
      if (index < 0) {
        return;
      }
      const range = document.createRange();
      range.setStartAfter(markers[index]);
      if (index + 1 < markers.length) {
        range.setEndBefore(markers[index + 1]);
      } else {
        range.setEndAfter(text.lastElementChild || text);
      }
      ranges.push(range);
      const next = markers[index + 1];
      text.querySelectorAll("p").forEach((p) => {
        if (!range.intersectsNode(p)) {
          return;
        }
        if (next && p.contains(next)) {
          // The paragraph where the next page begins is on this page only if some of it
          // comes before that page's mark.
          const before = document.createRange();
          before.selectNodeContents(p);
          before.setEndBefore(next);
          if (before.toString().trim() === "") {
            return;
          }
        }
        p.classList.add("on-scan-page");
      });
      if (first === null && markers[index].offsetParent !== null) {
        first = markers[index];
      }
    });
    if (window.CSS && CSS.highlights && typeof window.Highlight === "function") {
      CSS.highlights.set("scan-page", new window.Highlight(...ranges));
    }
    if (scroll && first !== null && besideTheText()) {
      first.scrollIntoView({ block: "start", behavior: reducedMotion ? "auto" : "smooth" });
    }
  }

  function show(index, byUser) {
    current = index;
    const page = pages[index];
    status.textContent = `Page ${index + 1} of ${pages.length}: ${page.label}`;
    viewer.canvas.setAttribute(
      "aria-label",
      `Scan of ${page.label}, page ${index + 1} of ${pages.length}`,
    );
    links.forEach((link, i) => {
      if (i === index) {
        link.setAttribute("aria-current", "page");
      } else {
        link.removeAttribute("aria-current");
      }
    });
    pager.querySelector('[data-scan="previous"]').setAttribute("aria-disabled", index === 0);
    pager
      .querySelector('[data-scan="next"]')
      .setAttribute("aria-disabled", index === pages.length - 1);
    highlight(page.id, byUser);
  }

  function turnTo(index) {
    if (index >= 0 && index < pages.length && index !== current) {
      viewer.goToPage(index);
    }
  }

  viewer.addHandler("page", (event) => show(event.page, true));

  const actions = {
    previous: () => turnTo(current - 1),
    next: () => turnTo(current + 1),
    "zoom-in": () => viewer.viewport.zoomBy(1.5).applyConstraints(),
    "zoom-out": () => viewer.viewport.zoomBy(1 / 1.5).applyConstraints(),
    rotate: () => viewer.viewport.setRotation((viewer.viewport.getRotation() + 90) % 360),
    home: () => viewer.viewport.goHome(),
  };
  [toolbar, pager].forEach((group) =>
    group.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-scan]");
      if (button && button.getAttribute("aria-disabled") !== "true") {
        actions[button.dataset.scan]();
      }
    }),
  );
  section.addEventListener("keydown", (event) => {
    if (event.key === "PageDown" || event.key === "PageUp") {
      if (section.querySelector(".scan-canvas").contains(document.activeElement)) {
        event.preventDefault();
        turnTo(current + (event.key === "PageDown" ? 1 : -1));
      }
    }
  });
  links.forEach((link, index) =>
    link.addEventListener("click", (event) => {
      event.preventDefault();
      turnTo(index);
    }),
  );
  document.querySelectorAll(".document-text a.page-break").forEach((marker) =>
    marker.addEventListener("click", (event) => {
      event.preventDefault();
      const index = pages.findIndex((page) => page.id === marker.dataset.scanPage);
      if (!besideTheText()) {
        section.scrollIntoView({ block: "start", behavior: reducedMotion ? "auto" : "smooth" });
      }
      turnTo(index);
    }),
  );

  toolbar.hidden = false;
  pager.hidden = false;
  show(0, false);
})();
