import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { AppConfigService } from '@app/config';
import type { SmsTemplateKind } from '@app/prisma';
import {
  OutgoingSms,
  SmsProvider,
  SmsProviderError,
  SmsSendResult,
} from '../providers/sms-provider';
import { SmsProviderRouter } from '../providers/sms-provider-router';
import type { SmsAttemptRecord, SmsMessageRecord } from '../records/sms-message-record';
import { SmsMessageRecorder } from '../records/sms-message.recorder';
import { clientErrorForProviderFailure } from './provider-failure';
import { countSegments } from './segments';
import { TestPhoneNumbers } from './test-phone-numbers';

export interface SendRecordContext {
  kind: SmsTemplateKind;
  /** The text to keep in the record: the content with any code masked. */
  recordedContent: string;
  /** The managed template's locale; absent for the built-in text. */
  locale?: string;
  clientIp?: string;
}

export interface SentSms {
  /** The provider that took the message; `test` for a test number. */
  provider: string;
  providerMessageId?: string;
  testNumber: boolean;
  segments: number;
}

/** The provider recorded for a test number's messages, which go nowhere. */
export const TEST_NUMBER_PROVIDER = 'test';

/**
 * Sends a rendered message through the providers for the phone's region, in failover order,
 * and records every attempt. A transport failure, timeout or provider-side 5xx moves on to the
 * next provider; a refusal another provider would repeat does not. A provider that needs its
 * own template id and has none for this template is skipped (recorded as `MissingTemplateId`).
 */
@Injectable()
export class SmsSender {
  private readonly logger = new Logger(SmsSender.name);
  private readonly timeoutMs: number;

  constructor(
    private readonly router: SmsProviderRouter,
    private readonly recorder: SmsMessageRecorder,
    private readonly testNumbers: TestPhoneNumbers,
    config: AppConfigService,
  ) {
    this.timeoutMs = config.get('SMS_PROVIDER_TIMEOUT_MS');
  }

  /** Records are queued, not awaited: a slow database does not hold the client's answer. */
  send(sms: OutgoingSms, context: SendRecordContext): Promise<SentSms> {
    return this.recorder.whileSending(() => this.sendAndRecord(sms, context));
  }

  private async sendAndRecord(sms: OutgoingSms, context: SendRecordContext): Promise<SentSms> {
    const segments = countSegments(context.recordedContent);
    if (this.testNumbers.isTestNumber(sms.phone)) {
      const outcome = { provider: TEST_NUMBER_PROVIDER, testNumber: true, attempts: [] };
      this.recorder.record(this.recordOf(sms, context, segments, outcome));
      return { provider: TEST_NUMBER_PROVIDER, testNumber: true, segments };
    }

    const attempts: SmsAttemptRecord[] = [];
    let failure: SmsProviderError | undefined;
    for (const provider of this.router.providersFor(sms.region)) {
      const skipped = this.lacksTemplateId(provider, sms);
      if (skipped !== undefined) {
        attempts.push(failedAttempt(skipped, 0));
        // A skip explains the outcome only when no provider was really tried.
        failure ??= skipped;
        continue;
      }
      const started = performance.now();
      let result: SmsSendResult;
      try {
        result = await provider.send(sms, AbortSignal.timeout(this.timeoutMs));
      } catch (error) {
        failure = this.asProviderError(provider.name, error);
        attempts.push(failedAttempt(failure, elapsedMs(started)));
        this.logger.warn(
          `Provider ${provider.name} failed for message ${sms.id}: ${failure.kind} ${failure.providerCode}`,
        );
        if (failure.failsOver) continue;
        break;
      }
      const sent = { provider: provider.name, providerMessageId: result.providerMessageId };
      attempts.push({ ...sent, status: 'sent', latencyMs: elapsedMs(started) });
      const outcome = { ...sent, testNumber: false, attempts };
      this.recorder.record(this.recordOf(sms, context, segments, outcome));
      return { ...sent, testNumber: false, segments };
    }

    const final = failure ?? new SmsProviderError('none', 'server', 'NoProvider', 'No provider');
    const outcome = { provider: final.provider, testNumber: false, attempts, failure: final };
    this.recorder.record(this.recordOf(sms, context, segments, outcome));
    throw clientErrorForProviderFailure(final);
  }

  /** The error for a provider that cannot carry this template, if it cannot. */
  private lacksTemplateId(provider: SmsProvider, sms: OutgoingSms): SmsProviderError | undefined {
    if (!provider.requiresProviderTemplate) return undefined;
    if (sms.template?.providerTemplateIds[provider.name] !== undefined) return undefined;
    return new SmsProviderError(
      provider.name,
      'rejected',
      'MissingTemplateId',
      `template ${sms.template?.name ?? '(built-in)'} has no ${provider.name} template id`,
      'template_not_approved',
    );
  }

  private asProviderError(provider: string, error: unknown): SmsProviderError {
    if (error instanceof SmsProviderError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new SmsProviderError(provider, 'server', 'UnexpectedError', message);
  }

  private recordOf(
    sms: OutgoingSms,
    context: SendRecordContext,
    segments: number,
    outcome: {
      provider: string;
      providerMessageId?: string;
      testNumber: boolean;
      attempts: SmsAttemptRecord[];
      failure?: SmsProviderError;
    },
  ): SmsMessageRecord {
    return {
      id: sms.id,
      phone: sms.phone,
      region: sms.region,
      purpose: sms.purpose,
      kind: context.kind,
      templateName: sms.template?.name,
      locale: context.locale,
      signature: sms.signature,
      content: context.recordedContent,
      segments,
      clientIp: context.clientIp,
      testNumber: outcome.testNumber,
      provider: outcome.provider,
      providerMessageId: outcome.providerMessageId,
      status: outcome.failure ? 'failed' : 'sent',
      errorCode: outcome.failure?.providerCode,
      errorMessage: outcome.failure?.message.slice(0, 500),
      attempts: outcome.attempts,
    };
  }
}

function failedAttempt(failure: SmsProviderError, latencyMs: number): SmsAttemptRecord {
  return {
    provider: failure.provider,
    status: 'failed',
    errorCode: failure.providerCode,
    errorMessage: failure.message.slice(0, 500),
    latencyMs,
  };
}

function elapsedMs(started: number): number {
  return Math.round(performance.now() - started);
}
