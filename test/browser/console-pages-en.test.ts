import { consolePagesSuite } from './console-pages.ts'

// English and Arabic run as two files, so each stays well inside the per-file time limit.
consolePagesSuite('en')
