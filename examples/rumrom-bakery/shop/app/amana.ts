type Answer = { ok: true; body: Record<string, unknown> } | { ok: false; message: string }

/** The calls the shop makes to Amana's HTTP API, with the shop's API key. */
export interface AmanaApi {
  /** Asks Amana to release these fields to a processor; the released fields, or Amana's refusal message. */
  disclose(input: {
    processor: string
    purpose: string
    subject: string
    reference: string
    fields: Record<string, string | null>
  }): Promise<{ ok: true; released: Record<string, unknown> } | { ok: false; message: string }>
  /** The account's consent choices by purpose, or undefined when Amana cannot be asked. */
  consent(subject: string): Promise<{ id: string; granted: boolean }[] | undefined>
  /** Amana mails a minor's parent the link to agree, in the child's language (consent:write). */
  askParent(input: {
    subject: string
    parentEmail: string
    childName: string
    locale: 'en' | 'ar'
    approveUrl: string
  }): Promise<Answer>
  /** Records a choice in Amana's consent ledger: the parent's agreement, or the customer's own (consent:write). */
  record(input: {
    subject: string
    method: 'parent' | 'account-settings'
    locale: 'en' | 'ar'
    source: string
    choices: { purpose: string; channel?: 'email'; granted: boolean }[]
  }): Promise<Answer>
  /** A marketing mail through Amana: sent only with the subject's consent, with a one-click unsubscribe (consent:write). */
  marketingMail(input: {
    subject: string
    to: string
    purpose: string
    subjectLine: string
    text: string
  }): Promise<Answer>
}

const NO_KEY =
  'the shop has no Amana API key yet (in the demo it is created once the first owner has signed up in the console)'

/** `apiKey` may be read late: in demo mode Amana writes the shop's key once an owner exists. */
export const createAmanaApi = (options: { url: string; apiKey: () => string | undefined }): AmanaApi => {
  const authorization = () => `Bearer ${options.apiKey() ?? 'no-key-yet'}`
  const post = async (path: string, input: unknown): Promise<Answer> => {
    try {
      const response = await fetch(`${options.url}${path}`, {
        method: 'POST',
        headers: { authorization: authorization(), 'content-type': 'application/json' },
        body: JSON.stringify(input),
      })
      const body = (await response.json()) as Record<string, unknown> & { error?: { message?: string } }
      if (response.ok) return { ok: true, body }
      return { ok: false, message: body.error?.message ?? `Amana answered ${response.status}` }
    } catch (error) {
      return { ok: false, message: `Amana could not be reached: ${(error as Error).message}` }
    }
  }
  return {
    askParent: (input) => post('/v1/consent/parent-requests', input),
    record: (input) => post('/v1/consent/records', input),
    marketingMail: (input) => post('/v1/consent/marketing-mail', input),
    async disclose(input) {
      const response = await fetch(`${options.url}/v1/disclosures`, {
        method: 'POST',
        headers: { authorization: authorization(), 'content-type': 'application/json' },
        body: JSON.stringify(input),
      })
      const body = (await response.json()) as {
        released?: Record<string, unknown>
        error?: { message?: string }
      }
      if (response.ok && body.released) return { ok: true, released: body.released }
      return { ok: false, message: body.error?.message ?? `Amana answered ${response.status}` }
    },
    async consent(subject) {
      try {
        const response = await fetch(`${options.url}/v1/consent?subject=${encodeURIComponent(subject)}`, {
          headers: { authorization: authorization() },
        })
        if (!response.ok) return undefined
        const body = (await response.json()) as {
          state: { choices: { target: string; id: string; granted: boolean }[] }
        }
        return body.state.choices.map((c) => ({ id: c.id, granted: c.granted }))
      } catch {
        return undefined
      }
    },
  }
}
