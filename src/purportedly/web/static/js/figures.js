// Figures across reports: contradictions (one day) and revisions (over days), on a time axis per story.

import { getJSON } from "./api.js";
import { badge, empty, h, link, svg } from "./dom.js";

const DAY = 86_400_000;

function dayNumber(iso) {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
}

function figureText(report) {
  return `${report.qualifier ? report.qualifier + " " : ""}${report.number}`;
}

/** The figures of one contradiction or revision as dots on a date (x) by figure (y) chart. */
function figureChart(item) {
  const dated = item.reports.filter((r) => r.date);
  if (!dated.length) return null;
  const width = 640, height = 180, pad = 46;
  const days = dated.map((r) => dayNumber(r.date));
  const first = Math.min(...days), last = Math.max(...days);
  const top = Math.max(...dated.map((r) => r.number)), bottom = Math.min(0, ...dated.map((r) => r.number));
  const x = (d) => (last > first ? pad + ((d - first) / (last - first)) * (width - 2 * pad) : width / 2);
  const y = (n) => height - 30 - ((n - bottom) / Math.max(1, top - bottom)) * (height - 60);
  const chart = svg("svg", { class: "figure-chart", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": `${item.what}: figures by publication date` },
    svg("line", { class: "axis", x1: pad, x2: width - pad, y1: height - 30, y2: height - 30 }));
  const points = dated.map((r) => ({ r, cx: x(dayNumber(r.date)), cy: y(r.number) }));
  if (item.kind === "revision" && points.length > 1) {
    chart.append(svg("polyline", { class: "figure-line", points: points.map((p) => `${p.cx},${p.cy}`).join(" ") }));
  }
  for (const date of [...new Set(dated.map((r) => r.date))]) {
    chart.append(svg("text", { class: "axis-label mid", x: x(dayNumber(date)), y: height - 10 }, date));
  }
  for (const { r, cx, cy } of points) {
    chart.append(svg("a", { href: `#/article/${encodeURIComponent(r.article)}` },
      svg("circle", { class: `dot${r.qualifier ? " bound" : ""}`, cx, cy, r: 6 },
        svg("title", {}, `${r.date} · ${r.outlet || r.document}: ${figureText(r)}${r.source ? " (according to " + r.source + ")" : ""}`)),
      svg("text", { class: "dot-label", x: cx + 9, y: cy + 4 }, figureText(r))));
  }
  return chart;
}

function explain(item) {
  if (item.kind === "revision") {
    const parts = ["The figure changed between reports published on different days; read it as a timeline, oldest first."];
    if (item.flags.includes("went down")) parts.push("It went down at some point: a later report gives fewer than an earlier one did.");
    if (item.flags.includes("same-day disagreement")) parts.push("On at least one day, outlets gave figures that cannot both be true.");
    return parts.join(" ");
  }
  return "Reports of the same day (or undated) give figures that cannot all be true. \"At least\" and \"more than\" are floors: a larger figure does not contradict them.";
}

function itemCard(item) {
  const chart = figureChart(item);
  return h("li", { class: `card figure-item figure-${item.kind}` },
    h("div", { class: "card-head" }, badge(item.kind, item.kind === "contradiction" ? "neg" : "warn"),
      h("strong", {}, item.what), ...item.flags.map((f) => badge(f, "neg"))),
    h("p", { class: "muted small" }, explain(item)),
    chart,
    h("table", { class: "data figure-reports" },
      h("thead", {}, h("tr", {}, ["Date", "Figure", "Outlet", "Source", "Sentence"].map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, item.reports.map((r) => h("tr", {},
        h("td", {}, r.date || "undated"), h("td", { class: "num" }, figureText(r)),
        h("td", {}, link(["article", r.article], r.outlet || r.document)),
        h("td", {}, r.source || "not said"), h("td", { class: "small" }, r.sentence))))));
}

export async function figuresPage() {
  const items = await getJSON("/api/contradictions");
  const byStory = new Map();
  for (const item of items) {
    const key = item.story_title || "Articles at one place and time";
    byStory.set(key, [...(byStory.get(key) || []), item]);
  }
  return h("div", {}, h("h1", {}, "Contradictions and revisions"),
    h("p", { class: "intro" }, "Figures the stored reports give for the same thing (people killed, wounded, bodies identified or handed over...) that cannot all be true. Different things counted are never compared with each other."),
    items.length
      ? h("div", {}, [...byStory].map(([title, list]) => h("section", { class: "figure-story" },
        h("h2", {}, title), h("ul", { class: "cards" }, list.map(itemCard)))))
      : empty("No figures disagree: every counted thing that two or more reports give is given compatibly."));
}
