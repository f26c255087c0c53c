// ECharts with only the parts the views use (graph, heat map), so the bundle stays small.
import * as echarts from 'echarts/core';
import { GraphChart, HeatmapChart } from 'echarts/charts';
import { TooltipComponent, GridComponent, VisualMapComponent, AriaComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([GraphChart, HeatmapChart, TooltipComponent, GridComponent, VisualMapComponent, AriaComponent, CanvasRenderer]);

const charts = new Set();

/** A chart in `element`, disposed with the view; resizes with the window. */
export function chartIn(element) {
  const chart = echarts.init(element, null, { renderer: 'canvas' });
  charts.add(chart);
  return chart;
}

export function disposeCharts() {
  for (const chart of charts) chart.dispose();
  charts.clear();
}

addEventListener('resize', () => charts.forEach((chart) => chart.resize()));
