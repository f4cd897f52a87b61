import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Documentation of the providers' callback bodies; they are read by `delivery-receipt.ts`.

export class TencentStatusReportDto {
  @ApiProperty({ description: 'The SendSms SerialNo', example: '2433:6f1d…' }) sid: string;
  @ApiProperty({ enum: ['SUCCESS', 'FAIL'] }) report_status: string;
  @ApiPropertyOptional({ example: 'DELIVRD' }) errmsg?: string;
  @ApiPropertyOptional({ example: '2026-11-21 08:03:04', description: 'China time (UTC+8)' })
  user_receive_time?: string;
  @ApiPropertyOptional({ example: '86' }) nationcode?: string;
  @ApiPropertyOptional({ example: '13800138000' }) mobile?: string;
  @ApiPropertyOptional({ example: '用户短信送达成功' }) description?: string;
}

export class TencentReceiptAnswerDto {
  @ApiProperty({ example: 0 }) result: number;
  @ApiProperty({ example: 'OK' }) errmsg: string;
}

export class AliyunSmsReportDto {
  @ApiProperty({ description: 'The SendSms BizId', example: '900619746936498440^0' })
  biz_id: string;
  @ApiProperty() success: boolean;
  @ApiPropertyOptional({ example: 'DELIVERED' }) err_code?: string;
  @ApiPropertyOptional({ example: '用户接收成功' }) err_msg?: string;
  @ApiPropertyOptional({ example: '2026-11-21 08:03:04', description: 'China time (UTC+8)' })
  report_time?: string;
  @ApiPropertyOptional({ example: '2026-11-21 08:03:01' }) send_time?: string;
  @ApiPropertyOptional({ example: '13800138000' }) phone_number?: string;
  @ApiPropertyOptional({ example: '1' }) sms_size?: string;
  @ApiPropertyOptional({ description: 'Our message id' }) out_id?: string;
}

export class AliyunReceiptAnswerDto {
  @ApiProperty({ example: 0 }) code: number;
  @ApiProperty({ example: '接收成功' }) msg: string;
}
