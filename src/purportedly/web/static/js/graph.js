// A small layered SVG layout of a provenance graph: one column per role, edges left to right.

import { shorten, svg } from "./dom.js";

const ROLE_ORDER = ["speaker", "recording", "document", "releaser", "translator", "relay", "article"];
const NODE_W = 200;
const NODE_H = 44;
const COL_GAP = 60;
const ROW_GAP = 18;
const PAD = 16;

function columns(nodes) {
  const used = ROLE_ORDER.filter((role) => nodes.some((n) => n.role === role));
  return used.map((role) => nodes.filter((n) => n.role === role));
}

function nodeBox(node, x, y) {
  const group = svg("g", { class: `node role-${node.role}`, transform: `translate(${x},${y})` },
    svg("title", {}, `${node.role}: ${node.label}${node.sublabel ? ` (${node.sublabel})` : ""}`),
    svg("rect", { width: NODE_W, height: NODE_H, rx: 8 }),
    svg("text", { x: 10, y: 18, class: "node-label" }, shorten(node.label, 23)),
    svg("text", { x: 10, y: 34, class: "node-sub" }, shorten(`${node.role}${node.sublabel ? " · " + node.sublabel.replace("_", " ") : ""}`, 32)));
  if (!node.article) return group;
  const anchor = svg("a", { href: `#/article/${encodeURIComponent(node.article)}` }, group);
  return anchor;
}

/** The graph as an <svg>; positions come from the role columns, so no layout library is needed. */
export function provenanceGraph(graph) {
  const cols = columns(graph.nodes || []);
  const rows = Math.max(1, ...cols.map((c) => c.length));
  const width = PAD * 2 + cols.length * NODE_W + Math.max(0, cols.length - 1) * COL_GAP;
  const where = new Map();
  cols.forEach((col, ci) => {
    const offset = ((rows - col.length) * (NODE_H + ROW_GAP)) / 2; // centre short columns
    col.forEach((node, ri) => where.set(node.id, { x: PAD + ci * (NODE_W + COL_GAP), y: PAD + offset + ri * (NODE_H + ROW_GAP), col: ci }));
  });
  const skips = (graph.edges || []).some((e) => where.get(e.to) && where.get(e.from) && where.get(e.to).col - where.get(e.from).col > 1);
  const nodesBottom = PAD + rows * NODE_H + (rows - 1) * ROW_GAP;
  const detourY = nodesBottom + 18; // edges that skip a column run below the nodes, not through them
  const height = nodesBottom + PAD + (skips ? 30 : 0);
  const root = svg("svg", { class: "graph", viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-label": "provenance graph: original speaker on the left, articles on the right" },
  svg("defs", {}, svg("marker", { id: "arrowhead", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto" },
    svg("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead" }))));
  for (const edge of graph.edges || []) {
    const a = where.get(edge.from);
    const b = where.get(edge.to);
    if (!a || !b) continue;
    const x1 = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const x2 = b.x;
    const y2 = b.y + NODE_H / 2;
    const bend = Math.max(20, (x2 - x1) / 2);
    const d = b.col - a.col > 1
      ? `M${x1},${y1} C${x1 + COL_GAP},${y1} ${x1 + COL_GAP / 2},${detourY} ${x1 + COL_GAP},${detourY} ` +
        `L${x2 - COL_GAP},${detourY} C${x2 - COL_GAP / 2},${detourY} ${x2 - COL_GAP},${y2} ${x2},${y2}`
      : `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
    root.append(svg("path", { class: "edge", d, "marker-end": "url(#arrowhead)" }));
  }
  for (const col of cols) for (const node of col) {
    const p = where.get(node.id);
    root.append(nodeBox(node, p.x, p.y));
  }
  return root;
}
