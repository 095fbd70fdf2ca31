/** One problem in a knowledge directory, located as precisely as the YAML allows. */
export interface KnowledgeIssue {
  file: string;
  line?: number;
  /** Dotted path to the field, e.g. `figures[2].citations[0].source`. */
  field?: string;
  message: string;
}

/** Invalid knowledge: operators see every issue with file, line and field; users never do. */
export class KnowledgeError extends Error {
  override readonly name = 'KnowledgeError';
  constructor(readonly issues: readonly KnowledgeIssue[]) {
    super(
      `Invalid knowledge (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  ${formatIssue(i)}`).join('\n'),
    );
  }
}

/** `file:line field: message`, the form editors and CI logs link to. */
export function formatIssue(issue: KnowledgeIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return issue.field ? `${where} ${issue.field}: ${issue.message}` : `${where}: ${issue.message}`;
}
