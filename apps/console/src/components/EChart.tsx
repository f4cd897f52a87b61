import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

export type ChartOption = echarts.EChartsCoreOption;

/**
 * One ECharts instance in a div, following the option and the div's size. Canvas rendering:
 * no inline <style> for the Content-Security-Policy to refuse.
 */
export function EChart({
  option,
  height = 280,
  label,
}: {
  option: ChartOption;
  height?: number;
  label: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={label}
      className="console-chart"
      style={{ height }}
    />
  );
}
