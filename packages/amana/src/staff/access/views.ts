import type * as store from '../store.ts'
import type { ApiKeyView, StaffView } from './types.ts'

export const toView = (row: store.StaffRow): StaffView => ({
  id: row.id,
  email: row.email,
  role: row.role,
  totpEnabled: row.totpEnabled,
  hasPassword: row.passwordHash !== null,
  language: row.language,
  createdAt: row.createdAt,
})

export const toKeyView = (row: store.ApiKeyRow): ApiKeyView => ({
  id: row.id,
  name: row.name,
  displayPrefix: row.displayPrefix,
  scopes: row.scopes,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  revokedAt: row.revokedAt,
})

export const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
