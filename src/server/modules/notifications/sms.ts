// Text messages out, behind a provider interface. The only driver so far writes to the log; a real
// provider (a telecom's brandname SMS API) implements the same `send`.
import type { AppConfig } from '../../config.js';
import type { JobLog } from '../../jobs/runner.js';

export interface SmsSender {
  readonly kind: string;
  /** Resolves once the provider accepted the message; rejects otherwise (the job then retries). */
  send(to: string, text: string): Promise<void>;
}

/** Every digit but the last three hidden: 0912 345 678 becomes *******678. */
export function maskPhone(number: string): string {
  const digits = number.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(0, digits.length - 3))}${digits.slice(-3)}`;
}

export class LogSmsSender implements SmsSender {
  readonly kind = 'log';
  constructor(private readonly log: JobLog) {}

  async send(to: string, text: string): Promise<void> {
    this.log.info({ sms: { to: maskPhone(to), text } }, 'SMS written to the log (SMS_DRIVER=log)');
  }
}

export function createSmsSender(config: AppConfig, log: JobLog): SmsSender {
  switch (config.smsDriver) {
    case 'log':
      return new LogSmsSender(log);
  }
}
