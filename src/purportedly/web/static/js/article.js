// The article view: marked text, story furniture shown apart, and a side panel of claims and quotes.

import { badge, empty, factualityBadge, h, link, shorten } from "./dom.js";
import { collectSpans, legend, renderRange } from "./marks.js";

const APART = new Set(["caption", "credit", "key_point", "key_points_header"]);
const STORY_TAG = { title: "h2", heading: "h3", standfirst: "p", body: "p", boilerplate: "p" };
const META = new Set(["byline", "date", "timestamp"]);

// Text between segments with no letter or digit is layout (bullet markers, rules), not story.
const WORDY = /[\p{L}\p{N}]/u;

/** Segments in text order, with any uncovered wordy text as body so nothing is hidden. */
function storySegments(analysis) {
  const text = analysis.article.text;
  const segments = [...(analysis.article.segments || [])]
    .filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end)
    .sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const seg of segments) {
    if (seg.start < at) continue; // overlapping segment: keep the first
    if (WORDY.test(text.slice(at, seg.start))) out.push({ kind: "body", start: at, end: seg.start });
    out.push(seg);
    at = seg.end;
  }
  if (WORDY.test(text.slice(at))) out.push({ kind: "body", start: at, end: text.length });
  return out;
}

function storyBlock(seg, text, spans) {
  const marked = renderRange(text, seg.start, seg.end, spans);
  if (META.has(seg.kind)) return h("p", { class: `seg seg-meta seg-${seg.kind}` }, marked);
  const tag = STORY_TAG[seg.kind] || "p";
  return h(tag, { class: `seg seg-${seg.kind}` }, marked);
}

function renderStory(analysis, spans) {
  const text = analysis.article.text;
  const story = h("div", { class: "story" });
  let dateline = null;
  for (const seg of storySegments(analysis)) {
    if (APART.has(seg.kind)) continue;
    if (seg.kind === "dateline") { // a prefix of the next paragraph: keep it inline there
      dateline = h("span", { class: "seg-dateline" }, renderRange(text, seg.start, seg.end, spans), " ");
      continue;
    }
    const block = storyBlock(seg, text, spans);
    if (dateline) { block.prepend(dateline); dateline = null; }
    story.append(block);
  }
  if (dateline) story.append(h("p", { class: "seg" }, dateline));
  if (!story.childNodes.length) story.append(empty("This article has no text."));
  return story;
}

function renderApart(analysis, spans) {
  const text = analysis.article.text;
  const segs = analysis.article.segments || [];
  const keyPoints = segs.filter((s) => s.kind === "key_point");
  const captions = segs.filter((s) => s.kind === "caption" || s.kind === "credit");
  if (!keyPoints.length && !captions.length) return null;
  const box = h("aside", { class: "apart", "aria-label": "Not part of the story" },
    h("p", { class: "apart-note" }, "Shown apart from the story: summary bullets and photo captions are the outlet's furniture, not reporting."));
  if (keyPoints.length) {
    box.append(h("h3", {}, "Key points"),
      h("ul", { class: "key-points" }, keyPoints.map((s) => h("li", {}, renderRange(text, s.start, s.end, spans)))));
  }
  if (captions.length) {
    box.append(h("h3", {}, "Captions and credits"),
      h("ul", { class: "captions" }, captions.map((s) =>
        h("li", { class: `cap-${s.kind}` }, badge(s.kind), " ", renderRange(text, s.start, s.end, spans)))));
  }
  return box;
}

export function chainView(chain) {
  if (!chain?.length) return h("p", { class: "muted small" }, "No source chain found.");
  const steps = [];
  chain.forEach((step, i) => {
    if (i) steps.push(h("span", { class: "arrow", "aria-hidden": "true" }, "→"));
    steps.push(h("span", { class: `chip role-${step.role}`, title: `${step.role} · ${step.kind}` }, shorten(step.name, 40)));
  });
  return h("div", { class: "chain", "aria-label": "source chain, original speaker first" }, steps);
}

