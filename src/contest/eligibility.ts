/**
 * Who may enter and win: pure checks, each naming the rule it applies. No NestJS here; the services turn the
 * refusals into HTTP errors.
 */

export interface EligibilityRules {
  minAge: number;
  excludedCountries: string[];
}

export interface Refusal {
  rule: 'minimum_age' | 'excluded_country';
  message: string;
}

/** Why an entrant may not enter, or null when they may. */
export function entrantRefusal(
  rules: EligibilityRules,
  entrant: { age: number; country: string },
): Refusal | null {
  if (entrant.age < rules.minAge) {
    return { rule: 'minimum_age', message: `entrants must be at least ${rules.minAge} years old` };
  }
  if (rules.excludedCountries.includes(entrant.country.toUpperCase())) {
    return {
      rule: 'excluded_country',
      message: `entries from ${entrant.country.toUpperCase()} are void where prohibited and not accepted`,
    };
  }
  return null;
}

export interface ReportFacts {
  id: string;
  reporterId: string;
  status: string;
  duplicateOf: string | null;
  createdAt: Date;
}

/**
 * First reporter wins: an entry holding a report triaged as a duplicate of someone else's earlier report
 * cannot win an award. Returns the note shown to the entrant, naming the report and the original, or null.
 */
export function duplicateNote(
  entrantId: string,
  reports: ReportFacts[],
  originals: Map<string, ReportFacts>,
): string | null {
  for (const report of reports) {
    if (report.status !== 'duplicate' || !report.duplicateOf) continue;
    const original = originals.get(report.duplicateOf);
    if (!original || original.reporterId === entrantId) continue;
    if (original.createdAt.getTime() < report.createdAt.getTime()) {
      return `Report ${report.id} duplicates an earlier report (${original.id}) by another reporter; the first reporter wins, so this entry cannot win an award`;
    }
  }
  return null;
}
