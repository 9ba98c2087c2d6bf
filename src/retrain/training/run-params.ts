import { BadRequestException } from '@nestjs/common';

/** Small checks for run settings: each refusal names `params.<key>`. */
export function refuseUnknown(kind: string, params: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(params).filter((k) => !known.includes(k));
  if (unknown.length) throw new BadRequestException(`params.${unknown[0]} is not a setting of ${kind} runs`);
}

export function intParam(params: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const value = params[name];
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw new BadRequestException(`params.${name} must be an integer from ${min} to ${max}`);
  }
  return value as number;
}

export function numberParam(params: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const value = params[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new BadRequestException(`params.${name} must be a number from ${min} to ${max}`);
  }
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidParam(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !UUID.test(value)) throw new BadRequestException(`params.${name} must be a UUID`);
  return value;
}
