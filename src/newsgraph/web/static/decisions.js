// The decisions page: make a merge, split or mark-wrong decision, or undo one, through the JSON
// API (POST /api/v1/decisions, DELETE /api/v1/decisions/{id}) with the token printed by
// 'newsgraph serve --allow-writes' sent as "Authorization: Bearer TOKEN".
"use strict";

(function () {
  const token = document.getElementById("token");
  const status = document.getElementById("decision-status");
  if (!token || !status) return;
  token.value = sessionStorage.getItem("newsgraph-token") || "";
  token.addEventListener("change", () => sessionStorage.setItem("newsgraph-token", token.value.trim()));

  function say(text, ok) {
    status.textContent = text;
    status.className = "status " + (ok ? "ok" : "failed");
  }

  async function send(method, url, body) {
    const headers = { Accept: "application/json", Authorization: "Bearer " + token.value.trim() };
    if (body) headers["Content-Type"] = "application/json";
    const response = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
    let data = null;
    try { data = await response.json(); } catch (err) { data = null; }
    if (!response.ok) {
      const detail = data && (data.detail || data.message || data.error);
      throw new Error(typeof detail === "string" ? detail : JSON.stringify(detail || response.status));
    }
    return data || {};
  }

  for (const form of document.querySelectorAll("form.decision-form")) {
    form.addEventListener("submit", async (evt) => {
      evt.preventDefault();
      const kind = form.dataset.kind;
      const a = form.elements.namedItem("a").value.trim();
      const b = form.elements.namedItem("b").value.trim();
      const note = form.elements.namedItem("note").value.trim();
      let body;
      if (kind === "merge") body = { kind: "merge", a: a, b: b };
      else if (kind === "split") body = { kind: "split", entity: a, alias: b };
      else body = { kind: form.elements.namedItem("what").value, doc_id: a, record_id: b };
      if (note) body.note = note;
      try {
        const result = await send("POST", "/api/v1/decisions", body);
        say("Done: " + (result.text || result.decision || kind) + ". Reloading…", true);
        window.location.reload();
      } catch (err) {
        say(kind + " failed: " + err.message, false);
      }
    });
  }

  document.getElementById("decisions").addEventListener("click", async (evt) => {
    const button = evt.target.closest("button.undo");
    if (!button) return;
    try {
      await send("DELETE", "/api/v1/decisions/" + encodeURIComponent(button.dataset.decision));
      say("Undone. Reloading…", true);
      window.location.reload();
    } catch (err) {
      say("undo failed: " + err.message, false);
    }
  });
})();
