import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { PrismaService } from '@app/prisma';
import type { SmsMessageRecord } from './sms-message-record';

/**
 * The one place send records are written. Recording never fails a send: a code that went out
 * must reach the client even if PostgreSQL is briefly unavailable; the loss is logged.
 */
@Injectable()
export class SmsMessageRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SmsMessageRecorder.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly prisma: PrismaService) {}

  /** Writes the message and its attempts in one insert. */
  async record(message: SmsMessageRecord): Promise<void> {
    try {
      await this.prisma.smsMessage.create({
        data: { ...message, attempts: message.attempts.map((attempt) => ({ ...attempt })) },
      });
    } catch (error) {
      this.logger.error(`Could not record message ${message.id}: ${describe(error)}`);
    }
  }

  /**
   * Marks the message whose code was verified, after the response: the verify path waits
   * for Redis only. Pending marks are flushed before the application shuts down.
   */
  markVerifiedLater(messageId: string, verifiedAt = new Date()): void {
    const write = this.prisma.smsMessage
      .updateMany({ where: { id: messageId, verifiedAt: null }, data: { verifiedAt } })
      .then(
        () => undefined,
        (error: unknown) => {
          this.logger.warn(`Could not mark message ${messageId} verified: ${describe(error)}`);
        },
      )
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
