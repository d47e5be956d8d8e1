// Bundled by production-bundle.test.ts with the production build's plugins, to check that the
// schemas behave in the shipped bundle exactly as they do from source. Only the zod functions the
// test calls are exported: exporting zod's whole namespace would bundle what no build ships (its
// JSON Schema import, which calls methods the build leaves out).
import * as zod from 'zod';
import * as model from '../../../src/model';
import * as protocol from '../../../src/protocol';
import * as board from '../../../src/protocol/board-messages';

// Read member by member: esbuild keeps a namespace whole once it is destructured or exported.
const z = { config: zod.config, email: zod.email, locales: zod.locales, number: zod.number, object: zod.object, string: zod.string, toJSONSchema: zod.toJSONSchema };

export { board, model, protocol, z };
