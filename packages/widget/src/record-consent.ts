import type { ConsentRecordPayload } from './config-types.ts'

const PENDING_KEY = 'amana_pending'

const readPending = (): ConsentRecordPayload[] => {
  try {
    return JSON.parse(localStorage.getItem(PENDING_KEY) ?? '[]') as ConsentRecordPayload[]
  } catch {
    return []
  }
}

const writePending = (records: ConsentRecordPayload[]): void => {
  try {
    if (records.length) localStorage.setItem(PENDING_KEY, JSON.stringify(records.slice(-20)))
    else localStorage.removeItem(PENDING_KEY)
  } catch {
    // Storage blocked: the record is lost only if the network also failed.
  }
}

const post = async (endpoint: string, record: ConsentRecordPayload): Promise<boolean> => {
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      // keepalive: the POST survives the navigation that often follows a click on "Accept all".
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(record),
    })
    // A 4xx will not succeed on retry; keep only what failed for transient reasons.
    return res.ok || (res.status >= 400 && res.status < 500)
  } catch {
    return false
  }
}

/** Sends a record; one that could not be delivered is kept and resent on the next page view (`recordId` lets the server drop duplicates). */
export const recordConsent = async (endpoint: string, record: ConsentRecordPayload): Promise<void> => {
  if (!(await post(endpoint, record))) writePending([...readPending(), record])
}

export const flushPending = async (endpoint: string): Promise<void> => {
  const pending = readPending()
  if (!pending.length) return
  writePending([])
  const failed: ConsentRecordPayload[] = []
  for (const record of pending) if (!(await post(endpoint, record))) failed.push(record)
  writePending([...failed, ...readPending()])
}
