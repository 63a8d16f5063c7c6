import "./style.css";
import { api, getToken, setToken } from "./api";
import { clear, h, toast } from "./dom";
import { navigate, onNavigate, type Page } from "./nav";
import { editorPage } from "./pages/editor";
import { deploymentsPage } from "./pages/deployments";
import { deploymentPage } from "./pages/deployment";


const routes: { pattern: RegExp; keys: string[]; page: Page; nav: string }[] = [
  { pattern: /^\/(editor)?$/, keys: [], page: editorPage, nav: "editor" },
  { pattern: /^\/deployments$/, keys: [], page: deploymentsPage, nav: "deployments" },
  { pattern: /^\/deployments\/([^/]+)$/, keys: ["id"], page: deploymentPage, nav: "deployments" },
];

let dispose: (() => void) | void;
const main = h("main", { class: "content" });


function render(): void {
  if (dispose) dispose();
  dispose = undefined;
  clear(main);
  const path = location.pathname.replace(/\/+$/, "") || "/";
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match) {
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1])));
      document.querySelectorAll(".nav a").forEach(a => a.classList.toggle("active", a.getAttribute("data-nav") === route.nav));
      dispose = route.page(main, params);
      return;
    }
  }
  main.append(h("div", { class: "empty" }, h("h2", null, "Not found"), h("p", null, "No page at ", h("code", null, path), ".")));
}

function link(path: string, nav: string, icon: string, label: string): HTMLElement {
  return h("a", {
    href: path, "data-nav": nav,
    onclick: (e: MouseEvent) => { e.preventDefault(); navigate(path); },
  }, h("span", { class: "nav-icon" }, icon), label);
}

function tokenControl(): HTMLElement {
  const input = h("input", { type: "password", placeholder: "API token", value: getToken(), class: "token-input", "aria-label": "API token" });
  const save = () => {
    setToken(input.value.trim());
    toast(input.value.trim() ? "Token saved" : "Token cleared");
    render();
  };
  input.addEventListener("keydown", e => { if (e.key === "Enter") save(); });
  return h("div", { class: "token" }, input, h("button", { class: "btn btn-small", onclick: save }, "Save"));
}

function shell(): void {
  const version = h("span", { class: "version" });
  const auth = h("span", { class: "auth" });
  api.health().then(health => {
    version.textContent = `Sluice ${health.version.split("+")[0]}`;
    version.title = health.version;
    auth.textContent = health.authenticationRequired ? "auth required" : "open (loopback)";
    auth.className = health.authenticationRequired ? "auth auth-on" : "auth";
  }).catch(() => (version.textContent = "server unreachable"));
  const app = document.getElementById("app")!;
  app.append(
    h("aside", { class: "sidebar" },
      h("div", { class: "brand" }, h("span", { class: "logo" }, "≋"), h("span", null, "Sluice")),
      h("nav", { class: "nav" },
        link("/", "editor", "▤", "SQL Editor"),
        link("/deployments", "deployments", "◧", "Deployments")),
      h("div", { class: "sidebar-foot" }, version)),
    h("div", { class: "page" },
      h("header", { class: "topbar" }, h("div", { class: "crumb", id: "crumb" }), h("div", { class: "topbar-right" }, auth, tokenControl())),
      main));
  onNavigate(render);
  window.addEventListener("popstate", render);
  render();
}

shell();
