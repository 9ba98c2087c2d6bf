import { BadRequestException, Logger } from '@nestjs/common';
import { toHttpError } from './http-error.filter.js';

import { jest } from '@jest/globals';

const silent = { error: jest.fn() } as unknown as Logger;

describe('toHttpError', () => {
  it('hides the message and stack of unexpected errors', () => {
    const body = toHttpError(new Error('connection string postgres://secret@db'), silent);
    expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
    expect(silent.error).toHaveBeenCalled();
  });

  it('joins validation messages into one readable message', () => {
    const body = toHttpError(new BadRequestException(['email must be an email address', 'property x should not exist']), silent);
    expect(body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'email must be an email address; property x should not exist' });
  });

  it('explains body-parser errors, wrapped or not', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { type: 'entity.too.large', limit: 1024 });
    expect(toHttpError(tooLarge, silent)).toMatchObject({ statusCode: 413, message: 'Request body is larger than the limit of 1024 bytes' });
    const wrapped = new BadRequestException('Unexpected token', { cause: Object.assign(new SyntaxError('x'), { type: 'entity.parse.failed' }) });
    expect(toHttpError(wrapped, silent)).toMatchObject({ statusCode: 400, message: 'Request body is not valid JSON' });
  });
});
