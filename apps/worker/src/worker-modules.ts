import type { Type } from '@nestjs/common';
import { CodesWorkerModule } from '@app/codes';
import { DeliveryWorkerModule } from '@app/delivery';
import { EventsWorkerModule } from '@app/events';
import { UserWorkerModule } from '@app/user';

/**
 * The workers of every library, one line each: a library's `XxxWorkerModule` holds its
 * @Processor and @PeriodicJob providers. The worker app imports them all; the API imports them
 * too when WORKER_EMBEDDED is on.
 */
export const WORKER_MODULES: ReadonlyArray<Type> = [
  UserWorkerModule,
  DeliveryWorkerModule,
  EventsWorkerModule,
  CodesWorkerModule,
];
