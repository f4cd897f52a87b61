import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/common';
import { SignUpService } from './accounts/sign-up.service';
import { SignUpDto } from './dto/sign-up.dto';
import { AuthResultDto, toUserDto } from './dto/user.dto';
import { ApiErrors, CODE_ERRORS, CODE_GUESS_LIMIT_ERRORS } from './http/api-errors';
import { RequestOrigin } from './http/session-origin.decorator';
import type { SessionOrigin } from './sessions/session.service';

@ApiTags('users')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly signUps: SignUpService) {}

  @Post()
  @Public()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Sign up with a phone and a `signup` code; the phone is verified and signed in',
  })
  @ApiCreatedResponse({ type: AuthResultDto })
  @ApiErrors({
    400: ['InValidParam', 'PhoneInvalid', ...CODE_ERRORS],
    409: ['PhoneTaken', 'UsernameTaken'],
    ...CODE_GUESS_LIMIT_ERRORS,
  })
  async signUp(
    @Body() body: SignUpDto,
    @RequestOrigin() origin: SessionOrigin,
  ): Promise<AuthResultDto> {
    const { user, sessionToken } = await this.signUps.signUp(body, origin);
    return { user: toUserDto(user), sessionToken };
  }
}
