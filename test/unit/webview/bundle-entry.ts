// Bundled by production-bundle.test.ts with the production build's plugins, to check that the
// schemas behave in the shipped bundle exactly as they do from source.
import { z } from 'zod';
import * as model from '../../../src/model';
import * as protocol from '../../../src/protocol';
import * as board from '../../../src/protocol/board-messages';

export { board, model, protocol, z };
