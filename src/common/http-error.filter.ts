import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';

export interface HttpErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

/** Extra fields an exception may carry in its response object, used by the OpenAI error shape. */
interface ErrorDetails {
  param?: string | null;
  code?: string | null;
  /** OpenAI's error type when the status alone does not say it (e.g. 429 `insufficient_quota`). */
  type?: string | null;
  /** Seconds; sent as the Retry-After header. */
  retryAfter?: number;
}

/** express/body-parser errors carry `type` and `status`. */
interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

function describeBodyParserError(error: BodyParserError): { status: number; message: string } | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return { status: 400, message: 'Request body is not valid JSON' };
    case 'entity.too.large':
      return { status: 413, message: `Request body is larger than the limit of ${error.limit} bytes` };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, message: 'Request body encoding is not supported; send UTF-8 JSON' };
    default:
      return undefined;
  }
}

function messageOf(response: string | object): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : 'Request failed';
}

function detailsOf(exception: unknown): ErrorDetails {
  if (!(exception instanceof HttpException)) return {};
  const response = exception.getResponse();
  return typeof response === 'object' ? (response as ErrorDetails) : {};
}

const OPENAI_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_request_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  409: 'invalid_request_error',
  413: 'invalid_request_error',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
};

const OPENAI_CODES: Record<number, string> = { 401: 'invalid_api_key', 429: 'rate_limit_exceeded', 503: 'overloaded' };

/** OpenAI's error body, so the official client raises its own error classes on /v1 routes. */
export function toOpenAiError(exception: unknown, body: HttpErrorBody) {
  const { param, code, type } = detailsOf(exception);
  return {
    error: {
      message: body.message,
      type: type ?? OPENAI_TYPES[body.statusCode] ?? (body.statusCode >= 500 ? 'server_error' : 'invalid_request_error'),
      param: param ?? null,
      code: code ?? OPENAI_CODES[body.statusCode] ?? null,
    },
  };
}

/** Maps any thrown error to `{ statusCode, error, message }`; stack traces stay in the log. */
export function toHttpError(exception: unknown, logger: Logger): HttpErrorBody {
  let status = 500;
  let message = 'Internal server error';
  // The express adapter wraps body-parser errors in an HttpException whose cause is the original.
  const parserError = describeBodyParserError(((exception as { cause?: unknown })?.cause ?? exception) as BodyParserError);
  if (parserError) {
    ({ status, message } = parserError);
  } else if (exception instanceof HttpException) {
    status = exception.getStatus();
    message = messageOf(exception.getResponse());
  }
  if (status >= 500) logger.error((exception as Error)?.message ?? String(exception), (exception as Error)?.stack);
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
}

/** A page load in a browser (not an API call) that no route matched: the web app routes it. */
function isAppPageLoad(req: Request, status: number): boolean {
  return status === 404 && req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  /** `webRoot`: the built web app, whose index.html answers browser page loads of unknown paths. */
  constructor(private readonly webRoot?: string) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const body = toHttpError(exception, this.logger);
    if (res.headersSent) {
      res.end();
      return;
    }
    if (this.webRoot && isAppPageLoad(req, body.statusCode) && existsSync(join(this.webRoot, 'index.html'))) {
      res.sendFile(join(this.webRoot, 'index.html'));
      return;
    }
    const { retryAfter } = detailsOf(exception);
    if (retryAfter) res.setHeader('Retry-After', String(retryAfter));
    res.status(body.statusCode).json(req.path.startsWith('/v1/') ? toOpenAiError(exception, body) : body);
  }
}
