import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiErrors } from '@app/common';
import { PhoneInvalidError, RegionNotAllowedError } from '@app/phone';
import { SignatureNotFoundError } from '../catalog.errors';
import { ListRepliesQueryDto, SmsReplyPageDto } from './dto/reply.dto';
import { SmsReplyReader } from './sms-reply.reader';

@ApiTags('admin: sms opt-out')
@AdminOnly()
@Controller('v1/admin/sms/replies')
export class SmsReplyAdminController {
  constructor(private readonly replies: SmsReplyReader) {}

  @Get()
  @ApiOperation({ summary: 'Replies people sent to our messages, newest first' })
  @ApiOkResponse({ type: SmsReplyPageDto })
  @ApiErrors(SignatureNotFoundError, PhoneInvalidError, RegionNotAllowedError)
  list(@Query() query: ListRepliesQueryDto): Promise<SmsReplyPageDto> {
    return this.replies.list(query);
  }
}
