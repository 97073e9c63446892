/**
 * Stored Test runs (already redacted when stored) and their reproductions to share — HAR 1.2, a cURL script and
 * a support bundle (docs/security.md, "The redactor"). Reads only the database, never the keychain.
 */
import { AppError } from '../../src-shared/errors';
import type { ProfileInput } from '../../src-shared/profile';
import type { TestRun } from '../../src-shared/test-run';
import { writePrivateFile } from '../private-file';
import type { RunsRepo } from '../store/runs-repo';
import type { ProfileService } from './profiles';

/** Stored runs of profiles, over the runs table. */
export class RunService {
  constructor(
    private readonly runs: RunsRepo,
    private readonly profiles: ProfileService,
  ) {}

  /** The newest `limit` runs of a profile, newest first. Throws AppError('not_found') for an unknown profile. */
  list(profileId: string, limit?: number): TestRun[] {
    if (!this.profiles.exists(profileId)) throw new AppError('not_found', 'No such profile (it may have been deleted)');
    return this.runs.latest(profileId, limit);
  }

  /** Stores a finished, already redacted run (a token tool's; services/token-tools.ts), pruning old ones. */
  record(run: TestRun): void {
    this.runs.insert(run);
  }

  /** One stored run. Throws AppError('not_found'), e.g. when its profile was deleted with its runs. */
  get(runId: string): TestRun {
    const run = this.runs.get(runId);
    if (!run) throw new AppError('not_found', 'No such run (its profile may have been deleted)');
    return run;
  }

  /**
   * The file name a save dialog proposes for a run's HAR: `<profile> <startedAt>.har`.
   * Throws AppError('not_found').
   */
  harFileName(runId: string): string {
    return this.fileName(runId, 'har');
  }

  /** The file name a save dialog proposes for a run's file of kind `extension` (`<profile> <startedAt>.<ext>`). */
  fileName(runId: string, extension: 'har' | 'sh' | 'json'): string {
    const run = this.get(runId);
    const kind = extension === 'json' ? '.support' : '';
    return `${run.profile} ${run.startedAt.replace(/[:.]/g, '-')}${kind}.${extension}`;
  }

  /**
   * Writes the stored (redacted) run as a HAR 1.2 document to `path` (mode 0600) and returns
   * the path. Throws AppError('not_found').
   */
  async saveHar(runId: string, path: string): Promise<{ path: string }> {
    const run = this.get(runId);
    await writeHarFile(run, path);
    return { path };
  }

  /**
   * Writes the run's requests as a sh script of curl commands (secrets as `$VARIABLES`) to `path` (mode 0600)
   * and returns the path. Throws AppError('not_found').
   */
  async saveCurl(runId: string, path: string): Promise<{ path: string }> {
    const run = this.get(runId);
    await writeCurlFile(run, this.profileFields(run)?.clientId, path);
    return { path };
  }

  /**
   * Writes the run's support bundle (authbench.support-bundle/v1 JSON: versions, the profile without secrets,
   * the redacted run) to `path` (mode 0600) and returns the path. Throws AppError('not_found').
   */
  async saveBundle(runId: string, path: string): Promise<{ path: string }> {
    const run = this.get(runId);
    const profile = this.profileFields(run);
    if (!profile) throw new AppError('not_found', 'No such profile (it may have been deleted)');
    await writeBundleFile(run, profile, path);
    return { path };
  }

  private profileFields(run: TestRun): ProfileInput | undefined {
    return this.profiles.exists(run.profileId) ? this.profiles.fields(run.profileId) : undefined;
  }
}

/** Writes `run` (already redacted) as HAR 1.2 JSON to `path` with mode 0600, also over an existing file. */
export async function writeHarFile(run: TestRun, path: string): Promise<void> {
  // The HAR writer and the version load on first use: start-up does not pay for them.
  const [{ toHar }, { APP_VERSION }] = await Promise.all([import('../http/har'), import('../version')]);
  await writePrivateFile(path, `${JSON.stringify(toHar(run, APP_VERSION), null, 2)}\n`);
}

/** Writes `run` (already redacted) as a sh script of curl commands to `path` with mode 0600; `clientId` for --user. */
export async function writeCurlFile(run: TestRun, clientId: string | undefined, path: string): Promise<void> {
  const [{ toCurlScript }, { APP_VERSION }] = await Promise.all([import('../http/curl'), import('../version')]);
  await writePrivateFile(path, toCurlScript(run, { appVersion: APP_VERSION, ...(clientId ? { clientId } : {}) }));
}

/** Writes the support bundle of `run` (already redacted) and `profile` (fields, no secrets) to `path` with mode 0600. */
export async function writeBundleFile(run: TestRun, profile: ProfileInput, path: string): Promise<void> {
  const [{ supportBundle }, { APP_VERSION }] = await Promise.all([import('./support-bundle'), import('../version')]);
  await writePrivateFile(path, `${JSON.stringify(supportBundle(run, profile, APP_VERSION), null, 2)}\n`);
}
