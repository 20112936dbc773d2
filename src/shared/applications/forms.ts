// The form a citizen fills for a procedure: a JSON Schema (draft 2020-12 subset) per procedure. The
// server validates submissions with it, the pages render fields from it, other clients read it at
// GET /api/v1/procedures/{code}/form. Every property carries a valid value in `examples`.
import type { FieldErrors } from '../errors.js';
import { foldVietnamese } from '../text/fold.js';

export interface FormProperty {
  type: 'string' | 'integer';
  title: string;
  'x-title-en': string;
  description?: string;
  format?: 'date';
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** Rendered as a multi-line box. */
  'x-multiline'?: boolean;
  examples: [string | number];
}

export interface FormDefinition {
  $schema: 'https://json-schema.org/draft/2020-12/schema';
  title: string;
  type: 'object';
  properties: Record<string, FormProperty>;
  required: string[];
  additionalProperties: false;
}

const text = (title: string, en: string, example: string, maxLength = 200): FormProperty => ({
  type: 'string',
  title,
  'x-title-en': en,
  minLength: 1,
  maxLength,
  examples: [example],
});
const date = (title: string, en: string, example: string): FormProperty => ({
  type: 'string',
  title,
  'x-title-en': en,
  format: 'date',
  examples: [example],
});
const choice = (title: string, en: string, values: string[]): FormProperty => ({
  type: 'string',
  title,
  'x-title-en': en,
  enum: values,
  examples: [values[0]!],
});
const longText = (title: string, en: string, example: string): FormProperty => ({
  ...text(title, en, example, 2000),
  'x-multiline': true,
});

interface Template {
  matches: (name: string, field: string) => boolean;
  properties: Record<string, FormProperty>;
  required: string[];
}

// Procedure families with forms of their own; anything else gets the general request form.
const TEMPLATES: Template[] = [
  {
    matches: (name) => name.includes('khai sinh'),
    properties: {
      childFullName: text('Họ, chữ đệm và tên người được khai sinh', "Child's full name", 'Nguyễn Thị Mai'),
      childBirthDate: date('Ngày, tháng, năm sinh', 'Date of birth', '2025-01-15'),
      childSex: choice('Giới tính', 'Sex', ['Nữ', 'Nam']),
      birthPlace: text('Nơi sinh', 'Place of birth', 'Trung tâm Y tế Mộc Châu'),
      fatherFullName: text('Họ, chữ đệm và tên cha', "Father's full name", 'Nguyễn Văn Hùng'),
      motherFullName: text('Họ, chữ đệm và tên mẹ', "Mother's full name", 'Lò Thị Hạnh'),
      relationship: text('Quan hệ với người được khai sinh', 'Relationship to the child', 'Mẹ', 50),
    },
    required: ['childFullName', 'childBirthDate', 'childSex', 'birthPlace', 'motherFullName', 'relationship'],
  },
  {
    matches: (name) => name.includes('ket hon'),
    properties: {
      spouseFullName: text('Họ, chữ đệm và tên bên kia', "Partner's full name", 'Hà Văn Tuấn'),
      spouseBirthDate: date('Ngày sinh của bên kia', "Partner's date of birth", '1998-06-02'),
      spouseIdNumber: text(
        'Số định danh cá nhân của bên kia',
        "Partner's personal ID number",
        '014098000123',
        12,
      ),
      residence: text('Nơi cư trú', 'Place of residence', 'Tiểu khu 4, phường Mộc Lỵ'),
    },
    required: ['spouseFullName', 'spouseBirthDate', 'spouseIdNumber', 'residence'],
  },
  {
    matches: (name) => name.includes('khai tu'),
    properties: {
      deceasedFullName: text(
        'Họ, chữ đệm và tên người đã chết',
        'Full name of the deceased',
        'Đinh Văn Khoa',
      ),
      dateOfDeath: date('Ngày chết', 'Date of death', '2025-02-20'),
      placeOfDeath: text('Nơi chết', 'Place of death', 'Bản Áng, xã Đông Sang'),
      relationship: text('Quan hệ với người đã chết', 'Relationship to the deceased', 'Con', 50),
    },
    required: ['deceasedFullName', 'dateOfDeath', 'placeOfDeath', 'relationship'],
  },
  {
    matches: (_name, field) => field.includes('dat dai'),
    properties: {
      parcelNumber: text('Số thửa đất', 'Parcel number', '125', 20),
      mapSheet: text('Số tờ bản đồ', 'Map sheet number', '12', 20),
      parcelAddress: text('Địa chỉ thửa đất', 'Address of the parcel', 'Tiểu khu Vườn Đào, phường Mộc Sơn'),
      area: {
        type: 'integer',
        title: 'Diện tích (m²)',
        'x-title-en': 'Area (m²)',
        minimum: 1,
        maximum: 100_000_000,
        examples: [250],
      },
      requestSummary: longText(
        'Nội dung đề nghị',
        'What you ask for',
        'Đề nghị cấp Giấy chứng nhận quyền sử dụng đất lần đầu.',
      ),
    },
    required: ['parcelNumber', 'mapSheet', 'parcelAddress', 'requestSummary'],
  },
];

