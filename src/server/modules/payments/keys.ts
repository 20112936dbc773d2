import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../../config.js';

/**
 * The key of one payment's pages and receipt (`?k=`): whoever started the payment, or was e-mailed
 * its receipt, holds it. Derived from the merchant secret, so nothing is stored (a new secret makes
 * the old links invalid).
 */
export function paymentKey(config: AppConfig, txnRef: string): string {
  return createHmac('sha256', config.vnpay.hashSecret)
    .update(`payment-page:${txnRef}`)
    .digest('hex')
    .slice(0, 32);
}

export function keyMatches(config: AppConfig, txnRef: string, key: string): boolean {
  const expected = Buffer.from(paymentKey(config, txnRef));
  const given = Buffer.from(key);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
