export { QueueModule } from './queue.module';
export { QUEUE_NAMES, QUEUES, QueueName } from './queue-names';
export { MaintenanceWorkerModule } from './maintenance/maintenance-worker.module';
export {
  PeriodicJob,
  PeriodicJobEvery,
  PeriodicJobHandler,
  PeriodicJobSummary,
} from './maintenance/periodic-job';
