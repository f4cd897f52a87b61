import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { AdminRole } from '@app/prisma';
import { ADMIN_ROLES } from './admin-account.dto';
import { AdminUsernameField, NewAdminPasswordField } from './admin-fields';

export class CreateAdminDto {
  @AdminUsernameField()
  username: string;

  @NewAdminPasswordField()
  password: string;

  @ApiProperty({ enum: ADMIN_ROLES })
  @IsIn(ADMIN_ROLES)
  role: AdminRole;
}

export class UpdateAdminDto {
  @ApiPropertyOptional({ enum: ADMIN_ROLES })
  @IsOptional()
  @IsIn(ADMIN_ROLES)
  role?: AdminRole;

  @ApiPropertyOptional({ description: 'true: the admin cannot sign in, its sessions end' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ResetAdminPasswordDto {
  @NewAdminPasswordField()
  password: string;
}

export class AdminIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}
