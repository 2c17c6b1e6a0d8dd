/**
 * A small multipart/form-data reader for the request form (the one form with a file). The body is
 * already bounded by the server's body limit; anything that does not parse is a value, not a throw.
 */
export interface FilePart {
  readonly field: string
  readonly filename: string
  readonly contentType: string
  readonly data: Buffer
}

export type Multipart =
  | { ok: true; fields: Record<string, string>; files: FilePart[] }
  | { ok: false; reason: string }

export const boundaryOf = (contentType: string | undefined): string | undefined => {
  const match = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '')
  return match?.[1] ?? match?.[2]
}

export const parseMultipart = (body: Buffer, boundary: string): Multipart => {
  const delimiter = Buffer.from(`--${boundary}`)
  const fields: Record<string, string> = {}
  const files: FilePart[] = []
  let pos = body.indexOf(delimiter)
  if (pos < 0) return { ok: false, reason: 'no boundary in the body' }
  for (let parts = 0; parts < 50; parts++) {
    pos += delimiter.length
    if (body.subarray(pos, pos + 2).toString() === '--') return { ok: true, fields, files }
    if (body.subarray(pos, pos + 2).toString() !== '\r\n')
      return { ok: false, reason: 'malformed part delimiter' }
    pos += 2
    const headerEnd = body.indexOf('\r\n\r\n', pos)
    if (headerEnd < 0) return { ok: false, reason: 'a part has no headers' }
    const headers = body.subarray(pos, headerEnd).toString('utf8')
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4)
    if (next < 0) return { ok: false, reason: 'a part is not terminated' }
    const data = body.subarray(headerEnd + 4, next)
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1]
    if (!disposition) return { ok: false, reason: 'a part has no content-disposition' }
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1]
    if (name === undefined) return { ok: false, reason: 'a part has no name' }
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1]
    if (filename !== undefined) {
      const contentType =
        /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim().toLowerCase() ?? 'application/octet-stream'
      if (filename !== '' || data.length > 0)
        files.push({
          field: name,
          filename: filename.replace(/[\\/]/g, '_').slice(0, 120),
          contentType,
          data: Buffer.from(data),
        })
    } else fields[name] = data.toString('utf8')
    pos = next + 2
  }
  return { ok: false, reason: 'too many parts' }
}

export const MAX_PROOF_BYTES = 5 * 1024 * 1024

/** What a proof upload really is, from its first bytes (the declared type is not trusted). */
export const sniffProof = (data: Buffer): 'application/pdf' | 'image/png' | 'image/jpeg' | undefined => {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf'
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png'
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg'
  return undefined
}
