import { api, type Deployment } from "../api";
import { ago, clear, h, phaseBadge } from "../dom";
import { navigate, routeLink, setCrumb, type Page } from "../nav";
import { deploymentActions } from "./actions";

export const deploymentsPage: Page = container => {
  setCrumb("Deployments");
  const body = h("tbody");
  const summary = h("div", { class: "summary-cards" });
  const error = h("div", { class: "banner-error hidden" });
  let timer = 0;
  let disposed = false;

  const card = (label: string, value: number, cls: string) =>
    h("div", { class: `summary-card ${cls}` }, h("div", { class: "summary-value" }, String(value)), h("div", { class: "summary-label" }, label));

  function render(list: Deployment[]): void {
    clear(summary);
    const count = (phases: string[]) => list.filter(d => phases.includes(d.status.phase)).length;
    summary.append(
      card("Deployments", list.length, ""),
      card("Running", count(["RUNNING"]), "ok"),
      card("Starting / failing", count(["STARTING", "FAILING"]), "warn"),
      card("Suspended", count(["SUSPENDED"]), "muted"),
      card("Failed", count(["FAILED"]), "bad"));
    clear(body);
    if (list.length === 0) {
      body.append(h("tr", null, h("td", { colspan: 7, class: "empty-row" },
        "No deployments yet. Write an INSERT in the ", routeLink("/", "SQL editor"), " and press Deploy.")));
    }
    for (const d of [...list].sort((a, b) => a.spec.name.localeCompare(b.spec.name))) {
      body.append(h("tr", { class: "clickable", "data-deployment": d.spec.name, onclick: () => navigate(`/deployments/${d.id}`) },
        h("td", null, routeLink(`/deployments/${d.id}`, d.spec.name, "strong")),
        h("td", null, phaseBadge(d.status.phase), d.status.reason ? h("div", { class: "reason", title: d.status.reason }, d.status.reason) : null),
        h("td", null, h("span", { class: "desired" }, d.spec.state)),
        h("td", { class: "num" }, String(d.spec.parallelism)),
        h("td", { class: "num" }, String(d.status.restarts)),
        h("td", { title: d.status.updatedAt }, ago(d.status.updatedAt)),
        h("td", { class: "actions-cell" }, deploymentActions(d, refresh, true))));
    }
  }

  async function refresh(): Promise<void> {
    clearTimeout(timer);
    try {
      const list = await api.deployments();
      if (disposed) return;
      error.classList.add("hidden");
      render(list);
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
      error.classList.remove("hidden");
    }
    if (!disposed) timer = window.setTimeout(refresh, 2000);
  }

  container.append(h("div", { class: "page-pad" },
    h("div", { class: "page-head" },
      h("div", null, h("h1", null, "Deployments"), h("p", { class: "muted" }, "Long-running SQL jobs and the state the server keeps them in.")),
      h("button", { class: "btn btn-primary", onclick: () => navigate("/") }, "+ New deployment")),
    error,
    summary,
    h("div", { class: "card" },
      h("table", { class: "grid list", "data-testid": "deployments" },
        h("thead", null, h("tr", null, h("th", null, "Name"), h("th", null, "Status"), h("th", null, "Desired"), h("th", { class: "num" }, "Parallelism"),
          h("th", { class: "num" }, "Restarts"), h("th", null, "Updated"), h("th", null, ""))),
        body))));
  refresh();
  return () => { disposed = true; clearTimeout(timer); };
};
