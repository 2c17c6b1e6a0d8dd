/** How the shop presents itself on Amana's pages; derived from the manifest's organisation. */
export interface ShopProfile {
  readonly name: { readonly en: string; readonly ar: string }
  readonly contacts: readonly {
    readonly kind: 'email' | 'phone' | 'whatsapp' | 'web' | 'postal'
    readonly value: string
  }[]
}

/** What the site's pages use: the shop's name and contacts (the app context satisfies it). */
export interface SitePorts {
  readonly shop: ShopProfile
}
