// E-mail out: SMTP through nodemailer when SMTP_URL is set, otherwise a transport that writes each
// message to the log (addresses masked) so a demo works offline.
import { createTransport } from 'nodemailer';
import type { AppConfig } from '../../config.js';
import type { JobLog } from '../../jobs/runner.js';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Files sent with the message (a payment's receipt). */
  attachments?: MailAttachment[] | undefined;
}

export interface Mailer {
  readonly kind: 'smtp' | 'log';
  /** Resolves once the server accepted the message; rejects otherwise (the job then retries). */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** n***@example.vn: the first character of the mailbox and the domain. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

export class SmtpMailer implements Mailer {
  readonly kind = 'smtp' as const;
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(url: string, from: string) {
    this.transport = createTransport(
      { url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
      { from },
    );
  }

  async send(message: MailMessage): Promise<void> {
    const info = await this.transport.sendMail({
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      ...(message.attachments?.length ? { attachments: message.attachments } : {}),
    });
    const rejected = Array.isArray(info.rejected) ? info.rejected : [];
    if (rejected.length > 0)
      throw new Error(`The SMTP server rejected the recipient ${maskEmail(message.to)}`);
  }

  close(): void {
    this.transport.close();
  }
}

export class LogMailer implements Mailer {
  readonly kind = 'log' as const;
  constructor(
    private readonly log: JobLog,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    this.log.info(
      {
        mail: {
          from: this.from,
          to: maskEmail(message.to),
          subject: message.subject,
          text: message.text,
          ...(message.attachments?.length ? { attachments: message.attachments.map((a) => a.filename) } : {}),
        },
      },
      'e-mail written to the log (SMTP_URL is not set)',
    );
  }

  close(): void {}
}

export function createMailer(config: AppConfig, log: JobLog): Mailer {
  return config.smtpUrl
    ? new SmtpMailer(config.smtpUrl, config.mailFrom)
    : new LogMailer(log, config.mailFrom);
}
