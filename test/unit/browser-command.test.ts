/** The CLI's browser opener: $BROWSER per the Unix convention, else the OS opener (the `open` package). */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BROWSER_PROBE_MS, browserCommands, openBrowser, splitWords } from '../../src-main/cli/browser';

const URL_ = 'https://idp.example.com/auth?client_id=a&scope=openid%20profile&state=x%25y';

describe('browserCommands', () => {
  it('substitutes %s in $BROWSER, and appends the URL when there is none', () => {
    expect(browserCommands(URL_, { BROWSER: 'firefox --new-tab %s' }, 'linux')).toEqual([
      { file: 'firefox', args: ['--new-tab', URL_] },
    ]);
    expect(browserCommands(URL_, { BROWSER: 'chromium' }, 'linux')).toEqual([{ file: 'chromium', args: [URL_] }]);
    expect(browserCommands(URL_, { BROWSER: 'echo 100%% %s' }, 'linux')).toEqual([
      { file: 'echo', args: ['100%', URL_] },
    ]);
  });

  it('tries each entry of a colon-separated $BROWSER in order, with quoted arguments', () => {
    expect(browserCommands(URL_, { BROWSER: 'w3m:"/opt/my browser/run" --flag \'a b\' %s' }, 'linux')).toEqual([
      { file: 'w3m', args: [URL_] },
      { file: '/opt/my browser/run', args: ['--flag', 'a b', URL_] },
    ]);
  });

  it('never hands the URL to a shell: it stays one argument whatever it contains', () => {
    const hostile = 'https://idp.example.com/auth?x=$(touch /tmp/pwned)&y=`id`;z';
    expect(browserCommands(hostile, { BROWSER: 'open-it %s' }, 'linux')).toEqual([
      { file: 'open-it', args: [hostile] },
    ]);
  });

  it('has no commands when $BROWSER is unset or blank: the OS opener takes over', () => {
    expect(browserCommands(URL_, {}, 'linux')).toEqual([]);
    expect(browserCommands(URL_, { BROWSER: '  ' }, 'freebsd')).toEqual([]);
  });

  it('does not split a Windows $BROWSER on the drive colon', () => {
    expect(browserCommands(URL_, { BROWSER: '"C:\\Program Files\\b.exe" %s' }, 'win32')).toEqual([
      { file: 'C:\\Program Files\\b.exe', args: [URL_] },
    ]);
  });
});

describe('splitWords', () => {
  it('splits on whitespace, honours quotes and backslash escapes', () => {
    expect(splitWords(`a  "b c" 'd "e"' f\\ g ""`)).toEqual(['a', 'b c', 'd "e"', 'f g', '']);
    expect(splitWords(`"a\\b" "c\\"d" 'e\\f'`)).toEqual(['a\\b', 'c"d', 'e\\f']);
    expect(splitWords(`C:\\dir\\b.exe x`, false)).toEqual(['C:\\dir\\b.exe', 'x']);
  });
});

describe('openBrowser', () => {
  it('always prints the URL, and reports (not throws) when no browser starts', async () => {
    const out: string[] = [];
    await openBrowser(URL_, { BROWSER: '/nonexistent/browser-a:/nonexistent/browser-b' }, (t) => void out.push(t));
    expect(out[0]).toContain(URL_);
    expect(out.slice(1)).toEqual([
      'Could not open a browser (browser-a could not start (ENOENT); browser-b could not start (ENOENT)): ' +
        'open the URL above to sign in.\n',
    ]);
  });

  it('uses the OS opener only when $BROWSER is unset, and reports its failure', async () => {
    const opened: string[] = [];
    const out: string[] = [];
    await openBrowser(
      URL_,
      {},
      (t) => void out.push(t),
      async (u) => void opened.push(u),
    );
    expect(opened).toEqual([URL_]);
    expect(out).toHaveLength(1);

    await openBrowser(
      URL_,
      { BROWSER: `${process.execPath} -e "" %s` },
      (t) => void out.push(t),
      async (u) => void opened.push(u),
    );
    expect(opened).toHaveLength(1);

    await openBrowser(
      URL_,
      {},
      (t) => void out.push(t),
      async () => {
        throw new Error('spawn xdg-open ENOENT');
      },
    );
    expect(out.at(-1)).toBe(
      'Could not open a browser (the OS opener: spawn xdg-open ENOENT): open the URL above to sign in.\n',
    );
  });

  it('resolves once the $BROWSER command has started', async () => {
    const out: string[] = [];
    await openBrowser(URL_, { BROWSER: `${process.execPath} -e "" %s` }, (t) => void out.push(t));
    expect(out).toHaveLength(1);
  });

  it('takes a quick non-zero exit for a failure, says so once, and tries the next $BROWSER command', async () => {
    const out: string[] = [];
    const noisy = `${process.execPath} -e "console.error('no method available');console.error('again');process.exit(3)"`;
    await openBrowser(URL_, { BROWSER: noisy }, (t) => void out.push(t));
    expect(out.slice(1)).toEqual([`Could not open a browser (node exited 3): open the URL above to sign in.\n`]);

    out.length = 0;
    await openBrowser(URL_, { BROWSER: `${noisy}:${process.execPath} -e "" %s` }, (t) => void out.push(t));
    expect(out).toHaveLength(1);
  });

  it("watches the OS opener's launcher the same way", async () => {
    const out: string[] = [];
    const launcher = async () => spawn(process.execPath, ['-e', 'process.exit(4)'], { stdio: 'ignore' });
    await openBrowser(URL_, {}, (t) => void out.push(t), launcher);
    expect(out.slice(1)).toEqual([`Could not open a browser (node exited 4): open the URL above to sign in.\n`]);
  });

  it('takes a command still running after the probe for a browser that stays open', async () => {
    const out: string[] = [];
    const started = performance.now();
    await openBrowser(
      URL_,
      { BROWSER: `${process.execPath} -e "setTimeout(() => process.exit(5), ${BROWSER_PROBE_MS + 1000})"` },
      (t) => void out.push(t),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(BROWSER_PROBE_MS - 50);
    expect(out).toHaveLength(1);
  });
});
