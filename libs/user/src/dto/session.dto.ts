import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { Session } from '@app/prisma';

/** A session of an account, as its owner and operators see it. The token is never shown again. */
export class UserSessionDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'For DELETE /v1/sessions/{id} (the owner) or /v1/admin/users/{id}/sessions/{sessionId}',
  })
  id: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'Last request with it, to within a minute (written at most once a minute)',
  })
  lastUsedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', description: 'Slides with use' })
  expiresAt: Date;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '203.0.113.7',
    description: 'The client IP it was opened from',
  })
  clientIp: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The User-Agent it was opened with (first 512 characters)',
  })
  userAgent: string | null;
}

/** One of the signed-in account's sessions. */
export class SessionDto extends UserSessionDto {
  @ApiProperty({ description: 'Whether this is the session of the request' }) current: boolean;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionDto], description: 'Newest first; at most USER_MAX_SESSIONS' })
  items: SessionDto[];
}

export class UserSessionListDto {
  @ApiProperty({ type: [UserSessionDto], description: 'Newest first; at most USER_MAX_SESSIONS' })
  items: UserSessionDto[];
}

export class SessionIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export function toUserSessionDto(session: Session): UserSessionDto {
  return {
    id: session.id,
    createdAt: session.createdAt,
    lastUsedAt: session.lastUsedAt,
    expiresAt: session.expiresAt,
    clientIp: session.clientIp,
    userAgent: session.userAgent,
  };
}

export function toSessionDto(session: Session, currentSessionId: string): SessionDto {
  return { ...toUserSessionDto(session), current: session.id === currentSessionId };
}
