import type { FormProperty } from '../../../../shared/applications/forms.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { CsrfField, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import type { ApplyProcedure, DetailsInput } from '../apply.service.js';
import { LinkedErrorSummary, SelectField, StepIndicator, TextAreaField } from './parts.js';
import { draftPath, MY_APPLICATIONS_PATH } from './paths.js';

/** One field of the procedure's form, drawn from its JSON Schema property. */
function FormField({
  ctx,
  name,
  property,
  required,
  value,
  errors,
}: {
  ctx: PageContext;
  name: string;
  property: FormProperty;
  required: boolean;
  value: string;
  errors: FieldErrors | undefined;
}) {
  const field = `formData.${name}`;
  const label = ctx.locale === 'vi' ? property.title : property['x-title-en'];
  const example = String(property.examples[0]);
  if (property.enum) {
    return (
      <SelectField
        ctx={ctx}
        name={field}
        label={label}
        value={value}
        placeholder={ctx.t('applications.common.choose')}
        options={property.enum.map((option) => ({ value: option, label: option }))}
        errors={errors}
        required={required}
      />
    );
  }
  if (property['x-multiline']) {
    return (
      <TextAreaField
        ctx={ctx}
        name={field}
        label={label}
        hint={property.description ?? ctx.t('applications.common.example', { example })}
        value={value}
        maxlength={property.maxLength}
        errors={errors}
        optional={!required}
        required={required}
      />
    );
  }
  const hint =
    property.format === 'date'
      ? ctx.t('applications.details.dateHint', { example })
      : (property.description ?? ctx.t('applications.common.example', { example }));
  return (
    <TextField
      ctx={ctx}
      name={field}
      label={required ? label : `${label} (${ctx.t('applications.common.optional')})`}
      type={property.format === 'date' ? 'date' : 'text'}
      hint={hint}
      value={value}
      errors={errors}
      required={required}
      maxlength={property.maxLength}
      inputmode={property.type === 'integer' ? 'numeric' : undefined}
    />
  );
}

/** Step 1: who applies, where (commune-level procedures), and the procedure's own form. */
export function DetailsPage({
  ctx,
  procedure,
  draftId,
  values,
  errors,
  stepLinks,
}: {
  ctx: PageContext;
  procedure: ApplyProcedure;
  draftId: string;
  values: DetailsInput;
  errors?: FieldErrors | undefined;
  stepLinks: (string | null)[];
}) {
  const { record, form } = procedure;
  const title = ctx.t('applications.apply.steps.details');
  const vi = ctx.locale === 'vi';
  return (
    <Layout ctx={ctx} title={`${errors ? `${ctx.t('common.errorPrefix')} ` : ''}${title} – ${record.name}`}>
      <p class="kicker">
        <a href={MY_APPLICATIONS_PATH}>{ctx.t('applications.mine.title')}</a>
      </p>
      <StepIndicator ctx={ctx} current={1} links={stepLinks} />
      <h1>{title}</h1>
      <p class="procedure-context">{record.name}</p>
      <LinkedErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={draftPath(record.code, draftId, 'thong-tin')} novalidate>
        <CsrfField ctx={ctx} />
        <h2>{ctx.t('applications.details.applicant')}</h2>
        <TextField
          ctx={ctx}
          name="applicant.fullName"
          label={ctx.t('applications.details.fullName')}
          value={values.applicant.fullName}
          errors={errors}
          autocomplete="name"
          maxlength={150}
          required
        />
        <TextField
          ctx={ctx}
          name="applicant.idNumber"
          label={ctx.t('applications.details.idNumber')}
          hint={ctx.t('applications.details.idNumberHint')}
          value={values.applicant.idNumber}
          errors={errors}
          inputmode="numeric"
          maxlength={12}
          autocomplete="off"
          required
        />
        <TextField
          ctx={ctx}
          name="applicant.phone"
          type="tel"
          label={ctx.t('applications.details.phone')}
          hint={ctx.t('applications.details.phoneHint')}
          value={values.applicant.phone}
          errors={errors}
          autocomplete="tel"
          maxlength={15}
          required
        />
        <TextField
          ctx={ctx}
          name="applicant.email"
          type="email"
          label={`${ctx.t('applications.details.email')} (${ctx.t('applications.common.optional')})`}
          value={values.applicant.email}
          errors={errors}
          autocomplete="email"
          maxlength={200}
        />
        <TextField
          ctx={ctx}
          name="applicant.address"
          label={`${ctx.t('applications.details.address')} (${ctx.t('applications.common.optional')})`}
          hint={ctx.t('applications.details.addressHint')}
          value={values.applicant.address}
          errors={errors}
          autocomplete="street-address"
          maxlength={300}
        />
        {record.level === 'commune' ? (
          <>
            <h2>{ctx.t('applications.details.where')}</h2>
            <SelectField
              ctx={ctx}
              name="unitCode"
              label={ctx.t('applications.details.unit')}
              hint={ctx.t('applications.details.unitHint')}
              value={values.unitCode}
              placeholder={ctx.t('applications.common.choose')}
              options={procedure.units.map((u) => ({ value: u.code, label: vi ? u.fullName : u.fullNameEn }))}
              errors={errors}
              required
            />
          </>
        ) : null}
        <h2>{ctx.t('applications.details.request')}</h2>
        {Object.entries(form.properties).map(([name, property]) => (
          <FormField
            ctx={ctx}
            name={name}
            property={property}
            required={form.required.includes(name)}
            value={values.formData[name] ?? ''}
            errors={errors}
          />
        ))}
        <button type="submit" class="button">
          {ctx.t('applications.common.saveAndContinue')}
        </button>
      </form>
      <p class="hint">{ctx.t('applications.apply.savedHint')}</p>
    </Layout>
  );
}
