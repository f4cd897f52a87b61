import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ClientThrottlerGuard } from './client-throttler.guard';

@Module({
  providers: [{ provide: APP_GUARD, useClass: ClientThrottlerGuard }],
})
export class ThrottlingModule {}
