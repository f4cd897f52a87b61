import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public, UnauthorizedError, Unthrottled } from '@app/common';
import { parseAliyunReceipts, parseTencentReceipts } from './delivery-receipt';
import {
  AliyunReceiptAnswerDto,
  AliyunSmsReportDto,
  TencentReceiptAnswerDto,
  TencentStatusReportDto,
} from './dto/receipt.dto';
import { ReceiptTokenGuard } from './receipt-token.guard';
import { ReceiptSource, SmsReceiptService } from './sms-receipt.service';

const TENCENT_SMS: ReceiptSource = { provider: 'tencent', channel: 'sms', body: 'array' };
const ALIYUN_SMS: ReceiptSource = { provider: 'aliyun', channel: 'sms', body: 'array' };

/**
 * Delivery-receipt callbacks of the providers. Not a user route: it is authenticated by the
 * receipt token in the URL, and exempt from the per-IP rate (providers push in bursts).
 */
@ApiTags('sms receipts')
@Public()
@Unthrottled()
@ApiErrors(UnauthorizedError)
@UseGuards(ReceiptTokenGuard)
@ApiQuery({ name: 'token', description: 'SMS_RECEIPT_TOKEN', required: true })
@Controller('v1/sms/receipts')
export class SmsReceiptController {
  constructor(private readonly receipts: SmsReceiptService) {}

  @Post('tencent')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Tencent Cloud SMS status reports (the console's callback URL)" })
  @ApiBody({ type: [TencentStatusReportDto] })
  @ApiOkResponse({ type: TencentReceiptAnswerDto })
  async tencent(@Body() body: unknown): Promise<TencentReceiptAnswerDto> {
    await this.receipts.apply(TENCENT_SMS, body, parseTencentReceipts);
    return { result: 0, errmsg: 'OK' };
  }

  @Post('aliyun')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Aliyun SmsReport pushes (HTTP batch push mode)' })
  @ApiBody({ type: [AliyunSmsReportDto] })
  @ApiOkResponse({ type: AliyunReceiptAnswerDto })
  async aliyun(@Body() body: unknown): Promise<AliyunReceiptAnswerDto> {
    await this.receipts.apply(ALIYUN_SMS, body, parseAliyunReceipts);
    return { code: 0, msg: '接收成功' };
  }
}
