import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Metrics } from '@app/metrics';
import { PhoneNormalizer } from '@app/phone';
import { PrismaService } from '@app/prisma';
import { SuppressionList } from '../suppression/suppression-list';
import { CampaignMessages } from './campaign-messages';
import {
  CampaignRecipientRepository,
  NewRecipient,
  Rejection,
} from './campaign-recipient.repository';
import { CampaignRepository, UploadCounts } from './campaign.repository';
import { CampaignStateConflictError, RecipientFileTooLargeError } from './campaign.errors';
import { readRecipientFile, RecipientFileFormat } from './recipient-file';
import { checkRecipientRow, isRejection } from './recipient-row-check';
import { CampaignService } from './campaign.service';

/** A campaign holds at most this many recipients, over all its uploads. */
export const MAX_RECIPIENTS = 1_000_000;
/** The largest recipient file. */
export const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;
/** Rows checked and written at a time. */
const CHUNK_ROWS = 1000;
/** Rejected rows kept per upload for the report (all are counted). */
const MAX_KEPT_REJECTIONS = 10_000;
const CHUNK_TIMEOUT_MS = 30_000;

export interface UploadResult extends UploadCounts {
  upload: number;
  rows: number;
}

/**
 * Adds an uploaded list to a draft campaign as it streams in, a thousand rows at a time: each
 * row checked (recipient-row-check.ts), duplicates of the campaign dropped (its unique index
 * decides), suppressed numbers kept apart, rejected rows kept with their reasons. A file that
 * fails half-way (unreadable, too large) is taken back whole: the counts change only at the end.
 */
@Injectable()
export class RecipientUploadService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly campaigns: CampaignRepository,
    private readonly recipients: CampaignRecipientRepository,
    private readonly service: CampaignService,
    private readonly messages: CampaignMessages,
    private readonly phones: PhoneNormalizer,
    private readonly suppression: SuppressionList,
    private readonly metrics: Metrics,
  ) {}

  /** `file.truncated` says, once it ended, that it was cut at the size limit. */
  async upload(
    campaignId: string,
    file: Readable & { truncated?: boolean },
    format: RecipientFileFormat,
  ): Promise<UploadResult> {
    const campaign = await this.service.get(campaignId);
    if (campaign.status !== 'draft')
      throw new CampaignStateConflictError('uploaded to', campaign.status);
    const plan = await this.messages.planOf(campaign);
    const upload = await this.campaigns.startUpload(campaignId);
    const counts: UploadCounts = { accepted: 0, duplicate: 0, suppressed: 0, rejected: 0 };
    let room = MAX_RECIPIENTS - campaign.acceptedCount - campaign.suppressedCount;
    let rows = 0;
    let kept = 0;
    const write = async (accepted: Omit<NewRecipient, 'suppressed'>[], rejected: Rejection[]) => {
      const suppressed =
        campaign.signatureId === null || accepted.length === 0
          ? new Set<string>()
          : await this.suppression.suppressedAmong(
              campaign.signatureId,
              accepted.map((row) => row.phone),
            );
      const keep = rejected.slice(0, Math.max(0, MAX_KEPT_REJECTIONS - kept));
      kept += keep.length;
      const added = await this.prisma.$transaction(
        async (tx) => {
          const status = await this.campaigns.lockForUpload(tx, campaignId);
          if (status !== 'draft') throw new CampaignStateConflictError('uploaded to', status);
          await this.recipients.reject(tx, campaignId, upload, keep);
          return this.recipients.insert(
            tx,
            campaignId,
            upload,
            accepted.map((row) => ({ ...row, suppressed: suppressed.has(row.phone) })),
          );
        },
        { timeout: CHUNK_TIMEOUT_MS },
      );
      counts.accepted += added.inserted - added.suppressed;
      counts.suppressed += added.suppressed;
      counts.duplicate += accepted.length - added.inserted;
      counts.rejected += rejected.length;
      room -= added.inserted;
    };
    try {
      let accepted: Omit<NewRecipient, 'suppressed'>[] = [];
      let rejected: Rejection[] = [];
      const seen = new Set<string>();
      for await (const row of readRecipientFile(file, format)) {
        rows++;
        const checked = checkRecipientRow(row, plan, this.phones, this.messages);
        if (isRejection(checked)) rejected.push(checked);
        else if (seen.has(checked.phone)) counts.duplicate++;
        else if (room - accepted.length <= 0) {
          rejected.push({
            rowNumber: row.rowNumber,
            code: 'TooManyRecipients',
            reason: `A campaign holds at most ${MAX_RECIPIENTS} recipients`,
            phone: checked.phone,
          });
        } else {
          seen.add(checked.phone);
          accepted.push({ ...checked, messageId: randomUUID() });
        }
        if (accepted.length + rejected.length >= CHUNK_ROWS) {
          await write(accepted, rejected);
          accepted = [];
          rejected = [];
          seen.clear();
        }
      }
      if (file.truncated) throw new RecipientFileTooLargeError(MAX_UPLOAD_BYTES);
      await write(accepted, rejected);
    } catch (error) {
      await this.recipients.dropUpload(campaignId, upload);
      if (file.truncated) throw new RecipientFileTooLargeError(MAX_UPLOAD_BYTES);
      throw error;
    }
    await this.campaigns.addCounts(this.prisma, campaignId, counts);
    this.metrics.recipientsUploaded(counts);
    return { upload, rows, ...counts };
  }
}
