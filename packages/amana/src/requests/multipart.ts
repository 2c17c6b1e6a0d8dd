/**
 * The request form's multipart body (the one form with a file), read with @fastify/multipart.
 * Everything a person can get wrong is a value naming the field, never a throw or a 500.
 */
import type { FastifyMultipartBaseOptions } from '@fastify/multipart'
import type { FastifyRequest } from 'fastify'
import { unstorableTextAt } from '../platform/http/index.ts'

export const MAX_PROOF_BYTES = 5 * 1024 * 1024

/** The only field that takes a file. */
export const PROOF_FIELD = 'proof'

/**
 * Limits of the form: one file (the proof), a few text fields. 16 KiB per field holds the longest
 * one (details, 4,000 characters) in any script. A proof over the limit is cut by the parser and
 * reported, not thrown, so the rest of the form is still read and shown again.
 */
export const formUploadOptions: FastifyMultipartBaseOptions = {
  limits: {
    fileSize: MAX_PROOF_BYTES,
    files: 1,
    fields: 20,
    fieldSize: 16 * 1024,
    parts: 21,
    headerPairs: 20,
  },
  throwFileSizeLimit: false,
}

export interface Proof {
  readonly name: string
  readonly contentType: 'application/pdf' | 'image/png' | 'image/jpeg'
  readonly data: Buffer
}

/** A form that could not be taken as sent: the HTTP status, the field and a fix, for the error body. */
export interface FormRefusal {
  readonly status: 400 | 413
  readonly field: string
  readonly message: string
}

export type MultipartForm =
  | {
      readonly ok: true
      readonly fields: Record<string, string>
      readonly proof?: Proof
      /** The proof was there but is not a PDF/PNG/JPEG (`type`) or is over 5 MB (`size`). */
      readonly proofProblem?: 'type' | 'size'
    }
  | { readonly ok: false; readonly refusal: FormRefusal }

/** What a proof upload really is, from its first bytes (the declared type is not trusted). */
export const sniffProof = (data: Buffer): Proof['contentType'] | undefined => {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf'
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png'
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg'
  return undefined
}

const refuse = (status: 400 | 413, field: string, message: string): MultipartForm => ({
  ok: false,
  refusal: { status, field, message },
})

/** The parser's limit errors, as refusals that say what to change. */
const refusalOf = (request: FastifyRequest, error: unknown): MultipartForm => {
  const errors = request.server.multipartErrors
  if (error instanceof errors.FilesLimitError)
    return refuse(413, PROOF_FIELD, 'Attach one file only, as "proof".')
  if (error instanceof errors.FieldsLimitError || error instanceof errors.PartsLimitError)
    return refuse(413, 'body', 'The form has more fields than it should. Send it again from the page.')
  const reason = error instanceof Error ? error.message : 'unreadable'
  return refuse(400, 'body', `The form could not be read (${reason}). Send it again from the page.`)
}

/** Reads every part of the form: text fields, and the proof (sniffed, size-checked). */
export const readMultipartForm = async (request: FastifyRequest): Promise<MultipartForm> => {
  const fields: Record<string, string> = {}
  let proof: Proof | undefined
  let proofProblem: 'type' | 'size' | undefined
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.valueTruncated)
          return refuse(
            413,
            part.fieldname,
            `"${part.fieldname}" is longer than the form allows. Shorten it.`,
          )
        fields[part.fieldname] = String(part.value)
        continue
      }
      const data = await part.toBuffer()
      if (part.fieldname !== PROOF_FIELD)
        return refuse(400, part.fieldname, `"${part.fieldname}" does not take a file; attach it as "proof".`)
      if (part.file.truncated) proofProblem = 'size'
      else if (data.length > 0 || part.filename !== '') {
        const type = sniffProof(data)
        if (type)
          proof = { name: part.filename.replace(/[\\/]/g, '_').slice(0, 120), contentType: type, data }
        else proofProblem = 'type'
      }
    }
  } catch (error) {
    return refusalOf(request, error)
  }
  const unstorable = unstorableTextAt(fields, 'body')
  if (unstorable)
    return refuse(
      400,
      unstorable,
      'contains a NUL character or an unpaired surrogate, which cannot be stored as text. Remove it and send the form again.',
    )
  return { ok: true, fields, ...(proof ? { proof } : {}), ...(proofProblem ? { proofProblem } : {}) }
}
