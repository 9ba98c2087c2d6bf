import { ConflictException, HttpException, HttpStatus } from '@nestjs/common';

/** OpenAI's out-of-credits error: 429 with type and code `insufficient_quota` on /v1. */
export const insufficientQuota = (model: string) =>
  new HttpException(
    {
      message: `You have no credits left for '${model}'. Win a contest award or ask an admin for a grant; see GET /credits/balance.`,
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );

export const idempotencyKeyReused = () =>
  new ConflictException('This Idempotency-Key was already used for a different ledger entry');

export const wouldOverdraw = (balance: number, amount: number) =>
  new ConflictException(
    `An adjustment of ${amount} credits would leave a negative balance (the balance is ${balance} credits)`,
  );
