import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrors, InvalidParamError, Public, UnauthorizedError, Unthrottled } from '@app/common';
import { parseAliyunCallResults, parseTencentCallResults } from './call-result';
import { AliyunVoiceReportDto, TencentVoiceEventDto } from './dto/call-result.dto';
import { AliyunReceiptAnswerDto, TencentReceiptAnswerDto } from './dto/receipt.dto';
import { ReceiptTokenGuard } from './receipt-token.guard';
import { ReceiptSource, SmsReceiptService } from './sms-receipt.service';

const TENCENT_VOICE: ReceiptSource = { provider: 'tencent', channel: 'voice', body: 'object' };
const ALIYUN_VOICE: ReceiptSource = { provider: 'aliyun', channel: 'voice', body: 'array' };

/**
 * Call-result callbacks of the voice providers: the voice codes' delivery receipts, with the
 * same `?token=<SMS_RECEIPT_TOKEN>` and answers as the SMS receipts.
 */
@ApiTags('sms receipts')
@Public()
@Unthrottled()
@ApiErrors(UnauthorizedError, InvalidParamError)
@UseGuards(ReceiptTokenGuard)
@ApiQuery({ name: 'token', description: 'SMS_RECEIPT_TOKEN', required: true })
@Controller('v1/voice/receipts')
export class CallResultController {
  constructor(private readonly receipts: SmsReceiptService) {}

  @Post('tencent')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Tencent Cloud VMS event callbacks (voicecode_callback, voice_failure_callback)',
  })
  @ApiBody({ type: TencentVoiceEventDto })
  @ApiOkResponse({ type: TencentReceiptAnswerDto })
  async tencent(@Body() body: unknown): Promise<TencentReceiptAnswerDto> {
    await this.receipts.apply(TENCENT_VOICE, body, parseTencentCallResults);
    return { result: 0, errmsg: 'OK' };
  }

  @Post('aliyun')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Aliyun Dyvms VoiceReport pushes (HTTP batch push mode)' })
  @ApiBody({ type: [AliyunVoiceReportDto] })
  @ApiOkResponse({ type: AliyunReceiptAnswerDto })
  async aliyun(@Body() body: unknown): Promise<AliyunReceiptAnswerDto> {
    await this.receipts.apply(ALIYUN_VOICE, body, parseAliyunCallResults);
    return { code: 0, msg: '接收成功' };
  }
}
