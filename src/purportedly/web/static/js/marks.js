// Turn an Analysis's offsets into coloured, labelled marks over the article text (displaCy spirit).

import { h } from "./dom.js";

export const LAYERS = [
  { key: "quote", label: "Quote", help: "words inside quotation marks or a labelled turn" },
  { key: "speaker", label: "Speaker", help: "who the quote is attributed to, where the text names them" },
  { key: "hedge", label: "Hedge", help: "a cue that weakens or qualifies what is asserted" },
  { key: "source", label: "Source", help: "an agency, outlet, official or person cited as a source" },
  { key: "entity", label: "Entity", help: "person, organisation or place" },
  { key: "time", label: "Time", help: "a date expression; the badge shows the day it was fixed to" },
];

function valid(span, length) {
  return Number.isInteger(span?.start) && Number.isInteger(span?.end) && span.start >= 0 &&
    span.end <= length && span.start < span.end;
}

/** Every markable span of an Analysis: {start, end, layer, tag, title, quoteId}. */
export function collectSpans(analysis) {
  const spans = [];
  const add = (span, layer, tag, title, extra = {}) => spans.push({ start: span.start, end: span.end, layer, tag, title, ...extra });
  for (const q of [...(analysis.quotes || []), ...(analysis.indirect_quotes || [])]) {
    const who = q.speaker || "unknown speaker";
    add(q, "quote", q.kind === "indirect" ? `reported · ${who}` : who,
      `${q.kind} quote — speaker: ${who}${q.cue ? ` — cue: ${q.cue}` : ""}`, { quoteId: q.id });
    if (q.speaker_mention) add(q.speaker_mention, "speaker", "", `speaker of ${q.id}: ${who}`);
  }
  for (const hd of analysis.hedges || []) add(hd, "hedge", hd.category, `hedge (${hd.category}): ${hd.cue}`);
  for (const s of analysis.sources || []) {
    for (const m of s.mentions || []) add(m, "source", "", `source: ${s.name} (${s.kind})`);
  }
  for (const e of analysis.entities || []) {
    for (const m of e.mentions || []) add(m, "entity", e.type, `${e.type}: ${e.name}`, { entityType: e.type });
  }
  for (const t of analysis.times || []) add(t, "time", t.value || "", `time: ${t.text} → ${t.value || "not fixed"}`);
  return spans;
}

/** Render text[from:to] with the spans that fall in it, as a DocumentFragment of text and marks. */
export function renderRange(text, from, to, spans) {
  const inside = spans.filter((s) => valid(s, text.length) && s.start < to && s.end > from);
  const cuts = new Set([from, to]);
  for (const s of inside) {
    cuts.add(Math.max(s.start, from));
    cuts.add(Math.min(s.end, to));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const active = inside.filter((s) => s.start <= a && s.end >= b);
    fragment.append(piece(text.slice(a, b), active, b));
  }
  return fragment;
}

function typeClass(span) {
  return span.entityType ? ` ent-${span.entityType.toLowerCase()}` : "";
}

function piece(text, active, pieceEnd) {
  if (!active.length) return document.createTextNode(text);
  const classes = [...new Set(active.map((s) => `m-${s.layer}${typeClass(s)}`))];
  const el = h("span", { class: `mark ${classes.join(" ")}`, title: active.map((s) => s.title).join("\n") }, text);
  // the innermost quote (latest start) owns the piece, so a nested quote stays findable
  const quote = active.filter((s) => s.quoteId).sort((a, b) => b.start - a.start)[0];
  if (quote) el.dataset.quote = quote.quoteId;
  // Label badges follow the last piece of their span, as displaCy puts them at the end; they sit
  // outside the mark so they do not inherit its underline, and inside any enclosing quote piece's flow.
  const tags = active.filter((s) => s.end === pieceEnd && s.tag)
    .map((s) => h("span", { class: `tag tag-${s.layer}${typeClass(s)}`, "aria-hidden": "true" }, s.tag));
  if (!tags.length) return el;
  const fragment = document.createDocumentFragment();
  fragment.append(el, ...tags);
  return fragment;
}

/** The legend, whose checkboxes show or hide a layer by toggling a class on `target`. */
export function legend(target, counts) {
  const items = LAYERS.map((layer) => {
    const box = h("input", { type: "checkbox", checked: true, "aria-label": `show ${layer.label}` });
    box.addEventListener("change", () => target.classList.toggle(`hide-${layer.key}`, !box.checked));
    return h("label", { class: "legend-item", title: layer.help }, box,
      h("span", { class: `swatch m-${layer.key}` }, layer.label), h("span", { class: "muted" }, ` ${counts[layer.key] || 0}`));
  });
  return h("div", { class: "legend", role: "group", "aria-label": "Marks shown" }, ...items);
}
