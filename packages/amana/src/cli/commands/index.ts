import type { Command } from '../cli-kit.ts'
import { migrateCommand } from './migrate.ts'
import { startCommand, workerCommand } from './start.ts'
import { versionCommand } from './version.ts'

/** Every command; one file each. */
export const commands: readonly Command[] = [startCommand, workerCommand, migrateCommand, versionCommand]
