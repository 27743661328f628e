import { describe } from 'vitest';
import { refundsAndDeadlinesSuite } from './refunds-and-deadlines.js';

describe('HTTP refunds and payment deadlines (memory)', () => refundsAndDeadlinesSuite());
