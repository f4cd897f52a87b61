import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { LeanCloudAuthGuard } from '../auth/leancloud-auth.guard';
import { LeanCloudExceptionFilter } from '../errors/leancloud-exception.filter';
import { LEANCLOUD_PREFIX } from '../leancloud-settings';

/**
 * A controller of the LeanCloud-compatible API: mounted under `/1.1`, behind the App Key
 * check, its errors answered as `{ code, error }`. Left out of our OpenAPI document: its
 * contract is LeanCloud's REST API.
 */
export const LeanCloudController = (): ClassDecorator =>
  applyDecorators(
    Controller(LEANCLOUD_PREFIX.slice(1)),
    UseGuards(LeanCloudAuthGuard),
    UseFilters(LeanCloudExceptionFilter),
    ApiExcludeController(),
  );
