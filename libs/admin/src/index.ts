export { AdminModule } from './admin.module';
export { AdminAccountsRepository } from './accounts/admin-accounts.repository';
export { AdminSetupService } from './setup/admin-setup.service';
export { ADMIN_SESSION_COOKIE } from './sessions/admin-session-cookie';
export { FirstOwnerFieldsDto } from './dto/admin-session.dto';
