import { startTestApp, TestApp } from '../support/test-app';

interface Operation {
  summary?: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: { $ref?: string; type?: string } }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

describe('OpenAPI: templates, signatures, messages, receipts and statistics', () => {
  let service: TestApp;
  let paths: Record<string, Record<string, Operation>>;
  let schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;

  beforeAll(async () => {
    service = await startTestApp();
    const document = await service.http().get('/docs-json').expect(200);
    paths = document.body.paths;
    schemas = document.body.components.schemas;
  });

  afterAll(() => service.close());

  const admin = [
    ['post', '/v1/admin/sms/signatures'],
    ['get', '/v1/admin/sms/signatures'],
    ['get', '/v1/admin/sms/signatures/{id}'],
    ['patch', '/v1/admin/sms/signatures/{id}'],
    ['delete', '/v1/admin/sms/signatures/{id}'],
    ['post', '/v1/admin/sms/signatures/{id}/approve'],
    ['post', '/v1/admin/sms/signatures/{id}/reject'],
    ['post', '/v1/admin/sms/templates'],
    ['get', '/v1/admin/sms/templates'],
    ['get', '/v1/admin/sms/templates/{id}'],
    ['patch', '/v1/admin/sms/templates/{id}'],
    ['delete', '/v1/admin/sms/templates/{id}'],
    ['post', '/v1/admin/sms/templates/{id}/approve'],
    ['post', '/v1/admin/sms/templates/{id}/reject'],
    ['post', '/v1/admin/sms/messages'],
    ['get', '/v1/admin/sms/messages'],
    ['get', '/v1/admin/sms/messages/{id}'],
    ['post', '/v1/admin/sms/messages/{id}/retry'],
    ['get', '/v1/admin/sms/stats'],
  ];

  it.each(admin)('documents %s %s with a summary and the admin key', (method, path) => {
    const operation = paths[path]?.[method];
    expect(operation).toBeDefined();
    expect(operation.summary).toEqual(expect.any(String));
    expect(operation.security).toEqual([{ admin: [] }]);
  });

  it.each([
    ['post', '/v1/sms/receipts/tencent'],
    ['post', '/v1/sms/receipts/aliyun'],
    ['post', '/v1/sms/codes'],
  ])('documents %s %s with its request body', (method, path) => {
    const operation = paths[path]?.[method];
    expect(operation?.summary).toEqual(expect.any(String));
    expect(operation?.requestBody?.content['application/json'].schema).toBeDefined();
  });

  it.each([
    ['CreateTemplateDto', ['name', 'kind', 'content', 'locale', 'purpose', 'providerTemplateIds']],
    ['TemplateDto', ['id', 'variables', 'status', 'rejectionReason', 'providerTemplateIds']],
    ['CreateSignatureDto', ['name', 'content', 'type', 'purpose', 'qualification']],
    ['UpdateSignatureDto', ['isDefault', 'content']],
    ['SignatureDto', ['isDefault', 'status']],
    ['SendNotificationDto', ['phone', 'template', 'signature', 'locale', 'variables']],
    ['RequestCodeDto', ['phone', 'purpose', 'locale', 'template', 'signature', 'variables']],
    ['SmsMessageDto', ['attempts', 'templateName', 'testNumber', 'verifiedAt', 'receiptCode']],
    ['StatsDto', ['from', 'to', 'groupBy', 'totals', 'groups']],
    [
      'StatsGroupDto',
      ['key', 'messages', 'segments', 'codesSent', 'codesVerified', 'conversionRate'],
    ],
    ['TencentStatusReportDto', ['sid', 'report_status']],
    ['AliyunSmsReportDto', ['biz_id', 'success']],
    ['TencentReceiptAnswerDto', ['result', 'errmsg']],
    ['NotificationQueuedDto', ['id', 'status']],
    ['TemplatePageDto', ['items', 'total']],
    ['SignaturePageDto', ['items', 'total']],
  ])('describes the fields of %s', (schema, fields) => {
    expect(Object.keys(schemas[schema]?.properties ?? {})).toEqual(expect.arrayContaining(fields));
  });
});
