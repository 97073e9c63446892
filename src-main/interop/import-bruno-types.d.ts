/**
 * The parts of `@usebruno/lang` (no type declarations of its own) the Bruno import uses: its v2 parsers of
 * request, collection / folder and environment `.bru` files, and (in tests) their serialisers.
 */
declare module '@usebruno/lang' {
  /** A parsed `.bru` request: `meta`, `http` (with the auth mode), `auth`, and the oauth2 additional parameters. */
  export function bruToJsonV2(text: string): Record<string, unknown>;
  /** A request object back to `.bru` text. */
  export function jsonToBruV2(json: Record<string, unknown>): string;
  /** A parsed `collection.bru` or `folder.bru`. */
  export function collectionBruToJson(text: string): Record<string, unknown>;
  /** A collection or folder object back to `.bru` text (`isFolder` for folder.bru). */
  export function jsonToCollectionBru(json: Record<string, unknown>, isFolder?: boolean): string;
  /** A parsed environment `.bru` file. */
  export function bruToEnvJsonV2(text: string): {
    variables?: Array<{ name: string; value: string; enabled?: boolean; secret?: boolean }>;
  };
  /** An environment object back to `.bru` text. */
  export function envJsonToBruV2(json: {
    variables: Array<{ name: string; value: string; enabled: boolean; secret: boolean }>;
  }): string;
}
