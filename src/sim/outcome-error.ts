// The base of errors that carry an outcome rather than report a bug: a kubectl command's exit,
// an API Status, a flag or parse error a student's input caused. They are thrown and caught on
// ordinary paths (every failing command), so they are made without a stack trace: capturing one
// costs more than the rest of a failing `kubectl get`. (V8's Error.stackTraceLimit, in Node and
// workerd alike; the Workers types do not declare it.)

const V8Error = Error as ErrorConstructor & { stackTraceLimit?: number };

export class OutcomeError extends Error {
  constructor(message?: string) {
    const limit = V8Error.stackTraceLimit;
    V8Error.stackTraceLimit = 0;
    super(message);
    V8Error.stackTraceLimit = limit;
  }
}
