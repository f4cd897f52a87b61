import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@app/common';
import { ListMessagesQueryDto, SmsMessagePageDto } from './dto/list-messages.dto';
import { SmsMessageRepository } from './records/sms-message.repository';
import { SmsCodeService } from './sms-code.service';

@ApiTags('admin: sms')
@AdminOnly()
@Controller('v1/admin/sms/messages')
export class SmsMessageAdminController {
  constructor(
    private readonly records: SmsMessageRepository,
    private readonly codes: SmsCodeService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List sent messages (codes masked), newest first' })
  list(@Query() query: ListMessagesQueryDto): Promise<SmsMessagePageDto> {
    const filter = {
      phone: query.phone === undefined ? undefined : this.codes.normalizePhone(query.phone).e164,
      status: query.status,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
    };
    return this.records.list(filter, query.page, query.pageSize);
  }
}
