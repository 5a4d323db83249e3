/**
 * Values that are there at once (embedded SQLite answers synchronously) or later (PostgreSQL answers
 * with promises). Code that serves both handles either without making the SQLite path asynchronous:
 * no promise and no extra tick per request where none is needed.
 */
export type Awaitable<T> = T | Promise<T>

/** The Awaitable a repository method returns, carried through to what a caller built from it. */
export type Like<R, T> = R extends Promise<unknown> ? Promise<T> : T

/** Apply `f` now when `value` is here, or once it arrives. (Not named `then`: a module exporting `then` is thenable.) */
export function after<T, U>(value: Awaitable<T>, f: (v: T) => U): Awaitable<U> {
  return value instanceof Promise ? value.then(f) : f(value)
}
