import { type Manifest, parseManifest } from '../../packages/amana/src/manifest/index.ts'
import { shopManifestYaml } from './shop-manifest.ts'

/**
 * The test shop's manifest with a second system: `crm`, another copy of the shop's database whose
 * newsletter list holds the same people's emails. One erasure changes both.
 */
export const twoSystemsManifest = (
  kind: 'postgres' | 'mysql',
  options: { crossReviews?: boolean } = {},
): Manifest => {
  let yaml = shopManifestYaml(kind, { processors: false })
    .replace(
      '  design_images:\n',
      `  crm:\n    kind: ${kind}\n    connection: { env: CRM_DB_URL }\n    country: KW\n    tables:\n      newsletter_subscriptions: { key: id, identity: [email] }\n  design_images:\n`,
    )
    .replace(
      "        gift notes: ['to\"name', 'note`s']\n",
      "        gift notes: ['to\"name', 'note`s']\n      crm:\n        newsletter_subscriptions: [email]\n",
    )
  if (!yaml.includes('crm:\n        newsletter_subscriptions'))
    throw new Error('the shop manifest changed shape')
  // The CRM's reviews are the shop customer's through a reference across systems: only the shop's
  // rows lead to them.
  if (options.crossReviews) {
    yaml = yaml
      .replace(
        '      newsletter_subscriptions: { key: id, identity: [email] }\n  design_images:',
        '      newsletter_subscriptions: { key: id, identity: [email] }\n      reviews: { key: id, references: { customer_id: shop_db.customers.id } }\n  design_images:',
      )
      .replace(
        'storage: { shop_db: { events: [url, occurred_at], reviews: [body] } }',
        'storage: { shop_db: { events: [url, occurred_at], reviews: [body] }, crm: { reviews: [display_name, body] } }',
      )
    if (!yaml.includes('crm: { reviews')) throw new Error('the shop manifest changed shape')
  }
  const parsed = parseManifest(yaml)
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '))
  return parsed.value.manifest
}
