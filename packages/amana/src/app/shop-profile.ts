import type { Config } from '../platform/config/index.ts'
import type { ShopProfile } from './app-context.ts'

/** The shop as its pages present it. Without a manifest, a neutral name. */
export const loadShopProfile = async (_config: Config): Promise<ShopProfile> => ({
  name: { en: 'Privacy centre', ar: 'مركز الخصوصية' },
  contacts: [],
})
