// The single-page workspace: a hash router that swaps the view in <main>.

import { getJSON } from "./api.js";
import { renderAnalysis } from "./article.js";
import { analyzePage } from "./analyze.js";
import { countsPage, timelinePage } from "./charts.js";
import { claimPage } from "./claim.js";
import { entitiesPage, sourcesPage, storiesPage } from "./corpus.js";
import { figuresPage } from "./figures.js";
import { clear, h } from "./dom.js";
import { recordingPage, recordingsPage } from "./recordings.js";
import { searchPage } from "./search.js";

async function articlePage(articleId) {
  const analysis = await getJSON(`/api/articles/${encodeURIComponent(articleId)}`);
  return renderAnalysis(analysis, articleId);
}

const ROUTES = {
  search: (_, params) => searchPage(params),
  article: ([id]) => articlePage(id),
  claim: ([articleId, claimId]) => claimPage(articleId, claimId),
  stories: () => storiesPage(),
  contradictions: () => figuresPage(),
  sources: () => sourcesPage(),
  entities: () => entitiesPage(),
  timeline: () => timelinePage(),
  counts: () => countsPage(),
  analyze: () => analyzePage(),
  recordings: () => recordingsPage(),
  recording: ([id]) => recordingPage(id),
};

function parseHash() {
  const raw = window.location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?");
  const [view, ...args] = path.split("/").filter(Boolean).map((part) => {
    try { return decodeURIComponent(part); } catch { return part; }
  });
  return { view: ROUTES[view] ? view : "search", args, params: new URLSearchParams(query) };
}

let renderCount = 0;

async function render() {
  const { view, args, params } = parseHash();
  const main = document.getElementById("view");
  const ticket = ++renderCount; // a slow earlier view must not overwrite a newer one
  for (const a of document.querySelectorAll("#nav a")) a.classList.toggle("active", a.dataset.view === view);
  main.setAttribute("aria-busy", "true");
  try {
    const page = await ROUTES[view](args, params);
    if (ticket !== renderCount) return;
    clear(main).append(page);
    main.dataset.view = view;
    main.dataset.rendered = String(ticket); // lets tests and tools wait for a finished render
  } catch (error) {
    if (ticket !== renderCount) return;
    clear(main).append(h("div", { class: "error" }, h("h1", {}, "Could not show this page"), h("p", {}, error.message)));
  } finally {
    if (ticket === renderCount) main.removeAttribute("aria-busy");
  }
  window.scrollTo(0, 0);
}

window.addEventListener("hashchange", render);
render();
