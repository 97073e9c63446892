/**
 * The import's CommonJS dependencies (postman-collection, @usebruno/lang, shell-quote) are loaded with `import()`
 * on the import path only (docs/architecture.md, "The CLI"); in the built bundle that yields the module object
 * under `default`, in the sources its named exports: this returns the module object either way.
 */
export function cjsModule<T extends object>(loaded: T): T {
  const fallback = (loaded as { default?: T }).default;
  return fallback && typeof fallback === 'object' ? fallback : loaded;
}
