/** Reading a recorded answer's body as a JSON object, as OAuth endpoints answer (RFC 6749 §5.1, §5.2). */

/** The body parsed as a JSON object; null when it is empty, not JSON, or JSON that is not an object. */
export function parseJsonObject(body: string | null | undefined): Record<string, unknown> | null {
  if (!body) return null;
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
