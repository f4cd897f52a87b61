export { CurrentSession, SessionRequired } from './sessions/session.decorators';
export { SessionGuard } from './sessions/session.guard';
export { AuthenticatedSession, SessionService } from './sessions/session.service';
export * from './user.errors';
export { UserModule } from './user.module';
