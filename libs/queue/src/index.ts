export { QueueModule } from './queue.module';
export { QUEUE_NAMES, QUEUES, QueueName } from './queue-names';
