import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AdminOnly,
  type AdminPrincipal,
  AdminRole,
  AdminSessionOnly,
  AdminSessionRequiredError,
  ApiErrors,
  CurrentAdmin,
  Public,
} from '@app/common';
import {
  AdminInvalidCredentialsError,
  AdminTooManyAttemptsError,
  AdminTotpInvalidError,
  AdminTotpRequiredError,
  AdminTotpUnreadableError,
} from '../admin.errors';
import { AuditedOwnSession } from '../audit/audited-admin';
import { toAdminDto } from '../dto/admin-account.dto';
import { AdminSessionDto, SignInDto } from '../dto/admin-session.dto';
import { clearAdminSessionCookie, setAdminSessionCookie } from '../sessions/admin-session-cookie';
import { AdminSessionService } from '../sessions/admin-session.service';
import { AdminSignInService } from '../sessions/admin-sign-in.service';

@ApiTags('admin: console session')
@Controller('v1/admin/session')
export class AdminSessionController {
  constructor(
    private readonly signIns: AdminSignInService,
    private readonly sessions: AdminSessionService,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in to the console: sets the admin_session cookie (HttpOnly, SameSite=Strict)',
  })
  @ApiOkResponse({ type: AdminSessionDto })
  @ApiErrors(
    { 400: ['InValidParam'] },
    AdminInvalidCredentialsError,
    AdminTotpRequiredError,
    AdminTotpInvalidError,
    AdminTotpUnreadableError,
    AdminTooManyAttemptsError,
  )
  async signIn(
    @Body() body: SignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminSessionDto> {
    const { account, opened } = await this.signIns.signIn(body);
    setAdminSessionCookie(request, reply, opened.token);
    return { admin: toAdminDto(account), csrfToken: opened.session.csrfToken };
  }

  @Get()
  @AdminOnly()
  @AdminSessionOnly()
  @AdminRole('viewer')
  @ApiOperation({ summary: 'The signed-in admin and the CSRF token of the session' })
  @ApiOkResponse({ type: AdminSessionDto })
  @ApiErrors(AdminSessionRequiredError)
  current(@CurrentAdmin() admin: AdminPrincipal): Promise<AdminSessionDto> {
    return this.sessions.current(admin);
  }

  @Delete()
  @AdminOnly()
  @AuditedOwnSession()
  @AdminSessionOnly()
  @AdminRole('viewer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session and clears its cookie' })
  @ApiNoContentResponse()
  @ApiErrors(AdminSessionRequiredError)
  async signOut(
    @CurrentAdmin() admin: AdminPrincipal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.signOut(admin);
    clearAdminSessionCookie(request, reply);
  }
}
