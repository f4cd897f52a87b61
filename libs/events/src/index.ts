export * from './catalogue/event-catalogue';
export { EventsModule } from './events.module';
export { EVENTS_SETTINGS, EventsSettings } from './events.settings';
export { EventsWorkerModule } from './events-worker.module';
export { lifecycleEventInsert, LifecycleEvents, outboxInsert } from './outbox/lifecycle-events';
