import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { LifecycleEvent, WebhookDelivery, WebhookDeliveryStatus } from '@app/prisma';
import { readAttempts } from '../../deliveries/webhook-attempt';

const STATUSES = Object.values(WebhookDeliveryStatus);

export class DeliveryParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  deliveryId: string;
}

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: WebhookDeliveryStatus;

  @ApiPropertyOptional({ example: 'user.created' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  eventType?: string;
}

export class WebhookAttemptDto {
  @ApiProperty() at: string;
  @ApiPropertyOptional({ description: "The receiver's HTTP status; absent without an answer" })
  statusCode?: number;
  @ApiPropertyOptional({ description: 'Why there was no answer (Timeout, ECONNREFUSED...)' })
  error?: string;
  @ApiProperty() durationMs: number;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Also the `webhook-id` header of every try' })
  eventId: string;
  @ApiProperty() eventType: string;
  @ApiProperty({ enum: STATUSES }) status: WebhookDeliveryStatus;
  @ApiProperty() attemptCount: number;
  @ApiProperty({ type: String, nullable: true, description: 'When the next try is due (latest)' })
  nextAttemptAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class WebhookDeliveryDetailDto extends WebhookDeliveryDto {
  @ApiProperty({ type: [WebhookAttemptDto] }) attempts: WebhookAttemptDto[];
  @ApiProperty({ description: 'The body sent: `{ type, timestamp, data }`' })
  body: string;
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) items: WebhookDeliveryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class TestSendDto {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ format: 'uuid', description: 'Read it at /deliveries/{deliveryId}' })
  deliveryId: string;
}

export function toWebhookDeliveryDto(delivery: WebhookDelivery): WebhookDeliveryDto {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attemptCount: readAttempts(delivery.attempts).length,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
  };
}

export function toWebhookDeliveryDetailDto(
  delivery: WebhookDelivery & { event: LifecycleEvent },
  body: string,
): WebhookDeliveryDetailDto {
  return { ...toWebhookDeliveryDto(delivery), attempts: readAttempts(delivery.attempts), body };
}
