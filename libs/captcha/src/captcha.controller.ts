import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ClientIp, InvalidParamError, Public } from '@app/common';
import { CaptchaService } from './captcha.service';
import { CaptchaConfigDto } from './dto/captcha-config.dto';
import { CaptchaIssuedDto, IssueCaptchaDto } from './dto/issue-captcha.dto';
import { CaptchaVerifiedDto, VerifyCaptchaDto } from './dto/verify-captcha.dto';
import { CaptchaRateLimited } from './limits/captcha-rate-limit.guard';
import { CaptchaHostedError, CaptchaInvalidError, CaptchaUnavailableError } from './captcha.errors';

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
  config(): CaptchaConfigDto {
    return CaptchaConfigDto.from(this.captcha.clientConfig());
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Header('Cache-Control', 'no-store')
  @CaptchaRateLimited('issue')
  @ApiOperation({ summary: 'Draw an image captcha' })
  @ApiCreatedResponse({ type: CaptchaIssuedDto })
  @ApiErrors(InvalidParamError, CaptchaHostedError)
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
  @ApiErrors(CaptchaInvalidError, CaptchaUnavailableError)
  async verify(
    @Body() body: VerifyCaptchaDto,
    @ClientIp() clientIp: string,
  ): Promise<CaptchaVerifiedDto> {
    return this.captcha.verify({ ...body, clientIp });
  }
}
