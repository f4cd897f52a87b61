import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/common';
import { PasswordService } from './accounts/password.service';
import { PasswordResetDto } from './dto/password.dto';
import { ApiErrors, CODE_ERRORS, CODE_GUESS_LIMIT_ERRORS } from './http/api-errors';

@ApiTags('users')
@Controller('v1/password-resets')
export class PasswordResetsController {
  constructor(private readonly passwords: PasswordService) {}

  @Post()
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Set a new password with a `reset_password` code; every session is revoked',
  })
  @ApiNoContentResponse({ description: 'Password set' })
  @ApiErrors({
    400: ['InValidParam', 'PhoneInvalid', ...CODE_ERRORS],
    403: ['PhoneNotVerified', 'UserDisabled'],
    404: ['UserNotFound'],
    ...CODE_GUESS_LIMIT_ERRORS,
  })
  async reset(@Body() body: PasswordResetDto): Promise<void> {
    await this.passwords.reset(body);
  }
}
