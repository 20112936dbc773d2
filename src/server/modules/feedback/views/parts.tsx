// Pieces feedback's pages share: tags for kind, status and deadline, radio groups, long texts.
import type { FieldErrors } from '../../../../shared/errors.js';
import { formatDate, formatDateTime } from '../../../../shared/i18n/index.js';
import type { PageContext } from '../../../views/page-context.js';
import { describedBy, fieldId } from '../../apply/views/parts.js';

export const dateOf = (iso: string) => formatDate(new Date(iso));
export const dateTimeOf = (iso: string) => formatDateTime(new Date(iso));

export function KindTag({ ctx, kind }: { ctx: PageContext; kind: string }) {
  return (
    <span class={kind === 'complaint' ? 'tag tag-amber' : 'tag'}>{ctx.t(`feedback.kinds.${kind}`)}</span>
  );
}

export function StatusTag({ ctx, status }: { ctx: PageContext; status: string }) {
  const tone =
    status === 'answered'
      ? 'tag tag-green'
      : status === 'closed'
        ? 'tag tag-grey'
        : status === 'received'
          ? 'tag tag-yellow'
          : 'tag';
  return <span class={tone}>{ctx.t(`feedback.statuses.${status}`)}</span>;
}

/** "Phản ánh đúng" for a complaint, "Kiến nghị được tiếp thu" for a recommendation. */
export function UpheldTag({ ctx, kind, upheld }: { ctx: PageContext; kind: string; upheld: boolean | null }) {
  if (upheld === null) return null;
  return (
    <span class={upheld ? 'tag tag-green' : 'tag tag-grey'}>
      {ctx.t(`feedback.upheld.${kind}.${upheld ? 'yes' : 'no'}`)}
    </span>
  );
}

export function ProgressTag({ ctx, progress }: { ctx: PageContext; progress: string | null }) {
  if (!progress) return null;
  const tone =
    progress === 'overdue' ? 'tag tag-red' : progress === 'due_soon' ? 'tag tag-amber' : 'tag tag-green';
  return <span class={tone}>{ctx.t(`feedback.progress.${progress}`)}</span>;
}

/** Text as the sender wrote it: line breaks kept, everything escaped. */
export function LongText({ text }: { text: string }) {
  return <p class="pre-line feedback-text">{text}</p>;
}

/** The first sentence or so of a long text, for lists. */
export function excerpt(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/** A group of radio buttons with its legend, hints per option and its error, wired for assistive tech. */
export function RadioGroup(props: {
  ctx: PageContext;
  name: string;
  legend: string;
  value: string;
  options: { value: string; label: string; hint?: string }[];
  errors?: FieldErrors | undefined;
  hint?: string;
}) {
  const { ctx, name, errors } = props;
  const error = errors?.[name];
  const id = fieldId(name);
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <fieldset id={id} aria-describedby={describedBy(name, props.hint, errors)}>
        <legend>{props.legend}</legend>
        {props.hint ? (
          <p class="hint" id={`${id}-hint`}>
            {props.hint}
          </p>
        ) : null}
        {error ? (
          <p class="error-message" id={`${id}-error`}>
            <span class="visually-hidden">{ctx.t('common.errorPrefix')}</span>{' '}
            {ctx.t(error.key, error.params)}
          </p>
        ) : null}
        {props.options.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <div class="radio">
              <input
                type="radio"
                name={name}
                value={option.value}
                id={optionId}
                checked={props.value === option.value}
                aria-describedby={option.hint ? `${optionId}-hint` : undefined}
              />
              <label for={optionId}>
                {option.label}
                {option.hint ? (
                  <span class="hint radio-hint" id={`${optionId}-hint`}>
                    {option.hint}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
