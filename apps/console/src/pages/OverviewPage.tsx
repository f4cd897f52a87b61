import { Alert, Card, Col, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import { api, ok } from '../api/client';
import { EChart } from '../components/EChart';
import { useI18n } from '../i18n/i18n';
import { useLoad } from '../useLoad';
import {
  codesPerDayOption,
  daySeries,
  fraudOption,
  queueOption,
  shareOption,
} from './overview-charts';

const DAY_MS = 86_400_000;
type Grouping = 'day' | 'status' | 'channel' | 'provider' | 'region';
const GROUPINGS: Grouping[] = ['day', 'status', 'channel', 'provider', 'region'];

/** Charts of the last 30 days, the pumping defence and the queues. */
export function OverviewPage() {
  const { t } = useI18n();
  const window = useMemo(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - 30 * DAY_MS), to };
  }, []);
  const stats = useLoad(async () => {
    const query = { from: window.from.toISOString(), to: window.to.toISOString() };
    const reports = await Promise.all(
      GROUPINGS.map((groupBy) =>
        ok(api.GET('/v1/admin/sms/stats', { params: { query: { ...query, groupBy } } })),
      ),
    );
    return Object.fromEntries(GROUPINGS.map((grouping, i) => [grouping, reports[i]])) as Record<
      Grouping,
      (typeof reports)[number]
    >;
  }, [window]);
  const fraud = useLoad(() => ok(api.GET('/v1/admin/fraud/overview')), []);
  const queues = useLoad(() => ok(api.GET('/v1/admin/queues')), []);

  const totals = stats.data?.day.totals;
  const percent = (rate: number | null | undefined) =>
    rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`;

  return (
    <>
      {[stats.error, fraud.error, queues.error].filter(Boolean).map((error) => (
        <Alert
          key={error}
          type="error"
          title={t('loadFailed')}
          description={error}
          className="form-alert"
        />
      ))}
      <Row gutter={[16, 16]}>
        {(
          [
            ['messagesTotal', totals?.messages],
            ['codesSent', totals?.codesSent],
            ['codesVerified', totals?.codesVerified],
            ['conversion', percent(totals?.conversionRate)],
            ['deliveryRate', percent(totals?.deliveryRate)],
          ] as const
        ).map(([label, value]) => (
          <Col key={label} xs={12} md={8} xl={4}>
            <Card loading={stats.loading}>
              <Statistic title={`${t(label)} · ${t('last30Days')}`} value={value ?? 0} />
            </Card>
          </Col>
        ))}
        <Col span={24}>
          <Card title={t('codesPerDay')} loading={stats.loading}>
            {stats.data && (
              <EChart
                label={t('codesPerDay')}
                option={codesPerDayOption(
                  daySeries(stats.data.day.groups, window.from, window.to),
                  {
                    sent: t('codesSent'),
                    verified: t('codesVerified'),
                    conversion: t('conversion'),
                  },
                )}
              />
            )}
          </Card>
        </Col>
        {(
          [
            ['status', 'byStatus'],
            ['channel', 'byChannel'],
            ['provider', 'byProvider'],
            ['region', 'byRegion'],
          ] as const
        ).map(([grouping, title]) => (
          <Col key={grouping} xs={24} md={12} xl={6}>
            <Card title={t(title)} loading={stats.loading}>
              {stats.data && (
                <EChart
                  label={t(title)}
                  height={240}
                  option={shareOption(stats.data[grouping].groups, '—')}
                />
              )}
            </Card>
          </Col>
        ))}
        <Col xs={24} xl={12}>
          <Card title={t('fraudState')} loading={fraud.loading}>
            {fraud.data && (
              <EChart
                label={t('fraudState')}
                option={fraudOption(fraud.data.countries, {
                  unverified: t('unverified'),
                  budget: t('budget'),
                })}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('queueDepths')} loading={queues.loading}>
            {queues.data && (
              <EChart
                label={t('queueDepths')}
                option={queueOption(queues.data.queues, {
                  waiting: t('waiting'),
                  prioritized: t('prioritized'),
                  active: t('active'),
                  delayed: t('delayed'),
                  failed: t('failed'),
                })}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
