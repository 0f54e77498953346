// The search view: free text plus filters (speaker, source, outlet, dates, factuality), results below.

import { getJSON } from "./api.js";
import { badge, clear, empty, h, link } from "./dom.js";

const FACTUALITY_HELP = { "CT+": "certain", "PR+": "probable", "PS+": "possible", "Uu": "uncommitted",
  "CT-": "certainly not", "PR-": "probably not", "PS-": "possibly not" };

export function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The snippet with each hit of the query wrapped in <mark> (built as text nodes, never parsed). */
function highlighted(text, query) {
  const needle = (query || "").trim().toLowerCase();
  if (!needle) return text;
  const parts = [];
  let at = 0;
  const lower = text.toLowerCase();
  for (let hit = lower.indexOf(needle); hit >= 0; hit = lower.indexOf(needle, at)) {
    parts.push(text.slice(at, hit), h("mark", {}, text.slice(hit, hit + needle.length)));
    at = hit + needle.length;
  }
  parts.push(text.slice(at));
  return parts;
}

export function resultCard(row, query = "") {
  return h("li", { class: "card result" },
    h("h3", {}, link(["article", row.id], row.title)),
    h("p", { class: "meta" }, [row.outlet, row.date, row.document].filter(Boolean).join(" · ")),
    h("p", { class: "snippet" }, highlighted(row.snippet, query)),
    h("p", { class: "small muted" }, ["quote", "claim", "source", "hedge"].map((k) => plural(row[`${k}s`], k)).join(" · ")));
}

function field(label, input) {
  return h("label", { class: "field" }, h("span", {}, label), input);
}

function datalist(id, values) {
  return h("datalist", { id }, values.map((v) => h("option", { value: v })));
}

function select(name, values, labels = {}) {
  return h("select", { name }, h("option", { value: "" }, "any"),
    values.map((v) => h("option", { value: v }, labels[v] ? `${v} (${labels[v]})` : v)));
}

function form(facets, params) {
  const el = h("form", { class: "search-form", role: "search" },
    h("div", { class: "search-main" },
      h("input", { name: "q", type: "search", placeholder: "Search the text of every article…", "aria-label": "search text" }),
      h("button", { type: "submit" }, "Search")),
    h("div", { class: "filters" },
      field("Speaker", h("input", { name: "speaker", list: "dl-speakers", placeholder: "any" })),
      field("Source", h("input", { name: "source", list: "dl-sources", placeholder: "any" })),
      field("Outlet", select("outlet", facets.outlets)),
      field("From", h("input", { name: "date_from", type: "date" })),
      field("To", h("input", { name: "date_to", type: "date" })),
      field("Factuality", select("factuality", facets.factuality, FACTUALITY_HELP))),
    datalist("dl-speakers", facets.speakers), datalist("dl-sources", facets.sources));
  for (const [key, value] of params) if (el.elements[key]) el.elements[key].value = value;
  return el;
}

export async function searchPage(params) {
  const facets = await getJSON("/api/facets");
  const results = h("div", { class: "results" });
  const searchForm = form(facets, params);
  searchForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(searchForm)) if (value) query.set(key, value);
    window.location.hash = `#/search?${query}`;
  });
  const intro = h("p", { class: "intro" },
    `${facets.articles} articles in this corpus`,
    facets.date_min ? `, published ${facets.date_min} to ${facets.date_max}` : "",
    ". Search their text, or narrow by who is quoted, which source is cited, the outlet, the date or how certain a claim is made to sound. ",
    "Open an article to see its quotes, speakers, hedges and sources marked in the text.");
  if (!facets.articles) {
    intro.append(h("strong", {}, " This corpus is empty: ingest articles into its db, or paste one under “Analyse a text”."));
  }
  const page = h("div", { class: "search-view" }, h("h1", {}, "Search the corpus"), intro, searchForm, results);
  await showResults(results, params);
  return page;
}

async function showResults(container, params) {
  const data = await getJSON("/api/search", Object.fromEntries(params));
  clear(container);
  container.append(h("p", { class: "muted" }, `${data.total} matching article${data.total === 1 ? "" : "s"}`, " ",
    data.total > data.results.length ? badge(`showing ${data.results.length}`) : ""));
  container.append(data.results.length ? h("ol", { class: "cards" }, data.results.map((row) => resultCard(row, params.get("q"))))
    : empty("Nothing matches. Loosen a filter or search for fewer words."));
}
