/** A periodic check a worker runs: `check()` now (tests, a CLI), and `stop()` at shutdown. */
export interface PeriodicCheck {
  check(): Promise<void>
  stop(): void
}

/**
 * Runs `check` once after `firstAfterMs` (5 s: the worker has started pulling jobs), then every
 * `intervalMs`, until `stop()`. The timers are unref'd, so they never keep a process alive. `check`
 * handles its own errors: a throw would end up as an unhandled rejection.
 */
export const periodicCheck = (
  check: () => Promise<void>,
  intervalMs: number,
  firstAfterMs = 5_000,
): PeriodicCheck => {
  const first = setTimeout(() => void check(), firstAfterMs)
  const timer = setInterval(() => void check(), intervalMs)
  first.unref()
  timer.unref()
  return {
    check,
    stop: () => {
      clearTimeout(first)
      clearInterval(timer)
    },
  }
}
