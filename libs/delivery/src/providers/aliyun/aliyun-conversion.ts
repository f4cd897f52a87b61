import { conversionFailure } from '../conversion-report';
import type { ConversionOutcome, ConversionReport } from '../conversion-report';
import { postAliyunApi, readAliyunAnswer } from './aliyun-api-client';
import type { Acs3Credentials } from './acs3-signer';
import { classifyAliyunErrorCode } from './aliyun-error-codes';

/**
 * `SmsConversionIntl` of Dysmsapi 2017-05-25: Alibaba Cloud takes per-message conversion for
 * international messages only (no mainland conversion API exists, providers-2.md §5). The
 * `MessageId` is the SendSms `BizId`; `ConversionTime` is in milliseconds, after the send.
 */
export async function reportAliyunConversion(
  url: URL,
  options: Acs3Credentials & { timeoutMs: number },
  report: ConversionReport,
  signal: AbortSignal,
): Promise<ConversionOutcome> {
  if (report.region === 'CN') {
    return {
      status: 'not_taken',
      reason: 'Aliyun takes conversions of international messages only',
    };
  }
  const conversionTime = Math.max(report.verifiedAt.getTime(), report.sentAt.getTime() + 1);
  const result = await postAliyunApi(
    {
      url,
      action: 'SmsConversionIntl',
      version: '2017-05-25',
      query: {
        MessageId: report.providerMessageId,
        Delivered: 'true',
        ConversionTime: String(conversionTime),
      },
    },
    options,
    signal,
    options.timeoutMs,
  );
  if ('failed' in result) return conversionFailure(result.failed);
  const answer = readAliyunAnswer(result.answered, classifyAliyunErrorCode);
  return 'failed' in answer ? conversionFailure(answer.failed) : { status: 'reported' };
}
