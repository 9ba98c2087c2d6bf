import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import helmet from 'helmet';
import { AppModule, AppOptions } from './app.module.js';
import { initBackend } from './ml/backend.js';
import { HttpErrorFilter } from './common/http-error.filter.js';
import { JsonLogger } from './common/json-logger.js';
import { PACKAGE, PROJECT_ROOT } from './common/package-info.js';
import { requestContext } from './common/request-context.js';
import { createValidationPipe } from './common/validation.js';
import { serveAheadOfExpress } from './common/fast-route.js';
import { sizeInBytes } from './config/config.js';
import { reportSubmissionRoute } from './feedback/report-submission.route.js';

const V1_BODY_LIMIT = '16mb';

/** The built web app's files. Only paths with a file extension can be one: API calls skip the disk look-up. */
function staticFiles(webRoot: string): RequestHandler {
  const files = express.static(webRoot, { index: false, maxAge: '1h' });
  return (req, res, next) => ((req.method === 'GET' || req.method === 'HEAD') && /\.[^/]+$/.test(req.path) ? files(req, res, next) : next());
}

/** The one place that builds the HTTP app: used by main.ts and by the e2e tests alike. */
export async function createApp(options: AppOptions): Promise<NestExpressApplication> {
  const logger = new JsonLogger(options.config.logLevel);
  // The content filter and in-process training use tfjs on this thread (chat inference has its own).
  const backend = await initBackend(options.config.model.tfjsBackend);
  logger.info({ msg: 'tfjs backend', backend: backend.name, package: backend.package, device: backend.device, notes: backend.notes });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger,
    bodyParser: false,
  });
  app.disable('x-powered-by');
  const requestLog = requestContext((entry) => logger.info(entry));
  // The service is often reached over plain HTTP on a LAN: do not force https for sub-resources.
  const securityHeaders = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  app.use(requestLog);
  app.use(securityHeaders);
  // The OpenAI routes take long prompts (and must answer an oversized one with a 400 naming the field).
  app.use('/v1', express.json({ limit: V1_BODY_LIMIT }));
  app.useBodyParser('json', { limit: options.config.bodyLimit });
  const validation = createValidationPipe();
  app.useGlobalPipes(validation);
  const webRoot = join(PROJECT_ROOT, 'web', 'dist');
  if (existsSync(join(webRoot, 'index.html'))) app.use(staticFiles(webRoot));
  app.useGlobalFilters(new HttpErrorFilter(webRoot));
  const openApi = new DocumentBuilder()
    .setTitle('rlhf-portal')
    .setDescription('Chat, content filter, reports, contests and the RLHF retraining loop')
    .setVersion(PACKAGE.version)
    .addCookieAuth('rlhf_session')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  serveAheadOfExpress(app.getHttpServer(), [reportSubmissionRoute(app, validation)], {
    middlewares: [requestLog, securityHeaders],
    bodyLimitBytes: sizeInBytes(options.config.bodyLimit),
  });
  return app;
}
