import type { MultipartFile } from '@fastify/multipart';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  AdminOnly,
  ApiErrors,
  AuditedCreation,
  AuditedObjectById,
  MultipartUpload,
  UnsupportedMediaTypeError,
} from '@app/common';
import { PhoneInvalidError, RegionNotAllowedError } from '@app/phone';
import { IdParamDto } from '../catalog.dto';
import { SignatureNotFoundError } from '../catalog.errors';
import {
  AddSuppressionDto,
  ImportSuppressionsQueryDto,
  ListSuppressionsQueryDto,
  SuppressionDto,
  SuppressionImportDto,
  SuppressionPageDto,
} from './dto/suppression.dto';
import { SUPPRESSION_IMPORT_MAX_BYTES, SuppressionImport } from './suppression-import';
import {
  PhoneAlreadySuppressedError,
  SuppressionImportInvalidError,
  SuppressionNotFoundError,
} from './suppression.errors';
import { SuppressionService } from './suppression.service';

@ApiTags('admin: sms opt-out')
@AdminOnly()
@Controller('v1/admin/sms/suppressions')
export class SmsSuppressionAdminController {
  constructor(
    private readonly suppressions: SuppressionService,
    private readonly importer: SuppressionImport,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Numbers on the opt-out lists, newest first' })
  @ApiOkResponse({ type: SuppressionPageDto })
  @ApiErrors(SignatureNotFoundError, PhoneInvalidError, RegionNotAllowedError)
  list(@Query() query: ListSuppressionsQueryDto): Promise<SuppressionPageDto> {
    return this.suppressions.list(query);
  }

  @Post()
  @AuditedCreation()
  @ApiOperation({ summary: "Add a number to a signature's opt-out list" })
  @ApiCreatedResponse({ type: SuppressionDto })
  @ApiErrors(
    SignatureNotFoundError,
    PhoneInvalidError,
    RegionNotAllowedError,
    PhoneAlreadySuppressedError,
  )
  add(@Body() body: AddSuppressionDto): Promise<SuppressionDto> {
    return this.suppressions.add(body);
  }

  @Delete(':id')
  @AuditedObjectById(SuppressionService, (suppressions, id) => suppressions.find(id))
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Take a number off an opt-out list: it gets marketing messages again' })
  @ApiNoContentResponse()
  @ApiErrors(SuppressionNotFoundError)
  remove(@Param() params: IdParamDto): Promise<void> {
    return this.suppressions.remove(params.id);
  }

  @Post('import')
  @AuditedCreation()
  @HttpCode(HttpStatus.OK)
  @MultipartUpload()
  @ApiOperation({
    summary: "Import a CSV of phones into a signature's opt-out list (streamed, up to 30 MB)",
    description:
      'One phone per row, in the column headed `phone` (or `mobile`, `手机号`), else the first ' +
      'column. Rows are parsed as a send parses phones; rejected rows are reported with their ' +
      'row number (the header is row 1) and reason.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOkResponse({ type: SuppressionImportDto })
  @ApiErrors(SignatureNotFoundError, SuppressionImportInvalidError)
  import(
    @Query() query: ImportSuppressionsQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<SuppressionImportDto> {
    return this.importer.import(query.signature, () => uploadedFile(request));
  }
}

/** The upload's one file, as a stream (never buffered); undefined when the body has none. */
async function uploadedFile(request: FastifyRequest): Promise<MultipartFile['file'] | undefined> {
  if (!request.isMultipart()) {
    throw new UnsupportedMediaTypeError('Send the CSV as multipart/form-data');
  }
  try {
    const upload = await request.file({ limits: { fileSize: SUPPRESSION_IMPORT_MAX_BYTES } });
    return upload?.file;
  } catch (error) {
    // Busboy's refusals of a malformed body (no boundary, a part over the limits).
    throw new SuppressionImportInvalidError(
      `The multipart body cannot be read: ${error instanceof Error ? error.message : 'unknown'}`,
    );
  }
}
