import { z } from 'zod';

// Zod compiles fast validators with `new Function` after probing whether eval is allowed; the
// panel's CSP forbids it, so that probe would only log a policy violation. Validate without it.
z.config({ jitless: true });
