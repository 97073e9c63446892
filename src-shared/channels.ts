/**
 * Channel and event names of the IPC contract, without their schemas: the preload imports only this
 * file, so the sandboxed preload bundle needs nothing but `electron`.
 */
export const CHANNEL_NAMES = [
  'profiles:list',
  'profiles:get',
  'profiles:create',
  'profiles:update',
  'profiles:delete',
  'profiles:duplicate',
  'profiles:import',
  'profiles:import-apply',
  'profiles:export',
  'profiles:discover',
  'profiles:dpop-key',
  'profiles:dpop-new-key',
  'test:run',
  'test:cancel',
  'test:open-browser',
  'test:paste-callback',
  'tests:run-batch',
  'tests:cancel-batch',
  'runs:list',
  'runs:save-har',
  'runs:save-curl',
  'runs:save-bundle',
  'tokens:get',
  'tokens:refresh',
  'tokens:forget',
  'tokens:introspect',
  'tokens:revoke',
  'tokens:userinfo',
  'settings:get',
  'settings:update',
] as const;
export type Channel = (typeof CHANNEL_NAMES)[number];

/** Events main pushes to the renderer. */
export const EVENT_NAMES = ['test:progress', 'token:refreshed', 'test:batch-progress'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNEL_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
