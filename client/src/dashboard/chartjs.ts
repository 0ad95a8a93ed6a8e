import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";

/**
 * Chart.js (MIT, actively maintained, canvas, tree-shakeable): only what the dashboard's bar charts
 * use is registered, and this module is its own chunk, loaded when the first chart is drawn.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);
Chart.defaults.font.family = '"Noto Sans JP", "Hiragino Sans", "BIZ UDPGothic", "Yu Gothic UI", Meiryo, sans-serif';
Chart.defaults.font.size = 14;
Chart.defaults.color = "#333333";
// People who ask for less motion get none.
if (typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches) Chart.defaults.animation = false;

export { Chart };
export type { ChartConfiguration } from "chart.js";
