/** The login throttle middleware, bound by the composition root (memory or Redis store). */
export const LoginThrottleToken = Symbol.for('LoginThrottle');
