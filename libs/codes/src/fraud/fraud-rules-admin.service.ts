import { Injectable } from '@nestjs/common';
import type { AdminPrincipal } from '@app/common';
import type { FraudRule, FraudRuleKind } from '@app/prisma';
import {
  FraudRuleExistsError,
  FraudRuleInvalidError,
  FraudRuleNotFoundError,
} from './fraud.errors';
import { FraudRuleRefresher } from './fraud-rule-refresher';
import { FraudRuleSet } from './fraud-rule-set';
import { configRuleValues, readFraudRuleValue } from './fraud-rule-value';
import { FraudRulesRepository } from './fraud-rules.repository';
import type { CreateFraudRuleDto, FraudRuleDto, FraudRulesDto } from './dto/fraud-rules.dto';

const KINDS: readonly FraudRuleKind[] = ['allow', 'deny'];

/** The admins' allow and deny rules beside the configuration's: listing, adding, deleting. */
@Injectable()
export class FraudRulesAdminService {
  constructor(
    private readonly repository: FraudRulesRepository,
    private readonly rules: FraudRuleSet,
    private readonly refresher: FraudRuleRefresher,
  ) {}

  async list(): Promise<FraudRulesDto> {
    const configured = KINDS.flatMap((kind) =>
      configRuleValues(this.rules.config[kind]).map((rule): FraudRuleDto => ({
        id: null,
        source: 'config',
        kind,
        ...rule,
        note: '',
        createdByKind: null,
        createdBy: null,
        createdAt: null,
      })),
    );
    return { items: [...configured, ...(await this.repository.list()).map(toDto)] };
  }

  /** An admin's rule; null when there is none with this id. */
  async find(id: string): Promise<FraudRuleDto | null> {
    const rule = await this.repository.findById(id);
    return rule === null ? null : toDto(rule);
  }

  async create(dto: CreateFraudRuleDto, admin: AdminPrincipal): Promise<FraudRuleDto> {
    const rule = readFraudRuleValue(dto.value);
    if (!rule) throw new FraudRuleInvalidError();
    // The configuration is fixed for the process's life: no race in asking it first.
    if (configRuleValues(this.rules.config[dto.kind]).some((c) => c.value === rule.value)) {
      throw new FraudRuleExistsError('config');
    }
    const created = await this.repository.create({
      kind: dto.kind,
      ...rule,
      note: dto.note?.trim() ?? '',
      createdByKind: admin.kind,
      createdById: admin.kind === 'session' ? admin.adminId : null,
      createdBy: admin.kind === 'session' ? admin.username : null,
    });
    await this.refresher.refresh();
    return toDto(created);
  }

  async delete(id: string): Promise<FraudRuleDto> {
    const deleted = await this.repository.delete(id);
    if (!deleted) throw new FraudRuleNotFoundError();
    await this.refresher.refresh();
    return toDto(deleted);
  }
}

function toDto(rule: FraudRule): FraudRuleDto {
  return {
    id: rule.id,
    source: 'admin',
    kind: rule.kind,
    match: rule.match,
    value: rule.value,
    note: rule.note,
    createdByKind: rule.createdByKind as 'session' | 'api-key',
    createdBy: rule.createdBy,
    createdAt: rule.createdAt.toISOString(),
  };
}
