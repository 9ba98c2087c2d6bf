import { lazy, type ReactNode } from 'react';
import type { Role } from '../auth/api';
import { BoxIcon, ChatIcon, CheckIcon, SlidersIcon, TrophyIcon, UsersIcon } from '../ui/icons';
import { paths } from './paths';

const SignInPage = lazy(() => import('../auth/SignInPage'));
const ChatPage = lazy(() => import('../chat/ChatPage'));
const AccountPage = lazy(() => import('../account/AccountPage'));
const MyReportsPage = lazy(() => import('../feedback/MyReportsPage'));
const UsersPage = lazy(() => import('../admin/UsersPage'));
const ModelsPage = lazy(() => import('../models/ModelsPage'));
const ContestsAdminPage = lazy(() => import('../admin/contests/ContestsPage'));
const ContestAdminPage = lazy(() => import('../admin/contests/ContestPage'));
const FilterPage = lazy(() => import('../admin/filter/FilterPage'));
const CreditsAdminPage = lazy(() => import('../admin/credits/CreditsPage'));
const JudgePage = lazy(() => import('../judge/JudgePage'));
const JudgeQueuePage = lazy(() => import('../judge/QueuePage'));
const JudgeAssignmentPage = lazy(() => import('../judge/AssignmentPage'));
const ContestsPage = lazy(() => import('../compete/ContestsPage'));
const ContestResultsPage = lazy(() => import('../compete/ResultsPage'));
const TrainingPage = lazy(() => import('../training/TrainingPage'));
const RunPage = lazy(() => import('../training/RunPage'));
const DatasetsPage = lazy(() => import('../training/DatasetsPage'));
const TriageQueuePage = lazy(() => import('../review/TriageQueuePage'));
const TriageReportPage = lazy(() => import('../review/TriageReportPage'));
const RankingPage = lazy(() => import('../review/RankingPage'));
const DemonstrationsPage = lazy(() => import('../review/DemonstrationsPage'));

/**
 * Who may open a page: signed-out visitors only (`guest`), anyone signed in or not (`public`), or signed-in
 * people holding any one of the roles.
 */
export type Access = 'guest' | 'public' | readonly Role[];

export interface PageRoute {
  path: string;
  title: string;
  access: Access;
  /** Shown in the header's navigation to those the access allows. */
  nav?: { label: string; icon?: ReactNode };
  /** `full`: the page fills the window under the header and scrolls its own parts (chat). */
  layout?: 'page' | 'full';
  render: (params: Record<string, string>) => ReactNode;
}

/**
 * The app's pages. The navigation and the route guard both read this table, so a page is shown
 * only to the roles that can use it. New feature pages (feedback, triage, contests, training runs)
 * are one entry here each, with a folder of their own under src/.
 */
export const routes: PageRoute[] = [
  { path: paths.signIn, title: 'Sign in', access: 'guest', render: () => <SignInPage mode="sign-in" /> },
  {
    path: paths.register,
    title: 'Create account',
    access: 'guest',
    render: () => <SignInPage mode="register" />,
  },
  {
    path: paths.chat,
    title: 'Chat',
    access: ['user'],
    nav: { label: 'Chat', icon: <ChatIcon size={16} /> },
    layout: 'full',
    render: () => <ChatPage />,
  },
  {
    path: paths.conversation,
    title: 'Chat',
    access: ['user'],
    layout: 'full',
    render: (params) => <ChatPage conversationId={params.conversationId} />,
  },
  {
    path: paths.manageUsers,
    title: 'Users',
    access: ['admin'],
    nav: { label: 'Users', icon: <UsersIcon size={16} /> },
    render: () => <UsersPage />,
  },
  // Reached from the admin tabs at the top of the Users page.
  { path: paths.manageContests, title: 'Contests', access: ['admin'], render: () => <ContestsAdminPage /> },
  {
    path: paths.manageContest,
    title: 'Contest',
    access: ['admin'],
    render: (params) => <ContestAdminPage key={params.slug} slug={params.slug} />,
  },
  { path: paths.manageFilter, title: 'Content filter', access: ['admin'], render: () => <FilterPage /> },
  { path: paths.manageCredits, title: 'Credits', access: ['admin'], render: () => <CreditsAdminPage /> },
  {
    path: paths.manageModels,
    title: 'Models',
    access: ['operator', 'admin'],
    nav: { label: 'Models', icon: <BoxIcon size={16} /> },
    render: () => <ModelsPage />,
  },
  // Reached from the operator tabs at the top of the Models page.
  {
    path: paths.manageTraining,
    title: 'Training runs',
    access: ['operator', 'admin'],
    render: () => <TrainingPage />,
  },
  {
    path: paths.manageRun,
    title: 'Training run',
    access: ['operator', 'admin'],
    render: (params) => <RunPage key={params.runId} runId={params.runId} />,
  },
  {
    path: paths.manageDatasets,
    title: 'Datasets',
    access: ['operator', 'admin'],
    render: () => <DatasetsPage />,
  },
  {
    path: paths.reviewTriage,
    title: 'Triage',
    access: ['trainer', 'admin'],
    nav: { label: 'Review', icon: <CheckIcon size={16} /> },
    render: () => <TriageQueuePage />,
  },
  {
    path: paths.reviewReport,
    title: 'Report',
    access: ['trainer', 'admin'],
    render: (params) => <TriageReportPage key={params.reportId} reportId={params.reportId} />,
  },
  { path: paths.reviewRanking, title: 'Ranking', access: ['trainer'], render: () => <RankingPage /> },
  {
    path: paths.reviewDemonstrations,
    title: 'Demonstrations',
    access: ['trainer'],
    render: () => <DemonstrationsPage />,
  },
  {
    path: paths.judge,
    title: 'Judging',
    access: ['judge'],
    nav: { label: 'Judging', icon: <SlidersIcon size={16} /> },
    render: () => <JudgePage />,
  },
  {
    path: paths.judgeQueue,
    title: 'Judging queue',
    access: ['judge'],
    render: (params) => <JudgeQueuePage key={params.slug} slug={params.slug} />,
  },
  {
    path: paths.judgeAssignment,
    title: 'Judge an entry',
    access: ['judge'],
    render: (params) => (
      <JudgeAssignmentPage key={params.assignmentId} slug={params.slug} assignmentId={params.assignmentId} />
    ),
  },
  // Public: readable signed out (the results API is public); linked from award notices and the contest list.
  {
    path: paths.compete,
    title: 'Contests',
    access: 'public',
    nav: { label: 'Contests', icon: <TrophyIcon size={16} /> },
    render: () => <ContestsPage />,
  },
  {
    path: paths.competeResults,
    title: 'Contest results',
    access: 'public',
    render: (params) => <ContestResultsPage key={params.slug} slug={params.slug} />,
  },
  { path: paths.account, title: 'Account', access: ['user'], render: () => <AccountPage /> },
  {
    path: paths.myReports,
    title: 'My reports and entries',
    access: ['user'],
    render: () => <MyReportsPage tab="reports" />,
  },
  {
    path: paths.myEntries,
    title: 'My reports and entries',
    access: ['user'],
    render: () => <MyReportsPage tab="entries" />,
  },
];
