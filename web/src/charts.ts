import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { h } from "./dom";

export interface SeriesSpec { label: string; color: string }

/** A time-series chart over a sliding window of samples. */
export class TimeChart {
  readonly element: HTMLElement;
  private plot: uPlot | null = null;
  private readonly data: number[][];
  private readonly value: HTMLElement;

  constructor(readonly title: string, private readonly series: SeriesSpec[], private readonly format: (v: number) => string, private readonly window = 120, private readonly emptyText = "–") {
    this.data = [[], ...series.map(() => [])];
    this.value = h("span", { class: "chart-value" }, "–");
    this.element = h("div", { class: "chart-card", "data-chart": title }, h("div", { class: "chart-head" }, h("span", { class: "chart-title" }, title), this.value), h("div", { class: "chart-body" }));
  }

  push(time: number, values: (number | null)[]): void {
    this.data[0].push(time);
    values.forEach((v, i) => this.data[i + 1].push(v as number));
    if (this.data[0].length > this.window) this.data.forEach(column => column.shift());
    const last = values[0];
    this.value.textContent = last === null || last === undefined ? this.emptyText : this.format(last);
    this.element.dataset.samples = String(this.data[0].length);
    this.draw();
  }

  get samples(): number {
    return this.data[0].length;
  }

  private draw(): void {
    const body = this.element.querySelector(".chart-body") as HTMLElement;
    const width = Math.max(200, body.clientWidth);
    if (!this.plot) {
      this.plot = new uPlot({
        width, height: 150, legend: { show: false }, cursor: { drag: { x: false, y: false } },
        padding: [8, 8, 0, 0],
        scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(1, (max ?? 1) * 1.15)] } },
        axes: [
          { stroke: "#6b7280", grid: { stroke: "#eef0f3" }, ticks: { stroke: "#e5e7eb" }, font: "11px system-ui" },
          { stroke: "#6b7280", grid: { stroke: "#eef0f3" }, ticks: { stroke: "#e5e7eb" }, font: "11px system-ui", size: 64, values: (_u, splits) => splits.map(v => this.format(v)) },
        ],
        series: [{}, ...this.series.map(s => ({ label: s.label, stroke: s.color, width: 2, fill: s.color + "22", spanGaps: true }))],
      }, this.data as uPlot.AlignedData, body);
    } else {
      if (Math.abs(this.plot.width - width) > 4) this.plot.setSize({ width, height: 150 });
      this.plot.setData(this.data as uPlot.AlignedData);
    }
  }

  destroy(): void {
    this.plot?.destroy();
  }
}
