import type { THotline } from '../../../shared/hotlines/schema.js';
import type { HotlineRow } from './hotlines.repository.js';

export function presentHotline(row: HotlineRow): THotline {
  return {
    id: row.id,
    kind: row.kind,
    position: row.position,
    personName: row.person_name,
    phone: row.phone,
    note: row.note,
    sortOrder: row.sort_order,
  };
}
