import { readFileSync } from 'node:fs';
import {
  CONSOLE_SCHEMA_FILE,
  consoleSchemaFrom,
  previewOpenApiDocument,
} from '../../scripts/console-api-schema';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The console's typed client (apps/console/src/api/schema.d.ts) is generated from the
 * service's OpenAPI document: a route or DTO changed without `npm run console:api-schema`
 * fails here, before the console calls a route that is no longer what it was typed as.
 */
describe("The console's API types", () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  }, 120_000);

  afterAll(() => service?.close());

  it('come from the document the service serves (the script builds the same one)', async () => {
    const served = await service.http().get('/docs-json').expect(200);
    expect(JSON.parse(JSON.stringify(await previewOpenApiDocument()))).toEqual(served.body);
  }, 120_000);

  it('are up to date in the repository', async () => {
    const served = await service.http().get('/docs-json').expect(200);
    const committed = readFileSync(CONSOLE_SCHEMA_FILE, 'utf8');
    // Compared as text: a difference names the first changed line.
    expect(committed.split('\n')).toEqual((await consoleSchemaFrom(served.body)).split('\n'));
  }, 120_000);
});
