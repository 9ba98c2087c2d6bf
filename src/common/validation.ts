import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

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

/** The path of the first invalid field, e.g. `messages.0.content` (OpenAI errors name it as `param`). */
function firstInvalidPath(errors: ValidationError[], parent = ''): string | null {
  const first = errors[0];
  if (!first) return parent || null;
  const path = parent ? `${parent}.${first.property}` : first.property;
  return first.constraints ? path : firstInvalidPath(first.children ?? [], path);
}

/** How every request body and query is checked: unknown fields refused, each failed rule named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ message: flattenValidationErrors(errors), param: firstInvalidPath(errors) }),
  });
}
