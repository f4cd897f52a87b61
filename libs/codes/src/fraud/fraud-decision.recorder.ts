import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { BatchWriter } from '@app/delivery';
import { Metrics } from '@app/metrics';
import type { FraudDecisionRow } from './fraud-decision';
import { FraudDecisionsRepository } from './fraud-decisions.repository';

/** Shutdown waits this long for the decisions still queued. */
const SHUTDOWN_WAIT_MS = 5000;

/**
 * Decisions are written after the answer, in batches (one INSERT for every decision of a turn
 * of the event loop), from a bounded queue: an attack's thousands of refusals cost the request
 * path nothing, and PostgreSQL away loses decisions (counted, logged), never a request.
 */
@Injectable()
export class FraudDecisionRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger(FraudDecisionRecorder.name);
  private readonly writer: BatchWriter<FraudDecisionRow>;

  constructor(repository: FraudDecisionsRepository, metrics: Metrics) {
    this.writer = new BatchWriter({
      insert: (rows) => repository.insertMany(rows),
      onLoss: (count, reason) => {
        metrics.fraudDecisionsLost(count);
        this.logger.warn(`${count} fraud decisions not recorded: ${reason}`);
      },
    });
  }

  record(decision: FraudDecisionRow): void {
    this.writer.write(decision);
  }

  /** Resolves once the decisions queued before the call are written (the admin list waits). */
  flushed(): Promise<void> {
    return this.writer.flushed();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.race([
      this.writer.flushed(),
      new Promise((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref()),
    ]);
  }
}
