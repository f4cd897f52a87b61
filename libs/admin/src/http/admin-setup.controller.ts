import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrors, Public } from '@app/common';
import {
  AdminSetupDoneError,
  AdminSetupKeyWrongError,
  AdminUsernameTakenError,
} from '../admin.errors';
import { toAdminDto } from '../dto/admin-account.dto';
import { AdminSessionDto, FirstOwnerDto, SetupStateDto } from '../dto/admin-session.dto';
import { setAdminSessionCookie } from '../sessions/admin-session-cookie';
import { AdminSignInService } from '../sessions/admin-sign-in.service';
import { AdminSetupService } from '../setup/admin-setup.service';

@ApiTags('admin: console session')
@Public()
@Controller('v1/admin/setup')
export class AdminSetupController {
  constructor(
    private readonly setup: AdminSetupService,
    private readonly signIns: AdminSignInService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether the first owner is still to be created' })
  @ApiOkResponse({ type: SetupStateDto })
  async state(): Promise<SetupStateDto> {
    return { needed: await this.setup.needed() };
  }

  @Post()
  @ApiOperation({
    summary:
      'Create the first owner with ADMIN_API_KEY, signed in (once: refused when an owner exists)',
  })
  @ApiCreatedResponse({ type: AdminSessionDto })
  @ApiErrors(
    { 400: ['InValidParam'] },
    AdminSetupKeyWrongError,
    AdminSetupDoneError,
    AdminUsernameTakenError,
  )
  async createFirstOwner(
    @Body() body: FirstOwnerDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminSessionDto> {
    const owner = await this.setup.createFirstOwner(body.apiKey, body);
    const { opened } = await this.signIns.openFor(owner);
    setAdminSessionCookie(request, reply, opened.token);
    return { admin: toAdminDto(owner), csrfToken: opened.session.csrfToken };
  }
}
