import type { INestApplicationContext, ValidationPipe } from '@nestjs/common';
import { EXCEPTION_FILTERS_METADATA, GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { isUUID } from 'class-validator';
import type { IncomingMessage } from 'node:http';
import { enforceRoles, routeAccess } from '../auth/auth.guard.js';
import { PrincipalResolver } from '../auth/principal-resolver.js';
import type { FastRoute } from '../common/fast-route.js';
import { CreateReportDto } from './dto/feedback.dto.js';
import { FeedbackController, submitReport } from './feedback.controller.js';
import type { ReportContext } from './report-context.js';
import { ReportsService } from './reports.service.js';

/**
 * The reported message's context, loaded while the session is looked up: it does not depend on who asks
 * (submit checks that they may see the message), and loading it after would add a round trip to every
 * submission. Only for a request with credentials and a well-formed messageId, which the batched query needs.
 */
function contextAhead(reports: ReportsService, req: IncomingMessage, body: unknown): Promise<ReportContext | null> | undefined {
  const messageId = (body as { messageId?: unknown }).messageId;
  if (typeof messageId !== 'string' || !isUUID(messageId, 'all')) return undefined;
  if (!req.headers.authorization && !req.headers.cookie) return undefined;
  const context = reports.context(messageId);
  // A request refused before submit (401, 403, 400) never reads it.
  context.catch(() => undefined);
  return context;
}

/**
 * `POST /reports` on the fast route: report submissions come in bursts (a bad reply shared widely, a
 * contest opening). The steps are Nest's for this route — the guard's principal and the route's own
 * @Roles, the global ValidationPipe, then the controller's submitReport — without Express's and Nest's
 * per-request machinery around them.
 */
export function reportSubmissionRoute(app: INestApplicationContext, validation: ValidationPipe): FastRoute {
  const principals = app.get(PrincipalResolver);
  const reports = app.get(ReportsService);
  const access = routeAccess(app.get(Reflector), [FeedbackController.prototype.submit, FeedbackController]);
  const roles = access.roles;
  if (access.public || !roles) throw new Error('POST /reports must declare @Roles');
  // This route runs only the global guard, pipe and filter: a guard, pipe, interceptor or filter added to the
  // controller or the handler would be skipped here, so one stops the app instead.
  for (const key of [GUARDS_METADATA, PIPES_METADATA, INTERCEPTORS_METADATA, EXCEPTION_FILTERS_METADATA]) {
    if (Reflect.getMetadata(key, FeedbackController) || Reflect.getMetadata(key, FeedbackController.prototype.submit)) {
      throw new Error(`POST /reports: the fast route does not run ${key} declared on FeedbackController; serve it through Nest`);
    }
  }
  return {
    method: 'POST',
    path: '/reports',
    async handle(req, body) {
      const context = contextAhead(reports, req, body);
      const principal = await principals.resolve(req.headers);
      enforceRoles({ ...access, roles }, principal);
      const input = (await validation.transform(body, { type: 'body', metatype: CreateReportDto })) as CreateReportDto;
      return submitReport(reports, principal!, input, req.headers['idempotency-key'] as string | undefined, context);
    },
  };
}