const GENERAL: Omit<Template, 'matches'> = {
  properties: {
    requestSummary: longText(
      'Nội dung đề nghị',
      'What you ask for',
      'Đề nghị giải quyết thủ tục theo quy định.',
    ),
    notes: { ...longText('Ghi chú thêm', 'Other notes', 'Xin nhận kết quả qua bưu điện.'), minLength: 0 },
  },
  required: ['requestSummary'],
};

/** The form definition for a procedure: by its family when one is known, else the general form. */
export function formForProcedure(procedure: { name: string; field: string }): FormDefinition {
  const name = foldVietnamese(procedure.name);
  const field = foldVietnamese(procedure.field);
  const template = TEMPLATES.find((t) => t.matches(name, field)) ?? GENERAL;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: procedure.name,
    type: 'object',
    properties: template.properties,
    required: template.required,
    additionalProperties: false,
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Checks form data against a definition; per-field message keys, nothing thrown. */
export function validateFormData(
  definition: FormDefinition,
  data: unknown,
): { ok: true; value: Record<string, string | number> } | { ok: false; fields: FieldErrors } {
  const fields: FieldErrors = {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, fields: { formData: { key: 'validation.invalidType' } } };
  }
  const input = data as Record<string, unknown>;
  const value: Record<string, string | number> = {};
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(definition.properties, key))
      fields[`formData.${key}`] = { key: 'validation.unknownField' };
  }
  for (const [name, property] of Object.entries(definition.properties)) {
    const path = `formData.${name}`;
    let raw = input[name];
    if (typeof raw === 'string') raw = raw.normalize('NFC').trim();
    const required = definition.required.includes(name);
    if (raw === undefined || raw === null || raw === '') {
      if (required) fields[path] = { key: 'validation.required' };
      continue;
    }
    if (property.type === 'integer') {
      const n =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && /^-?\d+$/.test(raw)
            ? Number(raw)
            : Number.NaN;
      if (!Number.isSafeInteger(n)) fields[path] = { key: 'validation.invalidType' };
      else if (property.minimum !== undefined && n < property.minimum)
        fields[path] = { key: 'validation.tooSmall', params: { minimum: property.minimum } };
      else if (property.maximum !== undefined && n > property.maximum)
        fields[path] = { key: 'validation.tooBig', params: { maximum: property.maximum } };
      else value[name] = n;
      continue;
    }
    if (typeof raw !== 'string') {
      fields[path] = { key: 'validation.invalidType' };
      continue;
    }
    if (property.maxLength !== undefined && [...raw].length > property.maxLength) {
      fields[path] = { key: 'validation.tooLong', params: { maximum: property.maxLength } };
    } else if (property.enum && !property.enum.includes(raw)) {
      fields[path] = { key: 'validation.invalidOption' };
    } else if (property.format === 'date' && !isRealDate(raw)) {
      fields[path] = { key: 'validation.invalidDate' };
    } else {
      value[name] = raw;
    }
  }
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, value };
}
