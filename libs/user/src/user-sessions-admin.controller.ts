import { Controller, Delete, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { AdminOnly, AuditedObject, AuditedObjectById } from '@app/common';
import { UserSessionsAdminService } from './admin/user-sessions-admin.service';
import { UserIdParamDto, UserSessionParamsDto } from './dto/admin-users.dto';
import { toUserSessionDto, UserSessionListDto } from './dto/session.dto';
import { ApiErrors } from './http/api-errors';

/** The account's live sessions as the list route shows them: what revoking changes. */
async function sessionsOf(
  admin: UserSessionsAdminService,
  id: string,
): Promise<UserSessionListDto> {
  return { items: (await admin.list(id)).map(toUserSessionDto) };
}

/** One account's sessions for operators: reads for viewers, revoking for operators (by method). */
@ApiTags('admin: users')
@AdminOnly()
@Controller('v1/admin/users/:id/sessions')
export class UserSessionsAdminController {
  constructor(private readonly admin: UserSessionsAdminService) {}

  @Get()
  @ApiOperation({ summary: 'The account’s live sessions, newest first (never a token)' })
  @ApiOkResponse({ type: UserSessionListDto })
  @ApiErrors({ 400: ['InValidParam'], 404: ['UserNotFound'] })
  async list(@Param() { id }: UserIdParamDto): Promise<UserSessionListDto> {
    return { items: (await this.admin.list(id)).map(toUserSessionDto) };
  }

  @Delete()
  @AuditedObjectById(UserSessionsAdminService, sessionsOf)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke every session of the account (session.revoked: admin_revoked)' })
  @ApiNoContentResponse({ description: 'Revoked (an account without sessions too)' })
  @ApiErrors({ 400: ['InValidParam'], 404: ['UserNotFound'] })
  async revokeAll(@Param() { id }: UserIdParamDto): Promise<void> {
    await this.admin.revokeAll(id);
  }

  @Delete(':sessionId')
  @AuditedObject(UserSessionsAdminService, async (admin, { params: { id, sessionId } }) => {
    if (id === undefined || !isUUID(id) || sessionId === undefined) return null;
    const { items } = await sessionsOf(admin, id);
    return items.find((session) => session.id === sessionId) ?? null;
  })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke one session of the account (session.revoked: admin_revoked)' })
  @ApiNoContentResponse({ description: 'Revoked: its token then answers SessionInvalid' })
  @ApiErrors({ 400: ['InValidParam'], 404: ['UserNotFound', 'SessionNotFound'] })
  async revoke(@Param() { id, sessionId }: UserSessionParamsDto): Promise<void> {
    await this.admin.revoke(id, sessionId);
  }
}
