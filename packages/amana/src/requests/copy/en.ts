/** The deadline reminder staff receive, in English (ar.ts has the same keys). */
export const en = {
  'reminder.subject': (reference: string, date: string) => `Privacy request ${reference} is due on ${date}`,
  'reminder.body': (reference: string, type: string, status: string, date: string, link: string) =>
    `Request ${reference} (${type}; now: ${status}) must be answered by ${date}.\n\nOpen it in the console:\n${link}`,
} as const

export type StaffMailCopy = typeof en
