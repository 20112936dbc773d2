// Pieces the catalogue's pages share: addresses, how facts are written out (levels, time limits,
// đồng), form fields the shared components lack, and pagination by links.
import type { TFee, TTimeLimit } from '../../../../shared/catalog/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { formatNumber } from '../../../../shared/i18n/index.js';
import type { Child } from '../../../jsx/jsx-runtime.js';
import type { PageContext } from '../../../views/page-context.js';

export const CATALOG_PATH = '/thu-tuc';
export const ADMIN_CATALOG_PATH = '/quan-tri/thu-tuc';
export const procedurePath = (code: string) => `${CATALOG_PATH}/${encodeURIComponent(code)}`;
export const printPath = (code: string) => `${procedurePath(code)}/in`;
export const applyPath = (code: string) => `/nop-ho-so/${encodeURIComponent(code)}`;
export const adminEditPath = (code: string) => `${ADMIN_CATALOG_PATH}/${encodeURIComponent(code)}/sua`;
export const adminRetirePath = (code: string) =>
  `${ADMIN_CATALOG_PATH}/${encodeURIComponent(code)}/ngung-ap-dung`;
export const ADMIN_NEW_PATH = `${ADMIN_CATALOG_PATH}/moi`;
export const ADMIN_IMPORT_PATH = `${ADMIN_CATALOG_PATH}/nhap`;
export const ADMIN_EXPORT_PATH = `${ADMIN_CATALOG_PATH}/xuat`;

/** A whole number of đồng: "8.000 đồng" in Vietnamese, "8,000 VND" in English. */
export function formatVnd(ctx: PageContext, amount: number): string {
  return ctx.t('catalog.vnd', { amount: formatNumber(ctx.locale, amount) });
}

/** "1 ngày làm việc", "7,5 ngày làm việc", "Trong ngày". */
export function formatTimeLimit(ctx: PageContext, limit: TTimeLimit): string {
  if (limit.unit === 'same_day' || limit.amount === null) return ctx.t('catalog.timeLimit.same_day');
  const amount = formatNumber(ctx.locale, limit.amount);
  return ctx.t(`catalog.timeLimit.${limit.unit}${limit.amount === 1 ? 'One' : ''}`, { amount });
}

/** "Lệ phí: 8.000 đồng" and the source's words about it, if any. */
export function formatFee(ctx: PageContext, fee: TFee): string {
  const kind = ctx.t(`catalog.feeKinds.${fee.kind}`);
  const parts = [fee.amountVnd === null ? null : formatVnd(ctx, fee.amountVnd), fee.description].filter(
    (part): part is string => part !== null,
  );
  return `${kind}: ${parts.join(' – ')}`;
}

/** yyyy-mm-dd as dd/mm/yyyy. */
export function displayDate(date: string): string {
  return date.split('-').reverse().join('/');
}

export function LevelTag({ ctx, level }: { ctx: PageContext; level: string }) {
  return <span class="tag tag-grey">{ctx.t(`catalog.levels.${level}`)}</span>;
}

export function OnlineTag({ ctx, onlineLevel }: { ctx: PageContext; onlineLevel: string }) {
  const tone = onlineLevel === 'full' ? 'tag tag-green' : onlineLevel === 'partial' ? 'tag' : 'tag tag-grey';
  return <span class={tone}>{ctx.t(`catalog.onlineTags.${onlineLevel}`)}</span>;
}

interface FieldBase {
  ctx: PageContext;
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: FieldErrors | undefined;
  class?: string;
}

