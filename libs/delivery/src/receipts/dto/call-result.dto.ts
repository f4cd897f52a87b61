import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Documentation of the voice providers' call-result bodies; they are read by `call-result.ts`.

export class TencentVoiceCodeStatusDto {
  @ApiProperty({
    description: 'The SendCodeVoice CallId',
    example: '12582bce-403c-11eb-96b8-525400476c37',
  })
  callid: string;
  @ApiProperty({ enum: ['0', '1', '2'], description: '0 answered, 1 not answered, 2 call error' })
  result: string;
  @ApiPropertyOptional({ example: '1470196835', description: 'Unix seconds, answered' })
  accept_time?: string;
  @ApiPropertyOptional({ example: '1470196821' }) start_calltime?: string;
  @ApiPropertyOptional({ example: '1470196843' }) end_calltime?: string;
  @ApiPropertyOptional({ example: '075583763333' }) call_from?: string;
  @ApiPropertyOptional({ example: '1', description: 'Billed minutes' }) fee?: string;
  @ApiPropertyOptional({ example: '13800138000' }) mobile?: string;
  @ApiPropertyOptional({ example: '86' }) nationcode?: string;
}

export class TencentVoiceFailureDto {
  @ApiProperty() callid: string;
  @ApiProperty({ example: 5, description: '1 powered off, 2 busy, 5 no answer, 8 no such number…' })
  failure_code: number;
  @ApiPropertyOptional({ example: '无人接听' }) failure_reason?: string;
  @ApiPropertyOptional() call_from?: string;
  @ApiPropertyOptional() mobile?: string;
  @ApiPropertyOptional() nationcode?: string;
}

/** One event per callback, under the key of its type; other event types are acknowledged. */
export class TencentVoiceEventDto {
  @ApiPropertyOptional({ type: TencentVoiceCodeStatusDto })
  voicecode_callback?: TencentVoiceCodeStatusDto;
  @ApiPropertyOptional({ type: TencentVoiceFailureDto })
  voice_failure_callback?: TencentVoiceFailureDto;
}

export class AliyunVoiceReportDto {
  @ApiProperty({ description: 'The SingleCallByTts CallId', example: '116012354148^102813789' })
  call_id: string;
  @ApiProperty({ example: '200000', description: '200000/200001 answered; others not' })
  status_code: string;
  @ApiPropertyOptional({ example: '用户听完' }) status_msg?: string;
  @ApiPropertyOptional({ example: 'ANSWERED' }) smart_status_code?: string;
  @ApiPropertyOptional({ example: '2026-11-21 08:03:04', description: 'China time (UTC+8)' })
  start_time?: string;
  @ApiPropertyOptional({ example: '2026-11-21 08:03:20', description: 'China time (UTC+8)' })
  end_time?: string;
  @ApiPropertyOptional({ example: '16', description: 'Seconds' }) duration?: string;
  @ApiPropertyOptional({ description: 'Our OutId' }) out_id?: string;
  @ApiPropertyOptional() caller?: string;
  @ApiPropertyOptional() callee?: string;
}
