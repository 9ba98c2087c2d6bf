/**
 * Every page's URL, in one place. Plain data (no DOM, no React) so the browser tests can load each one.
 *
 * Page paths share one namespace with the API: a page load of a path an API route answers gets that
 * route's JSON, not the app. So a page never lives at an API path (e.g. the admin's user list is
 * /manage/users, because GET /admin/users is the API). test/browser deep-links every path listed here.
 *
 * Pages to come, when their APIs land, in areas no API uses (the API's own paths include /contests, /judging,
 * /triage, /reports, /runs, /credits, /notifications, /moderation): trainers' triage and ranking under
 * /review/…, judges' scoring under /judge/…, operators' training runs under /manage/training…, contests
 * people enter under /compete/…, a person's own reports and credits under /account/….
 */
export const paths = {
  home: '/',
  signIn: '/sign-in',
  register: '/register',
  chat: '/chat',
  conversation: '/chat/:conversationId',
  account: '/account',
  myReports: '/account/reports',
  myEntries: '/account/entries',
  manageUsers: '/manage/users',
  manageModels: '/manage/models',
  manageContests: '/manage/contests',
  manageContest: '/manage/contests/:slug',
  manageFilter: '/manage/filter',
  manageCredits: '/manage/credits',
  manageTraining: '/manage/training',
  manageRun: '/manage/training/:runId',
  manageDatasets: '/manage/datasets',
  reviewTriage: '/review/triage',
  reviewReport: '/review/triage/:reportId',
  reviewRanking: '/review/ranking',
  reviewDemonstrations: '/review/demonstrations',
  judge: '/judge',
  judgeQueue: '/judge/:slug',
  judgeAssignment: '/judge/:slug/:assignmentId',
  compete: '/compete',
  competeResults: '/compete/:slug/results',
} as const;

export function conversationPath(id: string): string {
  return `/chat/${encodeURIComponent(id)}`;
}

export function reviewReportPath(id: string): string {
  return `/review/triage/${encodeURIComponent(id)}`;
}

export function judgeQueuePath(slug: string): string {
  return `/judge/${encodeURIComponent(slug)}`;
}

export function judgeAssignmentPath(slug: string, assignmentId: string): string {
  return `/judge/${encodeURIComponent(slug)}/${encodeURIComponent(assignmentId)}`;
}

export function competeResultsPath(slug: string): string {
  return `/compete/${encodeURIComponent(slug)}/results`;
}

/** Where sign-in sends someone back to, if it is a page of this app. */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : paths.chat;
}
