import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Actor,
  ApiErrors,
  ClientHit,
  ClientIp,
  Public,
  RequestActor,
  ThrottledInScript,
} from '@app/common';
import type { PendingWindowHit } from '@app/redis';
import { CodeSentDto, RequestCodeDto } from './dto/request-code.dto';
import { CodeVerifiedDto, VerifyCodeDto } from './dto/verify-code.dto';
import { SmsCodeService } from './sms-code.service';
import { SMS_SEND_CODE_ERRORS, SMS_VERIFY_CODE_ERRORS } from './code-route-errors';

// The refusals of the send checks other modules register (the captcha's, the account rules of
// each purpose): named by code, as this library does not know their classes.
const SEND_CHECK_ERRORS = {
  400: ['CaptchaInvalid'],
  401: ['SessionInvalid'],
  403: [
    'CaptchaRequired',
    'PhoneChangeProofRequired',
    'PhoneMismatch',
    'PhoneNotVerified',
    'SmsLoginDisabled',
    'UserDisabled',
  ],
  404: ['UserNotFound'],
  409: ['PhoneAlreadyVerified', 'PhoneTaken'],
  503: ['CaptchaUnavailable'],
};

@ApiTags('sms')
@Public()
@Controller('v1/sms/codes')
export class SmsCodeController {
  constructor(private readonly codes: SmsCodeService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a verification code to a phone' })
  @ApiAcceptedResponse({ type: CodeSentDto })
  @ApiErrors(...SMS_SEND_CODE_ERRORS, SEND_CHECK_ERRORS)
  @ApiHeader({
    name: 'authorization',
    required: false,
    description:
      'Bearer <sessionToken>: the caller, for the purposes that act on the signed-in account ' +
      '(verify_phone, change_phone, change_phone_confirm); the other purposes ignore it',
  })
  async requestCode(
    @Body() body: RequestCodeDto,
    @ClientIp() clientIp: string,
    @RequestActor() actor: Actor,
  ): Promise<CodeSentDto> {
    const { expiresIn, retryAfter } = await this.codes.sendCode({ ...body, clientIp, actor });
    return { expiresIn, retryAfter };
  }

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Verify (and consume) a code' })
  @ApiOkResponse({ type: CodeVerifiedDto })
  @ApiErrors(...SMS_VERIFY_CODE_ERRORS)
  @ThrottledInScript()
  async verifyCode(
    @Body() body: VerifyCodeDto,
    @ClientHit() clientHit: PendingWindowHit | undefined,
  ): Promise<CodeVerifiedDto> {
    await this.codes.verifyCode({ ...body, clientHit });
    return { verified: true };
  }
}
