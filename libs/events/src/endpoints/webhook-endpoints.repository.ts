import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, WebhookEndpoint } from '@app/prisma';

export interface NewWebhookEndpoint {
  url: string;
  secret: string;
  eventTypes: string[];
  description?: string;
}

export interface WebhookEndpointChanges {
  url?: string;
  eventTypes?: string[];
  description?: string | null;
  enabled?: boolean;
}

export interface EndpointPage {
  items: WebhookEndpoint[];
  total: number;
  page: number;
  pageSize: number;
}

/** Webhook endpoints in PostgreSQL. `null` for an id no endpoint has. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(endpoint: NewWebhookEndpoint): Promise<WebhookEndpoint> {
    return this.prisma.webhookEndpoint.create({ data: endpoint });
  }

  find(id: string): Promise<WebhookEndpoint | null> {
    return this.prisma.webhookEndpoint.findUnique({ where: { id } });
  }

  async list(page: number, pageSize: number): Promise<EndpointPage> {
    const [items, total] = await this.prisma.$transaction([
      this.prisma.webhookEndpoint.findMany({
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.webhookEndpoint.count(),
    ]);
    return { items, total, page, pageSize };
  }

  /** Enabling clears why the service had disabled it. */
  async update(id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpoint | null> {
    const data: Prisma.WebhookEndpointUpdateInput = { ...changes };
    if (changes.enabled === true) data.disabledReason = null;
    const { count } = await this.prisma.webhookEndpoint.updateMany({ where: { id }, data });
    return count === 0 ? null : this.find(id);
  }

  /** Its deliveries go with it (cascade); jobs still queued for them find nothing and end. */
  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.webhookEndpoint.deleteMany({ where: { id } });
    return count > 0;
  }

  /** The service disables an endpoint that asked for it (410 Gone). */
  async disable(id: string, reason: string): Promise<void> {
    await this.prisma.webhookEndpoint.updateMany({
      where: { id },
      data: { enabled: false, disabledReason: reason },
    });
  }
}
