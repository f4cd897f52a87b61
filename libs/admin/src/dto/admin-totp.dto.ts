import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class TotpEnrolmentDto {
  @ApiProperty({ description: 'Base32 secret, for typing into an authenticator app' })
  secret: string;

  @ApiProperty({ description: 'otpauth://totp/... URI, for a QR code' })
  otpauthUri: string;
}

export class ConfirmTotpDto {
  @ApiProperty({ example: '123456', description: 'The code the authenticator app shows now' })
  @IsString()
  @MaxLength(16)
  code: string;
}
