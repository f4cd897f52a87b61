import { Alert, Card, Descriptions, Select, Space, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { previewTemplate } from './template-preview';

/** The message as the phone shows it, updated as the content is typed. */
export function TemplatePreviewCard({
  content,
  signatures,
  signature,
  onSignature,
}: {
  content: string;
  signatures: string[];
  signature: string;
  onSignature: (signature: string) => void;
}) {
  const { t } = useI18n();
  const preview = previewTemplate(content, { signature, appName: 'App' });
  return (
    <Card size="small" title={t('preview')} data-testid="template-preview">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          aria-label={t('previewSignature')}
          value={signature}
          onChange={onSignature}
          options={signatures.map((value) => ({ value, label: `【${value}】` }))}
          style={{ width: '100%' }}
        />
        <Typography.Paragraph data-testid="preview-text" className="preview-text">
          {preview.text}
        </Typography.Paragraph>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('characters')}>{preview.characters}</Descriptions.Item>
          <Descriptions.Item label={t('segments')}>
            <span data-testid="preview-segments">{preview.segments}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('variables')} span={2}>
            {preview.variables.map((name) => (
              <Tag key={name} color={preview.callerVariables.includes(name) ? 'blue' : undefined}>
                {name}
              </Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
        {preview.tooLong && <Alert type="warning" title={`> 500 ${t('characters')}`} />}
      </Space>
    </Card>
  );
}
