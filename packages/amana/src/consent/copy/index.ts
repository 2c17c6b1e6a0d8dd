import { ar } from './ar.ts'
import { type ConsentCopy, en } from './en.ts'

export type { ConsentCopy }
export const consentCopy: Readonly<Record<'en' | 'ar', ConsentCopy>> = { en, ar }
