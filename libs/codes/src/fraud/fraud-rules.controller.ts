import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AdminOnly,
  type AdminPrincipal,
  ApiErrors,
  AuditedCreation,
  AuditedObjectById,
  CurrentAdmin,
} from '@app/common';
import {
  CreateFraudRuleDto,
  FraudRuleDto,
  FraudRuleIdParamDto,
  FraudRulesDto,
} from './dto/fraud-rules.dto';
import {
  FraudRuleExistsError,
  FraudRuleInvalidError,
  FraudRuleNotFoundError,
} from './fraud.errors';
import { FraudRulesAdminService } from './fraud-rules-admin.service';

/** Reads need `viewer`, changes `operator` (the admin routes' default by method). */
@ApiTags('admin: fraud guard')
@AdminOnly()
@Controller('v1/admin/fraud/rules')
export class FraudRulesController {
  constructor(private readonly rules: FraudRulesAdminService) {}

  @Get()
  @ApiOperation({ summary: "Allow and deny rules: the configuration's and the admins'" })
  @ApiOkResponse({ type: FraudRulesDto })
  list(): Promise<FraudRulesDto> {
    return this.rules.list();
  }

  @Post()
  @AuditedCreation()
  @ApiOperation({ summary: 'Add an allow or deny rule; every process applies it within a second' })
  @ApiCreatedResponse({ type: FraudRuleDto })
  @ApiErrors({ 400: ['InValidParam'] }, FraudRuleInvalidError, FraudRuleExistsError)
  create(
    @Body() body: CreateFraudRuleDto,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<FraudRuleDto> {
    return this.rules.create(body, admin);
  }

  @Delete(':id')
  @AuditedObjectById(FraudRulesAdminService, (rules, id) => rules.find(id))
  @ApiOperation({ summary: "Delete an admin's rule; every process drops it within a second" })
  @ApiOkResponse({ type: FraudRuleDto })
  @ApiErrors({ 400: ['InValidParam'] }, FraudRuleNotFoundError)
  delete(@Param() params: FraudRuleIdParamDto): Promise<FraudRuleDto> {
    return this.rules.delete(params.id);
  }
}
