import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, SmsMessage, SmsMessageStatus } from '@app/prisma';

export interface NewSmsMessage {
  id: string;
  phone: string;
  purpose: string;
  provider: string;
  providerMessageId?: string;
  status: SmsMessageStatus;
  errorCode?: string;
  errorMessage?: string;
  /** The text as sent, with any code masked. */
  content: string;
  segments: number;
  clientIp?: string;
}

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

  async create(message: NewSmsMessage): Promise<void> {
    await this.prisma.smsMessage.create({ data: message });
  }

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
