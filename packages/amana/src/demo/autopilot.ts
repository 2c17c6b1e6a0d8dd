/** Who acts in the demo where a staff member would: recorded as this actor in the request's history and the audit ledger. */
export const demoAutopilotActor = { type: 'system', id: 'demo-autopilot' } as const

/** What the autopilot may touch of the requests feature (the app passes the requests service's own functions). */
export interface DemoAutopilotPort {
  list(filter: {
    status: string
    limit: number
  }): Promise<readonly { id: string; reference: string; needs_approval: boolean }[]>
  tasks(requestId: string): Promise<readonly { id: string; target: string; state: string }[]>
  approve(id: string, actor: typeof demoAutopilotActor): Promise<boolean>
  completeTask(
    id: string,
    taskId: string,
    actor: typeof demoAutopilotActor,
    evidence: string,
  ): Promise<boolean>
}

const EVIDENCE = {
  manual:
    'Demo mode: done by the demo autopilot, not by a person. The sample inbox holds no real messages, so nothing was checked there.',
  processor:
    'Demo mode: done by the demo autopilot, not by a person. The demo has no real provider to tell, so nobody was told.',
} as const

/**
 * Demo mode only (`amana start --demo`): a visitor's request runs to the end without anyone at the
 * console. An erasure waiting for approval is approved, and the tasks of the manual systems (RUMROM's
 * support inbox) and of the processors to tell are completed, each as `system:demo-autopilot` with
 * evidence saying so, which the request's history and the audit ledger show. It never accepts an agent's proof and never confirms "no data found": those
 * wait for a person even in the demo. Returns a stop function.
 */
export const startDemoAutopilot = (
  port: DemoAutopilotPort,
  options: {
    /** The manifest's manual systems and its processors: only their tasks are completed. */
    readonly manualSystems: readonly string[]
    readonly processors: readonly string[]
    readonly intervalMs?: number
    /** A line for the terminal after each action (reference only, no personal data). */
    readonly say?: (line: string) => void
    readonly onError?: (error: unknown) => void
  },
): (() => void) => {
  const manual = new Set(options.manualSystems)
  const processors = new Set(options.processors)
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      for (const row of await port.list({ status: 'verified', limit: 50 }))
        if (row.needs_approval && (await port.approve(row.id, demoAutopilotActor)))
          options.say?.(`demo autopilot: approved ${row.reference}`)
      for (const row of await port.list({ status: 'awaiting-staff', limit: 50 }))
        for (const task of await port.tasks(row.id)) {
          if (task.state === 'done') continue
          const kind = manual.has(task.target)
            ? 'manual'
            : processors.has(task.target)
              ? 'processor'
              : undefined
          if (kind && (await port.completeTask(row.id, task.id, demoAutopilotActor, EVIDENCE[kind])))
            options.say?.(`demo autopilot: completed the ${task.target} task of ${row.reference}`)
        }
    } catch (error) {
      options.onError?.(error)
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void tick(), options.intervalMs ?? 1000)
  timer.unref()
  return () => clearInterval(timer)
}
