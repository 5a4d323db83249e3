/**
 * Pain maps as SVG: GET /v1/regions/map.svg (a blank body chart), GET /v1/muscles/{id}/map.svg (a
 * muscle's referral pattern) and GET /v1/recommendations/map.svg (a recommendation's overview).
 * HTTP only; registered in the cacheable reference scope (ETag from kbVersion, 304).
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { mapListPattern, MAX_MAP_AREAS, MAX_MAP_MUSCLES, VIEW_IDS, type ViewId } from '../../services/maps.js'
import { problemResponses, Type, type Static } from '../../contract/common.js'
import { IdParamsSchema } from '../../contract/reference.js'

export const SVG_TYPE = 'image/svg+xml; charset=utf-8'

const svgResponse = (description: string): unknown => ({ description, content: { 'image/svg+xml': { schema: Type.String() } } })

const ChartQuerySchema = Type.Object({
  view: Type.Union(VIEW_IDS.map((v) => Type.Literal(v)), { default: 'front', description: 'Which chart: the whole body from the front or back, or a close view' }),
}, { additionalProperties: false })

const MuscleMapQuerySchema = Type.Object({
  side: Type.Union([Type.Literal('left'), Type.Literal('right'), Type.Literal('both')], { default: 'both', description: 'The side of the body the muscle is worked on' }),
}, { additionalProperties: false })

const OverviewQuerySchema = Type.Object({
  regions: Type.Optional(Type.String({
    pattern: mapListPattern(MAX_MAP_AREAS), maxLength: 1200,
    description: `Where it hurts: up to ${MAX_MAP_AREAS} region ids, comma-separated, each optionally \`:left\`, \`:right\` or \`:both\` (e.g. \`temple:right,heel\`)`,
  })),
  muscles: Type.Optional(Type.String({
    pattern: mapListPattern(MAX_MAP_MUSCLES), maxLength: 1000,
    description: `Muscles whose trigger points to mark, numbered in this order: up to ${MAX_MAP_MUSCLES} muscle ids, each optionally with its side (e.g. \`upper-trapezius:right\`)`,
  })),
}, { additionalProperties: false })

const send = (reply: FastifyReply, svg: Buffer): FastifyReply => reply.type(SVG_TYPE).send(svg)

export default async function mapRoutes(app: FastifyInstance): Promise<void> {
  const { maps } = app.services

  app.get<{ Querystring: Static<typeof ChartQuerySchema> }>('/regions/map.svg', {
    schema: {
      tags: ['maps'], operationId: 'getBodyChart',
      summary: 'A blank body chart (SVG) in which every region is a shape with data-region, data-side and a <title>: for picking where it hurts',
      querystring: ChartQuerySchema,
      response: { 200: svgResponse('The chart'), ...problemResponses(400) },
    },
  }, (request, reply) => send(reply, maps.chart(request.query.view as ViewId)))

  app.get<{ Params: { id: string }; Querystring: Static<typeof MuscleMapQuerySchema> }>('/muscles/:id/map.svg', {
    schema: {
      tags: ['maps'], operationId: 'getMuscleMap',
      summary: "A muscle's referral pattern (SVG): essential zones solid, spillover zones lighter (data-zone), trigger points marked, a legend",
      params: IdParamsSchema, querystring: MuscleMapQuerySchema,
      response: { 200: svgResponse('The map'), ...problemResponses(400, 404) },
    },
  }, (request, reply) => send(reply, maps.muscle(request.params.id, request.query.side)))

  app.get<{ Querystring: Static<typeof OverviewQuerySchema> }>('/recommendations/map.svg', {
    schema: {
      tags: ['maps'], operationId: 'getRecommendationMap',
      summary: "A recommendation's overview (SVG): the reported areas shaded, the muscles' trigger points numbered; the answer's `mapUrl`",
      querystring: OverviewQuerySchema,
      response: { 200: svgResponse('The map'), ...problemResponses(400, 422) },
    },
  }, (request, reply) => send(reply, maps.overview(request.query)))
}
