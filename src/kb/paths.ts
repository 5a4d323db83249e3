/**
 * Absolute paths of the project's data folders, resolved from this module so they work from
 * src/ (tsx) and dist/ (compiled) alike, whatever the working directory.
 */
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const SEED_DIR = fileURLToPath(new URL('../../seed/', import.meta.url))
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url))
export const PG_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations-pg/', import.meta.url))
