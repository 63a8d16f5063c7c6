import type { JobGraph, OperatorMetrics } from "./api";
import { formatRate, svg } from "./dom";

const NODE_W = 196;
const NODE_H = 70;
const GAP_X = 58;
const GAP_Y = 28;
const PAD = 16;

interface Placed { id: string; x: number; y: number }

const GAP_BAND = 44;

/**
 * Layers the operators by their longest path from a source, left to right; when the layers do not fit in
 * <paramref name="maxWidth"/>, they wrap into bands below each other (a long chain reads like lines of text).
 */
export function layout(graph: JobGraph, maxWidth = Infinity): { nodes: Map<string, Placed>; width: number; height: number } {
  const depth = new Map<string, number>();
  const incoming = new Map<string, string[]>();
  for (const op of graph.operators) incoming.set(op.id, []);
  for (const edge of graph.edges) incoming.get(edge.target)?.push(edge.source);
  const visit = (id: string, seen: Set<string>): number => {
    if (depth.has(id)) return depth.get(id)!;
    if (seen.has(id)) return 0;
    seen.add(id);
    const parents = incoming.get(id) ?? [];
    const d = parents.length === 0 ? 0 : Math.max(...parents.map(p => visit(p, seen) + 1));
    depth.set(id, d);
    return d;
  };
  graph.operators.forEach(op => visit(op.id, new Set()));
  const layers: string[][] = [];
  for (const op of graph.operators) (layers[depth.get(op.id)!] ??= []).push(op.id);
  const perBand = Math.max(1, Math.min(layers.length, Math.floor((maxWidth - 2 * PAD + GAP_X) / (NODE_W + GAP_X))));
  const bands = Math.ceil(layers.length / perBand);
  const tallest = Math.max(1, ...layers.map(l => l.length));
  const bandHeight = tallest * NODE_H + (tallest - 1) * GAP_Y;
  const nodes = new Map<string, Placed>();
  layers.forEach((layer, i) => {
    const band = Math.floor(i / perBand);
    const layerHeight = layer.length * NODE_H + (layer.length - 1) * GAP_Y;
    const top = PAD + band * (bandHeight + GAP_BAND) + (bandHeight - layerHeight) / 2;
    layer.forEach((id, j) => nodes.set(id, { id, x: PAD + (i % perBand) * (NODE_W + GAP_X), y: top + j * (NODE_H + GAP_Y) }));
  });
  return {
    nodes,
    width: PAD * 2 + perBand * NODE_W + (perBand - 1) * GAP_X,
    height: PAD * 2 + bands * bandHeight + (bands - 1) * GAP_BAND,
  };
}

function pressureClass(ratio: number): string {
  if (ratio >= 0.5) return "bp-high";
  if (ratio >= 0.1) return "bp-mid";
  return "bp-ok";
}

function shorten(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}

/** Draws the job graph as SVG: operators with parallelism, records/s and backpressure colour; edges with their partitioner. */
export function drawGraph(graph: JobGraph, metrics: Map<string, OperatorMetrics>, maxWidth = Infinity): SVGElement {
  const { nodes, width, height } = layout(graph, maxWidth);
  const root = svg("svg", { class: "job-graph", width, height, viewBox: `0 0 ${width} ${height}`, "data-testid": "job-graph" });
  root.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
    svg("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow-head" }))));
  for (const edge of graph.edges) {
    const a = nodes.get(edge.source), b = nodes.get(edge.target);
    if (!a || !b) continue;
    if (b.x > a.x) {
      const x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x - 2, y2 = b.y + NODE_H / 2;
      const mid = (x1 + x2) / 2;
      root.append(svg("path", { d: `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`, class: "edge", "marker-end": "url(#arrow)" }));
      root.append(svg("text", { x: mid, y: (y1 + y2) / 2 - 6, class: "edge-label", "text-anchor": "middle" }, edge.partitioner.toLowerCase()));
    } else {
      // Into the next band: from the bottom of the source to the top of the target.
      const x1 = a.x + NODE_W / 2, y1 = a.y + NODE_H, x2 = b.x + NODE_W / 2, y2 = b.y - 2;
      const bend = (y2 - y1) / 2;
      root.append(svg("path", { d: `M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}`, class: "edge", "marker-end": "url(#arrow)" }));
      root.append(svg("text", { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4, class: "edge-label", "text-anchor": "middle" }, edge.partitioner.toLowerCase()));
    }
  }
  for (const op of graph.operators) {
    const p = nodes.get(op.id)!;
    const m = metrics.get(op.id);
    const pressure = m?.backpressureRatio ?? 0;
    const rate = m ? (op.isSource ? m.recordsOutPerSecond : m.recordsInPerSecond) : NaN;
    const g = svg("g", { class: `node ${graph.running ? pressureClass(pressure) : "idle"}`, transform: `translate(${p.x},${p.y})`, "data-operator": op.name });
    g.append(
      svg("title", {}, `${op.name}\nparallelism ${op.parallelism}` + (m ? `\nin ${m.recordsIn} / out ${m.recordsOut}\nbusy ${(m.busyRatio * 100).toFixed(0)}%, backpressure ${(pressure * 100).toFixed(0)}%` : "")),
      svg("rect", { width: NODE_W, height: NODE_H, rx: 8, class: "node-box" }),
      svg("rect", { width: 5, height: NODE_H, rx: 2, class: "node-stripe" }),
      svg("text", { x: 14, y: 22, class: "node-name" }, shorten(op.name, 24)),
      svg("text", { x: 14, y: 42, class: "node-metric" }, m && graph.running ? `${formatRate(rate)} rec/s` : op.isSource ? "source" : "—"),
      svg("text", { x: 14, y: 59, class: "node-sub" }, m && graph.running ? `busy ${(m.busyRatio * 100).toFixed(0)}% · bp ${(pressure * 100).toFixed(0)}%` : ""),
      svg("rect", { x: NODE_W - 42, y: 32, width: 34, height: 18, rx: 9, class: "node-par" }),
      svg("text", { x: NODE_W - 25, y: 45, class: "node-par-text", "text-anchor": "middle" }, `×${op.parallelism}`));
    root.append(g);
  }
  return root;
}
