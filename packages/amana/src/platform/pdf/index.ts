export { createPdfRenderer, type PdfRenderer, pdfReply, sendPdf } from './pdf-renderer.ts'
