import {
  AlertOutlined,
  AuditOutlined,
  DashboardOutlined,
  FileTextOutlined,
  MailOutlined,
  NotificationOutlined,
  SafetyOutlined,
  SettingOutlined,
  StopOutlined,
  TagOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, Button, Layout, Menu, Select, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { MessageKey } from './i18n/en';
import { browserTimeZone, useI18n } from './i18n/i18n';
import { AdminsPage } from './pages/AdminsPage';
import { LanguageSwitch } from './pages/AuthCard';
import { AuditPage } from './pages/AuditPage';
import { CampaignsPage } from './pages/CampaignsPage';
import { FraudPage } from './pages/FraudPage';
import { MessagesPage } from './pages/MessagesPage';
import { OverviewPage } from './pages/OverviewPage';
import { QueuesPage } from './pages/QueuesPage';
import { SecurityPage } from './pages/SecurityPage';
import { SettingsPage } from './pages/SettingsPage';
import { SignaturesPage } from './pages/SignaturesPage';
import { SuppressionsPage } from './pages/SuppressionsPage';
import { TemplatesPage } from './pages/TemplatesPage';
import { UsersPage } from './pages/UsersPage';
import { type Admin, useSession } from './session';

interface ConsolePage {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  element: ReactNode;
  /** Shown to owners only (the service refuses the page's routes to the others). */
  ownerOnly?: true;
}

const PAGES: ConsolePage[] = [
  {
    path: '/overview',
    label: 'navOverview',
    icon: <DashboardOutlined />,
    element: <OverviewPage />,
  },
  {
    path: '/signatures',
    label: 'navSignatures',
    icon: <TagOutlined />,
    element: <SignaturesPage />,
  },
  {
    path: '/templates',
    label: 'navTemplates',
    icon: <FileTextOutlined />,
    element: <TemplatesPage />,
  },
  { path: '/messages', label: 'navMessages', icon: <MailOutlined />, element: <MessagesPage /> },
  {
    path: '/campaigns',
    label: 'navCampaigns',
    icon: <NotificationOutlined />,
    element: <CampaignsPage />,
  },
  {
    path: '/suppressions',
    label: 'navSuppressions',
    icon: <StopOutlined />,
    element: <SuppressionsPage />,
  },
  { path: '/fraud', label: 'navFraud', icon: <AlertOutlined />, element: <FraudPage /> },
  { path: '/queues', label: 'navQueues', icon: <UnorderedListOutlined />, element: <QueuesPage /> },
  { path: '/users', label: 'navUsers', icon: <UserOutlined />, element: <UsersPage /> },
  { path: '/audit', label: 'navAudit', icon: <AuditOutlined />, element: <AuditPage /> },
  { path: '/settings', label: 'navSettings', icon: <SettingOutlined />, element: <SettingsPage /> },
  {
    path: '/admins',
    label: 'navAdmins',
    icon: <TeamOutlined />,
    element: <AdminsPage />,
    ownerOnly: true,
  },
];

/** The signed-in admin's own page, from the header rather than the menu. */
const SECURITY_PATH = '/security';

export function ConsoleLayout({ admin }: { admin: Admin }) {
  const { t, locale, setLocale, timeZone, setTimeZone } = useI18n();
  const { signOut, canChange, isOwner } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const pages = PAGES.filter((page) => isOwner || !page.ownerOnly);
  const zones = Array.from(new Set([browserTimeZone(), 'UTC', 'Asia/Shanghai', timeZone]));

  return (
    <Layout className="console-layout">
      <Layout.Sider breakpoint="lg" collapsedWidth={0}>
        <div className="console-brand">{t('appName')}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[location.pathname]}
          onClick={({ key }) => void navigate(key)}
          items={pages.map((page) => ({ key: page.path, icon: page.icon, label: t(page.label) }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="console-header">
          <Select
            aria-label={t('timeZone')}
            value={timeZone}
            onChange={setTimeZone}
            options={zones.map((zone) => ({ value: zone, label: zone }))}
            style={{ width: 180 }}
          />
          <LanguageSwitch locale={locale} onChange={setLocale} />
          <span data-testid="signed-in-admin">
            {admin.username} <Tag>{admin.role}</Tag>
          </span>
          <Button icon={<SafetyOutlined />} onClick={() => void navigate(SECURITY_PATH)}>
            {t('navSecurity')}
          </Button>
          <Button onClick={() => void signOut()}>{t('signOut')}</Button>
        </Layout.Header>
        <Layout.Content className="console-content">
          {!canChange && <Alert type="info" title={t('readOnly')} className="form-alert" />}
          <Routes>
            {pages.map((page) => (
              <Route key={page.path} path={page.path} element={page.element} />
            ))}
            <Route path={SECURITY_PATH} element={<SecurityPage />} />
            <Route path="*" element={<Navigate to="/overview" replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
