import { asRecord, stringField } from '../provider-http';
import { conversionFailure } from '../conversion-report';
import type { ConversionOutcome, ConversionReport } from '../conversion-report';
import { postTencentApi, readTencentEnvelope } from './tencent-api-client';
import { classifyTencentErrorCode } from './tencent-error-codes';
import type { TencentSmsOptions } from './tencent-sms.provider';

/**
 * `ReportConversion` of SMS 2021-01-11 (allowlisted accounts only): the `SerialNo` of a message
 * whose code was verified, and when (Unix seconds). Success is `ReportConversionStatus.Code`
 * `OK`, written `ok` in some versions of the model: compared without case.
 */
export async function reportTencentConversion(
  url: URL,
  options: TencentSmsOptions,
  report: ConversionReport,
  signal: AbortSignal,
): Promise<ConversionOutcome> {
  const result = await postTencentApi(
    {
      url,
      service: 'sms',
      action: 'ReportConversion',
      version: '2021-01-11',
      region: options.region,
      body: {
        SmsSdkAppId: options.sdkAppId,
        SerialNo: report.providerMessageId,
        ConversionTime: Math.floor(report.verifiedAt.getTime() / 1000),
      },
    },
    options,
    signal,
    options.timeoutMs,
  );
  if ('failed' in result) return conversionFailure(result.failed);
  const envelope = readTencentEnvelope(result.answered, classifyTencentErrorCode);
  if ('failed' in envelope) return conversionFailure(envelope.failed);
  const status = asRecord(envelope.response.ReportConversionStatus);
  const code = status && stringField(status, 'Code');
  if (code?.toLowerCase() === 'ok') return { status: 'reported' };
  return {
    status: 'failed',
    retry: false,
    code: code ?? 'InvalidResponse',
    message: (status && stringField(status, 'Message')) ?? 'no ReportConversionStatus',
  };
}
