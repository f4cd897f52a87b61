import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Metrics } from './metrics.service';

const DASHBOARD = join(__dirname, '../../../docker/grafana/smsauth-dashboard.json');

interface Dashboard {
  panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
}

/** PromQL's functions and keywords that read like names. */
const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

/**
 * The metric names a PromQL expression reads: the identifiers left once the label lists
 * (`by (...)`, `{...}`), durations (`[5m]`), functions (a name before `(`) and numbers are gone.
 */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ');
  const names = [...bare.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)]
    .filter(([, , call]) => call === undefined)
    .map(([, name]) => name)
    .filter((name) => !PROMQL_WORDS.has(name));
  return [...new Set(names)];
}

/** Every series name the registry exports (a histogram as its _bucket, _sum and _count). */
async function exportedNames(metrics: Metrics): Promise<Set<string>> {
  const names = new Set<string>();
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    if (String(metric.type) === 'histogram') {
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
    } else {
      names.add(metric.name);
    }
  }
  return names;
}

describe('the Grafana dashboard (docker/grafana/smsauth-dashboard.json)', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
  const queried = dashboard.panels.flatMap((panel) =>
    panel.targets.flatMap((target) => metricNamesIn(target.expr)),
  );

  it('reads metric names out of PromQL', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{route!="x"}[5m])))',
      ),
    ).toEqual(['http_request_duration_seconds_bucket']);
    expect(metricNamesIn('sum(rate(a_total[1h])) / sum(rate(b_total[1h])) * 100 / 1e9')).toEqual([
      'a_total',
      'b_total',
    ]);
  });

  it('queries only metrics the service exports', async () => {
    const exported = await exportedNames(new Metrics());
    expect(queried.length).toBeGreaterThan(20);
    expect(queried.filter((name) => !exported.has(name))).toEqual([]);
  });

  it("shows every one of the service's own metrics", async () => {
    const metrics = await new Metrics().registry.getMetricsAsJSON();
    const own = metrics
      .map((metric) => metric.name)
      .filter((name) => name.startsWith('smsauth_') || name.startsWith('http_'));
    const shown = new Set(queried.map((name) => name.replace(/_(bucket|sum|count)$/, '')));
    expect(own.filter((name) => !shown.has(name))).toEqual([]);
  });
});
