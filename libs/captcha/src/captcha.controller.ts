import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ClientIp, Public } from '@app/common';
import { CaptchaService } from './captcha.service';
import { CaptchaConfigDto } from './dto/captcha-config.dto';
import { CaptchaIssuedDto, IssueCaptchaDto } from './dto/issue-captcha.dto';
import { CaptchaVerifiedDto, VerifyCaptchaDto } from './dto/verify-captcha.dto';
import { CaptchaRateLimited } from './limits/captcha-rate-limit.guard';

@ApiTags('captcha')
@Public()
@Controller('v1/captcha')
export class CaptchaController {
  constructor(private readonly captcha: CaptchaService) {}

  @Get('config')
  @Header('Cache-Control', 'no-cache')
  @CaptchaRateLimited('config')
  @ApiOperation({ summary: 'Which captcha a client draws, with its public settings' })
  @ApiOkResponse({ type: CaptchaConfigDto })
  @ApiServiceUnavailableResponse({ description: 'ServiceUnavailable: Redis (the rate limit)' })
  config(): CaptchaConfigDto {
    return CaptchaConfigDto.from(this.captcha.clientConfig());
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Header('Cache-Control', 'no-store')
  @CaptchaRateLimited('issue')
  @ApiOperation({ summary: 'Draw an image captcha' })
  @ApiCreatedResponse({ type: CaptchaIssuedDto })
  @ApiBadRequestResponse({ description: 'InValidParam: width or height out of bounds' })
  @ApiNotFoundResponse({ description: 'CaptchaHosted: the deployment uses a hosted captcha' })
  async issue(@Body() body: IssueCaptchaDto): Promise<CaptchaIssuedDto> {
    return CaptchaIssuedDto.from(await this.captcha.issue(body));
  }

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @CaptchaRateLimited('verify')
  @ApiOperation({
    summary: 'Answer a captcha (one attempt per captcha) for a one-shot validate token',
  })
  @ApiOkResponse({ type: CaptchaVerifiedDto })
  @ApiBadRequestResponse({
    description:
      'CaptchaInvalid: wrong answer, or an unknown, used or expired captcha token; ' +
      'InValidParam: a missing or malformed field',
  })
  @ApiServiceUnavailableResponse({
    description: 'CaptchaUnavailable: the hosted captcha cannot be asked; ServiceUnavailable',
  })
  async verify(
    @Body() body: VerifyCaptchaDto,
    @ClientIp() clientIp: string,
  ): Promise<CaptchaVerifiedDto> {
    return this.captcha.verify({ ...body, clientIp });
  }
}
