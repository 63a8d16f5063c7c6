import { api, ApiError, type Checkpoint, type Deployment, type JobGraph, type Metrics, type OperatorMetrics } from "../api";
import { TimeChart } from "../charts";
import { clear, formatBytes, formatCount, formatRate, formatTime, h, phaseBadge, toast } from "../dom";
import { drawGraph } from "../graph";
import { navigate, routeLink, setCrumb, type Page } from "../nav";
import { deploymentActions } from "./actions";

/** Opens the deployment's script in the editor, which then offers to apply the edited script to it. */
function openInEditor(d: Deployment): void {
  localStorage.setItem("sluice.editor.script", d.spec.sql);
  localStorage.setItem("sluice.editor.deployment", JSON.stringify({ id: d.id, name: d.spec.name }));
  navigate("/");
}

/** A dialog for the spec's settings: parallelism, checkpoint interval, restore and upgrade strategies, non-restored state. */
function configure(d: Deployment, changed: () => void): void {
  const select = (name: string, values: string[], current: string) =>
    h("select", { name }, values.map(v => { const o = h("option", { value: v }, v); o.selected = v === current; return o; }));
  const parallelism = h("input", { name: "parallelism", type: "number", min: 1, max: 128, value: d.spec.parallelism });
  const interval = h("input", { name: "checkpointInterval", value: d.spec.checkpointInterval ?? "none" });
  const restore = select("restoreStrategy", ["LATEST_STATE", "LATEST_SAVEPOINT", "NONE"], d.spec.restoreStrategy);
  const upgrade = select("upgradeStrategy", ["STATEFUL", "STATELESS", "NONE"], d.spec.upgradeStrategy);
  const nonRestored = h("input", { name: "allowNonRestoredState", type: "checkbox", checked: d.spec.allowNonRestoredState });
  const error = h("div", { class: "form-error" });
  const dialog = h("dialog", { class: "dialog" });
  const close = () => { dialog.close(); dialog.remove(); };
  dialog.append(h("form", {
    onsubmit: async (e: Event) => {
      e.preventDefault();
      try {
        await api.patchDeployment(d.id, {
          parallelism: Number(parallelism.value) || 1, checkpointInterval: interval.value.trim() || "none",
          restoreStrategy: restore.value, upgradeStrategy: upgrade.value, allowNonRestoredState: nonRestored.checked,
        });
        close();
        toast(`Updated ${d.spec.name}`);
        changed();
      } catch (err) {
        error.textContent = err instanceof ApiError ? err.message : String(err);
      }
    },
  },
    h("h3", null, `Configure ${d.spec.name}`),
    h("p", { class: "muted" }, "A running job applies the change per its upgrade strategy."),
    h("div", { class: "form-row" }, h("label", null, "Parallelism", parallelism), h("label", null, "Checkpoint interval", interval)),
    h("div", { class: "form-row" }, h("label", null, "Restore strategy", restore), h("label", null, "Upgrade strategy", upgrade)),
    h("label", { class: "check-row", title: "Drop the restored state of operators the script no longer has instead of failing the start." },
      nonRestored, "Allow non-restored state"),
    error,
    h("div", { class: "dialog-actions" },
      h("button", { type: "button", class: "btn", onclick: close }, "Cancel"),
      h("button", { type: "submit", class: "btn btn-primary", "data-testid": "configure-submit" }, "Apply"))));
  document.body.append(dialog);
  dialog.showModal();
}

