import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@app/common';
import { EffectiveSettings } from '@app/config';
import { EffectiveSettingsDto } from '../dto/admin-settings.dto';

@ApiTags('admin: settings')
@AdminOnly()
@Controller('v1/admin/settings')
export class AdminSettingsController {
  constructor(private readonly settings: EffectiveSettings) {}

  @Get()
  @ApiOperation({ summary: 'The effective configuration, secrets masked (read only)' })
  @ApiOkResponse({ type: EffectiveSettingsDto })
  list(): EffectiveSettingsDto {
    return { settings: this.settings.list() };
  }
}
