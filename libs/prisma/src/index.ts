export { Prisma } from './generated/client';
export type { Session, SmsMessage, User } from './generated/client';
export { SmsMessageStatus } from './generated/enums';
export { PrismaModule } from './prisma.module';
export { PrismaService } from './prisma.service';
export { applyMigrations, type ApplyMigrationsOptions, type ApplyMigrationsResult } from './migrator';
