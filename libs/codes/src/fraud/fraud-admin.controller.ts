import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, AuditedObject } from '@app/common';
import {
  FraudClearDto,
  FraudClearedDto,
  FraudDecisionsDto,
  FraudDecisionsQueryDto,
  FraudOverviewDto,
} from './dto/fraud-admin.dto';
import { FraudAdminService } from './fraud-admin.service';

@ApiTags('admin: fraud guard')
@AdminOnly()
@Controller('v1/admin/fraud')
export class FraudAdminController {
  constructor(private readonly fraud: FraudAdminService) {}

  @Get('decisions')
  @ApiOperation({ summary: 'Decisions other than a plain pass, the newest first' })
  @ApiOkResponse({ type: FraudDecisionsDto })
  decisions(@Query() query: FraudDecisionsQueryDto): Promise<FraudDecisionsDto> {
    return this.fraud.listDecisions(query);
  }

  @Get('overview')
  @ApiOperation({ summary: 'Per country, range and prefix: the last 24 hours and its state' })
  @ApiOkResponse({ type: FraudOverviewDto })
  overview(): Promise<FraudOverviewDto> {
    return this.fraud.overview();
  }

  @Post('clear')
  @AuditedObject(FraudAdminService, (fraud, { body }) => fraud.keyStateOf(body))
  @HttpCode(200)
  @ApiOperation({ summary: "Clear a key's block: its unverified codes of 24 hours are given back" })
  @ApiOkResponse({ type: FraudClearedDto })
  clear(@Body() body: FraudClearDto): Promise<FraudClearedDto> {
    return this.fraud.clear(body);
  }
}
