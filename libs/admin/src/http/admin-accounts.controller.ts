import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, AdminRole, ApiErrors, AuditedCreation } from '@app/common';
import { AdminAccountsService } from '../accounts/admin-accounts.service';
import { AuditedAdminById } from '../audit/audited-admin';
import { AdminLastOwnerError, AdminNotFoundError, AdminUsernameTakenError } from '../admin.errors';
import { AdminAccountDto, AdminAccountListDto, toAdminAccountDto } from '../dto/admin-account.dto';
import {
  AdminIdParamDto,
  CreateAdminDto,
  ResetAdminPasswordDto,
  UpdateAdminDto,
} from '../dto/admin-accounts.dto';

@ApiTags('admin: accounts')
@AdminOnly()
@AdminRole('owner')
@Controller('v1/admin/accounts')
export class AdminAccountsController {
  constructor(private readonly accounts: AdminAccountsService) {}

  @Get()
  @ApiOperation({ summary: 'The named admins, oldest first (owners only)' })
  @ApiOkResponse({ type: AdminAccountListDto })
  async list(): Promise<AdminAccountListDto> {
    return { items: (await this.accounts.list()).map(toAdminAccountDto) };
  }

  @Post()
  @AuditedCreation()
  @ApiOperation({ summary: 'Create a named admin with a role' })
  @ApiCreatedResponse({ type: AdminAccountDto })
  @ApiErrors({ 400: ['InValidParam'] }, AdminUsernameTakenError)
  async create(@Body() body: CreateAdminDto): Promise<AdminAccountDto> {
    return toAdminAccountDto(await this.accounts.create(body));
  }

  @Patch(':id')
  @AuditedAdminById()
  @ApiOperation({ summary: "Change an admin's role, or disable or enable it" })
  @ApiOkResponse({ type: AdminAccountDto })
  @ApiErrors({ 400: ['InValidParam'] }, AdminNotFoundError, AdminLastOwnerError)
  async update(
    @Param() params: AdminIdParamDto,
    @Body() body: UpdateAdminDto,
  ): Promise<AdminAccountDto> {
    return toAdminAccountDto(await this.accounts.update(params.id, body));
  }

  @Put(':id/password')
  @AuditedAdminById()
  @ApiOperation({ summary: "Reset an admin's password (ends its console sessions)" })
  @ApiOkResponse({ type: AdminAccountDto })
  @ApiErrors({ 400: ['InValidParam'] }, AdminNotFoundError)
  async resetPassword(
    @Param() params: AdminIdParamDto,
    @Body() body: ResetAdminPasswordDto,
  ): Promise<AdminAccountDto> {
    return toAdminAccountDto(await this.accounts.resetPassword(params.id, body.password));
  }
}
