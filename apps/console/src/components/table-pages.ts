import type { TablePaginationConfig } from 'antd';

/** A server-paged table's pager: the page shown, the total the service counted, no size changer. */
export function serverPages(
  current: number,
  pageSize: number,
  total: number | undefined,
  onChange: (page: number) => void,
): TablePaginationConfig {
  return { current, pageSize, total, onChange, showSizeChanger: false };
}
