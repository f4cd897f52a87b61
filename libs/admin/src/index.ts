export { AdminModule } from './admin.module';
export { AdminSetupService } from './setup/admin-setup.service';
export { ADMIN_SESSION_COOKIE } from './sessions/admin-session-cookie';
