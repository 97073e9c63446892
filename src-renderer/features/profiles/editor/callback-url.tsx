/**
 * The read-only Callback URL of an authorization-code profile (RFC 8252 §7.3 loopback redirect) with a
 * Copy button, and the optional fixed Callback Port for IdPs that need an exact redirect URI.
 */
import { FormField, fieldId } from '../../../components/form-field';
import { CopyButton } from '../../../components/copy-button';
import { callbackUrl } from '../../../../src-shared/profile';
import { parsePort } from '../form/number-fields';
import type { ProfileForm } from '../form/use-profile-form';
import { TextInput } from './bound-fields';

/** Callback URL (computed) and Callback Port. */
export function CallbackUrl({ form }: { form: ProfileForm }) {
  const port = parsePort(form.draft.callbackPort);
  const fixed = port !== undefined && Number.isInteger(port) && port >= 1024 && port <= 65535;
  const url = callbackUrl(fixed ? port : undefined);
  return (
    <>
      <FormField
        id={fieldId('callbackUrl')}
        label="Callback URL"
        help={
          fixed
            ? 'Register exactly this redirect URI at the IdP.'
            : 'Register this redirect URI at the IdP. Without a fixed port the OS picks one per Test; IdPs following RFC 8252 §7.3 accept any port on 127.0.0.1.'
        }
      >
        {(control) => (
          <div className="input-with-button">
            <input {...control} className="input input--code" value={url} readOnly />
            <CopyButton text={url} label="Copy Callback URL" />
          </div>
        )}
      </FormField>
      <TextInput
        form={form}
        path="callbackPort"
        inputMode="numeric"
        placeholder="OS-chosen"
        help="Optional: a fixed loopback port (1024–65535) for IdPs that need an exact redirect URI."
      />
    </>
  );
}
