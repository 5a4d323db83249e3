/**
 * The body charts against the region vocabulary (the charts' linter on the real seed), the linter
 * itself on broken charts, and the geometry the maps rely on. No app, no database.
 */
import { describe, expect, it } from 'vitest'
import { VIEWS } from '../../../src/maps/charts/index.js'
import { inside, pathData, spreadPoints } from '../../../src/maps/geometry.js'
import { lintCharts, regionsPerView } from '../../../src/maps/lint.js'
import type { ChartView } from '../../../src/maps/types.js'
import { loadSeed } from '../../../src/kb/loader.js'
import { SEED_DIR } from '../../../src/kb/paths.js'

const { kb } = loadSeed(SEED_DIR)

describe('body charts', () => {
  it('every leaf region is a named shape, every shape a known region, left and right apart, every muscle drawable', () => {
    expect(lintCharts(VIEWS, kb.regions, kb.muscles)).toEqual([])
  })

  it('the linter fails a chart that leaves a leaf region out, names an unknown region, or draws one side only', () => {
    const front = VIEWS[0]!
    const broken: ChartView = {
      ...front,
      shapes: [
        ...front.shapes.filter((s) => s.region !== 'breast' && !(s.region === 'shin' && s.side === 'left')),
        { region: 'elbow-pit', side: 'left', points: [[0, 0], [1, 0], [1, 1]] },
        { region: 'breastbone', side: 'right', points: [[0, 0], [1, 0], [1, 1]] },
      ],
    }
    expect(lintCharts([broken, ...VIEWS.slice(1)], kb.regions)).toEqual([
      'front: a shape names "elbow-pit", which is not a region',
      'front: breastbone has no sides but a shape of it is right',
      'front: shin has 1 right and 0 left shapes',
      'leaf region breast has no shape in any view',
    ])
    const muscle = { id: 'm', regions: ['thumb'], referralZones: [{ region: 'breast' }], triggerPoints: [] }
    expect(lintCharts([broken, ...VIEWS.slice(1)], kb.regions, [muscle])).toContain('muscle m: region breast cannot be drawn (no shape for it or below it)')
  })

  it('holds the views the README lists, with these region counts', () => {
    expect(regionsPerView(VIEWS)).toEqual({ front: 45, back: 40, head: 21, 'hand-palm': 8, 'hand-back': 7, 'foot-sole': 5 })
  })

  it('places points inside a shape, apart from each other, the same every time', () => {
    const square = [[0, 0], [10, 0], [10, 10], [0, 10]] as const
    const points = spreadPoints(square, 3)
    expect(points).toEqual(spreadPoints(square, 3))
    for (const p of points) expect(inside(p, square)).toBe(true)
    expect(new Set(points.map((p) => p.join(','))).size).toBe(3)
    expect(pathData([[0, 0], [10.04, 0], [10, 10.25]])).toBe('M0 0L10 0L10 10.3Z')
  })
})
