// Corpus tables: same-story clusters, sources (how often cited, how hedged), entities with aliases.

import { getJSON } from "./api.js";
import { badge, empty, h, link, shorten, svg } from "./dom.js";
import { resultCard } from "./search.js";

function storyQuotes(quotes) {
  if (!quotes.length) return null;
  return h("details", { class: "shared-quotes" }, h("summary", {}, `${quotes.length} quote${quotes.length === 1 ? "" : "s"} carried by several outlets`),
    h("ul", { class: "plain small" }, quotes.map((q) => h("li", {}, h("q", {}, q.text), " — ",
      `${q.articles} articles, ${q.first}`,
      q.wordings.length > 1 ? h("span", { class: "muted" }, ` (${q.wordings.length} wordings)`) : null))));
}

export async function storiesPage() {
  const page = await getJSON("/api/stories");
  const clusters = page.stories;
  let state;
  if (!page.articles) state = empty("No articles stored yet.");
  else if (!clusters.length) state = empty(`Nothing clustered: none of the ${page.articles} stored articles tells the same story as another.`);
  return h("div", {}, h("h1", {}, "Stories"),
    h("p", { class: "intro" }, "Articles are one story when they agree on its particulars: the places and people named, the figures, the dates, the quotes and the words. A reprint or syndicated copy is listed as a copy, not as another report."),
    clusters.length ? h("p", { class: "muted small" }, `${clusters.length} stor${clusters.length === 1 ? "y" : "ies"} told by several articles; ${page.single === 1 ? "1 article tells a story of its own" : `${page.single} articles tell stories of their own`} (not listed).`) : null,
    clusters.length ? h("ol", { class: "clusters" }, clusters.map((c) => h("li", { class: "cluster" },
      h("h2", {}, c.title, " ", badge(`${c.size} articles`), " ", badge(`${c.outlets.length} outlet${c.outlets.length === 1 ? "" : "s"}`)),
      h("p", { class: "meta" }, `first reported ${c.first_date || "(undated)"} · ${c.outlets.join(", ")}`,
        c.figures ? [" · ", link(["contradictions"], `${c.figures} figure${c.figures === 1 ? " differs" : "s differ"} across its reports`)] : null),
      c.copies.length ? h("p", { class: "small copies" }, "Copies of one text (one report): ", c.copies.map((g) => g.join(" = ")).join("; ")) : null,
      storyQuotes(c.quotes),
      h("ol", { class: "cards" }, c.articles.map((row) => resultCard(row)))))) : state);
}

function shareBar(share) {
  const width = 120;
  return svg("svg", { class: "bar", width, height: 12, viewBox: `0 0 ${width} 12`, role: "img", "aria-label": `${Math.round(share * 100)}% hedged` },
    svg("rect", { class: "bar-bg", width, height: 12, rx: 3 }),
    svg("rect", { class: "bar-fg", width: Math.max(0, Math.min(1, share)) * width, height: 12, rx: 3 }));
}

function table(headers, rows) {
  return h("table", { class: "data" }, h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, rows));
}

/** A box that hides the table rows not containing what is typed (names, aliases, kinds). */
function filtered(tableEl, what) {
  const input = h("input", { type: "search", class: "table-filter", placeholder: `Filter ${what}…`, "aria-label": `filter ${what}` });
  const count = h("span", { class: "muted small" });
  const rows = [...tableEl.tBodies[0].rows];
  const update = () => {
    const needle = input.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const hit = !needle || row.textContent.toLowerCase().includes(needle);
      row.hidden = !hit;
      shown += hit;
    }
    count.textContent = ` ${shown} of ${rows.length}`;
  };
  input.addEventListener("input", update);
  update();
  return [h("div", { class: "table-tools" }, input, count), tableEl];
}

// refs: the first articles (the API sends a few); total: how many there are in all
function articleLinks(refs, total = refs.length) {
  const shown = refs.slice(0, 4).map((ref) => h("li", {}, link(["article", ref.id], shorten(ref.title, 48), { title: ref.title })));
  if (total > 4) shown.push(h("li", { class: "muted" }, `and ${total - 4} more`));
  return h("ul", { class: "article-refs" }, shown);
}

export async function sourcesPage() {
  const rows = await getJSON("/api/sources");
  return h("div", {}, h("h1", {}, "Sources"),
    h("p", { class: "intro" }, "Every cited source under one name: how many articles cite it, how often, and what share of those mentions sit in a hedged sentence."),
    rows.length ? filtered(table(["Source", "Kind", "Cited in", "Mentions", "Hedged", "Also called", "Articles"],
      rows.map((r) => h("tr", {}, h("th", { scope: "row" }, h("a", { href: `#/search?source=${encodeURIComponent(r.name)}` }, r.name)),
        h("td", {}, badge(r.kind)), h("td", { class: "num" }, String(r.cited_in)), h("td", { class: "num" }, String(r.mentions)),
        h("td", {}, shareBar(r.hedged_share), ` ${Math.round(r.hedged_share * 100)}%`),
        h("td", { class: "small" }, r.aliases.join(", ")), h("td", { class: "small" }, articleLinks(r.articles, r.cited_in))))), "sources")
      : empty("No sources found in the stored articles yet."));
}

export async function entitiesPage() {
  const rows = await getJSON("/api/entities");
  return h("div", {}, h("h1", {}, "Entities"),
    h("p", { class: "intro" }, "People, organisations and places under one canonical name, with every spelling and alias the articles use."),
    rows.length ? filtered(table(["Name", "Type", "Aliases", "Described as", "Articles", "Mentions"],
      rows.map((r) => h("tr", {}, h("th", { scope: "row" }, r.name), h("td", {}, badge(r.type, `ent ent-${r.type.toLowerCase()}`)),
        h("td", { class: "small" }, r.aliases.join(", ")), h("td", { class: "small" }, r.descriptors.join(", ")),
        h("td", { class: "small" }, articleLinks(r.articles, r.cited_in)), h("td", { class: "num" }, String(r.mentions))))), "entities")
      : empty("No entities found in the stored articles yet."));
}
