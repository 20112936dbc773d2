import { z } from 'zod';

export const USERNAME_MAX = 100;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
export const FULL_NAME_MAX = 150;

export const ZLogin = z.object({
  username: z.string().trim().min(1).max(USERNAME_MAX),
  password: z.string().min(1).max(PASSWORD_MAX),
});
export type TLogin = z.infer<typeof ZLogin>;

/** Vietnamese mobile numbers: 10 digits starting with 0, or +84 followed by 9 digits. */
export const PHONE_PATTERN = /^(0\d{9}|\+84\d{9})$/;

export const ZRegister = z
  .object({
    fullName: z.string().trim().min(2).max(FULL_NAME_MAX),
    contact: z.string().trim().min(1).max(USERNAME_MAX),
    password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
    confirmPassword: z.string().min(1).max(PASSWORD_MAX),
  })
  .superRefine((value, ctx) => {
    const isEmail = z.email().safeParse(value.contact).success;
    const isPhone = PHONE_PATTERN.test(value.contact.replace(/[\s.-]/g, ''));
    if (!isEmail && !isPhone)
      ctx.addIssue({ code: 'custom', path: ['contact'], message: 'auth.errors.contactInvalid' });
    if (value.password !== value.confirmPassword) {
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'auth.errors.passwordMismatch' });
    }
  });
export type TRegister = z.infer<typeof ZRegister>;

export const ZActor = z.object({
  username: z.string(),
  fullName: z.string(),
  roles: z.array(
    z.object({ role: z.string(), unitId: z.number().nullable(), agencyId: z.number().nullable() }),
  ),
});
export const ZLoginResponse = z.object({ user: ZActor, expiresAt: z.string() });

/** Only same-site relative paths may be a post-login destination. */
export function safeNextPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(value) && value.length < 500
    ? value
    : undefined;
}
