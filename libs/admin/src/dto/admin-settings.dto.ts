import { ApiProperty } from '@nestjs/swagger';

export class EffectiveSettingDto {
  @ApiProperty({ example: 'SMS_PROVIDER' }) name: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'As used; secrets are ***, null when unset',
  })
  value: string | null;
  @ApiProperty({ description: 'A secret: its value is never shown' }) secret: boolean;
}

export class EffectiveSettingsDto {
  @ApiProperty({ type: [EffectiveSettingDto] }) settings: EffectiveSettingDto[];
}
