import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiErrors, AuditedCreation, AuditedObjectById } from '@app/common';
import { IdParamDto } from './catalog.dto';
import { MessageNotFoundError, MessageNotRetryableError } from './delivery.errors';
import { ListMessagesQueryDto, SmsMessageDto, SmsMessagePageDto } from './dto/list-messages.dto';
import { NotificationQueuedDto, SendNotificationDto } from './dto/send-notification.dto';
import { SmsNotificationService } from './notifications/sms-notification.service';
import { MessageLookup } from './records/message-lookup';
import { SmsMessageRecorder } from './records/sms-message.recorder';
import { SmsMessageRepository } from './records/sms-message.repository';
import { toMessageDto } from './records/sms-message-view';
import { PhoneInvalidError, PhoneNormalizer, RegionNotAllowedError } from '@app/phone';
import { SMS_SEND_MESSAGE_ERRORS } from './delivery-route-errors';
import { PhoneSuppressedError } from './suppression/suppression.errors';

@ApiTags('admin: sms')
@AdminOnly()
@Controller('v1/admin/sms/messages')
export class SmsMessageAdminController {
  constructor(
    private readonly records: SmsMessageRepository,
    private readonly recorder: SmsMessageRecorder,
    private readonly phones: PhoneNormalizer,
    private readonly notifications: SmsNotificationService,
    private readonly messages: MessageLookup,
  ) {}

  @Post()
  @AuditedCreation()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Queue a notification or marketing message from a template',
    description:
      'Checked and rendered at once (a bad request is told here), then sent by a worker, ' +
      'retried with backoff while a retry may pass. Follow it at GET /v1/admin/sms/messages/{id}. ' +
      'A marketing template to a number that opted out of the signature answers PhoneSuppressed.',
  })
  @ApiAcceptedResponse({ type: NotificationQueuedDto })
  @ApiErrors(...SMS_SEND_MESSAGE_ERRORS, PhoneSuppressedError)
  send(@Body() body: SendNotificationDto): Promise<NotificationQueuedDto> {
    return this.notifications.send(body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One message: its record, or `queued` while a worker has not sent it' })
  @ApiOkResponse({ type: SmsMessageDto })
  @ApiErrors(MessageNotFoundError)
  find(@Param() params: IdParamDto): Promise<SmsMessageDto> {
    return this.messages.find(params.id);
  }

  @Post(':id/retry')
  @AuditedObjectById(MessageLookup, (messages, id) => messages.find(id))
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a failed notification or marketing message again' })
  @ApiAcceptedResponse({ type: SmsMessageDto })
  @ApiErrors(MessageNotFoundError, MessageNotRetryableError)
  retry(@Param() params: IdParamDto): Promise<SmsMessageDto> {
    return this.messages.retry(params.id);
  }

  @Get()
  @ApiOperation({ summary: 'List sent messages (codes masked), newest first' })
  @ApiOkResponse({ type: SmsMessagePageDto })
  @ApiErrors(PhoneInvalidError, RegionNotAllowedError)
  async list(@Query() query: ListMessagesQueryDto): Promise<SmsMessagePageDto> {
    const filter = {
      phone: query.phone === undefined ? undefined : this.phones.normalize(query.phone).e164,
      status: query.status,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
    };
    // Records are written just behind the sends: include every send answered before this call.
    await this.recorder.flushed();
    const page = await this.records.list(filter, query.page, query.pageSize);
    return { ...page, items: page.items.map(toMessageDto) };
  }
}
