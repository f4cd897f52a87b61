import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CodeField, PhoneField, USERNAME_DESCRIPTION, UsernameConstraint } from './fields';

export class UpdateProfileDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: `${USERNAME_DESCRIPTION}. null removes it; leaving it out keeps it`,
    example: 'alice',
  })
  @IsOptional()
  @UsernameConstraint()
  username?: string | null;
}

export class VerifyPhoneDto {
  @CodeField('verify_phone')
  code?: string;
}

export class ChangePhoneDto {
  @PhoneField('The new phone number, which no account may have')
  phone: string;

  @CodeField('change_phone')
  code?: string;
}
