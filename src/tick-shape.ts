/**
 * Keeps Node's `process.nextTick` on its fast path for the life of the process.
 *
 * Every HTTP request makes about nine nextTick calls inside Node (stream ends, socket writes,
 * response finish). Each builds a tick object `{ [async_id]: ..., [trigger_id]: ..., callback, args }`,
 * and V8 defines those properties fast only while that line has only ever seen one chain of object
 * shapes (hidden classes). Shapes are held weakly: when a full garbage collection runs while no tick
 * object is alive (start-up, loading and compiling the knowledge base, runs two), the chain dies, the
 * next tick object gets a new one, and V8 marks the line as seeing many shapes, for good. From then
 * on every nextTick defines its properties in the V8 runtime, the slow way. Measured with `perf` on
 * a 304 under load: in 4 of 6 starts of the same build, 9-10 % of the server's time (about 1.7 us per
 * request, 49-55k req/s against 59-60k in the other two); never in a hello-world, which does not
 * collect at start-up.
 *
 * Holding one real tick object for the life of the process holds its shape chain (each shape holds
 * its parent), so the line keeps seeing one. Inside a nextTick callback the current async resource is
 * the tick object itself; it is taken from the first tick after this module runs, before start-up
 * allocates much. Import this module first. It only keeps a reference: no hooks, no behaviour change.
 */
import { executionAsyncResource } from 'node:async_hooks'

let kept: object | undefined

process.nextTick(() => {
  kept = executionAsyncResource()
})

/** The tick object held (for the test that checks this works). */
export function keptTickObject(): object | undefined {
  return kept
}
