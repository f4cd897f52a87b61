export { LeanCloudExceptionFilter } from './errors/leancloud-exception.filter';
export { LeanCloudModule } from './leancloud.module';
export { isLeanCloudEnabled, LEANCLOUD_PREFIX } from './leancloud-settings';