function flashQuote(root, quoteId) {
  const marks = root.querySelectorAll(`[data-quote="${CSS.escape(quoteId)}"]`);
  if (!marks.length) return;
  marks[0].scrollIntoView({ behavior: "smooth", block: "center" });
  for (const m of marks) { m.classList.remove("flash"); void m.offsetWidth; m.classList.add("flash"); }
}

function claimCard(claim, articleId, root) {
  const actions = h("div", { class: "card-actions" });
  if (claim.quote_id) actions.append(h("button", { type: "button", class: "linklike", onclick: () => flashQuote(root, claim.quote_id) }, "Show in text"));
  if (articleId) actions.append(link(["claim", articleId, claim.id], "Provenance →", { class: "claim-link" }));
  return h("li", { class: "card claim-card" },
    h("div", { class: "card-head" }, factualityBadge(claim.factuality)),
    h("p", { class: "claim-text" }, shorten(claim.text, 220)),
    chainView(claim.chain), actions);
}

function quoteItem(q, root) {
  return h("li", { class: "quote-item" },
    h("button", { type: "button", class: "linklike", title: "show in text", onclick: () => flashQuote(root, q.id) },
      h("strong", {}, q.speaker || "unknown speaker")),
    q.cue ? h("span", { class: "muted" }, ` ${q.cue}`) : null, ": ",
    h("q", {}, shorten(q.text, 140)));
}

function sidePanel(analysis, articleId, root) {
  const claims = analysis.claims || [];
  const quotes = [...(analysis.quotes || []), ...(analysis.indirect_quotes || [])];
  const sources = analysis.sources || [];
  return h("aside", { class: "side" },
    h("section", {}, h("h2", {}, `Claims `, badge(String(claims.length))),
      h("p", { class: "muted small" }, "How sure the text makes each claim: CT certain, PR probable, PS possible, Uu uncommitted; + asserted, − denied. The chain runs from the original speaker to this article."),
      claims.length ? h("ol", { class: "cards" }, claims.map((c) => claimCard(c, articleId, root)))
        : empty("No claims found in this article.")),
    h("section", {}, h("h2", {}, "Quotes ", badge(String(quotes.length))),
      quotes.length ? h("ul", { class: "quotes" }, quotes.map((q) => quoteItem(q, root))) : empty("No quotes found.")),
    h("section", {}, h("h2", {}, "Sources ", badge(String(sources.length))),
      sources.length ? h("ul", { class: "plain" }, sources.map((s) => h("li", {}, h("strong", {}, s.name), " ",
        badge(s.kind), s.aliases?.length ? h("span", { class: "muted small" }, ` also: ${s.aliases.join(", ")}`) : null)))
        : empty("No sources found.")));
}

function header(analysis) {
  const meta = [analysis.outlet, analysis.date, analysis.authors?.length ? `by ${analysis.authors.join(", ")}` : null,
    analysis.document].filter(Boolean);
  return h("header", { class: "article-head" },
    h("h1", {}, analysis.title || analysis.document || "Untitled article"),
    h("p", { class: "meta" }, meta.join(" · ")));
}

/** The full article view for an Analysis; articleId links claims to their provenance pages. */
export function renderAnalysis(analysis, articleId = null) {
  const spans = collectSpans(analysis);
  const counts = {};
  for (const s of spans) counts[s.layer] = (counts[s.layer] || 0) + 1;
  const textColumn = h("div", { class: "text-column" });
  const root = h("div", { class: "article-view" });
  textColumn.append(legend(textColumn, counts),
    h("p", { class: "muted small legend-help" }, "Hover over a mark for details; untick a layer to hide it."),
    renderApart(analysis, spans) || "", renderStory(analysis, spans));
  root.append(header(analysis), h("div", { class: "article-grid" }, textColumn, sidePanel(analysis, articleId, root)));
  return root;
}
