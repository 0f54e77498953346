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
  return h("li", { class: "card" }, badge(conflict.kind === "revision" ? "figure revised" : "figures differ", "neg"), " ",
    link(["contradictions"], conflict.what),
    h("ul", { class: "plain small" }, conflict.reports.map((r) => h("li", {},
      `${r.date || "undated"} `, h("strong", {}, `${r.qualifier ? r.qualifier + " " : ""}${r.number}`), " — ",
      link(["article", r.article], r.outlet), r.source ? ` (according to ${r.source})` : "", ": ", h("q", {}, r.text)))));
}

function denialItem(d) {
  return h("li", { class: "card denial" }, badge("denial", "neg"), " ", h("q", {}, d.sentence), " — ",
    d.claim ? link(["claim", d.article, d.claim], d.outlet) : d.outlet, d.date ? ` · ${d.date}` : "");
}

function corroborationBox(view) {
  return h("p", { class: `corroboration${view.independent_origins === 1 ? " single" : ""}` },
    `Carried by ${view.corroboration}.`,
    view.independent_origins === 1 && view.articles > 1
      ? " However many articles repeat it, they all go back to one origin: that is not independent confirmation." : "");
}

export async function claimPage(articleId, claimId) {
  const view = await getJSON(`/api/articles/${encodeURIComponent(articleId)}/claims/${encodeURIComponent(claimId)}`);
  const conflicts = view.contradictions.length + view.denials.length + view.count_conflicts.length;
  const denialOf = view.denial_of || [];
  const speaker = view.quote?.speaker;
  return h("div", { class: "claim-view" },
    h("p", { class: "crumbs" }, link(["article", articleId], `← ${view.title}`)),
    h("h1", { class: "claim-title" }, view.claim.text),
    h("p", { class: "meta" }, factualityBadge(view.claim.factuality), " ",
      speaker ? `quoted speaker: ${speaker}` : "speaker not named", " · ",
      `factuality cues: ${(view.claim.factuality.cues || []).join(", ") || "none"}`),
    h("div", { class: "stats" },
      stat(view.articles, view.articles === 1 ? "article carries it" : "articles carry it", "this article and every other stored article with the same claim (its own other sentences are not counted)"),
      stat(view.independent_reports, "independent reports", "articles, with copies of one text (reprints, syndication) counted once"),
      stat(view.independent_origins, "independent origins", `distinct original sources the reports trace back to (one agency as speaker and releaser is one): ${view.origins.join(", ")}`),
      stat(conflicts, "contradictions", "reports with opposite polarity, denials of this claim, and figures this article gives that other reports contradict")),
    corroborationBox(view),
    denialOf.length ? h("div", { class: "denial-of" }, h("strong", {}, "This is a denial. It denies: "),
      h("ul", { class: "plain" }, denialOf.map((d) => h("li", {}, h("q", {}, d.sentence), " — ", link(["claim", d.article, d.claim], d.outlet))))) : null,
    h("section", {}, h("h2", {}, "Provenance"),
      h("p", { class: "muted small" }, "From the original speaker (left) through recordings, releasing agencies and relaying outlets to each article (right). Click an article to open it."),
      h("div", { class: "graph-wrap" }, provenanceGraph(view.graph))),
    h("section", {}, h("h2", {}, "This report's chain"), chainView(view.chain)),
    h("section", {}, h("h2", {}, "Other reports ", badge(String(view.other_reports.length))),
      view.other_reports.length ? h("ul", { class: "cards" }, view.other_reports.map(reportItem))
        : empty("No other stored article carries this claim."),
      view.same_article?.length ? h("p", { class: "muted small" }, `This article says it ${view.same_article.length + 1} times (headline, summary or body); that is one report.`) : null),
    h("section", {}, h("h2", {}, "Contradictions ", badge(String(conflicts))),
      conflicts
        ? h("ul", { class: "cards" }, view.contradictions.map(reportItem),
          view.denials.map(denialItem),
          view.count_conflicts.map(countConflict))
        : empty("Nothing in the corpus contradicts or denies this claim.")));
}
