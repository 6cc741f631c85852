// The document page: hovering or focusing a highlight shows what was extracted in a panel, and
// marks every piece of the same extraction. Text is set with textContent only.
"use strict";

(function () {
  const article = document.getElementById("article-text");
  if (!article) return;
  const panel = document.createElement("div");
  panel.id = "extraction-panel";
  panel.setAttribute("aria-live", "polite");
  panel.textContent = "Hover a highlight to see what was extracted.";
  article.after(panel);
  let active = [];

  function show(span) {
    active.forEach((x) => x.classList.remove("active"));
    active = [...article.querySelectorAll('[data-ann="' + CSS.escape(span.dataset.ann) + '"]')];
    active.forEach((x) => x.classList.add("active"));
    panel.textContent = span.title + "  [" + span.dataset.start + "–" + span.dataset.end + "]";
  }

  article.addEventListener("mouseover", (evt) => {
    const span = evt.target.closest(".hl");
    if (span) show(span);
  });
  article.addEventListener("click", (evt) => {
    const span = evt.target.closest(".hl[data-entity]");
    if (span && evt.altKey) window.location.href = "/entities/" + encodeURIComponent(span.dataset.entity);
  });
  const focus = document.getElementById("focus");
  if (focus) focus.scrollIntoView({ block: "center" });
})();
