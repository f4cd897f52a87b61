export { LeanCloudExceptionFilter } from './errors/leancloud-exception.filter';
export { LeanCloudModule } from './leancloud.module';
export { isLeanCloudEnabled, LEANCLOUD_PREFIX } from './leancloud-settings';
export type {
  ImportCounts,
  ImportListener,
  ImportSummary,
  RowPosition,
} from './import/import-report';
export { LeanCloudImportModule } from './import/leancloud-import.module';
export { LeanCloudImportService } from './import/leancloud-import.service';
