/**
 * A second process for dir-lock.test.ts. `dir-lock-child.ts <dir> database` opens the embedded
 * database in <dir> and commits a row naming itself; `dir-lock-child.ts <dir> lock` only takes the
 * lock. Either prints "ready" and holds on until it is signalled.
 */
import { sql } from 'kysely'
import { openDatabase } from './database.ts'
import { lockDirectory } from './dir-lock.ts'

const [dir, what] = process.argv.slice(2) as [string, 'database' | 'lock']
if (what === 'database') {
  const database = await openDatabase({ kind: 'pglite', dataDir: dir })
  await sql`create table if not exists held (who text not null)`.execute(database.db)
  await sql`insert into held (who) values (${`pid ${process.pid}`})`.execute(database.db)
} else {
  await lockDirectory(dir)
}
process.stdout.write('ready\n')
setInterval(() => {}, 60_000)
