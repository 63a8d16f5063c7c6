import { api, type Deployment } from "../api";
import { h, toast } from "../dom";

/** The lifecycle buttons of a deployment: start/resume, suspend, cancel, savepoint, delete — each shown when it applies. */
export function deploymentActions(d: Deployment, changed: () => void, small = false): HTMLElement {
  const cls = small ? "btn btn-small" : "btn";
  const act = (label: string, testId: string, action: () => Promise<unknown>, extra = "", confirmText?: string) =>
    h("button", {
      class: `${cls} ${extra}`, "data-testid": testId,
      onclick: async (e: MouseEvent) => {
        e.stopPropagation();
        if (confirmText && !confirm(confirmText)) return;
        const button = e.currentTarget as HTMLButtonElement;
        button.disabled = true;
        try {
          await action();
          toast(`${label}: ${d.spec.name}`);
        } catch (err) {
          toast(err instanceof Error ? err.message : String(err), "error");
        } finally {
          button.disabled = false;
          changed();
        }
      },
    }, label);
  const state = d.spec.state;
  const phase = d.status.phase;
  const buttons: HTMLElement[] = [];
  if (state === "SUSPENDED") buttons.push(act("Resume", "resume", () => api.patchDeployment(d.id, { state: "RUNNING" }), "btn-primary"));
  if (state === "CANCELLED" || (state === "RUNNING" && (phase === "FAILED" || phase === "FINISHED")))
    buttons.push(act("Start", "start", () => api.patchDeployment(d.id, { state: "RUNNING" }), "btn-primary"));
  if (state === "RUNNING" && phase !== "FAILED" && phase !== "FINISHED") {
    buttons.push(act("Suspend", "suspend", () => api.patchDeployment(d.id, { state: "SUSPENDED" })));
    if (phase === "RUNNING") buttons.push(act("Savepoint", "savepoint", () => api.triggerSavepoint(d.id)));
  }
  if (state !== "CANCELLED") buttons.push(act("Cancel", "cancel", () => api.patchDeployment(d.id, { state: "CANCELLED" }), "btn-danger-outline", `Cancel ${d.spec.name}? The job stops without a savepoint.`));
  else buttons.push(act("Delete", "delete", () => api.deleteDeployment(d.id), "btn-danger-outline", `Delete ${d.spec.name} with its checkpoints and savepoints?`));
  return h("div", { class: "actions" }, buttons);
}
