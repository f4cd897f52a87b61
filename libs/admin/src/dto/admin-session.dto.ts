import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '@app/user';
import { AdminDto } from './admin-account.dto';
import { AdminUsernameField, NewAdminPasswordField } from './admin-fields';

export class SignInDto {
  @ApiProperty({ example: 'alice' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  password: string;

  @ApiPropertyOptional({
    description: 'The authenticator code, for an admin with TOTP',
    example: '123456',
  })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  totp?: string;
}

/** The first owner's name and password, as the setup page and `npm run admin:create` check them. */
export class FirstOwnerFieldsDto {
  @AdminUsernameField()
  username: string;

  @NewAdminPasswordField()
  password: string;
}

export class FirstOwnerDto extends FirstOwnerFieldsDto {
  @ApiProperty({ description: 'The ADMIN_API_KEY of the service', format: 'password' })
  @IsString()
  @Length(1, 512)
  apiKey: string;
}

export class SetupStateDto {
  @ApiProperty({ description: 'true while no owner exists: the console shows its setup page' })
  needed: boolean;
}

/** The signed-in admin and the token its state-changing calls send as X-CSRF-Token. */
export class AdminSessionDto {
  @ApiProperty({ type: AdminDto }) admin: AdminDto;
  @ApiProperty({ description: 'Send as the X-CSRF-Token header on every state-changing call' })
  csrfToken: string;
}
