import type { OwnRecordsDeps } from '../own-records/index.ts'
import type { AppContext } from './app-context.ts'
import type { Services } from './services.ts'

/** The own-records sweep as the app assembles it: the ledger, retention's pause switch, the vault, requests' files. */
export const ownRecordsDeps = (
  ctx: Pick<AppContext, 'config' | 'database' | 'logger' | 'manifest' | 'now'>,
  services: Pick<Services, 'audit' | 'retention' | 'vault' | 'requests'>,
): OwnRecordsDeps => ({
  db: ctx.database.db,
  manifest: ctx.manifest.manifest,
  now: ctx.now,
  logger: ctx.logger,
  batchSize: ctx.config.retention.batchSize,
  audit: {
    append: (event) =>
      services.audit
        .append({
          actor: event.actor,
          action: event.action,
          ...(event.target ? { target: event.target } : {}),
          ...(event.details ? { details: JSON.parse(JSON.stringify(event.details)) } : {}),
        })
        .then(() => {}),
  },
  retention: {
    paused: () => services.retention.paused(),
    setting: (key) => services.retention.store.setting(key),
    putSetting: (key, value, at) => services.retention.store.putSetting(key, value, at),
  },
  shredSubject: (subjectId) => services.vault.shredSubject(subjectId),
  removeFile: (fileId) => services.requests.files.remove(fileId),
})
