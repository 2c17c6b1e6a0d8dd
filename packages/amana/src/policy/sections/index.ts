import type { SectionId } from '../document.ts'
import { breaches } from './breaches.ts'
import { changes } from './changes.ts'
import { children } from './children.ts'
import { collected } from './collected.ts'
import { complaints } from './complaints.ts'
import { contact } from './contact.ts'
import type { SectionRenderer } from './context.ts'
import { cookies } from './cookies.ts'
import { introduction } from './introduction.ts'
import { keyPoints } from './key-points.ts'
import { protection } from './protection.ts'
import { retention } from './retention.ts'
import { rights } from './rights.ts'
import { sharing } from './sharing.ts'
import { transfers } from './transfers.ts'
import { uses } from './uses.ts'

export { type PolicyContext, policyContext, type SectionRenderer } from './context.ts'

/** One module per section of the policy; the order of the document is `sectionIds`. */
export const sectionRenderers: Record<SectionId, SectionRenderer> = {
  'key-points': keyPoints,
  introduction,
  collected,
  uses,
  protection,
  sharing,
  transfers,
  retention,
  rights,
  cookies,
  breaches,
  children,
  complaints,
  changes,
  contact,
}
