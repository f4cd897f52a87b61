import { Body, Controller, Headers, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, Public } from '@app/common';
import { CodeSentDto, RequestCodeDto } from './dto/request-code.dto';
import { CodeVerifiedDto, VerifyCodeDto } from './dto/verify-code.dto';
import { SmsCodeService } from './sms-code.service';

@ApiTags('sms')
@Public()
@Controller('v1/sms/codes')
export class SmsCodeController {
  constructor(private readonly codes: SmsCodeService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a verification code to a phone' })
  @ApiAcceptedResponse({ type: CodeSentDto })
  async requestCode(
    @Body() body: RequestCodeDto,
    @ClientIp() clientIp: string,
    @Headers('authorization') authorization?: string,
  ): Promise<CodeSentDto> {
    const { expiresIn, retryAfter } = await this.codes.sendCode({
      ...body,
      clientIp,
      authorization,
    });
    return { expiresIn, retryAfter };
  }

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Verify (and consume) a code' })
  @ApiOkResponse({ type: CodeVerifiedDto })
  async verifyCode(@Body() body: VerifyCodeDto): Promise<CodeVerifiedDto> {
    await this.codes.verifyCode(body);
    return { verified: true };
  }
}
