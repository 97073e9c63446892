/**
 * Certificates made by the test with the `openssl` command line (EC P-256, fast): a CA, a server
 * certificate for 127.0.0.1 / localhost / idp.authbench.test, one for another host, an expired one, a
 * self-signed one, a client certificate (PEM key encrypted with a passphrase, and as a PFX with a
 * passphrase) and a client certificate from a CA the server does not trust. `dispose` removes the files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A host name the test proxy maps to 127.0.0.1; DNS cannot resolve it (RFC 6761 `.test`). */
export const PROXIED_HOST = 'idp.authbench.test';

/** The generated PEM texts (and the PFX as base64) with their passphrases. */
export interface TlsFixtures {
  /** PEM of the CA that signed the server and client certificates. */
  ca: string;
  server: { cert: string; key: string };
  wrongHost: { cert: string; key: string };
  expired: { cert: string; key: string };
  selfSigned: { cert: string; key: string };
  /** Client certificate (PEM) and its private key, encrypted with `passphrase`. */
  client: { cert: string; key: string; passphrase: string; pfxBase64: string; pfxPassphrase: string };
  /** A client certificate signed by a CA the server does not trust. */
  rogueClient: { cert: string; key: string };
  dispose(): void;
}

/** Generates the fixtures in a temp directory (about a second). */
export function makeTlsFixtures(): TlsFixtures {
  const dir = mkdtempSync(join(tmpdir(), 'authbench-tls-'));
  const f = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const ecKey = (name: string, passphrase?: string) =>
    ssl(
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      ...(passphrase ? ['-aes-256-cbc', '-pass', `pass:${passphrase}`] : []),
      '-out',
      f(name),
    );
  const ext = (name: string, lines: string[]) => writeFileSync(f(name), `${lines.join('\n')}\n`);

  const selfCa = (name: string, cn: string) => {
    ecKey(`${name}.key`);
    ssl(
      'req',
      '-x509',
      '-new',
      '-key',
      f(`${name}.key`),
      '-subj',
      `/CN=${cn}`,
      '-days',
      '2',
      '-out',
      f(`${name}.crt`),
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
  };
  selfCa('ca', 'Authbench Test CA');
  selfCa('rogue-ca', 'Rogue Test CA');

  const issue = (
    name: string,
    cn: string,
    extLines: string[],
    opts: { ca?: string; passphrase?: string; days?: string } = {},
  ) => {
    ecKey(`${name}.key`, opts.passphrase);
    const ca = opts.ca ?? 'ca';
    ssl(
      'req',
      '-new',
      '-key',
      f(`${name}.key`),
      ...(opts.passphrase ? ['-passin', `pass:${opts.passphrase}`] : []),
      '-subj',
      `/CN=${cn}`,
      '-out',
      f(`${name}.csr`),
    );
    ext(`${name}.ext`, extLines);
    ssl(
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      f(`${ca}.crt`),
      '-CAkey',
      f(`${ca}.key`),
      '-CAcreateserial',
      '-days',
      opts.days ?? '2',
      '-extfile',
      f(`${name}.ext`),
      '-out',
      f(`${name}.crt`),
    );
  };
  const serverExt = (san: string) => [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=${san}`,
  ];
  issue('server', '127.0.0.1', serverExt(`IP:127.0.0.1,DNS:localhost,DNS:${PROXIED_HOST}`));
  issue('wrong-host', 'other.example', serverExt('DNS:other.example'));
  const clientExt = ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=clientAuth'];
  const passphrase = 'client key pass:42';
  issue('client', 'authbench-client', clientExt, { passphrase });
  issue('rogue-client', 'rogue-client', clientExt, { ca: 'rogue-ca' });

  // An expired certificate: `openssl ca` accepts explicit start and end dates (x509 -req does not, in 3.0).
  ecKey('expired.key');
  ssl('req', '-new', '-key', f('expired.key'), '-subj', '/CN=127.0.0.1', '-out', f('expired.csr'));
  writeFileSync(f('index.txt'), '');
  writeFileSync(f('serial'), '1000\n');
  ext('ca.cnf', [
    '[ca]',
    'default_ca = test',
    '[test]',
    `dir = ${dir}`,
    'database = $dir/index.txt',
    'serial = $dir/serial',
    'new_certs_dir = $dir',
    'default_md = sha256',
    'policy = any',
    'copy_extensions = none',
    'x509_extensions = ext',
    '[any]',
    'commonName = supplied',
    '[ext]',
    ...serverExt('IP:127.0.0.1,DNS:localhost'),
  ]);
  ssl(
    'ca',
    '-batch',
    '-config',
    f('ca.cnf'),
    '-cert',
    f('ca.crt'),
    '-keyfile',
    f('ca.key'),
    '-in',
    f('expired.csr'),
    '-startdate',
    '20200101000000Z',
    '-enddate',
    '20200102000000Z',
    '-out',
    f('expired.crt'),
  );

  ecKey('self.key');
  ssl(
    'req',
    '-x509',
    '-new',
    '-key',
    f('self.key'),
    '-subj',
    '/CN=127.0.0.1',
    '-days',
    '2',
    '-out',
    f('self.crt'),
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-addext',
    'extendedKeyUsage=serverAuth',
  );

  const pfxPassphrase = 'pfx pass/7';
  ssl(
    'pkcs12',
    '-export',
    '-in',
    f('client.crt'),
    '-inkey',
    f('client.key'),
    '-passin',
    `pass:${passphrase}`,
    '-passout',
    `pass:${pfxPassphrase}`,
    '-out',
    f('client.p12'),
  );

  const read = (name: string) => readFileSync(f(name), 'utf8');
  // Only the certificate blocks: `openssl ca` prefixes its output with a text dump.
  const pem = (name: string) => read(name).slice(read(name).indexOf('-----BEGIN CERTIFICATE-----'));
  return {
    ca: read('ca.crt'),
    server: { cert: read('server.crt'), key: read('server.key') },
    wrongHost: { cert: read('wrong-host.crt'), key: read('wrong-host.key') },
    expired: { cert: pem('expired.crt'), key: read('expired.key') },
    selfSigned: { cert: read('self.crt'), key: read('self.key') },
    client: {
      cert: read('client.crt'),
      key: read('client.key'),
      passphrase,
      pfxBase64: readFileSync(f('client.p12')).toString('base64'),
      pfxPassphrase,
    },
    rogueClient: { cert: read('rogue-client.crt'), key: read('rogue-client.key') },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
