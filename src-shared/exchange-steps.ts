/** The steps of a Test a recorded exchange can belong to (docs/architecture.md, "A Test, step by step"). */
export const EXCHANGE_STEPS = [
  'discovery',
  'par',
  'authorize',
  'callback',
  'device_authorization',
  'token',
  'refresh',
  'check',
  'introspection',
  'revocation',
  'userinfo',
] as const;

/** Which step of a flow an exchange belongs to. */
export type ExchangeStep = (typeof EXCHANGE_STEPS)[number];
