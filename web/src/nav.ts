import { clear, h } from "./dom";

/** A page renders into its container and returns a function that stops its timers and streams. */
export type Page = (container: HTMLElement, params: Record<string, string>) => (() => void) | void;

let renderer: () => void = () => {};

export function onNavigate(render: () => void): void {
  renderer = render;
}

export function navigate(path: string): void {
  if (location.pathname !== path) history.pushState(null, "", path);
  renderer();
}

export function setCrumb(...parts: (string | HTMLElement)[]): void {
  const crumb = document.getElementById("crumb");
  if (!crumb) return;
  clear(crumb);
  parts.forEach((part, i) => {
    if (i > 0) crumb.append(h("span", { class: "crumb-sep" }, "/"));
    crumb.append(typeof part === "string" ? h("span", null, part) : part);
  });
}

export function routeLink(path: string, label: string | HTMLElement, cls?: string): HTMLElement {
  return h("a", { href: path, class: cls, onclick: (e: MouseEvent) => { e.preventDefault(); navigate(path); } }, label);
}
