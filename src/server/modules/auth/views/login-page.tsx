import { PASSWORD_MIN, USERNAME_MAX } from '../../../../shared/auth/schema.js';
import type { FieldErrors } from '../../../../shared/errors.js';
import { CsrfField, ErrorSummary, TextField } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';

export function LoginPage(props: {
  ctx: PageContext;
  username?: string;
  errors?: FieldErrors;
  next?: string;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('auth.loginTitle')}>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h1>{ctx.t('auth.loginTitle')}</h1>
      <form method="post" action="/login" novalidate>
        <CsrfField ctx={ctx} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <TextField
          ctx={ctx}
          name="username"
          label={ctx.t('auth.username')}
          hint={ctx.t('auth.usernameHint')}
          value={props.username}
          errors={props.errors}
          autocomplete="username"
          maxlength={USERNAME_MAX}
        />
        <TextField
          ctx={ctx}
          name="password"
          type="password"
          label={ctx.t('auth.password')}
          errors={props.errors}
          autocomplete="current-password"
        />
        <button type="submit" class="button">
          {ctx.t('auth.loginButton')}
        </button>
      </form>
      <p>
        {ctx.t('auth.noAccount')} <a href="/register">{ctx.t('auth.registerLink')}</a>
      </p>
      <p class="hint">{ctx.t('auth.passwordRule', { min: PASSWORD_MIN })}</p>
    </Layout>
  );
}

export function RegisterPage(props: {
  ctx: PageContext;
  values?: { fullName?: string; contact?: string };
  errors?: FieldErrors;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('auth.registerTitle')}>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h1>{ctx.t('auth.registerTitle')}</h1>
      <p>{ctx.t('auth.registerIntro')}</p>
      <form method="post" action="/register" novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          name="fullName"
          label={ctx.t('auth.fullName')}
          value={props.values?.fullName}
          errors={props.errors}
          autocomplete="name"
        />
        <TextField
          ctx={ctx}
          name="contact"
          label={ctx.t('auth.contact')}
          hint={ctx.t('auth.contactHint')}
          value={props.values?.contact}
          errors={props.errors}
          autocomplete="username"
        />
        <TextField
          ctx={ctx}
          name="password"
          type="password"
          label={ctx.t('auth.password')}
          hint={ctx.t('auth.passwordRule', { min: PASSWORD_MIN })}
          errors={props.errors}
          autocomplete="new-password"
        />
        <TextField
          ctx={ctx}
          name="confirmPassword"
          type="password"
          label={ctx.t('auth.confirmPassword')}
          errors={props.errors}
          autocomplete="new-password"
        />
        <button type="submit" class="button">
          {ctx.t('auth.registerButton')}
        </button>
      </form>
    </Layout>
  );
}
