import { defineConfig } from 'drizzle-kit'

// The shared store's migrations (DATABASE_URL=postgres://...); drizzle.config.ts is the embedded SQLite's.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg-schema.ts',
  out: './migrations-pg',
})
