import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { MESSAGE_STATUSES } from '../../dto/list-messages.dto';

export class PreviewQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1, description: 'Which recipient, in upload order' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  row = 1;
}

export class CampaignMessagesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MESSAGE_STATUSES })
  @IsOptional()
  @IsIn(MESSAGE_STATUSES)
  status?: (typeof MESSAGE_STATUSES)[number];
}
