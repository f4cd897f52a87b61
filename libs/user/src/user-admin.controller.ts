import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, AuditedObjectById } from '@app/common';
import { UserAdminService } from './admin/user-admin.service';
import {
  AdminUserDto,
  AdminUserPageDto,
  ListUsersQueryDto,
  toAdminUserDto,
  UpdateUserByAdminDto,
  UserIdParamDto,
} from './dto/admin-users.dto';
import { ApiErrors } from './http/api-errors';

@ApiTags('admin: users')
@AdminOnly()
@Controller('v1/admin/users')
export class UserAdminController {
  constructor(private readonly admin: UserAdminService) {}

  @Get()
  @ApiOperation({ summary: 'List accounts, newest first' })
  @ApiOkResponse({ type: AdminUserPageDto })
  @ApiErrors({ 400: ['InValidParam', 'PhoneInvalid'], 401: ['Unauthorized'] })
  async list(@Query() query: ListUsersQueryDto): Promise<AdminUserPageDto> {
    const page = await this.admin.list({ phone: query.phone }, query.page, query.pageSize);
    return { ...page, items: page.items.map(toAdminUserDto) };
  }

  @Patch(':id')
  @AuditedObjectById(UserAdminService, async (admin, id) => {
    const user = await admin.find(id);
    return user === null ? null : toAdminUserDto(user);
  })
  @ApiOperation({ summary: 'Disable or enable an account (disabling revokes its sessions)' })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiErrors({ 400: ['InValidParam'], 401: ['Unauthorized'], 404: ['UserNotFound'] })
  async update(
    @Param() params: UserIdParamDto,
    @Body() body: UpdateUserByAdminDto,
  ): Promise<AdminUserDto> {
    return toAdminUserDto(await this.admin.update(params.id, body));
  }
}
