import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public, UnauthorizedError, Unthrottled } from '@app/common';
import { AliyunReceiptAnswerDto, TencentReceiptAnswerDto } from '../receipts/dto/receipt.dto';
import { ReceiptTokenGuard } from '../receipts/receipt-token.guard';
import { AliyunSmsUpDto, TencentReplyDto } from './dto/reply.dto';
import { ReplyCallbackInvalidError } from './reply.errors';
import { SmsReplyService } from './sms-reply.service';

/**
 * Reply (上行) callbacks of the providers. Like the receipts, not a user route: authenticated
 * by the receipt token in the URL (providers sign neither), exempt from the per-IP rate.
 */
@ApiTags('sms replies')
@Public()
@Unthrottled()
@ApiErrors(UnauthorizedError, ReplyCallbackInvalidError)
@UseGuards(ReceiptTokenGuard)
@ApiQuery({ name: 'token', description: 'SMS_RECEIPT_TOKEN', required: true })
@Controller('v1/sms/replies')
export class SmsReplyController {
  constructor(private readonly replies: SmsReplyService) {}

  @Post('tencent')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Tencent Cloud SMS replies (the console's reply callback URL)" })
  @ApiBody({ type: TencentReplyDto })
  @ApiOkResponse({ type: TencentReceiptAnswerDto })
  async tencent(@Body() body: unknown): Promise<TencentReceiptAnswerDto> {
    await this.replies.receiveTencent(body);
    return { result: 0, errmsg: 'OK' };
  }

  @Post('aliyun')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Aliyun SmsUp pushes (HTTP batch push mode)' })
  @ApiBody({ type: [AliyunSmsUpDto] })
  @ApiOkResponse({ type: AliyunReceiptAnswerDto })
  async aliyun(@Body() body: unknown): Promise<AliyunReceiptAnswerDto> {
    await this.replies.receiveAliyun(body);
    return { code: 0, msg: '接收成功' };
  }
}
