/**
 * postman-collection ships its type declarations (an ambient `declare module "postman-collection"`) without a
 * "types" entry in its package.json: this reference makes them visible to the import's Postman converter.
 */
// The declarations are an ambient module, not an ES module: only a reference brings them in.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../node_modules/postman-collection/types/index.d.ts" />
