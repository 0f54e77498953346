// Hand-drawn SVG charts: the timeline of dated events and the counted-events bars.

import { getJSON } from "./api.js";
import { badge, empty, h, link, shorten, svg } from "./dom.js";

const DAY = 86_400_000;

function dayNumber(iso) {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
}

/** Labelled ticks for the days with events, as many as fit without overlapping. */
function axisTicks(events, x, axisY, height) {
  const dates = [...new Set(events.map((e) => e.date))];
  let lastX = -Infinity;
  const shown = dates.filter((date) => { // skip labels that would overlap the previous one
    const cx = x(dayNumber(date));
    if (cx - lastX < 90) return false;
    lastX = cx;
    return true;
  });
  return shown.flatMap((date) => {
    const cx = x(dayNumber(date));
    return [svg("line", { class: "tick", x1: cx, x2: cx, y1: axisY, y2: axisY + 6 }),
      svg("text", { class: "axis-label mid", x: cx, y: height - 8 }, date)];
  });
}

function timelineChart(events) {
  const days = events.map((e) => dayNumber(e.date)).filter(Number.isFinite);
  const first = Math.min(...days);
  const last = Math.max(...days);
  const width = 900;
  const pad = 40;
  const span = last - first;
  // one day only: put it in the middle rather than against the left edge
  const x = (d) => (span ? pad + ((d - first) / span) * (width - 2 * pad) : width / 2);
  const stack = new Map();
  const dots = events.map((e) => {
    const d = dayNumber(e.date);
    const level = stack.get(d) || 0;
    stack.set(d, level + 1);
    return { e, cx: x(d), level };
  });
  const height = 70 + 14 * Math.max(1, ...stack.values());
  const axisY = height - 30;
  const chart = svg("svg", { class: "timeline-chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "dated events on a time axis" },
    svg("line", { class: "axis", x1: pad, x2: width - pad, y1: axisY, y2: axisY }));
  chart.append(...axisTicks(events, x, axisY, height));
  for (const { e, cx, level } of dots) {
    chart.append(svg("a", { href: `#/article/${encodeURIComponent(e.article)}` },
      svg("circle", { class: "dot", cx, cy: axisY - 12 - level * 14, r: 6 }, svg("title", {}, `${e.date} — ${e.text}: ${e.context}`))));
  }
  return chart;
}

export async function timelinePage() {
  const events = await getJSON("/api/timeline");
  const byDate = new Map();
  for (const e of events) byDate.set(e.date, [...(byDate.get(e.date) || []), e]);
  return h("div", {}, h("h1", {}, "Timeline"),
    h("p", { class: "intro" }, "Every date expression the analyser could fix to a single day, from all stored articles. Relative dates (\"last Tuesday\") appear only when the article's own date fixes them."),
    events.length ? [h("div", { class: "chart-wrap" }, timelineChart(events)),
      h("ol", { class: "timeline-list" }, [...byDate].map(([date, rows]) => h("li", {},
        h("h3", {}, date), h("ul", { class: "plain" }, rows.map((e) => h("li", {}, badge(e.text), " ", shorten(e.context, 180), " — ",
          link(["article", e.article], shorten(e.title, 60), { class: "small" }))))))) ]
      : empty("No dated events yet: none of the stored articles' time expressions could be fixed to a day."));
}

function countsChart(groups) {
  const top = groups.slice(0, 15);
  const max = Math.max(1, ...top.map((g) => g.max));
  const labelW = 230;
  const barW = 520;
  const rowH = 26;
  const chart = svg("svg", { class: "counts-chart", viewBox: `0 0 ${labelW + barW + 80} ${top.length * rowH + 10}`, role: "img",
    "aria-label": "largest and smallest figure reported for each counted thing" });
  top.forEach((g, i) => {
    const y = 5 + i * rowH;
    chart.append(svg("text", { class: "bar-label", x: labelW - 8, y: y + 15 }, shorten(g.what, 34)),
      svg("rect", { class: "bar-max", x: labelW, y: y + 3, height: 16, width: (g.max / max) * barW, rx: 3 },
        svg("title", {}, `${g.what}: figures ${g.figures.join(", ")} in ${g.reports} report(s)`)),
      svg("rect", { class: "bar-min", x: labelW, y: y + 3, height: 16, width: (g.min / max) * barW, rx: 3 }),
      svg("text", { class: "bar-value", x: labelW + (g.max / max) * barW + 6, y: y + 15 }, g.min === g.max ? String(g.max) : `${g.min}–${g.max}`));
  });
  return chart;
}

export async function countsPage() {
  const data = await getJSON("/api/counts");
  return h("div", {}, h("h1", {}, "Counts"),
    h("p", { class: "intro" }, "Counted events (killed, wounded, captured…) as each report gives them. Figures are not added up across articles, since several outlets often retell one event; the bar shows the lowest (dark) and highest (light) figure reported."),
    data.counts.length ? [h("div", { class: "chart-wrap" }, countsChart(data.by_what)),
      h("table", { class: "data" }, h("thead", {}, h("tr", {}, ["Figure", "Qualifier", "What", "As written", "Article"].map((x) => h("th", { scope: "col" }, x)))),
        h("tbody", {}, data.counts.map((c) => h("tr", {}, h("td", { class: "num" }, String(c.number)), h("td", {}, c.qualifier || ""),
          h("td", {}, c.what), h("td", {}, h("q", {}, c.text)), h("td", { class: "small" }, link(["article", c.article], shorten(c.title, 48), { title: c.title }))))))]
      : empty("No counted events found in the stored articles yet."));
}
