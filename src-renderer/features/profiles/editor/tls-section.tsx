/**
 * TLS and network: Kore's Client Certificate Exchange (mTLS) — a PEM certificate with its private key, or a
 * PFX file (base64), the key, the PFX and the passphrase being keychain secrets — a per-profile CA bundle and
 * a proxy. There is deliberately no
 * "ignore TLS errors" switch (docs/security.md, "OAuth defences"): a self-signed IdP is trusted through
 * the CA bundle.
 */
import { FileTextButton } from '../../../components/file-text-button';
import { LIMITS } from '../../../../src-shared/profile-fields';
import type { ProfileForm } from '../form/use-profile-form';
import { SelectInput, TextArea, Toggle, UrlInput } from './bound-fields';
import { SecretField } from './secret-field';
import { Section } from './section';

/** The TLS and network section. */
export function TlsSection({ form }: { form: ProfileForm }) {
  const { clientCertificate } = form.draft;
  const pfx = clientCertificate.format === 'pfx';
  return (
    <Section id="section-tls" title="TLS and network">
      <Toggle
        form={form}
        path="clientCertificate.enabled"
        label="Client Certificate Exchange"
        help="Mutual TLS: present a client certificate on the token and refresh calls."
      />
      {clientCertificate.enabled ? (
        <div className="field-group">
          <SelectInput
            form={form}
            path="clientCertificate.format"
            options={[
              ['pem', 'PEM — certificate and private key as text'],
              ['pfx', 'PFX / PKCS#12 — one file with the key inside'],
            ]}
          />
          {pfx ? (
            <SecretField form={form} field="clientPfx" multiline binary />
          ) : (
            <>
              <TextArea
                form={form}
                path="clientCertificate.certificate"
                required
                rows={4}
                code
                placeholder="-----BEGIN CERTIFICATE-----"
                help="PEM text; include the intermediate certificates the IdP needs."
                aside={
                  <FileTextButton
                    label="Load Certificate from a file"
                    encoding="text"
                    accept=".pem,.crt,.cer"
                    maxBytes={LIMITS.certificate}
                    onLoad={(text) => form.set('clientCertificate.certificate', text)}
                  />
                }
              />
              <SecretField form={form} field="clientPrivateKey" multiline />
            </>
          )}
          <SecretField form={form} field="clientCertificatePassphrase" />
        </div>
      ) : null}
      <TextArea
        form={form}
        path="caBundle"
        rows={3}
        code
        placeholder="-----BEGIN CERTIFICATE-----"
        help="Optional: extra CAs (PEM) trusted for this profile's calls, e.g. a company or self-signed IdP CA."
        aside={
          <FileTextButton
            label="Load CA Bundle from a file"
            encoding="text"
            accept=".pem,.crt,.cer"
            maxBytes={LIMITS.caBundle}
            onLoad={(text) => form.set('caBundle', text)}
          />
        }
      />
      <UrlInput
        form={form}
        path="proxyUrl"
        placeholder="http://proxy.example.com:3128"
        help="Optional: an http(s) proxy for this profile's calls; HTTPS_PROXY and NO_PROXY apply otherwise."
      />
    </Section>
  );
}
