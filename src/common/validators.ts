import { registerDecorator, ValidationOptions } from 'class-validator';

/** A string, or an array of at most `maxItems` strings, each at most `maxLength` long (OpenAI's `stop`). */
export function IsStringOrStringArray(maxItems: number, maxLength: number, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isStringOrStringArray',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a string or an array of at most ${maxItems} strings`, ...options },
      validator: {
        validate(value: unknown) {
          const ok = (s: unknown) => typeof s === 'string' && s.length <= maxLength;
          return ok(value) || (Array.isArray(value) && value.length <= maxItems && value.every(ok));
        },
      },
    });
}
