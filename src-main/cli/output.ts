/**
 * CLI exit codes and error printing (docs/architecture.md, "The CLI"). Errors print as one line `error [code]: message`
 * on stderr, followed by the fields a user can act on; never a stack trace. Messages are stripped of control
 * characters (C0, C1) and clipped (docs/security.md, "Hostile input").
 */
import { AppError, type ErrorCode } from '../../src-shared/errors';
import { forTerminal } from '../http/log-text';

export const EXIT = { ok: 0, testFailed: 1, usage: 2, environment: 3 } as const;

const ENVIRONMENT: ReadonlySet<ErrorCode> = new Set(['keychain_unavailable', 'database', 'unavailable', 'internal']);

/** Exit code for an error that stopped a command before (or instead of) a Test result. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof AppError) return ENVIRONMENT.has(err.code) ? EXIT.environment : EXIT.usage;
  return EXIT.environment;
}

/** Prints an error for a person on stderr. */
export function printError(err: unknown): void {
  if (err instanceof AppError) {
    process.stderr.write(`error [${err.code}]: ${forTerminal(err.message)}\n`);
    for (const issue of err.details?.issues ?? [])
      process.stderr.write(`  ${issue.path}: ${forTerminal(issue.message)}\n`);
    return;
  }
  process.stderr.write(`error [internal]: ${forTerminal((err as Error)?.message ?? String(err))}\n`);
}

/** Usage error (exit 2) with a message. */
export function usageError(message: string): AppError {
  return new AppError('invalid_request', message);
}
