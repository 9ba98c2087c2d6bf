import { useEffect, useRef, useState } from 'react';
import type { Message } from '../chat/api';
import { paths } from '../app/paths';
import { errorMessage } from '../lib/api';
import { Link } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { Alert, Button, Dialog } from '../ui';
import { contestApi, feedbackApi, newIdempotencyKey, type Entry, type Report, type ReportKind } from './api';
import { ContestEntrySection, type EntryDraft, type EntryErrors } from './ContestEntrySection';
import { ReportFields, type ReportDraft } from './ReportFields';

interface Props {
  message: Message;
  initialKind: ReportKind;
  onClose: () => void;
}

export const isFlagged = (message: Message) =>
  message.moderation?.action === 'warn' || message.moderation?.action === 'block';

/** The kinds of report that fit a message: replies can be harmful or biased; anything flagged can be wrongly so. */
export function kindsFor(message: Message): ReportKind[] {
  const kinds: ReportKind[] = message.role === 'assistant' ? ['harmful_output', 'bias'] : [];
  if (isFlagged(message)) kinds.push('filter_false_positive');
  kinds.push('filter_false_negative');
  return kinds;
}

const EMPTY_ENTRY: EntryDraft = {
  slug: '',
  age: '',
  country: '',
  writeUp: '',
  showName: false,
  acceptRules: false,
};

function checkEntry(entry: EntryDraft): EntryErrors {
  const errors: EntryErrors = {};
  if (!/^\d{1,3}$/.test(entry.age.trim())) errors.age = 'Enter your age in whole years.';
  if (!/^[A-Z]{2}$/.test(entry.country.trim())) errors.country = 'Enter a two-letter country code.';
  if (!entry.writeUp.trim()) errors.writeUp = 'Write a few words for the judges.';
  if (!entry.acceptRules) errors.acceptRules = 'Accept the rules to enter the contest.';
  return errors;
}

/**
 * The feedback form: a report about one message, and optionally an entry of it into an open contest.
 * One Idempotency-Key per opening, so a submit retried after a failure files one report and one entry.
 */
export function ReportDialog({ message, initialKind, onClose }: Props) {
  const [keys] = useState(() => ({ report: newIdempotencyKey(), entry: newIdempotencyKey() }));
  const [draft, setDraft] = useState<ReportDraft>({
    kind: initialKind,
    categories: initialKind === 'filter_false_positive' ? (message.moderation?.categories ?? []) : [],
    description: '',
  });
  const [entering, setEntering] = useState(false);
  const [entry, setEntry] = useState<EntryDraft>(EMPTY_ENTRY);
  const [errors, setErrors] = useState<Partial<Record<'categories' | 'description', string>>>({});
  const [entryErrors, setEntryErrors] = useState<EntryErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [entered, setEntered] = useState<Entry | null>(null);
  const contests = useAsync(
    async (signal) => (await contestApi.open(signal)).data.filter((c) => c.acceptingEntries),
    'open-contests',
  );
  const failureRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    failureRef.current?.scrollIntoView({ block: 'nearest' });
  }, [failure]);
  const open = contests.data ?? [];
  const contest = open.find((c) => c.slug === entry.slug) ?? open[0];

  const submit = async () => {
    const fieldErrors: typeof errors = {};
    if (!draft.description.trim()) fieldErrors.description = 'Describe what is wrong.';
    if (draft.kind === 'filter_false_negative' && !draft.categories.length)
      fieldErrors.categories = 'Choose at least one category the filter should have flagged.';
    const entryCheck = entering && contest ? checkEntry(entry) : {};
    setErrors(fieldErrors);
    setEntryErrors(entryCheck);
    if (Object.keys(fieldErrors).length || Object.keys(entryCheck).length) return;

    setSaving(true);
    setFailure(null);
    let filed = report;
    try {
      filed ??= await feedbackApi.report(
        {
          kind: draft.kind,
          messageId: message.id,
          description: draft.description.trim(),
          ...(draft.categories.length ? { categories: draft.categories } : {}),
        },
        keys.report,
      );
      setReport(filed);
      if (entering && contest) {
        const body = {
          reportIds: [filed.id],
          writeUp: entry.writeUp.trim(),
          age: Number(entry.age),
          country: entry.country.trim(),
          acceptRulesVersion: contest.rulesVersion,
          showName: entry.showName,
        };
        setEntered(await contestApi.enter(contest.slug, body, keys.entry));
      }
    } catch (e) {
      setFailure(
        filed
          ? `Your report was sent, but the contest entry was not: ${errorMessage(e)}`
          : `Your report was not sent: ${errorMessage(e)}`,
      );
    } finally {
      setSaving(false);
    }
  };

  const finished = report && (!entering || entered);
  if (finished) {
    return (
      <Dialog
        open
        onClose={onClose}
        title="Thank you"
        footer={
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        }
      >
        <Alert tone="success" title="Your report was sent">
          {entered && <p>It is entered in {entered.contest.title}.</p>}
          <p>
            Reviewers will look at it. Follow its status in{' '}
            <Link to={paths.myReports}>My reports and entries</Link>.
          </p>
        </Alert>
      </Dialog>
    );
  }

  return (
    <Dialog
      open
      size="md"
      onClose={onClose}
      title="Report this message"
      description="Reports are read by reviewers and help train the next model. The conversation up to this message is saved with your report."
      onSubmit={() => void submit()}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={saving}>
            {report ? 'Enter the contest' : entering ? 'Send and enter' : 'Send report'}
          </Button>
        </>
      }
    >
      <div className="report-form">
        <ReportFields
          value={draft}
          onChange={setDraft}
          kinds={kindsFor(message)}
          errors={errors}
          disabled={!!report}
        />
        {contests.status === 'error' && (
          <p className="muted feedback-small">
            Could not load the open contests: {errorMessage(contests.error)}
          </p>
        )}
        {contest && (
          <label className="check check--strong">
            <input type="checkbox" checked={entering} onChange={(e) => setEntering(e.target.checked)} />
            Enter this in the contest “{contest.title}”
          </label>
        )}
        {entering && contest && (
          <ContestEntrySection
            contests={open}
            value={{ ...entry, slug: contest.slug }}
            onChange={setEntry}
            errors={entryErrors}
            disabled={saving}
          />
        )}
        {failure && (
          <div ref={failureRef}>
            <Alert tone="danger">{failure}</Alert>
          </div>
        )}
      </div>
    </Dialog>
  );
}
