import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
} from '@nestjs/common';
import type { ContestStatus } from './contest.entities.js';

const iso = (d: Date) => d.toISOString();

export const contestNotFound = () => new NotFoundException('Contest not found');
export const entryNotFound = () => new NotFoundException('Entry not found');
export const assignmentNotFound = () => new NotFoundException('Assignment not found');
export const notificationNotFound = () => new NotFoundException('Notification not found');
export const slugTaken = (slug: string) =>
  new ConflictException(`A contest with the slug '${slug}' already exists`);

export const badTransition = (from: ContestStatus, to: ContestStatus) =>
  new ConflictException(
    `A contest cannot move from ${from} to ${to}: status only moves forward (draft → open → judging → finalised, or cancelled)`,
  );
export const notEditable = (status: ContestStatus) =>
  new ConflictException(`A ${status} contest can no longer be edited`);
export const windowStillOpen = (closesAt: Date) =>
  new ConflictException(`Judging starts after the entry window closes at ${iso(closesAt)}`);

export const windowNotOpen = (status: ContestStatus, opensAt: Date, closesAt: Date, now: Date) => {
  if (status !== 'open')
    return new ConflictException(`This contest is ${status}: it does not accept entries or changes to them`);
  if (now < opensAt) return new ConflictException(`The entry window opens at ${iso(opensAt)}`);
  return new ConflictException(`The entry window closed at ${iso(closesAt)}`);
};

/** An entrant the rules exclude: 403, naming the rule. */
export const ineligible = (rule: string, message: string) =>
  new ForbiddenException(`Not eligible (rule: ${rule}): ${message}`);

export const rulesNotAccepted = (version: number) =>
  new ConflictException(
    `The rules are at version ${version}: read them and accept that version (acceptRulesVersion: ${version})`,
  );
export const notYourReport = (id: string) =>
  new ForbiddenException(`Report ${id} is not one of your reports`);
export const reportAlreadyEntered = (id: string) =>
  new ConflictException(`Report ${id} is already in an entry: a report can be entered once`);
export const idempotencyKeyReused = () =>
  new ConflictException('This Idempotency-Key was already used for a different entry');

export const notScreenable = (status: ContestStatus) =>
  new ConflictException(`Entries are screened while a contest is open or judging; this one is ${status}`);
export const notJudging = (status: ContestStatus) =>
  new ConflictException(`Scores can be given while a contest is judging; this one is ${status}`);
export const cannotJudge = (why: string) => new ConflictException(why);
export const notAJudge = () => new BadRequestException('That user does not hold the judge role');
export const notOnPanel = () =>
  new ConflictException('That user is not one of this contest’s judges: add them first');
