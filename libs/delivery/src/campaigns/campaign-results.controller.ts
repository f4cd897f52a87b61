import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiErrors } from '@app/common';
import { IdParamDto } from '../catalog.dto';
import { SmsMessagePageDto } from '../dto/list-messages.dto';
import { SmsMessageRepository } from '../records/sms-message.repository';
import { toMessageDto } from '../records/sms-message-view';
import { CampaignRecipientRepository } from './campaign-recipient.repository';
import { campaignReportCsv } from './campaign-report';
import { CampaignNotFoundError } from './campaign.errors';
import { CampaignService } from './campaign.service';
import { CampaignMessagesQueryDto } from './dto/campaign-query.dto';

/** What a campaign sent: its messages, and the per-recipient report. */
@ApiTags('admin: campaigns')
@AdminOnly()
@Controller('v1/admin/campaigns/:id')
export class CampaignResultsController {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly records: SmsMessageRepository,
    private readonly recipients: CampaignRecipientRepository,
  ) {}

  @Get('messages')
  @ApiOperation({ summary: "The campaign's messages (records, receipts applied), newest first" })
  @ApiOkResponse({ type: SmsMessagePageDto })
  @ApiErrors(CampaignNotFoundError)
  async messages(
    @Param() params: IdParamDto,
    @Query() query: CampaignMessagesQueryDto,
  ): Promise<SmsMessagePageDto> {
    await this.campaigns.get(params.id);
    const filter = { campaignId: params.id, status: query.status };
    const page = await this.records.list(filter, query.page, query.pageSize);
    return { ...page, items: page.items.map(toMessageDto) };
  }

  @Get('report.csv')
  @Header('Content-Disposition', 'attachment; filename="campaign-report.csv"')
  @ApiOperation({ summary: 'One row per recipient: its final status and provider message id' })
  // The file's type on the 200 alone (not @ApiProduces): errors stay JSON, documented as such.
  @ApiOkResponse({
    description: 'CSV, streamed',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors(CampaignNotFoundError)
  async report(@Param() params: IdParamDto): Promise<StreamableFile> {
    await this.campaigns.get(params.id);
    return new StreamableFile(campaignReportCsv(this.recipients, params.id), {
      type: 'text/csv; charset=utf-8',
    });
  }
}
