/**
 * The loopback redirect of an authorization-code profile (RFC 8252 §7.3, src-shared/callback.ts): Callback
 * Host, Port and Path, the Response Mode, and the resulting Callback URL to register at the IdP, read-only
 * with a Copy button.
 */
import { FormField, fieldId } from '../../../components/form-field';
import { CopyButton } from '../../../components/copy-button';
import { callbackPathProblem, callbackUrl, CALLBACK_HOSTS } from '../../../../src-shared/callback';
import { parsePort } from '../form/number-fields';
import type { ProfileForm } from '../form/use-profile-form';
import { SelectInput, TextInput } from './bound-fields';

const HOSTS = CALLBACK_HOSTS.map((h) => [h, h] as const);
const MODES = [
  ['query', 'query (default): the code comes back in the URL'],
  ['form_post', 'form_post: the browser posts the code in a form'],
] as const;

/** The help under the Callback URL: what to register, and what the OS-chosen port means. */
function registerHelp(fixed: boolean, host: string, path: string): string {
  if (fixed) return 'Register exactly this URL as a redirect URI of the client at the IdP.';
  return (
    `Without a Callback Port the port is chosen per Test, so {port} differs each time: IdPs that follow ` +
    `RFC 8252 §7.3 accept any port for http://${host}${path}. For IdPs that match the redirect URI exactly ` +
    '(Microsoft Entra, Okta), set a fixed Callback Port and register that URL.'
  );
}

/** Callback Host, Callback Port, Callback Path, Response Mode and the Callback URL (computed). */
export function CallbackUrl({ form }: { form: ProfileForm }) {
  const port = parsePort(form.draft.callbackPort);
  const fixed = port !== undefined && Number.isInteger(port) && port >= 1024 && port <= 65535;
  const host = form.draft.callbackHost;
  const typed = form.draft.callbackPath.trim();
  const path = typed && !callbackPathProblem(typed) ? typed : '/callback';
  const url = callbackUrl({ callbackHost: host, callbackPath: path }, fixed ? port : undefined);
  return (
    <>
      <FormField id={fieldId('callbackUrl')} label="Callback URL" help={registerHelp(fixed, host, path)}>
        {(control) => (
          <div className="input-with-button">
            <input {...control} className="input input--code" value={url} readOnly />
            <CopyButton text={url} label="Copy Callback URL" />
          </div>
        )}
      </FormField>
      <SelectInput
        form={form}
        path="callbackHost"
        options={HOSTS}
        help="127.0.0.1 (RFC 8252 §8.3 recommends the IP literal), or localhost when the IdP has http://localhost registered: Authbench then listens on both 127.0.0.1 and ::1."
      />
      <TextInput
        form={form}
        path="callbackPort"
        inputMode="numeric"
        placeholder="OS-chosen"
        help="Optional: a fixed loopback port (1024–65535) for IdPs that need an exact redirect URI."
      />
      <TextInput
        form={form}
        path="callbackPath"
        code
        placeholder="/callback"
        help="The redirect URI's path, starting with /, without ? or #."
      />
      <SelectInput
        form={form}
        path="responseMode"
        options={MODES}
        help="form_post sends response_mode=form_post: the IdP posts the code to the callback in a form. A code that still comes back in the URL fails the Test (the IdP ignored form_post)."
      />
    </>
  );
}
