// Analyse a pasted article without storing it, and show it like a stored article.

import { postJSON } from "./api.js";
import { renderAnalysis } from "./article.js";
import { clear, h } from "./dom.js";

export function analyzePage() {
  const output = h("div", { class: "analysis-output" });
  const text = h("textarea", { name: "text", rows: 12, required: true, "aria-label": "article text",
    placeholder: "Paste a news article here: headline, byline and body as plain text…" });
  const status = h("span", { class: "status muted", role: "status" });
  const button = h("button", { type: "submit" }, "Analyse");
  const form = h("form", { class: "analyze-form" },
    text, h("div", { class: "form-row" }, button, status));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    status.textContent = "Analysing…";
    try {
      const analysis = await postJSON("/api/analyze", { text: text.value });
      clear(output).append(renderAnalysis(analysis));
      output.scrollIntoView({ behavior: "smooth", block: "start" });
      status.textContent = "Done. Nothing was stored.";
    } catch (error) {
      status.textContent = `Could not analyse: ${error.message}`;
    } finally {
      button.disabled = false;
    }
  });
  return h("div", { class: "analyze-view" }, h("h1", {}, "Analyse a text"),
    h("p", { class: "intro" }, "Paste an article to see its quotes, speakers, sources, hedges and claims. The text is analysed on this machine and is not added to the corpus."),
    form, output);
}
