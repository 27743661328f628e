import { afterAll, afterEach, expect } from 'vitest';
import { takeResponseViolations } from '../../src/adapters/http/response-conformance.js';

// Every answer of a declared route is checked against its declaration (NODE_ENV=test); a test
// that got one which breaks it fails here even when it did not look at that answer. After all
// too: the calls of an afterAll hook are checked as well.
const expectNoViolations = () => {
  const violations = takeResponseViolations();
  expect(violations, 'answers that break their route declaration (see the OpenAPI document)').toEqual([]);
};
afterEach(expectNoViolations);
afterAll(expectNoViolations);