export const deploymentPage: Page = (container, params) => {
  const id = params.id;
  let disposed = false;
  let metricsTimer = 0;
  let detailTimer = 0;
  let deployment: Deployment | null = null;
  let graph: JobGraph | null = null;
  let graphKey = "";
  let lastMetrics: Metrics | null = null;

  const title = h("h1", { class: "deployment-title" });
  const badge = h("span");
  const actions = h("div");
  const reason = h("div", { class: "reason-line" });
  const facts = h("div", { class: "facts" });
  const graphHost = h("div", { class: "graph-host" }, h("div", { class: "muted" }, "Loading the job graph…"));
  const operatorsBody = h("tbody");
  const savepointsBody = h("tbody");
  const checkpointsBody = h("tbody");
  const eventsList = h("div", { class: "events", "data-testid": "events" });
  const sqlView = h("pre", { class: "sql-view" });
  const error = h("div", { class: "banner-error hidden" });

  const charts = {
    input: new TimeChart("Input rate (records/s)", [{ label: "in", color: "#2563eb" }], formatRate),
    output: new TimeChart("Output rate (records/s)", [{ label: "out", color: "#059669" }], formatRate),
    lag: new TimeChart("Watermark lag", [{ label: "lag", color: "#d97706" }], v => v >= 60 ? `${(v / 60).toFixed(1)} min` : `${v.toFixed(1)} s`, 120, "no watermarks"),
    duration: new TimeChart("Checkpoint duration", [{ label: "ms", color: "#7c3aed" }], v => `${v.toFixed(0)} ms`),
    size: new TimeChart("Checkpoint size", [{ label: "bytes", color: "#db2777" }], formatBytes),
  };

  const fact = (label: string, value: string | HTMLElement) => h("div", { class: "fact" }, h("div", { class: "fact-label" }, label), h("div", { class: "fact-value" }, value));

  function renderHeader(d: Deployment): void {
    setCrumb(routeLink("/deployments", "Deployments"), d.spec.name);
    title.textContent = d.spec.name;
    clear(badge);
    badge.append(phaseBadge(d.status.phase));
    clear(actions);
    actions.append(h("div", { class: "actions" },
      h("button", { class: "btn", "data-testid": "open-in-editor", onclick: () => openInEditor(d) }, "Edit script"),
      h("button", { class: "btn", "data-testid": "configure", onclick: () => configure(d, refreshDetails) }, "Configure…"),
      deploymentActions(d, refreshDetails)));
    reason.textContent = d.status.reason ?? "";
    reason.classList.toggle("hidden", !d.status.reason);
    clear(facts);
    const cp = lastMetrics?.checkpoints;
    facts.append(
      fact("Desired state", d.spec.state),
      fact("Parallelism", String(d.spec.parallelism)),
      fact("Checkpoint interval", d.spec.checkpointInterval ?? "none"),
      fact("Restore / upgrade", `${d.spec.restoreStrategy.replace("_", " ").toLowerCase()} / ${d.spec.upgradeStrategy.toLowerCase()}`
        + (d.spec.allowNonRestoredState ? " (non-restored state allowed)" : "")),
      fact("Restarts", String(d.status.restarts)),
      fact("Checkpoints", cp ? `${formatCount(cp.count)}${cp.failed ? ` (${cp.failed} failed)` : ""}` : "–"),
      fact("Generation", `${d.status.reconciledGeneration} / ${d.status.generation}`),
      fact("Created", formatTime(d.createdAt)));
    if (sqlView.textContent !== d.spec.sql) sqlView.textContent = d.spec.sql;
  }

  function renderGraph(): void {
    if (!graph) return;
    const byId = new Map<string, OperatorMetrics>((lastMetrics?.running ? lastMetrics.operators : []).map(m => [m.id, m]));
    clear(graphHost);
    const width = graphHost.clientWidth - 18;
    graphHost.append(drawGraph({ ...graph, running: !!lastMetrics?.running }, byId, width > 0 ? width : Infinity));
    clear(operatorsBody);
    for (const op of graph.operators) {
      const m = byId.get(op.id);
      operatorsBody.append(h("tr", null,
        h("td", null, op.name),
        h("td", { class: "num" }, String(op.parallelism)),
        h("td", { class: "num" }, m ? formatCount(m.recordsIn) : "–"),
        h("td", { class: "num" }, m ? formatCount(m.recordsOut) : "–"),
        h("td", { class: "num" }, m ? formatRate(m.recordsInPerSecond) : "–"),
        h("td", { class: "num" }, m ? formatRate(m.recordsOutPerSecond) : "–"),
        h("td", { class: "num" }, m ? `${(m.busyRatio * 100).toFixed(0)}%` : "–"),
        h("td", { class: "num" }, m ? h("span", { class: `bp-pill ${m.backpressureRatio >= 0.5 ? "bp-high" : m.backpressureRatio >= 0.1 ? "bp-mid" : "bp-ok"}` }, `${(m.backpressureRatio * 100).toFixed(0)}%`) : "–"),
        h("td", { class: "num" }, m?.watermark != null ? new Date(m.watermark).toISOString().replace("T", " ").slice(0, 19) : "–")));
    }
  }

  async function refreshDetails(): Promise<void> {
    clearTimeout(detailTimer);
    try {
      const [d, savepoints, checkpoints, events, job] = await Promise.all([
        api.deployment(id), api.savepoints(id), api.checkpoints(id), api.events(id), api.job(id)]);
      if (disposed) return;
      deployment = d;
      error.classList.add("hidden");
      renderHeader(d);
      const key = JSON.stringify([job.operators, job.edges]);
      if (key !== graphKey) { graph = job; graphKey = key; renderGraph(); }
      clear(savepointsBody);
      if (savepoints.length === 0) savepointsBody.append(h("tr", null, h("td", { colspan: 4, class: "empty-row" }, "No savepoints yet.")));
      for (const s of savepoints) {
        savepointsBody.append(h("tr", null, h("td", null, formatTime(s.createdAt)), h("td", null, h("span", { class: "origin" }, s.origin)),
          h("td", { class: "num" }, String(s.checkpointId)), h("td", { class: "path", title: s.path }, s.path)));
      }
      renderCheckpoints(checkpoints);
      clear(eventsList);
      for (const e of [...events].reverse()) {
        eventsList.append(h("div", { class: `event event-${e.kind.toLowerCase()}` },
          h("div", { class: "event-time" }, formatTime(e.time)),
          h("div", { class: "event-kind" }, e.kind.replace("_", " ")),
          h("div", { class: "event-message" }, e.message, e.exception ? h("details", null, h("summary", null, "stack trace"), h("pre", null, e.exception)) : null)));
      }
      if (events.length === 0) eventsList.append(h("div", { class: "muted" }, "No events."));
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      error.classList.remove("hidden");
    }
    if (!disposed) detailTimer = window.setTimeout(refreshDetails, 2000);
  }

  async function pollMetrics(): Promise<void> {
    try {
      const m = await api.metrics(id);
      if (disposed) return;
      lastMetrics = m;
      const now = Date.now() / 1000;
      if (m.running && graph) {
        const outgoing = new Set(graph.edges.map(e => e.source));
        const sources = m.operators.filter(o => graph!.operators.find(g => g.id === o.id)?.isSource);
        const sinks = m.operators.filter(o => !outgoing.has(o.id));
        const watermarks = m.operators.map(o => o.watermark).filter((w): w is number => w !== null && w > 0);
        charts.input.push(now, [sources.reduce((s, o) => s + o.recordsOutPerSecond, 0)]);
        charts.output.push(now, [sinks.reduce((s, o) => s + o.recordsInPerSecond, 0)]);
        charts.lag.push(now, [watermarks.length ? Math.max(0, Date.now() - Math.min(...watermarks)) / 1000 : null]);
        charts.duration.push(now, [m.checkpoints.count > 0 ? m.checkpoints.lastDurationMillis : null]);
        charts.size.push(now, [m.checkpoints.count > 0 ? m.checkpoints.lastSizeBytes : null]);
      } else {
        Object.values(charts).forEach(c => c.push(now, [null]));
      }
      renderGraph();
      if (deployment) renderHeader(deployment);
    } catch {
      // the details poll shows errors
    }
    if (!disposed) metricsTimer = window.setTimeout(pollMetrics, 1000);
  }

  /** The checkpoint history the server keeps (newest first, across jobs and restarts). */
  function renderCheckpoints(checkpoints: Checkpoint[]): void {
    clear(checkpointsBody);
    if (checkpoints.length === 0) {
      checkpointsBody.append(h("tr", null, h("td", { colspan: 6, class: "empty-row" }, "No checkpoints yet.")));
    }
    for (const c of checkpoints.slice(0, 20)) {
      const failed = c.status === "FAILED";
      checkpointsBody.append(h("tr", { title: c.failure ?? "" },
        h("td", { class: "num" }, String(c.id)),
        h("td", { class: "nowrap" }, formatTime(c.triggeredAt)),
        h("td", null, h("span", { class: "origin" }, c.kind)),
        h("td", null, h("span", { class: `badge ${failed ? "phase-failed" : "phase-running"}` }, c.status)),
        h("td", { class: "num" }, `${c.durationMillis.toFixed(0)} ms`),
        h("td", { class: "num" }, failed ? "–" : formatBytes(c.sizeBytes))));
    }
  }

  const section = (heading: string, ...content: (Node | null)[]) => h("section", { class: "card" }, h("h2", null, heading), ...content);
  const table = (heads: string[], body: HTMLElement, testId: string, numeric: number[] = []) =>
    h("table", { class: "grid list", "data-testid": testId }, h("thead", null, h("tr", null, heads.map((x, i) => h("th", { class: numeric.includes(i) ? "num" : "" }, x)))), body);

  container.append(h("div", { class: "page-pad" },
    h("div", { class: "page-head" }, h("div", { class: "title-row" }, title, badge), actions),
    reason, error,
    h("div", { class: "card facts-card" }, facts),
    section("Job graph", graphHost,
      table(["Operator", "Parallelism", "Records in", "Records out", "In/s", "Out/s", "Busy", "Backpressure", "Watermark"], operatorsBody, "operators", [1, 2, 3, 4, 5, 6, 7])),
    h("section", { class: "card" }, h("h2", null, "Metrics"), h("div", { class: "charts" }, Object.values(charts).map(c => c.element))),
    h("div", { class: "two-col" },
      section("Checkpoints", table(["ID", "Triggered", "Kind", "Status", "Duration", "Size"], checkpointsBody, "checkpoints", [0, 4, 5])),
      section("Savepoints", table(["Created", "Origin", "Checkpoint", "Path"], savepointsBody, "savepoints", [2]))),
    h("div", { class: "two-col" },
      section("Events", eventsList),
      section("Script", sqlView))));
  refreshDetails().then(() => { if (!disposed) pollMetrics(); });
  return () => {
    disposed = true;
    clearTimeout(metricsTimer);
    clearTimeout(detailTimer);
    Object.values(charts).forEach(c => c.destroy());
  };
};
