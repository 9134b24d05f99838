import { el, svg, when } from './dom.js';

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 16, right: 20, bottom: 36, left: 56 };

const SERIES = [
  { name: 'changed', label: 'rows changed (created + updated + deleted)',
    value: (c) => c.created + c.updated + c.deleted },
  { name: 'failed', label: 'rows failed', value: (c) => c.failed },
];

/** Rows changed and failed per finished run of one sync, over time, as an inline SVG line chart. */
export function runChart(runs) {
  const finished = runs.filter((run) => run.endedAt && run.counts)
    .sort((a, b) => new Date(a.startedAt) - new Date(b.startedAt));
  if (finished.length === 0) {
    return el('p', { class: 'notice notice-info' }, 'No finished runs to chart yet.');
  }
  const times = finished.map((run) => new Date(run.startedAt).getTime());
  const top = niceCeiling(Math.max(1, ...finished.flatMap((run) => SERIES.map((s) => s.value(run.counts)))));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const first = times[0];
  const span = times[times.length - 1] - first;
  const x = (time) => MARGIN.left + (span === 0 ? plotWidth / 2 : ((time - first) / span) * plotWidth);
  const y = (value) => MARGIN.top + plotHeight - (value / top) * plotHeight;

  const ticks = [...new Set([0, 0.25, 0.5, 0.75, 1].map((share) => Math.round(top * share)))];
  const gridLines = ticks.map((value) => svg('g', { class: 'grid' },
    svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value) }),
    svg('text', { x: MARGIN.left - 8, y: y(value) + 4, 'text-anchor': 'end' }, value.toLocaleString())));
  const timeLabels = [...new Set([0, finished.length - 1])].map((index) =>
    svg('text', { class: 'axis-label', x: x(times[index]), y: HEIGHT - 10,
      'text-anchor': span === 0 ? 'middle' : index === 0 ? 'start' : 'end' }, when(finished[index].startedAt)));
  const lines = SERIES.map((series) => svg('g', { class: `series series-${series.name}` },
    svg('polyline', { points: finished.map((run, i) => `${x(times[i])},${y(series.value(run.counts))}`).join(' ') }),
    finished.map((run, i) => svg('circle', { cx: x(times[i]), cy: y(series.value(run.counts)), r: 3.5 },
      svg('title', {}, `run ${run.id}, ${when(run.startedAt)}: ${series.value(run.counts)} ${series.label}`)))));

  return el('figure', { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
      'aria-label': `rows changed and failed over the last ${finished.length} runs` },
      gridLines, timeLabels, lines),
    el('figcaption', {}, SERIES.map((series) =>
      el('span', { class: `legend legend-${series.name}` }, series.label))));
}

/** 1, 2 or 5 times a power of ten, so the axis reads in round numbers. */
function niceCeiling(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value);
}
