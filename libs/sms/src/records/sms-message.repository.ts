import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, SmsMessage, SmsMessageStatus } from '@app/prisma';

export interface SmsMessageFilter {
  phone?: string;
  status?: SmsMessageStatus;
  from?: Date;
  to?: Date;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

@Injectable()
export class SmsMessageRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(filter: SmsMessageFilter, page: number, pageSize: number): Promise<Page<SmsMessage>> {
    const where: Prisma.SmsMessageWhereInput = {
      phone: filter.phone,
      status: filter.status,
      createdAt: { gte: filter.from, lt: filter.to },
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.smsMessage.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.smsMessage.count({ where }),
    ]);
    return { items, total, page, pageSize };
  }
}
