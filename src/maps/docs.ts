/**
 * The maps the README shows, committed under docs/maps/ as the API serves them: where each comes
 * from and where it is written (shared by `npm run maps:docs` and the test that guards them).
 */

export const DOCS_MAPS: readonly { url: string; path: URL }[] = [
  { url: '/v1/muscles/upper-trapezius/map.svg?side=right', path: new URL('../../docs/maps/upper-trapezius-right.svg', import.meta.url) },
]
