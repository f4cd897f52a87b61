import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MaintenanceProcessor } from './maintenance.processor';

/**
 * The worker of the maintenance queue. A library's worker module imports it beside its
 * @PeriodicJob providers; Nest keeps one instance however many import it.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [MaintenanceProcessor],
})
export class MaintenanceWorkerModule {}
