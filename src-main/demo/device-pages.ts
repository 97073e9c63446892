/**
 * The demo IdP's device flow pages (RFC 8628 §3.3; oidc-provider's `features.deviceFlow` sources): where a person
 * enters the user code, confirms it (or aborts: `access_denied`), and the success page. Plain HTML without
 * external resources; given explicitly so oidc-provider prints no "you SHOULD change this" notice.
 */

import { DEVICE_CODE_GRANT_TYPE } from '../../src-shared/grants';

/** The device grant's `grant_type` (RFC 8628 §3.4), as client metadata lists it. */
export const DEVICE_GRANT = DEVICE_CODE_GRANT_TYPE;
/** Grants for which a person signs in at the IdP's pages (the dev login and consent pages are then on). */
export const INTERACTIVE_GRANTS = ['authorization_code', DEVICE_GRANT];

type PageCtx = { body: string; type?: string; oidc: { client?: { clientId: string } } };

const page = (title: string, content: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:sans-serif;max-width:28rem;margin:2rem auto"><h1>${title}</h1>${content}</body></html>`;

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The `features.deviceFlow` options of the demo IdP: the three pages and a readable user-code charset. */
export const DEMO_DEVICE_FLOW = {
  enabled: true,
  charset: 'base-20',
  mask: '****-****',
  userCodeInputSource: async (
    ctx: PageCtx,
    form: string,
    _out: unknown,
    err?: { name?: string; userCode?: string },
  ) => {
    const note = !err
      ? '<p>Enter the code shown on your device.</p>'
      : err.name === 'AbortedError'
        ? '<p role="alert">The sign-in was aborted: the device is denied access.</p>'
        : '<p role="alert">The code you entered is incorrect. Try again.</p>';
    ctx.type = 'html';
    ctx.body = page(
      'Device sign-in',
      `${note}${form}<button type="submit" form="op.deviceInputForm">Continue</button>`,
    );
  },
  userCodeConfirmSource: async (
    ctx: PageCtx,
    form: string,
    client: { clientId: string },
    _info: unknown,
    userCode: string,
  ) => {
    ctx.type = 'html';
    ctx.body = page(
      'Confirm device',
      `<p>${escapeHtml(client.clientId)} asks for access. The device shows <code>${escapeHtml(userCode)}</code>.</p>${form}` +
        '<button type="submit" form="op.deviceConfirmForm">Continue</button> ' +
        '<button type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Abort</button>',
    );
  },
  successSource: async (ctx: PageCtx) => {
    ctx.type = 'html';
    ctx.body = page('Device approved', '<p>Sign-in complete: you can close this page and return to your device.</p>');
  },
};
