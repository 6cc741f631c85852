// The document page: hovering a highlight shows what was extracted in a panel under the article
// and marks every piece of the same extraction; a click pins the panel (with a link to the actor
// of a mention) until the next click. Text is set with textContent only.
"use strict";

(function () {
  const article = document.getElementById("article-text");
  if (!article) return;
  const panel = document.createElement("div");
  panel.id = "extraction-panel";
  panel.setAttribute("aria-live", "polite");
  panel.textContent = "Hover a highlight to see what was extracted; click to keep it here.";
  article.after(panel);
  let active = [];
  let pinned = false;

  function show(span) {
    active.forEach((x) => x.classList.remove("active"));
    active = [...article.querySelectorAll('[data-ann="' + CSS.escape(span.dataset.ann) + '"]')];
    active.forEach((x) => x.classList.add("active"));
    panel.replaceChildren(span.title + "  [" + span.dataset.start + "–" + span.dataset.end + "]");
    if (span.dataset.entity) {
      const link = document.createElement("a");
      link.href = "/entities/" + encodeURIComponent(span.dataset.entity);
      link.textContent = "open this actor";
      panel.append(" · ", link);
    }
  }

  article.addEventListener("mouseover", (evt) => {
    const span = evt.target.closest(".hl");
    if (span && !pinned) show(span);
  });
  article.addEventListener("click", (evt) => {
    const span = evt.target.closest(".hl");
    pinned = Boolean(span);
    if (span) show(span);
  });
  const focus = document.getElementById("focus");
  if (focus) focus.scrollIntoView({ block: "center" });
})();
