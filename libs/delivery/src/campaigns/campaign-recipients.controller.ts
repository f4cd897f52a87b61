import { Controller, Get, Header, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminOnly, ApiErrors, InvalidParamError, MultipartUpload } from '@app/common';
import { TemplateNotApprovedError, TemplateNotFoundError } from '../catalog.errors';
import { IdParamDto } from '../catalog.dto';
import {
  CampaignNotFoundError,
  CampaignStateConflictError,
  RecipientFileInvalidError,
  RecipientFileTooLargeError,
} from './campaign.errors';
import { AuditedCampaign } from './audited-campaign';
import { CampaignPreviewService } from './campaign-preview.service';
import { CampaignPreviewDto, RecipientReportDto, UploadResultDto } from './dto/campaign-view.dto';
import { PreviewQueryDto } from './dto/campaign-query.dto';
import { recipientFormCsv, recipientFormXlsx } from './recipient-forms';
import { MAX_UPLOAD_BYTES, RecipientUploadService } from './recipient-upload.service';
import type { RecipientFileFormat } from './recipient-file';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A campaign's recipient list: the form, the upload and its report, the preview. */
@ApiTags('admin: campaigns')
@AdminOnly()
@Controller('v1/admin/campaigns/:id')
export class CampaignRecipientsController {
  constructor(
    private readonly uploads: RecipientUploadService,
    private readonly previews: CampaignPreviewService,
  ) {}

  @Get('recipients/template.csv')
  @Header('Content-Disposition', 'attachment; filename="recipients.csv"')
  @ApiOperation({ summary: 'The recipient form: a phone column, one per template variable' })
  // The file's type on the 200 alone (not @ApiProduces): errors stay JSON, documented as such.
  @ApiOkResponse({
    description: 'CSV, UTF-8 with a BOM',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors(CampaignNotFoundError, TemplateNotFoundError, TemplateNotApprovedError)
  async formCsv(@Param() params: IdParamDto): Promise<StreamableFile> {
    const csv = recipientFormCsv(await this.previews.rowVariables(params.id));
    return new StreamableFile(csv, { type: 'text/csv; charset=utf-8' });
  }

  @Get('recipients/template.xlsx')
  @Header('Content-Disposition', 'attachment; filename="recipients.xlsx"')
  @ApiOperation({ summary: 'The recipient form as an Excel workbook' })
  @ApiOkResponse({
    description: 'XLSX',
    content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(CampaignNotFoundError, TemplateNotFoundError, TemplateNotApprovedError)
  async formXlsx(@Param() params: IdParamDto): Promise<StreamableFile> {
    const xlsx = await recipientFormXlsx(await this.previews.rowVariables(params.id));
    return new StreamableFile(xlsx, { type: XLSX_TYPE });
  }

  @Post('recipients')
  @AuditedCampaign()
  @MultipartUpload()
  @ApiOperation({
    summary: 'Add recipients from a CSV or XLSX file (first sheet), streamed, up to 30 MB',
    description:
      'Multipart form with one `file` part named *.csv or *.xlsx. Rows are checked as a send ' +
      'would check them; duplicates are dropped, suppressed numbers counted apart, rejected ' +
      'rows kept with their reasons (GET …/recipients/report). Uploads add up.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: UploadResultDto })
  @ApiErrors(
    CampaignNotFoundError,
    CampaignStateConflictError,
    RecipientFileInvalidError,
    RecipientFileTooLargeError,
    TemplateNotFoundError,
    TemplateNotApprovedError,
  )
  async upload(
    @Param() params: IdParamDto,
    @Req() request: FastifyRequest,
  ): Promise<UploadResultDto> {
    if (!request.isMultipart()) {
      throw new RecipientFileInvalidError('Send the list as multipart/form-data with a file part');
    }
    const part = await request.file({
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 0, parts: 1 },
      throwFileSizeLimit: false,
    });
    if (part === undefined) throw new RecipientFileInvalidError('The form has no file part');
    try {
      return await this.uploads.upload(
        params.id,
        part.file,
        formatOf(part.filename, part.mimetype),
      );
    } finally {
      part.file.resume(); // whatever was not read is drained, so the answer goes out
    }
  }

  @Get('recipients/report')
  @ApiOperation({ summary: 'What the uploads came to: counts, and the rejected rows with reasons' })
  @ApiOkResponse({ type: RecipientReportDto })
  @ApiErrors(CampaignNotFoundError)
  report(@Param() params: IdParamDto): Promise<RecipientReportDto> {
    return this.previews.report(params.id);
  }

  @Get('preview')
  @ApiOperation({ summary: "A recipient's message, its segments, the totals and estimated cost" })
  @ApiOkResponse({ type: CampaignPreviewDto })
  @ApiErrors(
    CampaignNotFoundError,
    InvalidParamError,
    TemplateNotFoundError,
    TemplateNotApprovedError,
  )
  preview(
    @Param() params: IdParamDto,
    @Query() query: PreviewQueryDto,
  ): Promise<CampaignPreviewDto> {
    return this.previews.preview(params.id, query.row);
  }
}

function formatOf(filename: string, mimetype: string): RecipientFileFormat {
  const name = filename.toLowerCase();
  if (name.endsWith('.csv') || mimetype === 'text/csv') return 'csv';
  if (name.endsWith('.xlsx') || mimetype === XLSX_TYPE) return 'xlsx';
  throw new RecipientFileInvalidError('The file must be a .csv or an .xlsx');
}
