import type { FieldErrors } from '../../shared/errors.js';
import type { Child } from '../jsx/jsx-runtime.js';
import type { PageContext } from './page-context.js';

/** The hidden CSRF field every form carries. */
export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/** GOV.UK-style error summary: a list of links to each field in error, focused first by assistive tech. */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: FieldErrors | undefined }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 id="error-summary-title">{ctx.t('common.errorSummaryTitle')}</h2>
      <ul>
        {entries.map(([field, error]) => (
          <li>
            <a href={`#field-${field}`}>{ctx.t(error.key, error.params)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  ctx: PageContext;
  name: string;
  label: string;
  type?: string;
  value?: string;
  hint?: string;
  errors?: FieldErrors | undefined;
  autocomplete?: string;
  required?: boolean;
  inputmode?: string;
  maxlength?: number;
}

/** A labelled input with its hint and its error message, wired up with aria-describedby. */
export function TextField(props: FieldProps) {
  const id = `field-${props.name}`;
  const error = props.errors?.[props.name];
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
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
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        required={props.required}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

export function Breadcrumbs({ items }: { items: { href?: string; label: string }[] }) {
  return (
    <nav class="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        {items.map((item) => (
          <li>
            {item.href ? <a href={item.href}>{item.label}</a> : <span aria-current="page">{item.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function Notice({
  children,
  kind = 'info',
}: {
  children?: Child;
  kind?: 'info' | 'success' | 'warning';
}) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'info' ? undefined : 'status'}>
      {children}
    </div>
  );
}
