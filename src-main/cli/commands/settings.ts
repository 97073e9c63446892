/**
 * `authbench settings`: shows the app settings, or changes the refresh-token expiry warning lead
 * (`--expiry-warning-hours`, 1–720) and the app's OS notification (`--notifications on|off`); exit 2 on a bad value.
 */
import { appSettings, type AppSettings } from '../../../src-shared/token-expiry';
import { parseOrThrow } from '../../../src-shared/validate';
import { withContext, type GlobalOptions } from '../context';
import { usageError } from '../output';

/** The options of `authbench settings`, as commander passes them (strings). */
export interface SettingsCliOptions {
  expiryWarningHours?: string;
  notifications?: string;
  json?: boolean;
}

export async function settings(global: GlobalOptions, opts: SettingsCliOptions): Promise<void> {
  const patch: Record<string, unknown> = {};
  if (opts.expiryWarningHours !== undefined) patch.expiryWarningHours = Number(opts.expiryWarningHours);
  if (opts.notifications !== undefined) {
    if (opts.notifications !== 'on' && opts.notifications !== 'off') throw usageError('--notifications is on or off');
    patch.expiryNotifications = opts.notifications === 'on';
  }
  const valid = parseOrThrow(appSettings.partial().strict(), patch);
  const current = await withContext(
    global,
    async (ctx) => (Object.keys(valid).length > 0 ? ctx.settings.update(valid) : ctx.settings.get()),
    { needs: [], readsProfiles: false },
  );
  process.stdout.write(opts.json ? `${JSON.stringify(current, null, 2)}\n` : describe(current));
}

function describe(s: AppSettings): string {
  return (
    `expiry warning: ${s.expiryWarningHours} h before a refresh token expires ("Expires soon" in the list)\n` +
    `notifications: ${s.expiryNotifications ? 'on' : 'off'} (an OS notification while the app runs)\n`
  );
}
