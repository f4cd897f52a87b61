import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { hasPassword } from '../passwords/account-password';
import { User } from '@app/prisma';
import { OmittableOnly } from './fields';
import { toUserDto, UserDto } from './user.dto';
import { PageQueryDto } from '@app/common';

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '+8613800138000', description: 'Only the account of this phone' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;
}

export class UserIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

/** `/v1/admin/users/{id}/sessions/{sessionId}`: a session of that account. */
export class UserSessionParamsDto extends UserIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  sessionId: string;
}

export class UpdateUserByAdminDto {
  @ApiPropertyOptional({ description: 'true also revokes all of the account’s sessions' })
  @OmittableOnly()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({
    description: 'false when the number may no longer be the owner’s (a recycled number)',
  })
  @OmittableOnly()
  @IsBoolean()
  mobilePhoneVerified?: boolean;
}

export class AdminUserDto extends UserDto {
  @ApiProperty() disabled: boolean;
  @ApiProperty({ description: 'Whether the account has a password (never the hash)' })
  hasPassword: boolean;
}

export class AdminUserPageDto {
  @ApiProperty({ type: [AdminUserDto] }) items: AdminUserDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export function toAdminUserDto(user: User): AdminUserDto {
  return { ...toUserDto(user), disabled: user.disabled, hasPassword: hasPassword(user) };
}
