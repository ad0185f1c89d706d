import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartType,
  type DefaultDataPoint,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Only what the charts draw, so the bundle carries no other controllers or scales.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);
// The app's font stack (app.css), CJK fonts included, so Chinese labels render in the UI's face.
Chart.defaults.font.family =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
Chart.defaults.color = '#4a525c';
// Charts appear at once: nothing to wait for in tests or screenshots, less motion for everyone.
Chart.defaults.animation = false;

/** Series colours: distinguishable and at least 3:1 against white. */
export const PALETTE = [
  '#0b5cad',
  '#b42318',
  '#1a7f37',
  '#8a5a00',
  '#6941c6',
  '#0e7490',
  '#c11574',
  '#475467',
  '#b54708',
  '#3538cd',
];

/**
 * Draws a chart on the returned canvas ref; a new config (memoise it) replaces the chart, and
 * unmounting destroys it, so no Chart instance outlives its canvas.
 */
export function useChart<T extends ChartType, D = DefaultDataPoint<T>, L = unknown>(
  config: ChartConfiguration<T, D, L> | null,
) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element || !config) return;
    const chart = new Chart<T, D, L>(element, config);
    return () => chart.destroy();
  }, [config]);
  return canvas;
}

/** Shortens a long issue title for a legend or axis; the full title stays in tooltips and tables. */
export function shortLabel(text: string, max = 36): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
