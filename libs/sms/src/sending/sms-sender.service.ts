import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { SmsMessageRepository } from '../records/sms-message.repository';
import {
  OutgoingSms,
  SMS_PROVIDERS,
  SmsProvider,
  SmsProviderError,
  SmsSendResult,
} from '../providers/sms-provider';
import { clientErrorForProviderFailure } from './provider-failure';
import { countSegments } from './segments';

export interface SendRecordContext {
  /** The text to keep in the record: the content with any code masked. */
  recordedContent: string;
  clientIp?: string;
}

/**
 * Sends a rendered message through the providers in failover order and records
 * the outcome. A transport failure, timeout or provider-side 5xx moves on to the
 * next provider; a refusal another provider would repeat does not.
 */
@Injectable()
export class SmsSender {
  private readonly logger = new Logger(SmsSender.name);
  private readonly timeoutMs: number;

  constructor(
    @Inject(SMS_PROVIDERS) private readonly providers: SmsProvider[],
    private readonly records: SmsMessageRepository,
    config: AppConfigService,
  ) {
    this.timeoutMs = config.get('SMS_PROVIDER_TIMEOUT_MS');
  }

  async send(sms: OutgoingSms, context: SendRecordContext): Promise<SmsSendResult> {
    let lastFailure: SmsProviderError | undefined;
    for (const provider of this.providers) {
      try {
        const result = await provider.send(sms, AbortSignal.timeout(this.timeoutMs));
        await this.record(sms, context, provider.name, { result });
        return result;
      } catch (error) {
        lastFailure = this.asProviderError(provider.name, error);
        this.logger.warn(
          `Provider ${provider.name} failed for message ${sms.id}: ${lastFailure.kind} ${lastFailure.providerCode}`,
        );
        if (!lastFailure.failsOver) break;
      }
    }
    const failure =
      lastFailure ?? new SmsProviderError('none', 'server', 'NoProvider', 'No provider');
    await this.record(sms, context, failure.provider, { failure });
    throw clientErrorForProviderFailure(failure);
  }

  private asProviderError(provider: string, error: unknown): SmsProviderError {
    if (error instanceof SmsProviderError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new SmsProviderError(provider, 'server', 'UnexpectedError', message);
  }

  /** A lost record must not turn a delivered code into an error for the client. */
  private async record(
    sms: OutgoingSms,
    context: SendRecordContext,
    provider: string,
    outcome: { result: SmsSendResult } | { failure: SmsProviderError },
  ): Promise<void> {
    const failure = 'failure' in outcome ? outcome.failure : undefined;
    try {
      await this.records.create({
        id: sms.id,
        phone: sms.phone,
        purpose: sms.purpose,
        provider,
        providerMessageId: 'result' in outcome ? outcome.result.providerMessageId : undefined,
        status: failure ? 'failed' : 'sent',
        errorCode: failure?.providerCode,
        errorMessage: failure?.message.slice(0, 500),
        content: context.recordedContent,
        segments: countSegments(context.recordedContent),
        clientIp: context.clientIp,
      });
    } catch (error) {
      this.logger.error(
        `Could not record message ${sms.id}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
