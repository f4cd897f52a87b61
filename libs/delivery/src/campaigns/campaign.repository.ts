import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, SmsCampaign, SmsCampaignStatus } from '@app/prisma';

export interface UploadCounts {
  accepted: number;
  duplicate: number;
  suppressed: number;
  rejected: number;
}

/** Campaign rows. State changes are conditional updates: two admins never both win. */
@Injectable()
export class CampaignRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.SmsCampaignUncheckedCreateInput): Promise<SmsCampaign> {
    return this.prisma.smsCampaign.create({ data });
  }

  find(id: string): Promise<SmsCampaign | null> {
    return this.prisma.smsCampaign.findUnique({ where: { id } });
  }

  async list(page: number, pageSize: number): Promise<{ items: SmsCampaign[]; total: number }> {
    const [items, total] = await this.prisma.$transaction([
      this.prisma.smsCampaign.findMany({
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.smsCampaign.count(),
    ]);
    return { items, total };
  }

  /**
   * Moves the campaign from one of `from` to `to` (with `data`); answers the updated row, or
   * undefined when it was in none of `from` (someone else moved it first).
   */
  async transition(
    id: string,
    from: readonly SmsCampaignStatus[],
    to: SmsCampaignStatus,
    data: Prisma.SmsCampaignUpdateManyMutationInput = {},
  ): Promise<SmsCampaign | undefined> {
    const { count } = await this.prisma.smsCampaign.updateMany({
      where: { id, status: { in: [...from] } },
      data: { ...data, status: to },
    });
    if (count === 0) return undefined;
    return (await this.find(id)) ?? undefined;
  }

  /** Campaigns that should have a live job: sending, or scheduled (waiting for their time). */
  underWay(): Promise<Array<Pick<SmsCampaign, 'id' | 'status' | 'runs' | 'scheduledAt'>>> {
    return this.prisma.smsCampaign.findMany({
      where: { status: { in: ['sending', 'scheduled'] } },
      select: { id: true, status: true, runs: true, scheduledAt: true },
    });
  }

  /**
   * Starts a new run of the campaign, if it is still in `status` at run `runs` (nobody paused,
   * resumed or ended it meanwhile): answers the updated row, or undefined.
   */
  async newRun(
    id: string,
    status: SmsCampaignStatus,
    runs: number,
  ): Promise<SmsCampaign | undefined> {
    const { count } = await this.prisma.smsCampaign.updateMany({
      where: { id, status, runs },
      data: { runs: { increment: 1 } },
    });
    if (count === 0) return undefined;
    return (await this.find(id)) ?? undefined;
  }

  /** Adds to the upload counts (in the upload's transaction). */
  async addCounts(db: Prisma.TransactionClient, id: string, counts: UploadCounts): Promise<void> {
    await db.smsCampaign.update({
      where: { id },
      data: {
        acceptedCount: { increment: counts.accepted },
        duplicateCount: { increment: counts.duplicate },
        suppressedCount: { increment: counts.suppressed },
        rejectedCount: { increment: counts.rejected },
      },
    });
  }

  /**
   * Locks the campaign for an upload's chunk (two uploads add up one chunk at a time) and
   * answers its state: rows go only into a draft.
   */
  async lockForUpload(db: Prisma.TransactionClient, id: string): Promise<SmsCampaignStatus> {
    const [row] = await db.$queryRaw<Array<{ status: SmsCampaignStatus }>>`
      SELECT "status" FROM "sms_campaigns" WHERE "id" = ${id}::uuid FOR UPDATE`;
    return row.status;
  }

  /** Starts an upload: its number. */
  async startUpload(id: string): Promise<number> {
    const campaign = await this.prisma.smsCampaign.update({
      where: { id },
      data: { uploads: { increment: 1 } },
      select: { uploads: true },
    });
    return campaign.uploads;
  }
}

/** A campaign's messages by status and provider (their records, receipts applied). */
export async function messageCounts(
  prisma: PrismaService,
  campaignId: string,
): Promise<Array<{ provider: string; status: string; count: number }>> {
  return prisma.$queryRaw<Array<{ provider: string; status: string; count: number }>>`
    SELECT "provider", "status"::text AS status, COUNT(*)::int AS count
      FROM "sms_messages" WHERE "campaign_id" = ${campaignId}::uuid
     GROUP BY "provider", "status" ORDER BY "provider", "status"`;
}
