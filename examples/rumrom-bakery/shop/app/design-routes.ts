import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { MultipartFile } from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { currentCustomer, type LangRequest, langOf, render, type ShopContext } from './context.ts'
import { type Copy, copy, decorations, flavours, type Lang, optionLabel, sizes } from './copy.ts'
import { html } from './html.ts'
import { sessionId } from './session.ts'

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024

/** The image's type from its first bytes (never from its name or the browser's claim). */
export const imageTypeOf = (bytes: Buffer): { type: string; ext: string } | undefined => {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { type: 'image/png', ext: 'png' }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { type: 'image/jpeg', ext: 'jpg' }
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return { type: 'image/webp', ext: 'webp' }
  return undefined
}

interface DesignForm {
  size: string
  flavour: string
  message: string
  decorations: string[]
  image?: { bytes: Buffer; type: string; ext: string }
  error?: string
}

const choice = (
  name: string,
  label: string,
  options: readonly string[],
  lang: Lang,
  selected: string,
) => html`<p class="field">
  <label for="f-${name}">${label}</label>
  <select id="f-${name}" name="${name}">${options.map((o) => html`<option value="${o}" ${o === selected ? html`selected` : ''}>${optionLabel(lang, o)}</option>`)}</select></p>`

const designForm = (
  t: Copy,
  lang: Lang,
  form: Partial<DesignForm>,
) => html`<form method="post" action="/${lang}/design" enctype="multipart/form-data">
  ${form.error ? html`<p class="alert" role="alert" id="e-image">${form.error}</p>` : ''}
  ${choice('size', t.design.size, sizes, lang, form.size ?? sizes[1])}
  ${choice('flavour', t.design.flavour, flavours, lang, form.flavour ?? flavours[0])}
  <p class="field"><label for="f-message">${t.design.message}</label>
  <input id="f-message" name="message" maxlength="120" value="${form.message ?? ''}"></p>
  <fieldset><legend>${t.design.decorations}</legend>${decorations.map(
    (d) =>
      html`<label><input type="checkbox" name="decorations" value="${d}" ${form.decorations?.includes(d) ? html`checked` : ''}> ${optionLabel(lang, d)}</label> `,
  )}</fieldset>
  <p class="field"><label for="f-image">${t.design.image}</label>
  <input id="f-image" name="image" type="file" accept="image/png,image/jpeg,image/webp" ${form.error ? html`aria-invalid="true" aria-describedby="e-image"` : ''}></p>
  <button type="submit">${t.design.submit}</button></form>`

/** Reads the multipart form; an image of the wrong type or over 5 MB comes back as `error`. */
const readDesignForm = async (
  t: Copy,
  parts: AsyncIterableIterator<MultipartFile | { type: 'field'; fieldname: string; value: unknown }>,
) => {
  const form: DesignForm = { size: '', flavour: '', message: '', decorations: [] }
  for await (const part of parts) {
    if (part.type === 'file') {
      const file = part as MultipartFile
      let bytes: Buffer
      try {
        bytes = await file.toBuffer()
      } catch {
        form.error = t.errors.imageSize
        continue
      }
      if (bytes.length === 0) continue
      const kind = imageTypeOf(bytes)
      if (!kind) form.error = t.errors.imageType
      else form.image = { bytes, ...kind }
      continue
    }
    const value = typeof part.value === 'string' ? part.value.trim() : ''
    if (part.fieldname === 'decorations' && (decorations as readonly string[]).includes(value))
      form.decorations.push(value)
    else if (part.fieldname === 'size' || part.fieldname === 'flavour' || part.fieldname === 'message')
      form[part.fieldname] = value
  }
  if (!(sizes as readonly string[]).includes(form.size)) form.size = sizes[1]
  if (!(flavours as readonly string[]).includes(form.flavour)) form.flavour = flavours[0]
  form.message = form.message.slice(0, 120)
  return form
}

/** The custom-cake designer: the design and its reference image go into the shop's database and file store. */
export const designRoutes = (ctx: ShopContext) => async (app: FastifyInstance) => {
  app.get('/:lang/design', async (request: LangRequest, reply) => {
    const lang = langOf(request)
    const t = copy[lang]
    const signedIn = !!(await currentCustomer(ctx, request))
    const body = signedIn
      ? designForm(t, lang, {})
      : html`<p>${t.errors.signInToDesign} <a href="/${lang}/sign-in">${t.menu.signIn}</a></p>`
    return render(ctx, request, reply, { title: t.design.title, path: '/design', body })
  })

  app.post('/:lang/design', async (request: LangRequest, reply) => {
    const lang = langOf(request)
    const t = copy[lang]
    const customer = await currentCustomer(ctx, request)
    if (!customer) return reply.redirect(`/${lang}/sign-in`, 303)
    const form = await readDesignForm(t, request.parts() as never)
    if (form.error)
      return render(ctx, request, reply, {
        title: t.design.title,
        path: '/design',
        body: designForm(t, lang, form),
        status: 422,
      })
    const designId = await ctx.store.saveDesign(customer.id, {
      size: form.size,
      flavour: form.flavour,
      message: form.message || null,
      decorations: form.decorations,
    })
    if (form.image) {
      const path = `designs/${designId}-${randomBytes(6).toString('hex')}.${form.image.ext}`
      await mkdir(join(ctx.options.uploadsDir, 'designs'), { recursive: true, mode: 0o700 })
      await writeFile(join(ctx.options.uploadsDir, path), form.image.bytes, { mode: 0o600 })
      await ctx.store.saveUpload(customer.id, designId, path, form.image.type, form.image.bytes.length)
    }
    const product = await ctx.store.customProduct()
    if (product) ctx.carts.add(sessionId(request, reply), { productId: product.id, designId, quantity: 1 })
    return reply.redirect(`/${lang}/cart?saved=design`, 303)
  })
}
