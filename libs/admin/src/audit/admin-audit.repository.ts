import { Injectable } from '@nestjs/common';
import { AdminAuditEntry, Prisma, PrismaService } from '@app/prisma';

export interface AuditRecord {
  actor: 'api-key' | 'session';
  adminId: string | null;
  adminUsername: string | null;
  method: string;
  route: string;
  path: string;
  objectId: string | null;
  status: number;
  requestBody: unknown;
  responseBody: unknown;
  /** The object as it was before the change; undefined when there was none. */
  before: unknown;
  /** The object as it is after the change; undefined when there is none (deleted). */
  after: unknown;
  clientIp: string;
}

export interface AuditFilter {
  adminId?: string;
  route?: string;
  from?: Date;
  to?: Date;
}

const json = (value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull =>
  value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);

/** The admin_audit_entries table: written once per change, never updated. */
@Injectable()
export class AdminAuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.prisma.adminAuditEntry.create({
      data: {
        ...entry,
        requestBody: json(entry.requestBody),
        responseBody: json(entry.responseBody),
        before: json(entry.before),
        after: json(entry.after),
      },
    });
  }

  async page(
    filter: AuditFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: AdminAuditEntry[]; total: number }> {
    const where: Prisma.AdminAuditEntryWhereInput = {
      adminId: filter.adminId,
      route: filter.route,
      createdAt: { gte: filter.from, lt: filter.to },
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.adminAuditEntry.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.adminAuditEntry.count({ where }),
    ]);
    return { items, total };
  }
}
