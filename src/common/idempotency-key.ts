import { BadRequestException } from '@nestjs/common';

/** Checks an optional `Idempotency-Key` header: visible ASCII, 1 to `maxLength` characters. */
export function checkIdempotencyKey(key: string | undefined, maxLength = 200): string | undefined {
  if (key !== undefined && !new RegExp(`^[\\x21-\\x7e]{1,${maxLength}}$`).test(key)) {
    throw new BadRequestException(`Idempotency-Key must be 1 to ${maxLength} visible ASCII characters`);
  }
  return key;
}
