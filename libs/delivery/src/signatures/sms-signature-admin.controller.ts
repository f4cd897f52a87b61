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
import { CatalogPageQueryDto, IdParamDto, RejectDto } from '../catalog.dto';
import {
  CreateSignatureDto,
  SignatureDto,
  SignaturePageDto,
  UpdateSignatureDto,
} from './dto/signature.dto';
import { SmsSignatureService } from './sms-signature.service';
import {
  SignatureInUseError,
  SignatureNameTakenError,
  SignatureNotApprovedError,
  SignatureNotFoundError,
} from '../catalog.errors';

/** The audit's view of the signature a route changes: what GET …/:id answers. */
const AuditedSignature = (): MethodDecorator =>
  AuditedObjectById(SmsSignatureService, (signatures, id) => signatures.get(id));

@ApiTags('admin: sms signatures')
@AdminOnly()
@Controller('v1/admin/sms/signatures')
export class SmsSignatureAdminController {
  constructor(private readonly signatures: SmsSignatureService) {}

  @Post()
  @AuditedCreation()
  @ApiOperation({ summary: 'Add a signature (pending review)' })
  @ApiCreatedResponse({ type: SignatureDto })
  @ApiErrors(SignatureNameTakenError)
  create(@Body() body: CreateSignatureDto): Promise<SignatureDto> {
    return this.signatures.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List signatures, oldest first' })
  @ApiOkResponse({ type: SignaturePageDto })
  list(@Query() query: CatalogPageQueryDto): Promise<SignaturePageDto> {
    return this.signatures.list(query.status, query.page, query.pageSize);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a signature' })
  @ApiOkResponse({ type: SignatureDto })
  @ApiErrors(SignatureNotFoundError)
  get(@Param() { id }: IdParamDto): Promise<SignatureDto> {
    return this.signatures.get(id);
  }

  @Patch(':id')
  @AuditedSignature()
  @ApiOperation({ summary: 'Edit a signature; new text or type goes back to review' })
  @ApiOkResponse({ type: SignatureDto })
  @ApiErrors(SignatureNotFoundError, SignatureNameTakenError, SignatureNotApprovedError)
  update(@Param() { id }: IdParamDto, @Body() body: UpdateSignatureDto): Promise<SignatureDto> {
    return this.signatures.update(id, body);
  }

  @Delete(':id')
  @AuditedSignature()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiOperation({ summary: 'Delete a signature (not the last approved one)' })
  @ApiErrors(SignatureNotFoundError, SignatureInUseError)
  delete(@Param() { id }: IdParamDto): Promise<void> {
    return this.signatures.delete(id);
  }

  @Post(':id/approve')
  @AuditedSignature()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record that the carriers approved it (the first becomes the default)' })
  @ApiOkResponse({ type: SignatureDto })
  @ApiErrors(SignatureNotFoundError)
  approve(@Param() { id }: IdParamDto): Promise<SignatureDto> {
    return this.signatures.approve(id);
  }

  @Post(':id/reject')
  @AuditedSignature()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record that the carriers rejected it, and why' })
  @ApiOkResponse({ type: SignatureDto })
  @ApiErrors(SignatureNotFoundError)
  reject(@Param() { id }: IdParamDto, @Body() body: RejectDto): Promise<SignatureDto> {
    return this.signatures.reject(id, body.reason);
  }
}
