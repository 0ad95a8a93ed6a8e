// Zod 4 decides whether it may compile parsers with `new Function` by trying once, when the first
// object schema is created; under our Content-Security-Policy (no 'unsafe-eval',
// server/src/http/security-headers.ts) that try is reported as a violation. This classic script
// runs before the app's modules and tells every copy of zod to parse without compiling. It has to
// be a file of its own: inline scripts are refused, and in the bundle zod's chunk runs first.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
