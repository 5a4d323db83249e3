/**
 * Writing SVG text: escaping, and the attributes every map shares. Presentation attributes only (no
 * <style>, no style=""), so a map is drawn the same inlined under a strict CSP as loaded as an image.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** Text or an attribute value, escaped for XML. */
export function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ESCAPES[c]!)
}

/** An element with attributes (in the order given: the bytes are deterministic) and optional content. */
export function tag(name: string, attrs: Record<string, string | number | undefined>, content?: string): string {
  let out = `<${name}`
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out += ` ${k}="${esc(String(v))}"`
  return content === undefined ? `${out}/>` : `${out}>${content}</${name}>`
}

export const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif'

/** Colours chosen to stay apart in greyscale print: blank regions light, essential dark, spillover hatched. */
export const PAINT = {
  blank: '#eef1f4',
  stroke: '#5b6673',
  outline: '#f8f9fa',
  essential: '#a93226',
  spillover: '#f5b7b1',
  hatch: '#a93226',
  reported: '#f0b27a',
  reportedEdge: '#9a5b13',
  marker: '#111820',
  text: '#111820',
} as const

/** Pattern that marks spillover zones with diagonal lines, so they differ from essential ones in print. */
export const SPILLOVER_PATTERN =
  '<pattern id="nmt-spillover" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
  `<rect width="6" height="6" fill="${PAINT.spillover}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${PAINT.hatch}" stroke-width="1.6"/></pattern>`
