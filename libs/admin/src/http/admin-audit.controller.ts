import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiErrors } from '@app/common';
import { AdminAuditRepository } from '../audit/admin-audit.repository';
import { AuditPageDto, AuditQueryDto, toAuditEntryDto } from '../dto/admin-audit.dto';

@ApiTags('admin: audit')
@AdminOnly()
@Controller('v1/admin/audit')
export class AdminAuditController {
  constructor(private readonly audit: AdminAuditRepository) {}

  @Get()
  @ApiOperation({ summary: 'The audit log of admin changes, newest first' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiErrors({ 400: ['InValidParam'] })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const { items, total } = await this.audit.page(query, query.page, query.pageSize);
    return { items: items.map(toAuditEntryDto), total, page: query.page, pageSize: query.pageSize };
  }
}
