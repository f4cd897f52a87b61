import { ApiProperty } from '@nestjs/swagger';
import { User } from '@app/prisma';

/** An account as clients see it: never a hash. */
export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '+8613800138000', description: 'E.164' }) phone: string;
  @ApiProperty({ type: String, nullable: true, example: 'alice' }) username: string | null;
  @ApiProperty({ description: 'Whether a code sent to the phone was entered' })
  mobilePhoneVerified: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class AuthResultDto {
  @ApiProperty({ type: UserDto }) user: UserDto;

  @ApiProperty({
    description:
      'Send as `Authorization: Bearer <sessionToken>`. Shown once; it expires after ' +
      'USER_SESSION_TTL_DAYS without use',
    example: 'kJ3x9Qy2m1Vb7Yt0PqL8sN4dR6fH5gW2zX1cA0eB9uI',
  })
  sessionToken: string;
}

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    phone: user.phone,
    username: user.username,
    mobilePhoneVerified: user.mobilePhoneVerified,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
