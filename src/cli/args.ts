import { UserError } from '../util/user-error.js';

export function parseRatio(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new UserError(`${flag} must be a number from 0 to 1 (0.01 is 1%); got \`${value}\`.`);
  return n;
}

export function parsePositiveInt(value: string, flag: string): number {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n <= 0)
    throw new UserError(`${flag} must be a whole number above 0; got \`${value}\`.`);
  return n;
}
