import { Body, Controller, Delete, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AdminOnly,
  type AdminPrincipal,
  AdminRole,
  AdminSessionOnly,
  AdminSessionRequiredError,
  ApiErrors,
  CurrentAdmin,
} from '@app/common';
import {
  AdminTotpInvalidError,
  AdminTotpStateError,
  AdminTotpUnreadableError,
} from '../admin.errors';
import { AuditedOwnAccount } from '../audit/audited-admin';
import { AdminDto, toAdminDto } from '../dto/admin-account.dto';
import { ConfirmTotpDto, TotpEnrolmentDto } from '../dto/admin-totp.dto';
import { sessionOf } from '../sessions/admin-session.service';
import { AdminTotpService } from '../totp/admin-totp.service';

/** Every admin manages its own second factor, whatever its role. */
@ApiTags('admin: console session')
@AdminOnly()
@AdminSessionOnly()
@AdminRole('viewer')
@AuditedOwnAccount()
@ApiErrors(AdminSessionRequiredError)
@Controller('v1/admin/session/totp')
export class AdminTotpController {
  constructor(private readonly totp: AdminTotpService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Enrol a TOTP second factor: a secret to confirm with a first code' })
  @ApiOkResponse({ type: TotpEnrolmentDto })
  enrol(@CurrentAdmin() admin: AdminPrincipal): Promise<TotpEnrolmentDto> {
    return this.totp.enrol(sessionOf(admin).adminId);
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm the enrolled secret with a code: sign-in asks codes from now on',
  })
  @ApiOkResponse({ type: AdminDto })
  @ApiErrors(
    { 400: ['InValidParam'] },
    AdminTotpInvalidError,
    AdminTotpStateError,
    AdminTotpUnreadableError,
  )
  async confirm(
    @CurrentAdmin() admin: AdminPrincipal,
    @Body() body: ConfirmTotpDto,
  ): Promise<AdminDto> {
    return toAdminDto(await this.totp.confirm(sessionOf(admin).adminId, body.code));
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the TOTP second factor' })
  @ApiNoContentResponse()
  async remove(@CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    await this.totp.remove(sessionOf(admin).adminId);
  }
}
