import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractViolations, OpenApiDocument, RecordedResponse } from './openapi-contract';

export interface ContractCheckResult {
  answers: number;
  documents: number;
  problems: string[];
}

/**
 * Holds every answer the e2e workers recorded in `dir` against the OpenAPI document the app
 * served: each (route, status) documented for that route, each error body on its schema, and
 * no server error but the documented 502 and 503. A run whose apps served differing documents
 * is a problem too: a generated client could not know which one holds.
 */
export function checkRecordedResponses(dir: string): ContractCheckResult {
  const files = readdirSync(dir);
  const documentFiles = files.filter((name) => /^openapi-.*\.json$/.test(name));
  const problems: string[] = [];
  if (documentFiles.length > 1)
    problems.push(`the test apps served ${documentFiles.length} different OpenAPI documents`);
  const answers = files
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as RecordedResponse);
  if (documentFiles.length === 0) return { answers: answers.length, documents: 0, problems };
  const document = JSON.parse(readFileSync(join(dir, documentFiles[0]), 'utf8')) as OpenApiDocument;
  const seen = new Set<string>();
  for (const answer of answers) {
    for (const problem of contractViolations(document, answer)) {
      if (seen.has(problem)) continue;
      seen.add(problem);
      problems.push(answer.test ? `${problem}\n    seen in ${answer.test}` : problem);
    }
  }
  return { answers: answers.length, documents: documentFiles.length, problems };
}
