import { ApiProperty } from '@nestjs/swagger';
import { AdminAccount, AdminRole } from '@app/prisma';

export const ADMIN_ROLES: AdminRole[] = ['owner', 'operator', 'viewer'];

/** A named admin as the console shows the signed-in one. */
export class AdminDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ enum: ADMIN_ROLES }) role: AdminRole;
  @ApiProperty({ description: 'Whether signing in asks a TOTP code' }) totpEnabled: boolean;
}

/** A named admin in the owners' list. */
export class AdminAccountDto extends AdminDto {
  @ApiProperty() disabled: boolean;
  @ApiProperty() createdAt: Date;
}

export class AdminAccountListDto {
  @ApiProperty({ type: [AdminAccountDto] }) items: AdminAccountDto[];
}

export function toAdminDto(account: AdminAccount): AdminDto {
  return {
    id: account.id,
    username: account.username,
    role: account.role,
    totpEnabled: account.totpSecret !== null,
  };
}

export function toAdminAccountDto(account: AdminAccount): AdminAccountDto {
  return { ...toAdminDto(account), disabled: account.disabled, createdAt: account.createdAt };
}
