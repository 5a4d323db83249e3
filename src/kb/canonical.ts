/**
 * Canonical form of seed files: entries sorted by id, object keys in the order their schema
 * declares them, two-space JSON with a final newline. Used by `npm run kb:format` and the test
 * that enforces it. Pure: no file access.
 */
import type { TSchema } from 'typebox'

interface SchemaLike {
  type?: string
  properties?: Record<string, SchemaLike>
  items?: SchemaLike
  anyOf?: SchemaLike[]
}

function order(value: unknown, schema: SchemaLike | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => order(v, schema?.items))
  if (value === null || typeof value !== 'object') return value
  const props = schema?.properties ?? schema?.anyOf?.find((s) => s.properties)?.properties ?? {}
  const obj = value as Record<string, unknown>
  const keys = [...Object.keys(props).filter((k) => k in obj), ...Object.keys(obj).filter((k) => !(k in props)).sort()]
  return Object.fromEntries(keys.map((k) => [k, order(obj[k], props[k])]))
}

/**
 * The canonical text of one seed file.
 * @param entries parsed entries of the file
 * @param schema the entry schema of this kind of file
 */
export function canonicalText(entries: readonly unknown[], schema: TSchema): string {
  const sorted = [...entries].sort((a, b) => {
    const x = (a as { id: string }).id
    const y = (b as { id: string }).id
    return x < y ? -1 : x > y ? 1 : 0
  })
  return JSON.stringify(order(sorted, { items: schema as SchemaLike }), null, 2) + '\n'
}
