// The claim view: provenance graph, other reports carrying the claim, origins and contradictions.

import { getJSON } from "./api.js";
import { chainView } from "./article.js";
import { badge, empty, factualityBadge, h, link } from "./dom.js";
import { provenanceGraph } from "./graph.js";

function reportItem(report) {
  return h("li", { class: "card" },
    h("div", { class: "card-head" }, factualityBadge(report.claim.factuality), " ",
      link(["article", report.article], report.title), h("span", { class: "muted small" },
        ` ${[report.outlet, report.date].filter(Boolean).join(" · ")}`)),
    h("p", { class: "claim-text" }, report.claim.text),
    chainView(report.chain));
}

function stat(value, label, help) {
  return h("div", { class: "stat", title: help }, h("span", { class: "stat-value" }, String(value)), h("span", { class: "stat-label" }, label));
}

function countConflict(conflict) {
  return h("li", { class: "card" }, badge("figures differ", "neg"), " ", conflict.summary,
    h("ul", { class: "plain small" }, conflict.reports.map((r) => h("li", {},
      h("strong", {}, `${r.qualifier ? r.qualifier + " " : ""}${r.number}`), " ", h("q", {}, r.text), " — ",
      link(["article", r.article], r.outlet)))));
}

export async function claimPage(articleId, claimId) {
  const view = await getJSON(`/api/articles/${encodeURIComponent(articleId)}/claims/${encodeURIComponent(claimId)}`);
  const conflicts = view.contradictions.length + view.denials.length + view.count_conflicts.length;
  const speaker = view.quote?.speaker;
  return h("div", { class: "claim-view" },
    h("p", { class: "crumbs" }, link(["article", articleId], `← ${view.title}`)),
    h("h1", { class: "claim-title" }, view.claim.text),
    h("p", { class: "meta" }, factualityBadge(view.claim.factuality), " ",
      speaker ? `quoted speaker: ${speaker}` : "speaker not named", " · ",
      `factuality cues: ${(view.claim.factuality.cues || []).join(", ") || "none"}`),
    h("div", { class: "stats" },
      stat(view.other_reports.length + 1, "reports carry it", "this article and every other stored article with the same claim"),
      stat(view.independent_origins, "independent origins", `distinct releasers/recordings the reports trace back to: ${view.origins.join(", ")}`),
      stat(conflicts, "contradictions", "reports with opposite polarity, denials in the same sentence, and figures this article gives that other reports contradict")),
    h("section", {}, h("h2", {}, "Provenance"),
      h("p", { class: "muted small" }, "From the original speaker (left) through recordings, releasing agencies and relaying outlets to each article (right). Click an article to open it."),
      h("div", { class: "graph-wrap" }, provenanceGraph(view.graph))),
    h("section", {}, h("h2", {}, "This report's chain"), chainView(view.chain)),
    h("section", {}, h("h2", {}, "Other reports ", badge(String(view.other_reports.length))),
      view.other_reports.length ? h("ul", { class: "cards" }, view.other_reports.map(reportItem))
        : empty("No other stored article carries this claim.")),
    h("section", {}, h("h2", {}, "Contradictions ", badge(String(conflicts))),
      conflicts
        ? h("ul", { class: "cards" }, view.contradictions.map(reportItem),
          view.denials.map((d) => h("li", { class: "card" }, badge("denial", "neg"), " ", h("q", {}, d.sentence))),
          view.count_conflicts.map(countConflict))
        : empty("Nothing in the corpus contradicts or denies this claim.")));
}
