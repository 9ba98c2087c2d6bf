import type { INestApplicationContext, ValidationPipe } from '@nestjs/common';
import { EXCEPTION_FILTERS_METADATA, GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { enforceRoles, routeAccess } from '../auth/auth.guard.js';
import { PrincipalResolver } from '../auth/principal-resolver.js';
import type { FastRoute } from '../common/fast-route.js';
import { CreateReportDto } from './dto/feedback.dto.js';
import { FeedbackController, submitReport } from './feedback.controller.js';
import { ReportsService } from './reports.service.js';

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
      const principal = await principals.resolve(req.headers);
      enforceRoles({ ...access, roles }, principal);
      const input = (await validation.transform(body, { type: 'body', metatype: CreateReportDto })) as CreateReportDto;
      return submitReport(reports, principal!, input, req.headers['idempotency-key'] as string | undefined);
    },
  };
}
