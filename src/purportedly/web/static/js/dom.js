// DOM helpers: every piece of data enters the page as textContent or an attribute, never as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.setAttribute("class", value);
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  return el;
}

/** h("a", {href: "#/x", class: "y"}, "text", child...) */
export function h(tag, attrs, ...children) {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

export function svg(tag, attrs, ...children) {
  return append(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** A same-page link; ids are encoded so any stored document name stays one path segment. */
export function link(parts, label, attrs = {}) {
  const href = "#/" + parts.map((p) => encodeURIComponent(p)).join("/");
  return h("a", { href, ...attrs }, label);
}

export function badge(text, kind = "") {
  return h("span", { class: `badge ${kind}`.trim() }, text);
}

export function shorten(text, max = 60) {
  const s = String(text ?? "");
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

export function empty(message) {
  return h("p", { class: "empty" }, message);
}

export function factualityBadge(factuality) {
  const value = factuality?.value || "Uu";
  const tone = value.endsWith("-") ? "neg" : { "CT+": "ct", "PR+": "pr", "PS+": "ps" }[value] || "uu";
  const words = { certain: "certain", probable: "probable", possible: "possible", unknown: "uncommitted" };
  const negated = factuality?.polarity === "negative" ? "not " : "";
  const title = `${negated}${words[factuality?.certainty] || "unknown"} — cues: ${(factuality?.cues || []).join(", ") || "none"}`;
  return h("span", { class: `badge fact fact-${tone}`, title }, value);
}
