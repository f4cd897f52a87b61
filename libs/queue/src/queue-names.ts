/** Every queue of the service, by the name its keys carry in Redis. */
export const QUEUES = {
  messages: 'messages',
  maintenance: 'maintenance',
  webhooks: 'webhooks',
  campaigns: 'campaigns',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const QUEUE_NAMES: readonly QueueName[] = Object.values(QUEUES);
