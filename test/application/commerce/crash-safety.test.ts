import { describe } from 'vitest';
import { crashSafetySuite } from './crash-safety.js';

describe('checkout, pay and cancel under faults (memory)', () => crashSafetySuite());