function FieldFrame(props: FieldBase & { children?: Child; labelFor?: boolean }) {
  const id = `field-${props.name}`;
  const error = props.errors?.[props.name];
  return (
    <div class={[error ? 'field field-error' : 'field', props.class].filter(Boolean).join(' ')}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">{props.ctx.t('common.errorPrefix')}</span>{' '}
          {props.ctx.t(error.key, error.params)}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

function describedBy(props: FieldBase): string | undefined {
  const id = `field-${props.name}`;
  const parts = [props.hint ? `${id}-hint` : '', props.errors?.[props.name] ? `${id}-error` : ''];
  return parts.filter(Boolean).join(' ') || undefined;
}

export function SelectField(
  props: FieldBase & { options: { value: string; label: string }[]; value?: string | undefined },
) {
  return (
    <FieldFrame {...props}>
      <select
        id={`field-${props.name}`}
        name={props.name}
        aria-describedby={describedBy(props)}
        aria-invalid={props.errors?.[props.name] ? 'true' : undefined}
      >
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === (props.value ?? '')}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A select whose options come in labelled groups (agencies by unit). */
export function GroupedSelectField(
  props: FieldBase & {
    empty: string;
    groups: { label: string; options: { value: string; label: string }[] }[];
    value?: string | undefined;
  },
) {
  return (
    <FieldFrame {...props}>
      <select id={`field-${props.name}`} name={props.name} aria-describedby={describedBy(props)}>
        <option value="">{props.empty}</option>
        {props.groups.map((group) => (
          <optgroup label={group.label}>
            {group.options.map((option) => (
              <option value={option.value} selected={option.value === props.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </FieldFrame>
  );
}

export function TextAreaField(props: FieldBase & { value?: string | undefined; rows?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea
        id={`field-${props.name}`}
        name={props.name}
        rows={props.rows ?? 4}
        spellcheck="false"
        aria-describedby={describedBy(props)}
        aria-invalid={props.errors?.[props.name] ? 'true' : undefined}
      >
        {/* A leading line break after <textarea> is dropped by the parser; this one keeps the value's own. */}
        {`\n${props.value ?? ''}`}
      </textarea>
    </FieldFrame>
  );
}

export function CheckboxField(props: FieldBase & { checked: boolean }) {
  const id = `field-${props.name}`;
  const error = props.errors?.[props.name];
  return (
    <div class={error ? 'field field-error check-field' : 'field check-field'}>
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">{props.ctx.t('common.errorPrefix')}</span>{' '}
          {props.ctx.t(error.key, error.params)}
        </p>
      ) : null}
      <input
        type="checkbox"
        id={id}
        name={props.name}
        checked={props.checked}
        aria-describedby={error ? `${id}-error` : undefined}
      />{' '}
      <label for={id}>{props.label}</label>
    </div>
  );
}

/** The address of another page of a list, keeping its filters. */
export function pageHref(path: string, params: Record<string, string | undefined>, page: number): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Page numbers to show: the first, the last, and two either side of the current one. */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const shown = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2]);
  const numbers = [...shown].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const result: (number | null)[] = [];
  numbers.forEach((n, i) => {
    const previous = numbers[i - 1];
    if (previous !== undefined && n - previous > 1) result.push(null);
    result.push(n);
  });
  return result;
}

export function Pagination(props: {
  ctx: PageContext;
  path: string;
  params: Record<string, string | undefined>;
  page: number;
  pages: number;
}) {
  const { ctx, page, pages } = props;
  if (pages <= 1) return null;
  const href = (n: number) => pageHref(props.path, props.params, n);
  return (
    <nav class="catalog-pagination" aria-label={ctx.t('catalog.pagination.label')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              ‹ {ctx.t('catalog.pagination.previous')}
            </a>
          </li>
        ) : null}
        {pageWindow(page, pages).map((n) =>
          n === null ? (
            <li class="catalog-pagination-gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li>
              <a
                href={href(n)}
                aria-current={n === page ? 'page' : undefined}
                aria-label={ctx.t('catalog.pagination.page', { page: n })}
              >
                {n}
              </a>
            </li>
          ),
        )}
        {page < pages ? (
          <li>
            <a href={href(page + 1)} rel="next">
              {ctx.t('catalog.pagination.next')} ›
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
