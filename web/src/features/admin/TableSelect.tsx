import { useTranslation } from 'react-i18next';
import { LabelledSelect } from '../../components/LabelledSelect';
import { useTables } from './api';

/** The drop-down of every table (by name), to choose one. */
export function TableSelect({ id, value, onChange }: { id: string; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const tables = useTables();
  return (
    <LabelledSelect
      id={id}
      label={t('admin.table')}
      value={value}
      onChange={onChange}
      placeholder={t('admin.choose')}
      options={(tables.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
    />
  );
}
