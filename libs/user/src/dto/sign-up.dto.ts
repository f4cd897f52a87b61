import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  CodeField,
  NewPasswordField,
  OmittableOnly,
  PhoneField,
  USERNAME_DESCRIPTION,
  UsernameConstraint,
} from './fields';

export class SignUpDto {
  @PhoneField()
  phone: string;

  @CodeField('signup')
  code?: string;

  @NewPasswordField({
    required: false,
    description: 'Without one, the account logs in with SMS codes only',
  })
  password?: string;

  @ApiPropertyOptional({ description: USERNAME_DESCRIPTION, example: 'alice' })
  @OmittableOnly()
  @UsernameConstraint()
  username?: string;
}
