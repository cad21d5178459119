import { z } from 'zod';
import { profileSchema } from './profile-schema.js';

/** The profile schema as JSON Schema, for editor completion (schema/profile.schema.json is generated from it). */
export function profileJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://safegap.invalid/schema/profile.schema.json',
    title: 'safegap source profile',
    ...z.toJSONSchema(profileSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
