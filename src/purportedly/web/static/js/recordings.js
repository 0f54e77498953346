// The recordings registry: released intercepts, videos and audio, and every outlet that carried each.

import { getJSON } from "./api.js";
import { badge, empty, h, link, shorten } from "./dom.js";

function table(headers, rows, attrs = {}) {
  return h("table", { class: "data", ...attrs }, h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, rows));
}

function person(p) {
  return [p.role, p.name, p.unit, p.place].filter(Boolean).join(", ");
}

function recordingLabel(r) {
  const who = r.participants.map((p) => p.name || p.role).slice(0, 3).join(", ");
  return `${r.kind}${who ? ` — ${who}` : ""}`;
}

export async function recordingsPage() {
  const rows = await getJSON("/api/recordings");
  return h("div", {}, h("h1", {}, "Recordings"),
    h("p", { class: "intro" }, "Intercepted calls, videos and audio an agency released, one entry per recording however many outlets retold it: who released it and when, who is on it, and who carried it first."),
    rows.length ? table(["Recording", "Released by", "Release date", "Carried by", "First appearance", "Verification"],
      rows.map((r) => h("tr", { class: "recording-row" },
        h("th", { scope: "row" }, link(["recording", r.id], recordingLabel(r))),
        h("td", {}, r.releaser || h("span", { class: "muted" }, "unnamed")),
        h("td", {}, r.release_date || h("span", { class: "muted" }, "unknown")),
        h("td", { class: "small" }, `${r.carriages} article${r.carriages === 1 ? "" : "s"}: ${r.outlets.join(", ")}`),
        h("td", { class: "small" }, `${r.first_appearance.outlet || r.first_appearance.document} (${r.first_appearance.date || "undated"})`),
        h("td", { class: "small" }, r.verification))), { id: "recordings-table" })
      : empty("No recordings found in the stored articles yet."));
}

function facts(r) {
  const rows = [
    ["Kind", r.kind], ["Released by", r.releaser || "unnamed"], ["Platform", r.platform], ["Release date", r.release_date || "unknown"],
    ["Claimed place", r.place], ["Unit", r.unit], ["Time of the call", r.call_time],
    ["First appearance", `${r.first_appearance.outlet || r.first_appearance.document} (${r.first_appearance.date || "undated"})`],
  ].filter(([, value]) => value);
  return h("dl", { class: "facts" }, rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

function carriageItem(c) {
  const where = c.outlet || c.document;
  return h("li", { class: "card carriage", dataset: { outlet: where } },
    h("div", { class: "card-head" }, h("strong", {}, c.date || "undated"), " ", link(["article", String(c.article_id)], where),
      badge(c.carried), c.names_releaser ? badge(`names ${c.releaser}`) : badge("releaser not named", "neg")),
    h("p", { class: "meta" }, shorten(c.title || c.document, 110)),
    c.quotes.length ? h("ul", { class: "plain carriage-quotes" }, c.quotes.map((q) =>
      h("li", { class: "quote" }, q.verbatim ? `“${q.text}”` : h("em", {}, q.text)))) : h("p", { class: "muted small" }, "no quotes from it"));
}

function hedgesTable(carriages) {
  return table(["Outlet", "Date", "Hedges", "Names the releaser", "Verification"], carriages.map((c) =>
    h("tr", {}, h("th", { scope: "row" }, c.outlet || c.document), h("td", {}, c.date || ""),
      h("td", {}, c.hedges.length ? c.hedges.map((x) => badge(x)) : h("span", { class: "muted" }, "none")),
      h("td", {}, c.names_releaser ? "yes" : "no"),
      h("td", { class: "small" }, c.verified_by ? `verified by ${c.verified_by}` : c.unverified ? "says it could not verify it" : "says nothing"))),
  { id: "hedges-by-outlet" });
}

function variants(groups) {
  return h("div", { class: "quote-variants" }, groups.map((group) =>
    table(["Outlet", "Date", "Wording"], group.map((v) => h("tr", {}, h("th", { scope: "row" }, v.outlet || v.document),
      h("td", {}, v.date || ""), h("td", {}, v.verbatim ? `“${v.text}”` : h("em", {}, v.text)))), { class: "data variant" })));
}

export async function recordingPage(id) {
  const r = await getJSON(`/api/recordings/${encodeURIComponent(id)}`);
  return h("div", { class: "recording-page" },
    h("p", { class: "small" }, link(["recordings"], "← all recordings")),
    h("h1", {}, recordingLabel(r)),
    h("p", { class: "verification" }, r.verification),
    facts(r),
    h("h2", {}, "Participants"),
    r.participants.length ? h("ul", { class: "plain participants" }, r.participants.map((p) =>
      h("li", {}, person(p), p.spellings.length > 1 ? h("span", { class: "muted small" }, ` (spelled ${p.spellings.join(" / ")})`) : null)))
      : empty("The reports say nothing of who is on it."),
    h("h2", {}, `Carried by ${r.carriages.length} article${r.carriages.length === 1 ? "" : "s"}, first to last`),
    h("ol", { class: "cards carriages" }, r.carriages.map(carriageItem)),
    h("h2", {}, "Hedges by outlet"),
    hedgesTable(r.carriages),
    r.quote_variants.length ? [h("h2", {}, "Quotes worded differently"), variants(r.quote_variants)] : null);
}
