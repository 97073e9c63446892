/** Types for `@usebruno/lang` (v2 parsers), which ships none: a `.bru` request as JSON and back. */
declare module '@usebruno/lang' {
  /** A `.bru` request file's text from its JSON form (`meta`, `http`, `params`, `headers`, `auth`, `body`, …). */
  export function jsonToBruV2(json: Record<string, unknown>): string;
  /** The JSON form of a `.bru` request file's text; throws on a syntax error. */
  export function bruToJsonV2(bru: string): Record<string, unknown>;
}
