import { Parser } from '@asyncapi/parser';

/** Spectral's severities, as the AsyncAPI parser reports them: 0 error, 1 warning, 2 information, 3 hint. */
const WARNING = 1;

export interface AsyncApiDiagnostic {
  code: string | number;
  severity: number;
  message: string;
  path: (string | number)[];
}

/**
 * What `asyncapi validate --fail-severity warn` would fail on, found by the library the CLI runs (@asyncapi/parser
 * with its default rules), in-process: the errors and warnings of the document, with the information and hints too.
 */
export async function asyncApiDiagnostics(document: object): Promise<{ failing: string[]; all: AsyncApiDiagnostic[] }> {
  const diagnostics = (await new Parser().validate(JSON.stringify(document))) as AsyncApiDiagnostic[];
  const describe = (d: AsyncApiDiagnostic) => `${d.path.join('.') || '(document)'}: ${d.message} (${d.code})`;
  return { failing: diagnostics.filter((d) => d.severity <= WARNING).map(describe), all: diagnostics };
}
