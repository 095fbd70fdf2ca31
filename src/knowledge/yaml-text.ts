import { CORE_SCHEMA, load } from 'js-yaml';

/**
 * Parses one YAML document quickly (js-yaml, YAML 1.2 core schema: no dates, no merge keys), as the
 * `yaml` package's core schema reads it. Duplicate keys are an error. Returns undefined when js-yaml
 * refuses the text; the caller then asks the `yaml` package, which reports lines and reasons.
 */
export function parseYamlFast(text: string): { value: unknown } | undefined {
  try {
    return { value: load(text, { schema: CORE_SCHEMA, json: false }) };
  } catch {
    return undefined;
  }
}
