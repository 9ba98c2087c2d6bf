import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import helmet from 'helmet';
import { AppModule, AppOptions } from './app.module.js';
import { initBackend } from './ml/backend.js';
import { HttpErrorFilter } from './common/http-error.filter.js';
import { JsonLogger } from './common/json-logger.js';
import { PACKAGE, PROJECT_ROOT } from './common/package-info.js';
import { requestContext } from './common/request-context.js';

/** "items.0.role must be one of …": every failed constraint, with the path of its field. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) && parent ? `${parent}.${message}` : message,
    );
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

const V1_BODY_LIMIT = '16mb';

/** The path of the first invalid field, e.g. `messages.0.content` (OpenAI errors name it as `param`). */
function firstInvalidPath(errors: ValidationError[], parent = ''): string | null {
  const first = errors[0];
  if (!first) return parent || null;
  const path = parent ? `${parent}.${first.property}` : first.property;
  return first.constraints ? path : firstInvalidPath(first.children ?? [], path);
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
  app.use(requestContext((entry) => logger.info(entry)));
  // The service is often reached over plain HTTP on a LAN: do not force https for sub-resources.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(cookieParser());
  // The OpenAI routes take long prompts (and must answer an oversized one with a 400 naming the field).
  app.use('/v1', express.json({ limit: V1_BODY_LIMIT }));
  app.useBodyParser('json', { limit: options.config.bodyLimit });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new BadRequestException({ message: flattenValidationErrors(errors), param: firstInvalidPath(errors) }),
    }),
  );
  const webRoot = join(PROJECT_ROOT, 'web', 'dist');
  if (existsSync(join(webRoot, 'index.html'))) app.use(express.static(webRoot, { index: false, maxAge: '1h' }));
  app.useGlobalFilters(new HttpErrorFilter(webRoot));
  const openApi = new DocumentBuilder()
    .setTitle('rlhf-portal')
    .setDescription('Chat, content filter, reports, contests and the RLHF retraining loop')
    .setVersion(PACKAGE.version)
    .addCookieAuth('rlhf_session')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  return app;
}
