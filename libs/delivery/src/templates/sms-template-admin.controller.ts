import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly, ApiErrors, AuditedCreation, AuditedObjectById } from '@app/common';
import { IdParamDto, RejectDto } from '../catalog.dto';
import {
  CreateTemplateDto,
  ListTemplatesQueryDto,
  TemplateDto,
  TemplatePageDto,
  UpdateTemplateDto,
} from './dto/template.dto';
import { SmsTemplateService } from './sms-template.service';
import { toTemplateDto } from './template-view';
import {
  TemplateInUseError,
  TemplateInvalidError,
  TemplateNameTakenError,
  TemplateNotFoundError,
} from '../catalog.errors';

/** The audit's view of the template a route changes: what GET …/:id answers. */
const AuditedTemplate = (): MethodDecorator =>
  AuditedObjectById(SmsTemplateService, async (templates, id) =>
    toTemplateDto(await templates.get(id)),
  );

@ApiTags('admin: sms templates')
@AdminOnly()
@Controller('v1/admin/sms/templates')
export class SmsTemplateAdminController {
  constructor(private readonly templates: SmsTemplateService) {}

  @Post()
  @AuditedCreation()
  @ApiOperation({ summary: 'Add a template (pending review); its content is checked' })
  @ApiCreatedResponse({ type: TemplateDto })
  @ApiErrors(TemplateInvalidError, TemplateNameTakenError)
  async create(@Body() body: CreateTemplateDto): Promise<TemplateDto> {
    return toTemplateDto(await this.templates.create(body));
  }

  @Get()
  @ApiOperation({ summary: 'List templates, oldest first' })
  @ApiOkResponse({ type: TemplatePageDto })
  async list(@Query() query: ListTemplatesQueryDto): Promise<TemplatePageDto> {
    const page = await this.templates.list(query);
    return { ...page, items: page.items.map(toTemplateDto) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a template' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiErrors(TemplateNotFoundError)
  async get(@Param() { id }: IdParamDto): Promise<TemplateDto> {
    return toTemplateDto(await this.templates.get(id));
  }

  @Patch(':id')
  @AuditedTemplate()
  @ApiOperation({ summary: 'Edit a template; new content or kind goes back to review' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiErrors(TemplateInvalidError, TemplateNotFoundError, TemplateNameTakenError)
  async update(@Param() { id }: IdParamDto, @Body() body: UpdateTemplateDto): Promise<TemplateDto> {
    return toTemplateDto(await this.templates.update(id, body));
  }

  @Delete(':id')
  @AuditedTemplate()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiOperation({
    summary: 'Delete a template (not the only approved verification template of a purpose)',
  })
  @ApiErrors(TemplateNotFoundError, TemplateInUseError)
  delete(@Param() { id }: IdParamDto): Promise<void> {
    return this.templates.delete(id);
  }

  @Post(':id/approve')
  @AuditedTemplate()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record that the carriers approved it' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiErrors(TemplateNotFoundError)
  async approve(@Param() { id }: IdParamDto): Promise<TemplateDto> {
    return toTemplateDto(await this.templates.approve(id));
  }

  @Post(':id/reject')
  @AuditedTemplate()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record that the carriers rejected it, and why' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiErrors(TemplateNotFoundError)
  async reject(@Param() { id }: IdParamDto, @Body() body: RejectDto): Promise<TemplateDto> {
    return toTemplateDto(await this.templates.reject(id, body.reason));
  }
}
