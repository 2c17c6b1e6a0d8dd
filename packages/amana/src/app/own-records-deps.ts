import type { OwnRecordsDeps } from '../own-records/index.ts'
import type { Services } from './services.ts'

/**
 * The own-records sweep as the app assembles it: the database, manifest, clock, logger, batch size
 * and ledger are retention's own (the pass runs on retention's schedule and switch), plus the vault
 * and requests' files.
 */
export const ownRecordsDeps = (
  services: Pick<Services, 'retention' | 'vault' | 'requests'>,
): OwnRecordsDeps => {
  const { db, manifest, now, logger, batchSize, audit } = services.retention.deps
  return {
    db,
    manifest,
    now,
    logger,
    batchSize,
    audit,
    retention: {
      paused: () => services.retention.paused(),
      setting: (key) => services.retention.store.setting(key),
      putSetting: (key, value, at) => services.retention.store.putSetting(key, value, at),
    },
    shredSubject: (subjectId) => services.vault.shredSubject(subjectId),
    removeFile: (fileId) => services.requests.files.remove(fileId),
  }
}
