// The client of the Sluice REST API (/api/v1), with the token from localStorage.

export interface SqlError { message: string; line: number; column: number }
export interface ValidateResponse { valid: boolean; errors: SqlError[] }
export interface RestartStrategy { type: string; attempts?: number; delay?: string; maxDelay?: string; interval?: string }
export interface DeploymentSpec {
  name: string; sql: string; parallelism: number; state: string; restoreStrategy: string; upgradeStrategy: string;
  checkpointInterval: string | null; restartStrategy: RestartStrategy; allowNonRestoredState: boolean;
}
export interface DeploymentStatus { phase: string; reason: string | null; generation: number; reconciledGeneration: number; restarts: number; updatedAt: string }
export interface Deployment { id: string; spec: DeploymentSpec; status: DeploymentStatus; createdAt: string }
export interface JobOperator { id: string; name: string; parallelism: number; isSource: boolean }
export interface JobEdge { source: string; target: string; partitioner: string; targetInput: number }
export interface JobGraph { name: string; running: boolean; operators: JobOperator[]; edges: JobEdge[] }
export interface OperatorMetrics {
  id: string; name: string; parallelism: number; recordsIn: number; recordsOut: number; recordsInPerSecond: number;
  recordsOutPerSecond: number; backpressureRatio: number; busyRatio: number; watermark: number | null;
}
export interface Metrics {
  running: boolean; operators: OperatorMetrics[];
  checkpoints: { count: number; failed: number; lastDurationMillis: number; lastSizeBytes: number }; restarts: number;
}
export interface Checkpoint {
  id: number; kind: string; status: string; triggeredAt: string; durationMillis: number; sizeBytes: number; failure: string | null;
}
export interface Savepoint { id: string; deploymentId: string; checkpointId: number; origin: string; path: string; createdAt: string }
export interface DeploymentEvent { id: number; deploymentId: string; time: string; kind: string; message: string; exception: string | null }
export interface Column { name: string; type: string; kind: string }
export interface Table { name: string; deploymentId: string; deployment: string; kind: string; connector: string | null; columns: Column[] }
export interface SqlFunction { name: string; kind: string; signatures: string; description: string | null }
export interface ConnectorOption { key: string; type: string; required: boolean; default: string | null; description: string | null; allowedValues: string[] | null }
export interface Connector { name: string; kind: string; description: string | null; source: boolean; sink: boolean; options: ConnectorOption[] }
export interface Health { status: string; version: string; authenticationRequired: boolean }

const TOKEN_KEY = "sluice.token";

export function getToken(): string {
  return localStorage.getItem(TOKEN_KEY) ?? "";
}

export function setToken(token: string): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

/** An API error: the problem details' detail (or title) and, for SQL errors, their positions. */
export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly errors: SqlError[] = []) {
    super(message);
  }
}

function headers(json: boolean): Record<string, string> {
  const result: Record<string, string> = { Accept: "application/json" };
  if (json) result["Content-Type"] = "application/json";
  const token = getToken();
  if (token) result["Authorization"] = `Bearer ${token}`;
  return result;
}

async function problem(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`;
  let errors: SqlError[] = [];
  try {
    const body = await response.json();
    message = body.detail ?? body.title ?? message;
    errors = body.errors ?? [];
  } catch {
    // not JSON
  }
  if (response.status === 401) message = "Authentication required: set an API token (top right).";
  if (response.status === 403) message = "Your token's role does not allow this.";
  return new ApiError(message, response.status, errors);
}

export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body), signal,
  });
  if (!response.ok) throw await problem(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  health: () => request<Health>("GET", "/health"),
  deployments: () => request<Deployment[]>("GET", "/deployments"),
  deployment: (id: string) => request<Deployment>("GET", `/deployments/${encodeURIComponent(id)}`),
  createDeployment: (spec: Partial<DeploymentSpec>) => request<Deployment>("POST", "/deployments", spec),
  patchDeployment: (id: string, patch: Partial<DeploymentSpec>) => request<Deployment>("PATCH", `/deployments/${encodeURIComponent(id)}`, patch),
  deleteDeployment: (id: string) => request<void>("DELETE", `/deployments/${encodeURIComponent(id)}`),
  savepoints: (id: string) => request<Savepoint[]>("GET", `/deployments/${encodeURIComponent(id)}/savepoints`),
  checkpoints: (id: string) => request<Checkpoint[]>("GET", `/deployments/${encodeURIComponent(id)}/checkpoints`),
  triggerSavepoint: (id: string) => request<Savepoint>("POST", `/deployments/${encodeURIComponent(id)}/savepoints`),
  events: (id: string) => request<DeploymentEvent[]>("GET", `/deployments/${encodeURIComponent(id)}/events?limit=200`),
  job: (id: string) => request<JobGraph>("GET", `/deployments/${encodeURIComponent(id)}/job`),
  metrics: (id: string) => request<Metrics>("GET", `/deployments/${encodeURIComponent(id)}/metrics`),
  validate: (sql: string, signal?: AbortSignal) => request<ValidateResponse>("POST", "/sql/validate", { sql }, signal),
  explain: (sql: string) => request<{ plan: string }>("POST", "/sql/explain", { sql }),
  tables: () => request<Table[]>("GET", "/catalog/tables"),
  functions: () => request<SqlFunction[]>("GET", "/catalog/functions"),
  connectors: () => request<Connector[]>("GET", "/catalog/connectors"),
};

export interface PreviewHandlers {
  schema(columns: { name: string; type: string }[]): void;
  change(kind: string, values: unknown[]): void;
  end(rows: number, reason: string): void;
  error(message: string, errors?: SqlError[]): void;
}

/** Runs a preview: POSTs the script and parses the server-sent events as they arrive. Abort the signal to stop. */
export async function preview(sql: string, maxRows: number, handlers: PreviewHandlers, signal: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await fetch("/api/v1/sql/preview", {
      method: "POST", headers: { ...headers(true), Accept: "text/event-stream" }, body: JSON.stringify({ sql, maxRows }), signal,
    });
  } catch (e) {
    if (signal.aborted) return;
    handlers.error(String(e));
    return;
  }
  if (!response.ok) {
    const error = await problem(response);
    handlers.error(error.message, error.errors);
    return;
  }
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let split: number;
      while ((split = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        let name = "message";
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) name = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
        }
        const payload = data.length ? JSON.parse(data.join("\n")) : {};
        if (name === "schema") handlers.schema(payload.columns);
        else if (name === "change") handlers.change(payload.kind, payload.values);
        else if (name === "end") handlers.end(payload.rows, payload.reason);
        else if (name === "error") handlers.error(payload.message);
      }
    }
  } catch (e) {
    if (!signal.aborted) handlers.error(String(e));
  }
}
