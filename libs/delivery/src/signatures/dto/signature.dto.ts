import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Equals, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SmsReviewStatus, SmsSignaturePurpose, SmsSignatureType } from '@app/prisma';
import { IsCatalogName, IsPlainText, REVIEW_STATUSES } from '../../catalog.dto';
import { MAX_SIGNATURE_LENGTH } from '../../templates/template-limits';

const SIGNATURE_TYPES = Object.values(SmsSignatureType);
const SIGNATURE_PURPOSES = Object.values(SmsSignaturePurpose);

/** Letters (any script), digits and inner spaces, 2 to 20 characters: what carriers accept. */
const SIGNATURE_CONTENT = new RegExp(
  `^[\\p{L}\\p{N}](?:[\\p{L}\\p{N} ]{0,${MAX_SIGNATURE_LENGTH - 2}}[\\p{L}\\p{N}])$`,
  'u',
);

export class CreateSignatureDto {
  @ApiProperty({ example: 'main', description: 'How senders refer to it (`signature` field)' })
  @IsCatalogName()
  name: string;

  @ApiProperty({
    example: '腾讯云',
    description: `The text inside 【】: 2 to ${MAX_SIGNATURE_LENGTH} letters or digits`,
  })
  @IsString()
  @Matches(SIGNATURE_CONTENT, {
    message: `content must be 2 to ${MAX_SIGNATURE_LENGTH} letters or digits (inner spaces allowed)`,
  })
  content: string;

  @ApiProperty({ enum: SIGNATURE_TYPES })
  @IsIn(SIGNATURE_TYPES)
  type: SmsSignatureType;

  @ApiPropertyOptional({
    enum: SIGNATURE_PURPOSES,
    default: 'self_use',
    description: 'For your own business, or for a third party (with their authorisation)',
  })
  @IsOptional()
  @IsIn(SIGNATURE_PURPOSES)
  purpose?: SmsSignaturePurpose;

  @ApiPropertyOptional({ description: 'Qualification the carriers saw (licence, filing)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsPlainText(true)
  qualification?: string;
}

export class UpdateSignatureDto extends PartialType(CreateSignatureDto) {
  @ApiPropertyOptional({
    enum: [true],
    description: 'Make this approved signature the default (the current one stops being it)',
  })
  @IsOptional()
  @Equals(true, {
    message: 'isDefault can only be set to true: make another signature the default',
  })
  isDefault?: true;
}

export class SignatureDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() content: string;
  @ApiProperty({ enum: SIGNATURE_TYPES }) type: SmsSignatureType;
  @ApiProperty({ enum: SIGNATURE_PURPOSES }) purpose: SmsSignaturePurpose;
  @ApiProperty({ nullable: true, type: String }) qualification: string | null;
  @ApiProperty({ enum: REVIEW_STATUSES }) status: SmsReviewStatus;
  @ApiProperty({ nullable: true, type: String }) rejectionReason: string | null;
  @ApiProperty() isDefault: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class SignaturePageDto {
  @ApiProperty({ type: [SignatureDto] }) items: SignatureDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
