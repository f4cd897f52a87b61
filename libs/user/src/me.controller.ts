import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PasswordService } from './accounts/password.service';
import { ProfileService } from './accounts/profile.service';
import { ChangePasswordDto } from './dto/password.dto';
import { ChangePhoneDto, UpdateProfileDto, VerifyPhoneDto } from './dto/profile.dto';
import { toUserDto, UserDto } from './dto/user.dto';
import { ApiErrors, CODE_ERRORS, CODE_GUESS_LIMIT_ERRORS } from './http/api-errors';
import { CurrentSession, SessionRequired } from './sessions/session.decorators';
import type { AuthenticatedSession } from './sessions/session.service';

const SESSION_ERRORS = { 401: ['SessionInvalid'], 403: ['UserDisabled'] };

@ApiTags('users')
@SessionRequired()
@Controller('v1/users/me')
export class MeController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly passwords: PasswordService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in account' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(SESSION_ERRORS)
  me(@CurrentSession() session: AuthenticatedSession): UserDto {
    return toUserDto(session.user);
  }

  @Patch()
  @ApiOperation({ summary: 'Set or remove the username' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors({ ...SESSION_ERRORS, 400: ['InValidParam'], 409: ['UsernameTaken'] })
  async update(
    @CurrentSession() session: AuthenticatedSession,
    @Body() body: UpdateProfileDto,
  ): Promise<UserDto> {
    return toUserDto(await this.profiles.update(session.user, body));
  }

  @Post('phone-verification')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Verify the account’s phone with a `verify_phone` code' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors({
    ...SESSION_ERRORS,
    400: ['InValidParam', ...CODE_ERRORS],
    409: ['PhoneAlreadyVerified'],
    ...CODE_GUESS_LIMIT_ERRORS,
  })
  async verifyPhone(
    @CurrentSession() session: AuthenticatedSession,
    @Body() body: VerifyPhoneDto,
  ): Promise<UserDto> {
    return toUserDto(await this.profiles.verifyPhone(session.user, body.code));
  }

  @Put('phone')
  @ApiOperation({
    summary:
      'Move to a new phone with a `change_phone` code sent to it, proven by the current password or, without one, a `change_phone_confirm` code sent to the current phone',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors({
    400: ['InValidParam', 'PhoneInvalid', ...CODE_ERRORS],
    401: ['SessionInvalid'],
    403: ['UserDisabled', 'PhoneChangeProofRequired', 'WrongPassword'],
    409: ['PhoneTaken'],
    429: ['TooManyAttempts'],
  })
  async changePhone(
    @CurrentSession() session: AuthenticatedSession,
    @Body() body: ChangePhoneDto,
  ): Promise<UserDto> {
    const { phone, code, currentPassword, currentPhoneCode } = body;
    return toUserDto(
      await this.profiles.changePhone(session.user, {
        phone,
        code,
        proof: { currentPassword, currentPhoneCode },
      }),
    );
  }

  @Put('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Change the password; every other session is revoked' })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors({
    400: ['InValidParam'],
    401: ['SessionInvalid'],
    403: ['UserDisabled', 'WrongPassword'],
    409: ['PasswordNotSet'],
    429: ['TooManyAttempts'],
  })
  async changePassword(
    @CurrentSession() session: AuthenticatedSession,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.passwords.change(session, body);
  }
}
