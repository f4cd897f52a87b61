import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiErrors, AuditedCreation, PageQueryDto } from '@app/common';
import {
  SignatureNotApprovedError,
  SignatureNotFoundError,
  TemplateNotApprovedError,
  TemplateNotFoundError,
} from '../catalog.errors';
import { IdParamDto } from '../catalog.dto';
import {
  CampaignHasNoRecipientsError,
  CampaignNotFoundError,
  CampaignRateAboveProvidersError,
  CampaignStateConflictError,
  OptOutTextMissingError,
} from './campaign.errors';
import { AuditedCampaign } from './audited-campaign';
import { CampaignService } from './campaign.service';
import { CampaignDto, CampaignPageDto } from './dto/campaign-view.dto';
import { CreateCampaignDto } from './dto/create-campaign.dto';

/** Campaigns' life cycle: draft → scheduled → sending ⇄ paused → completed | cancelled | failed. */
@ApiTags('admin: campaigns')
@AdminOnly()
@Controller('v1/admin/campaigns')
export class CampaignAdminController {
  constructor(private readonly campaigns: CampaignService) {}

  @Post()
  @AuditedCreation()
  @ApiOperation({
    summary: 'Create a campaign (a draft): an approved template of its kind, a signature, when',
  })
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiErrors(
    TemplateNotFoundError,
    TemplateNotApprovedError,
    SignatureNotFoundError,
    SignatureNotApprovedError,
    CampaignRateAboveProvidersError,
  )
  create(@Body() body: CreateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List campaigns, newest first' })
  @ApiOkResponse({ type: CampaignPageDto })
  list(@Query() query: PageQueryDto): Promise<CampaignPageDto> {
    return this.campaigns.list(query.page, query.pageSize);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A campaign, its recipients and its progress by status and provider' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiErrors(CampaignNotFoundError)
  find(@Param() params: IdParamDto): Promise<CampaignDto> {
    return this.campaigns.view(params.id);
  }

  @Post(':id/confirm')
  @AuditedCampaign()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send the draft: scheduled for its time, or sending at once' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiErrors(
    CampaignNotFoundError,
    CampaignStateConflictError,
    CampaignHasNoRecipientsError,
    OptOutTextMissingError,
    TemplateNotFoundError,
    TemplateNotApprovedError,
    SignatureNotFoundError,
    SignatureNotApprovedError,
  )
  confirm(@Param() params: IdParamDto): Promise<CampaignDto> {
    return this.campaigns.confirm(params.id);
  }

  @Post(':id/pause')
  @AuditedCampaign()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Stop sending after the messages in flight; resume goes on' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiErrors(CampaignNotFoundError, CampaignStateConflictError)
  pause(@Param() params: IdParamDto): Promise<CampaignDto> {
    return this.campaigns.pause(params.id);
  }

  @Post(':id/resume')
  @AuditedCampaign()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Go on with a paused campaign' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiErrors(CampaignNotFoundError, CampaignStateConflictError)
  resume(@Param() params: IdParamDto): Promise<CampaignDto> {
    return this.campaigns.resume(params.id);
  }

  @Post(':id/cancel')
  @AuditedCampaign()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Send nothing more: what no provider has yet is cancelled' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiErrors(CampaignNotFoundError, CampaignStateConflictError)
  cancel(@Param() params: IdParamDto): Promise<CampaignDto> {
    return this.campaigns.cancel(params.id);
  }
}
