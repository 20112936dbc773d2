import type { Locale } from '../../../shared/i18n/index.js';
import type { TUnitNode } from '../../../shared/units/schema.js';
import type { UnitVersionRow } from './units.repository.js';
import type { UnitNode } from './units.service.js';

export function presentUnitSummary(row: UnitVersionRow, locale: Locale) {
  return {
    code: row.code,
    type: row.typeCode,
    name: locale === 'vi' ? row.name : row.nameEn,
    fullName: locale === 'vi' ? row.fullName : row.fullNameEn,
  };
}

/** What leaves the server about a unit: names in the reader's language, no internal ids. */
export function presentUnitNode(node: UnitNode, locale: Locale): TUnitNode {
  return {
    ...presentUnitSummary(node.unit, locale),
    hasCounter: node.unit.hasCounter,
    address: node.unit.address,
    phone: node.unit.phone,
    validFrom: node.unit.validFrom,
    validTo: node.unit.validTo,
    agencies: node.agencies.map((a) => ({
      code: a.code,
      kind: a.kind,
      name: locale === 'vi' ? a.name : a.name_en,
      hasCounter: a.has_counter,
      address: a.address,
      phone: a.phone,
    })),
    children: node.children.map((child) => presentUnitNode(child, locale)),
  };
}
