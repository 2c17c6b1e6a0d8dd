import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { hash } from 'node:crypto'
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: 'postgres://root@127.0.0.1:5432/test' }) }) })
const q = (after: number, bs: number) => sql<{ chunk: string | null; last: string | null }>`select string_agg(seq::text || chr(9) || prev_hash || chr(9) || hash || chr(9) || body, chr(10) order by seq) as chunk, max(seq) as last from (select seq, prev_hash, hash, body from proto2 where seq > ${after} order by seq limit ${bs}) t`.execute(db)
for (const bs of [20000, 50000, 100000]) {
  const t0 = performance.now()
  let after = 0, n = 0, acc = '', fetchMs = 0
  let next = q(after, bs)
  for (;;) {
    const f0 = performance.now()
    const res = await next
    fetchMs += performance.now() - f0
    const row = res.rows[0]
    if (!row || row.chunk === null) break
    after = Number(row.last)
    next = q(after, bs)
    const lines = row.chunk.split('\n')
    for (const line of lines) {
      const a = line.indexOf('\t'), b = line.indexOf('\t', a + 1), c = line.indexOf('\t', b + 1)
      const seq = line.slice(0, a), prev = line.slice(a + 1, b), h = line.slice(b + 1, c), body = line.slice(c + 1)
      acc = hash('sha256', prev + body)
      n++
    }
  }
  console.log(bs, n, Math.round(performance.now() - t0), 'ms; waiting on fetch', Math.round(fetchMs))
}
await db.destroy()
