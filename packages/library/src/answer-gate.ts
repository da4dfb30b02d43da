// Admission for answers: counts the answers in progress, estimates how long a new one would take, and refuses past a bound.
import type { Answerer, AnswerEvent, AskInput } from '@report-qa/answer';

export interface AnswerGateOptions {
  /** Longest expected wait a new answer may face; past it, it is refused at once (0 = never refuse). */
  maxWaitMs: number;
  /** Time per answer assumed until the first one completes (default 50 ms). */
  initialServiceMs?: number;
  now?: () => number;
}

export interface AnswerGateStats {
  /** Answers in progress (queued for the CPU or being computed). */
  inFlight: number;
  /** What a new answer would wait now: (in progress + 1) × the recent time between completions. */
  estimatedWaitMs: number;
  maxWaitMs: number;
  /** Answers refused since start. */
  shed: number;
  completed: number;
}

export type AdmissionResult = { admitted: true; leave: () => void } | { admitted: false; retryAfterSeconds: number; estimatedWaitMs: number };

export interface AnswerGate {
  /** Admits an answer (call leave() exactly once when it is finished) or refuses it with the seconds to wait. */
  enter(): AdmissionResult;
  stats(): AnswerGateStats;
}

// Weight of the newest completion in the moving average: about the last twenty answers count, so one stall (a GC
// pause, a busy neighbour) does not refuse a burst of questions by itself.
const SMOOTHING = 0.05;

/**
 * The estimate is Little's law on what the server is doing now: while answers complete every τ ms on average (τ measured
 * only while busy, so idle gaps do not count), a new answer behind N others finishes after about (N + 1) × τ. An idle
 * server always admits, so it keeps learning τ however small the bound.
 */
export function createAnswerGate({ maxWaitMs, initialServiceMs = 50, now = () => performance.now() }: AnswerGateOptions): AnswerGate {
  let inFlight = 0;
  let busySince = 0;
  let lastCompletion = 0;
  let tau = initialServiceMs;
  let shed = 0;
  let completed = 0;
  const estimate = () => (inFlight === 0 ? 0 : (inFlight + 1) * tau);

  return {
    enter() {
      const wait = estimate();
      if (maxWaitMs > 0 && inFlight > 0 && wait > maxWaitMs) {
        shed += 1;
        return { admitted: false, retryAfterSeconds: Math.min(60, Math.max(1, Math.ceil(wait / 1000))), estimatedWaitMs: Math.round(wait) };
      }
      if (inFlight === 0) busySince = now();
      inFlight += 1;
      let left = false;
      return {
        admitted: true,
        leave: () => {
          if (left) return;
          left = true;
          const at = now();
          tau = (1 - SMOOTHING) * tau + SMOOTHING * Math.max(0, at - Math.max(lastCompletion, busySince));
          lastCompletion = at;
          completed += 1;
          inFlight -= 1;
        },
      };
    },
    stats: () => ({ inFlight, estimatedWaitMs: Math.round(estimate()), maxWaitMs, shed, completed }),
  };
}

/** Thrown by a gated answerer when the queue is too long; code 'overloaded' maps to 503 with Retry-After. */
export class AnswerOverloadedError extends Error {
  override name = 'AnswerOverloadedError';
  readonly code = 'overloaded';
  constructor(readonly retryAfterSeconds: number) {
    super(`当前提问较多，请 ${retryAfterSeconds} 秒后再试`);
  }
}

/** The answerer behind the gate, for channels that answer without an HTTP middleware in front (WeChat, WeCom). */
export function gateAnswerer(answerer: Answerer, gate: AnswerGate): Answerer {
  const admit = () => {
    const admission = gate.enter();
    if (!admission.admitted) throw new AnswerOverloadedError(admission.retryAfterSeconds);
    return admission.leave;
  };
  return {
    async ask(input: AskInput) {
      const leave = admit();
      try {
        return await answerer.ask(input);
      } finally {
        leave();
      }
    },
    async *stream(input: AskInput): AsyncGenerator<AnswerEvent> {
      const leave = admit();
      try {
        yield* answerer.stream(input);
      } finally {
        leave();
      }
    },
  };
}
