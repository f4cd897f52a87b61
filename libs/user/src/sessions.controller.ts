import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@app/common';
import { LogInService } from './accounts/log-in.service';
import { LogInDto } from './dto/log-in.dto';
import { SessionIdParamDto, SessionListDto, toSessionDto } from './dto/session.dto';
import { AuthResultDto, toUserDto } from './dto/user.dto';
import { ApiErrors, CODE_ERRORS } from './http/api-errors';
import { RequestOrigin } from './http/session-origin.decorator';
import { CurrentSession, SessionRequired } from './sessions/session.decorators';
import { AuthenticatedSession, SessionOrigin, SessionService } from './sessions/session.service';

@ApiTags('sessions')
@Controller('v1/sessions')
export class SessionsController {
  constructor(
    private readonly logIns: LogInService,
    private readonly sessions: SessionService,
  ) {}

  @Post()
  @Public()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Log in with phone and password, or with phone and a `login` code' })
  @ApiCreatedResponse({ type: AuthResultDto })
  @ApiErrors({
    400: ['InValidParam', 'PhoneInvalid', ...CODE_ERRORS],
    401: ['InvalidCredentials'],
    403: ['PhoneNotVerified', 'SmsLoginDisabled', 'UserDisabled'],
    404: ['UserNotFound'],
    429: ['TooManyAttempts'],
  })
  async logIn(
    @Body() body: LogInDto,
    @RequestOrigin() origin: SessionOrigin,
  ): Promise<AuthResultDto> {
    const { user, sessionToken } = await this.logIns.logIn(body, origin);
    return { user: toUserDto(user), sessionToken };
  }

  @Delete('current')
  @SessionRequired()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Log out: revoke this session' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors({ 401: ['SessionInvalid'], 403: ['UserDisabled'] })
  async logOut(@CurrentSession() session: AuthenticatedSession): Promise<void> {
    await this.sessions.revoke(session.userId, session.sessionId);
  }

  @Delete()
  @SessionRequired()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Log out everywhere: revoke every session of this account' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors({ 401: ['SessionInvalid'], 403: ['UserDisabled'] })
  async logOutEverywhere(@CurrentSession() session: AuthenticatedSession): Promise<void> {
    await this.sessions.revokeAll(session.userId, 'signed_out');
  }

  @Get()
  @SessionRequired()
  @ApiOperation({ summary: 'The signed-in account’s live sessions, newest first' })
  @ApiOkResponse({ type: SessionListDto })
  @ApiErrors({ 401: ['SessionInvalid'], 403: ['UserDisabled'] })
  async list(@CurrentSession() session: AuthenticatedSession): Promise<SessionListDto> {
    const sessions = await this.sessions.list(session.userId);
    return { items: sessions.map((each) => toSessionDto(each, session.sessionId)) };
  }

  @Delete(':id')
  @SessionRequired()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke one of the signed-in account’s sessions (this one too)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors({
    400: ['InValidParam'],
    401: ['SessionInvalid'],
    403: ['UserDisabled'],
    404: ['SessionNotFound'],
  })
  async revoke(
    @CurrentSession() session: AuthenticatedSession,
    @Param() { id }: SessionIdParamDto,
  ): Promise<void> {
    await this.sessions.revokeOne(session.userId, id, 'signed_out');
  }
}
