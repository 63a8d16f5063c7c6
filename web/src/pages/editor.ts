import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { Compartment, EditorState, Prec } from "@codemirror/state";
import { sql, StandardSQL, type SQLNamespace } from "@codemirror/lang-sql";
import type { Completion, CompletionContext, CompletionResult } from "@codemirror/autocomplete";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { api, ApiError, preview, type SqlError, type SqlFunction, type Table } from "../api";
import { clear, formatCount, h, toast } from "../dom";
import { navigate, setCrumb, type Page } from "../nav";

const SCRIPT_KEY = "sluice.editor.script";

const SAMPLE = `-- A generated stream of orders; Run previews the SELECT, Deploy runs an INSERT as a long-lived job.
CREATE TABLE orders (
  order_id BIGINT,
  customer STRING,
  amount DOUBLE
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '5',
  'fields.order_id.kind' = 'sequence',
  'fields.order_id.start' = '1',
  'fields.order_id.end' = '1000000',
  'fields.customer.length' = '6'
);

SELECT order_id, customer, amount
FROM orders
WHERE amount > 0;
`;

/** Tables declared by CREATE TABLE statements in the script itself, with their column names (for completion). */
function scriptTables(text: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  const re = /create\s+(?:temporary\s+)?table\s+(?:if\s+not\s+exists\s+)?[`"]?([\w.]+)[`"]?\s*\(([\s\S]*?)\)\s*with\s*\(/gi;
  for (let m; (m = re.exec(text));) {
    const columns: string[] = [];
    let depth = 0, current = "";
    for (const ch of m[2]) {
      if (ch === "(" || ch === "<") depth++;
      if (ch === ")" || ch === ">") depth--;
      if (ch === "," && depth === 0) { columns.push(current); current = ""; } else current += ch;
    }
    columns.push(current);
    result[m[1]] = columns.map(c => c.trim().split(/\s+/)[0].replace(/[`"]/g, ""))
      .filter(c => c && !/^(primary|watermark|constraint)$/i.test(c));
  }
  return result;
}

function toPosition(view: EditorView, error: SqlError): { from: number; to: number } {
  const doc = view.state.doc;
  const lineNumber = Math.min(Math.max(error.line, 1), doc.lines);
  const line = doc.line(lineNumber);
  const from = Math.min(line.from + Math.max(error.column - 1, 0), line.to);
  const word = /^[\w.'"`]+/.exec(doc.sliceString(from, line.to));
  return { from, to: word ? from + word[0].length : Math.min(from + 1, line.to) };
}

export const editorPage: Page = container => {
  setCrumb("SQL Editor");
  let catalogTables: Table[] = [];
  let functions: SqlFunction[] = [];
  const schemaCompartment = new Compartment();
  let abort: AbortController | null = null;
  let validateAbort: AbortController | null = null;

  const status = h("div", { class: "editor-status", "data-testid": "validation" }, "");
  const setStatus = (text: string, kind: "ok" | "error" | "pending" | "") => {
    status.textContent = text;
    status.className = `editor-status ${kind ? "status-" + kind : ""}`;
  };

  const validation = linter(async view => {
    const text = view.state.doc.toString();
    if (!text.trim()) { setStatus("", ""); return []; }
    validateAbort?.abort();
    validateAbort = new AbortController();
    setStatus("Validating…", "pending");
    try {
      const result = await api.validate(text, validateAbort.signal);
      if (view.state.doc.toString() !== text) return [];
      if (result.valid) { setStatus("✓ Valid", "ok"); return []; }
      const first = result.errors[0];
      setStatus(first ? `✕ Line ${first.line}, column ${first.column}: ${first.message}` : "✕ Invalid", "error");
      return result.errors.map<Diagnostic>(error => ({ ...toPosition(view, error), severity: "error", message: error.message, source: `line ${error.line}:${error.column}` }));
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") return [];
      setStatus(e instanceof Error ? e.message : String(e), "error");
      return [];
    }
  }, { delay: 450 });

  const functionCompletion = (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/\w+/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    const columns = new Map<string, string>();
    for (const [table, names] of Object.entries(schemaFor(context.state.doc.toString()) as Record<string, string[]>)) {
      for (const name of names) if (!columns.has(name)) columns.set(name, table);
    }
    return {
      from: word.from,
      options: [
        ...functions.map<Completion>(f => ({ label: f.name.toUpperCase(), type: "function", detail: f.signatures, info: f.description ?? undefined, apply: f.name.toUpperCase() + "(" })),
        ...[...columns].map<Completion>(([name, table]) => ({ label: name, type: "property", detail: table, boost: 1 })),
      ],
      validFor: /^\w*$/,
    };
  };

  const schemaFor = (text: string): SQLNamespace => {
    const schema: Record<string, string[]> = {};
    for (const table of catalogTables) schema[table.name] = table.columns.map(c => c.name);
    Object.assign(schema, scriptTables(text));
    return schema;
  };
  const language = (text: string) => {
    const lang = sql({ dialect: StandardSQL, schema: schemaFor(text), upperCaseKeywords: true });
    return [lang, lang.language.data.of({ autocomplete: functionCompletion })];
  };

  const initial = localStorage.getItem(SCRIPT_KEY) ?? SAMPLE;
  let schemaTimer = 0;
  const view = new EditorView({
    state: EditorState.create({
      doc: initial,
      extensions: [
        basicSetup,
        schemaCompartment.of(language(initial)),
        lintGutter(),
        validation,
        Prec.highest(keymap.of([
          { key: "Mod-Enter", run: () => { run(); return true; } },
          { key: "Mod-Shift-Enter", run: () => { explain(); return true; } },
        ])),
        EditorView.updateListener.of(update => {
          if (!update.docChanged) return;
          localStorage.setItem(SCRIPT_KEY, update.state.doc.toString());
          clearTimeout(schemaTimer);
          schemaTimer = window.setTimeout(() => {
            view.dispatch({ effects: schemaCompartment.reconfigure(language(view.state.doc.toString())) });
            renderCatalog();
          }, 600);
        }),
        EditorView.theme({ "&": { height: "100%" }, ".cm-scroller": { fontFamily: "var(--mono)" } }),
      ],
    }),
  });

  Promise.all([api.tables().catch(() => []), api.functions().catch(() => [])]).then(([t, f]) => {
    catalogTables = t;
    functions = f;
    view.dispatch({ effects: schemaCompartment.reconfigure(language(view.state.doc.toString())) });
    renderCatalog();
  });

  // Results: a live table that applies the changelog as it arrives.
  const resultHead = h("thead");
  const resultBody = h("tbody");
  const resultInfo = h("div", { class: "result-info", "data-testid": "preview-status" }, "Run a SELECT to preview its results.");
  const resultTable = h("table", { class: "grid", "data-testid": "preview-table" }, resultHead, resultBody);
  const planView = h("pre", { class: "plan", "data-testid": "plan" });
  const resultsPane = h("div", { class: "result-scroll" }, resultTable);
  const planPane = h("div", { class: "result-scroll hidden" }, planView);
  const tabResults = h("button", { class: "tab active", onclick: () => showTab("results") }, "Results");
  const tabPlan = h("button", { class: "tab", onclick: () => showTab("plan") }, "Plan");
  const showTab = (tab: "results" | "plan") => {
    tabResults.classList.toggle("active", tab === "results");
    tabPlan.classList.toggle("active", tab === "plan");
    resultsPane.classList.toggle("hidden", tab !== "results");
    planPane.classList.toggle("hidden", tab !== "plan");
  };

  const runButton = h("button", { class: "btn btn-primary", "data-testid": "run", title: "Preview the SELECT (Ctrl+Enter)", onclick: () => run() }, "▶ Run");
  const stopButton = h("button", { class: "btn btn-danger", "data-testid": "stop", disabled: true, onclick: () => { stop(); updateInfo("stopped"); } }, "■ Stop");
  const explainButton = h("button", { class: "btn", "data-testid": "explain", title: "Show the plan (Ctrl+Shift+Enter)", onclick: () => explain() }, "Explain");
  const deployButton = h("button", { class: "btn btn-accent", "data-testid": "deploy", onclick: () => openDeploy() }, "⇪ Deploy…");
  const TARGET_KEY = "sluice.editor.deployment";
  const target = (() => {
    try { return JSON.parse(localStorage.getItem(TARGET_KEY) ?? "null") as { id: string; name: string } | null; } catch { return null; }
  })();
  const targetChip = h("span", { class: "target-chip" });
  if (target) {
    targetChip.append(
      h("span", null, "Editing ", h("strong", null, target.name)),
      h("button", {
        class: "btn btn-small btn-primary", "data-testid": "apply", title: "Apply the script to the deployment (its upgrade strategy decides how)",
        onclick: async () => {
          try {
            await api.patchDeployment(target.id, { sql: view.state.doc.toString() });
            toast(`Script applied to ${target.name}`);
            localStorage.removeItem(TARGET_KEY);
            navigate(`/deployments/${target.id}`);
          } catch (e) {
            toast(e instanceof Error ? e.message : String(e), "error");
          }
        },
      }, "Apply"),
      h("button", { class: "chip-close", title: "Stop editing this deployment", onclick: () => { localStorage.removeItem(TARGET_KEY); targetChip.remove(); } }, "×"));
  }

  let rows: { values: unknown[]; tr: HTMLTableRowElement }[] = [];
  let changes = 0;

  function stop(): void {
    abort?.abort();
    abort = null;
    runButton.disabled = false;
    stopButton.disabled = true;
    resultInfo.classList.remove("live");
  }

  function cell(value: unknown): HTMLElement {
    if (value === null || value === undefined) return h("td", { class: "null" }, "NULL");
    const text = typeof value === "object" ? JSON.stringify(value) : String(value);
    return h("td", { class: typeof value === "number" ? "num" : "" }, text);
  }

  function updateInfo(state: string): void {
    resultInfo.textContent = `${formatCount(rows.length)} rows · ${formatCount(changes)} changes · ${state}`;
  }

  function run(): void {
    stop();
    showTab("results");
    clear(resultHead);
    clear(resultBody);
    rows = [];
    changes = 0;
    const controller = new AbortController();
    abort = controller;
    runButton.disabled = true;
    stopButton.disabled = false;
    resultInfo.textContent = "Starting…";
    resultInfo.classList.add("live");
    preview(view.state.doc.toString(), 1000, {
      schema: columns => {
        resultHead.append(h("tr", null, h("th", { class: "kind" }, "op"), columns.map(c => h("th", { title: c.type }, c.name, h("span", { class: "col-type" }, c.type)))));
        updateInfo("streaming");
      },
      change: (kind, values) => {
        if (abort !== controller) return;
        changes++;
        if (kind === "+I" || kind === "+U") {
          const tr = h("tr", { class: "fresh", "data-kind": kind }, h("td", { class: "kind" }, kind), values.map(cell));
          resultBody.append(tr);
          setTimeout(() => tr.classList.remove("fresh"), 500);
          rows.push({ values, tr });
        } else {
          const key = JSON.stringify(values);
          const index = rows.findIndex(r => JSON.stringify(r.values) === key);
          if (index >= 0) {
            rows[index].tr.remove();
            rows.splice(index, 1);
          }
        }
        updateInfo("streaming");
        resultsPane.scrollTop = resultsPane.scrollHeight;
      },
      end: (_, reason) => {
        if (abort !== controller) return;
        stop();
        updateInfo(reason === "limit" ? "stopped at the row limit" : "finished");
      },
      error: message => {
        if (abort !== controller) return;
        stop();
        resultInfo.textContent = `Error: ${message}`;
        resultInfo.classList.add("error");
      },
    }, controller.signal).finally(() => {
      if (abort === controller) { stop(); updateInfo("stopped"); }
    });
    resultInfo.classList.remove("error");
  }

  async function explain(): Promise<void> {
    showTab("plan");
    planView.textContent = "Planning…";
    try {
      planView.textContent = (await api.explain(view.state.doc.toString())).plan;
    } catch (e) {
      planView.textContent = e instanceof Error ? e.message : String(e);
    }
  }

  function openDeploy(): void {
    const name = h("input", { name: "name", placeholder: "orders-enrichment", required: true, pattern: "[A-Za-z0-9._-]+", "data-testid": "deploy-name" });
    const parallelism = h("input", { name: "parallelism", type: "number", min: 1, max: 128, value: 1 });
    const interval = h("input", { name: "checkpointInterval", value: "10 s" });
    const error = h("div", { class: "form-error" });
    const dialog = h("dialog", { class: "dialog" });
    const submit = async (e: Event) => {
      e.preventDefault();
      error.textContent = "";
      try {
        const deployment = await api.createDeployment({
          name: name.value.trim(), sql: view.state.doc.toString(), parallelism: Number(parallelism.value) || 1,
          checkpointInterval: interval.value.trim() || null,
        });
        dialog.close();
        dialog.remove();
        toast(`Deployment ${deployment.spec.name} created`);
        navigate(`/deployments/${deployment.id}`);
      } catch (err) {
        error.textContent = err instanceof ApiError ? err.message : String(err);
      }
    };
    dialog.append(h("form", { onsubmit: submit },
      h("h3", null, "Deploy script"),
      h("p", { class: "muted" }, "Runs the editor's script (DDL, then INSERT statements) as a long-lived deployment."),
      h("label", null, "Name", name),
      h("div", { class: "form-row" }, h("label", null, "Parallelism", parallelism), h("label", null, "Checkpoint interval", interval)),
      error,
      h("div", { class: "dialog-actions" },
        h("button", { type: "button", class: "btn", onclick: () => { dialog.close(); dialog.remove(); } }, "Cancel"),
        h("button", { type: "submit", class: "btn btn-primary", "data-testid": "deploy-submit" }, "Create deployment"))));
    document.body.append(dialog);
    dialog.showModal();
    name.focus();
  }

  const catalogList = h("div", { class: "catalog-list" });
  function renderCatalog(): void {
    clear(catalogList);
    catalogList.append(h("div", { class: "catalog-title" }, "Deployment tables"));
    if (catalogTables.length === 0) catalogList.append(h("div", { class: "muted small" }, "None yet."));
    for (const table of catalogTables) {
      catalogList.append(h("details", { class: "catalog-table" },
        h("summary", null, h("span", { class: "tbl-icon" }, "▦"), table.name, h("span", { class: "muted small" }, ` ${table.deployment}`)),
        h("ul", null, table.columns.map(c => h("li", null, c.name, h("span", { class: "col-type" }, c.type))))));
    }
    const declared = scriptTables(view.state.doc.toString());
    if (Object.keys(declared).length) {
      catalogList.append(h("div", { class: "catalog-title" }, "In this script"));
      for (const [name, columns] of Object.entries(declared)) {
        catalogList.append(h("details", { class: "catalog-table", open: true },
          h("summary", null, h("span", { class: "tbl-icon" }, "▦"), name),
          h("ul", null, columns.map(c => h("li", null, c)))));
      }
    }
    catalogList.append(h("details", { class: "catalog-fns" },
      h("summary", { class: "catalog-title" }, `Functions (${functions.length})`),
      h("div", { class: "fn-list" }, functions.map(f => h("span", { class: "fn", title: `${f.signatures}\n${f.description ?? ""}` }, f.name.toUpperCase())))));
  }

  container.append(h("div", { class: "editor-page" },
    h("div", { class: "editor-main" },
      h("div", { class: "toolbar" }, runButton, stopButton, explainButton, h("div", { class: "spacer" }), status, target ? targetChip : null, deployButton),
      h("div", { class: "editor-host", "data-testid": "editor" }, view.dom),
      h("div", { class: "results" },
        h("div", { class: "tabs" }, tabResults, tabPlan, h("div", { class: "spacer" }), resultInfo),
        resultsPane, planPane)),
    h("aside", { class: "catalog" }, catalogList)));
  renderCatalog();
  view.focus();

  return () => {
    stop();
    validateAbort?.abort();
    clearTimeout(schemaTimer);
    view.destroy();
  };
};
