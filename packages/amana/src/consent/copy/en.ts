/** The consent feature's mail in English (ar.ts has the same keys). */
export const en = {
  'parent.subject': (child: string, shop: string) =>
    `${child} asks for your consent to have an account at ${shop}`,
  'parent.body': (child: string, shop: string, link: string, email: string) =>
    [
      'Hello,',
      '',
      `${child} has created an account at ${shop} and told us they are under the age at which they may agree to it alone. The account stays closed until a parent or guardian agrees: no order is taken and no marketing is sent.`,
      '',
      `If you are ${child}'s parent or guardian and agree, open this page and confirm:`,
      link,
      '',
      `If you do not agree, do nothing: the account stays closed. To have it deleted, write to ${email}.`,
      '',
      shop,
    ].join('\n'),
} as const

export type ConsentCopy = { readonly [K in keyof typeof en]: (typeof en)[K] }
